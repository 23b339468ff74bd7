# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.addons.mfg_kpi.tests.common import ProviderCase
from odoo.fields import Command
from odoo.tests import new_test_user

Q1_DAY = date(2026, 2, 10)
NOW = "2026-04-10 12:00:00"
# Answer levels of the shipped surveys: points of each level, best first.
LEVELS = (100, 75, 50, 25, 0)


class SurveyKpiCase(ProviderCase):
    """A plant of its own (UTC) with two teams.

    ======================  ===========================  ==================================
    person                  position, team               user
    ======================  ===========================  ==================================
    Boss (S)                manager                      ``user_boss``
    Tech 1, Tech 2 (T1, T2) technician, team A; S leads  none (work contacts)
    Leader 1-3 (L1-L3)      team leader, team A          ``user_l1`` … ``user_l3``
    Operator 1-4 (O1-O4)    operator, team A             none
    Operator 5 (O5)         operator, team B             none
    ======================  ===========================  ==================================
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                no_reset_password=True,
            )
        )
        cls.plant = cls.env["res.company"].create({"name": "Survey Test Plant"})
        cls.plant.resource_calendar_id.tz = "UTC"
        cls.env = cls.env(context=dict(cls.env.context, allowed_company_ids=[cls.plant.id]))
        Job, Department = cls.env["hr.job"], cls.env["hr.department"]
        cls.job_tech, cls.job_leader, cls.job_operator, cls.job_boss = Job.create(
            [
                {"name": f"Survey test {name}", "company_id": cls.plant.id}
                for name in ("technician", "leader", "operator", "manager")
            ]
        )
        cls.team_a, cls.team_b = Department.create(
            [{"name": name, "company_id": cls.plant.id} for name in ("Team A", "Team B")]
        )

        def user(login, groups="base.group_user"):
            return new_test_user(
                cls.env,
                login,
                groups=groups,
                company_id=cls.plant.id,
                company_ids=[Command.set(cls.plant.ids)],
                name=login.replace("_", " ").title(),
                email=f"{login}@example.com",
            )

        cls.user_boss = user("srv_boss")
        cls.user_l1, cls.user_l2, cls.user_l3 = (user(f"srv_l{i}") for i in (1, 2, 3))
        cls.user_manager = user("srv_manager", "base.group_user,mfg_kpi.group_kpi_manager")
        cls.user_kpi = user("srv_kpi_user", "base.group_user,mfg_kpi.group_kpi_user")
        cls.boss = cls._employee("Boss", cls.job_boss, user=cls.user_boss)
        cls.t1 = cls._employee("Tech 1", cls.job_tech, cls.team_a, parent=cls.boss)
        cls.t2 = cls._employee("Tech 2", cls.job_tech, cls.team_a, parent=cls.boss)
        cls.l1, cls.l2, cls.l3 = (
            cls._employee(f"Leader {i}", cls.job_leader, cls.team_a, user=u)
            for i, u in ((1, cls.user_l1), (2, cls.user_l2), (3, cls.user_l3))
        )
        cls.operators = [
            cls._employee(f"Operator {i}", cls.job_operator, cls.team_a) for i in (1, 2, 3, 4)
        ]
        cls.o5 = cls._employee("Operator 5", cls.job_operator, cls.team_b)
        cls.quarter = cls.env["mfg.kpi.period"]._get_or_create("quarter", Q1_DAY, cls.plant)

    @classmethod
    def _employee(cls, name, job, department=None, user=None, parent=None):
        return cls.env["hr.employee"].create(
            {
                "name": name,
                "company_id": cls.plant.id,
                "job_id": job.id,
                "department_id": department.id if department else False,
                "user_id": user.id if user else False,
                "parent_id": parent.id if parent else False,
                "work_email": f"{name.lower().replace(' ', '.')}@example.com",
            }
        )

    @classmethod
    def _rule(cls, code, survey_xmlid, **vals):
        return cls.env["mfg.kpi.survey.rule"].create(
            {
                "name": f"Test {code}",
                "company_id": cls.plant.id,
                "kpi_id": cls.env["mfg.kpi"].search([("code", "=", code)]).id,
                "survey_id": cls.env.ref(f"mfg_kpi_survey.{survey_xmlid}").id,
                **vals,
            }
        )

    @classmethod
    def _launch(cls, rule, period=None):
        campaign = cls.env["mfg.kpi.survey.campaign"].create(
            {"rule_id": rule.id, "period_id": (period or cls.quarter).id}
        )
        campaign.with_user(cls.user_manager).action_launch()
        return campaign

    @classmethod
    def _answer(cls, answer, *points):
        """Answer each question of ``answer``'s survey with the level worth ``points`` (one per
        question, in order), as the survey's public page does (sudo, by token)."""
        answer = answer.sudo()
        questions = answer.survey_id.question_ids.sorted("sequence")
        for question, value in zip(questions, points, strict=True):
            choice = question.suggested_answer_ids.filtered(lambda a, v=value: a.answer_score == v)
            answer._save_lines(question, choice.id)
        answer._mark_done()

    @staticmethod
    def _of(campaign, respondent, subject=None):
        """The answer of ``campaign`` by ``respondent`` (an employee or a partner) about
        ``subject`` (an employee or a department)."""
        partner = getattr(respondent, "work_contact_id", respondent)
        if getattr(respondent, "user_id", False):
            partner = respondent.user_id.partner_id
        answers = campaign.sudo().answer_ids.filtered(lambda a: a.partner_id == partner)
        if subject is not None:
            answers = answers.filtered(
                lambda a: subject in (a.mfg_subject_employee_id, a.mfg_subject_department_id)
            )
        return answers
