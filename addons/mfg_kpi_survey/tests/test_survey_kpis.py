# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Satisfaction scores from answered campaigns; values by hand."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import NOW, SurveyKpiCase

TECH = "TECHNICAL_SERVICE_SATISFACTION"
EMPLOYEE = "EMPLOYEE_SATISFACTION"
EMERGENCY = "EMERGENCY_HANDLING_SATISFACTION"


@tagged("post_install", "-at_install")
class TestSurveyKpis(SurveyKpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Technical service: the three leaders rate both technicians; at least 2 answers.
        cls.rule_tech = cls._rule(
            TECH,
            "survey_technical_service_satisfaction",
            subject_type="employee",
            respondents="positions",
            subject_job_ids=[(6, 0, cls.job_tech.ids)],
            respondent_job_ids=[(6, 0, cls.job_leader.ids)],
            min_responses=2,
        )
        cls.tech = cls._launch(cls.rule_tech)
        # T1: L1 100/100/75 → 275 ÷ 300 = 91.67 %; L2 75/75/50 → 66.67 %; L3 does not answer.
        cls._answer(cls._of(cls.tech, cls.l1, cls.t1), 100, 100, 75)
        cls._answer(cls._of(cls.tech, cls.l2, cls.t1), 75, 75, 50)
        # T2: only L1 answers (50 %): below the minimum of 2.
        cls._answer(cls._of(cls.tech, cls.l1, cls.t2), 50, 50, 50)

        # Employee satisfaction: the operators rate their own team; at least 3 answers.
        cls.rule_employee = cls._rule(
            EMPLOYEE,
            "survey_employee_satisfaction",
            subject_type="department",
            respondents="members",
            respondent_job_ids=[(6, 0, cls.job_operator.ids)],
            min_responses=3,
        )
        cls.employee = cls._launch(cls.rule_employee)
        o1, o2, o3, _o4 = cls.operators
        cls._answer(cls._of(cls.employee, o1), 100, 100, 100)
        cls._answer(cls._of(cls.employee, o2), 75, 75, 75)
        cls._answer(cls._of(cls.employee, o3), 50, 50, 50)
        cls._answer(cls._of(cls.employee, cls.o5), 100, 100, 100)

        # Emergency handling: the superior rates each technician; one answer is enough.
        cls.rule_emergency = cls._rule(
            EMERGENCY,
            "survey_emergency_handling_satisfaction",
            subject_type="employee",
            respondents="superior",
            subject_job_ids=[(6, 0, cls.job_tech.ids)],
            min_responses=1,
        )
        cls.emergency = cls._launch(cls.rule_emergency)
        cls._answer(cls._of(cls.emergency, cls.boss, cls.t1), 75, 75, 25)

    def _values(self, code, period=None):
        with freeze_time(NOW):
            values = self.compute(code, period or self.quarter)
        return {
            value.employee_id or value.department_id or value.subject_type: value
            for value in values
        }

    def _drill(self, value):
        return self.env[value.drill_model].search(value._drill_domain())

    def test_invitations(self):
        # 2 technicians × 3 leaders; 5 operators about their team; 2 technicians by the boss.
        self.assertEqual((self.tech.invitation_count, self.employee.invitation_count), (6, 5))
        self.assertEqual(self.emergency.invitation_count, 2)
        self.assertEqual(self.tech.response_count, 3)
        self.assertAlmostEqual(self.tech.response_rate, 50.0)
        self.assertEqual(
            set(self._of(self.employee, self.o5).mapped("mfg_subject_department_id")),
            {self.team_b},
        )
        # Each leader (a user) has one activity on the campaign listing both technicians; L1
        # answered both and has none left, L2 still has one.
        activities = self.env["mail.activity"].search(
            [("res_model", "=", "mfg.kpi.survey.campaign"), ("res_id", "=", self.tech.id)]
        )
        self.assertEqual(activities.user_id, self.user_l2 | self.user_l3)
        self.assertIn("Tech 1", str(activities[0].note))
        self.assertIn("Tech 2", str(activities[0].note))

    def test_technical_service_per_employee_with_minimum(self):
        values = self._values(TECH)
        self.assertEqual(set(values), {self.t1})  # employee KPI; T2 has 1 answer of 2 needed
        self.assertAlmostEqual(values[self.t1].value, (91.67 + 66.67) / 2, places=4)
        self.assertEqual(values[self.t1].denominator, 2)
        self.assertEqual(
            self._drill(values[self.t1]),
            self._of(self.tech, self.l1, self.t1) | self._of(self.tech, self.l2, self.t1),
        )

    def test_employee_satisfaction_per_team_and_company(self):
        # Team A: 100, 75, 50 → 75 (O4 did not answer); team B: one answer (no value);
        # company: 100, 75, 50, 100 → 81.25.
        values = self._values(EMPLOYEE)
        self.assertEqual(set(values), {self.team_a, "company"})
        self.assertAlmostEqual(values[self.team_a].value, 75.0)
        self.assertAlmostEqual(values["company"].value, 81.25)
        self.assertEqual(values["company"].denominator, 4)

    def test_emergency_handling_by_the_superior(self):
        # 75 + 75 + 25 = 175 ÷ 300 = 58.33 %.
        values = self._values(EMERGENCY)
        self.assertEqual(set(values), {self.t1})
        self.assertAlmostEqual(values[self.t1].value, 58.33, places=4)

    def test_campaigns_count_in_the_periods_containing_theirs(self):
        year = self.env["mfg.kpi.period"]._get_or_create("year", date(2026, 6, 1), self.plant)
        self.assertAlmostEqual(self._values(EMERGENCY, year)[self.t1].value, 58.33, places=4)
        march = self.env["mfg.kpi.period"]._get_or_create("month", date(2026, 3, 1), self.plant)
        self.assertFalse(self._values(EMERGENCY, march))

    def test_library_kpis_are_registered(self):
        providers = self.env["mfg.kpi.provider"]._get_providers()
        for code in (
            "TECHNICAL_SERVICE_SATISFACTION",
            "EMPLOYEE_SATISFACTION",
            "TEAM_COLLABORATION_SATISFACTION",
            "SUPPLIER_SATISFACTION",
            "FIVE_S_SATISFACTION",
            "EMERGENCY_HANDLING_SATISFACTION",
        ):
            self.assertEqual(providers[code]["method"], "_provide_survey_satisfaction")

    def test_query_count_is_flat(self):
        january = self.env["mfg.kpi.period"]._get_or_create("month", date(2026, 1, 5), self.plant)

        def grow():
            techs = [
                self._employee(f"Tech {i}", self.job_tech, self.team_b, parent=self.boss)
                for i in range(3, 9)
            ]
            campaign = self._launch(self.rule_tech, january)
            for tech in techs:
                for leader in (self.l1, self.l2, self.l3):
                    self._answer(self._of(campaign, leader, tech), 75, 50, 100)

        with freeze_time(NOW):
            self.assertQueriesFlat([TECH, EMPLOYEE, EMERGENCY], self.quarter, grow)
