# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.addons.mfg_appraisal.tests.common import AppraisalCase
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAppraisalTraining(AppraisalCase):
    """班组人员 第12条3: the team appraisal's training flags propose the enrolment."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False
        cls.user_officer = new_test_user(
            cls.env, "appr_trn_officer", groups="mfg_training.group_training_officer"
        )
        cls.job_operator = cls.env["hr.job"].create({"name": "Operator (training test)"})
        cls.emp.job_id = cls.job_operator
        cls.env["mfg.appraisal.template"].create(
            {
                "name": "Operator (training test)",
                "code": "operator_training_test",
                "job_ids": [Command.set(cls.job_operator.ids)],
                "cycle_kind_ids": [
                    Command.set(
                        [
                            cls.env.ref("mfg_appraisal.cycle_kind_quarterly").id,
                            cls.env.ref("mfg_appraisal.cycle_kind_annual").id,
                        ]
                    )
                ],
                "state": "active",
                "section_ids": [
                    Command.create(
                        {
                            "name": "Performance",
                            "weight": 100,
                            "line_ids": [
                                Command.create(
                                    {
                                        "name": "Task completion rate",
                                        "weight": 100,
                                        "rule_kind": "linear",
                                        "target": 100.0,
                                        "step": 1.0,
                                        "deduction": 2.0,
                                    }
                                )
                            ],
                        }
                    )
                ],
            }
        )
        cls.course = cls.env["hr.course"].create(
            {
                "name": "Basic operating skills",
                "category_id": cls.env.ref("mfg_training.hr_course_category_production").id,
                "mfg_kind": "skill",
            }
        )

    def _publish(self, kind, start, end, actual):
        cycle = self._cycle(
            kind,
            name=f"{kind} {start}",
            date_start=start,
            date_end=end,
            job_ids=[Command.set(self.job_operator.ids)],
            apply_exclusions=False,
            **(
                {"bonus_tier_1": 1000, "bonus_tier_2": 600, "bonus_tier_3": 300}
                if kind == "quarterly"
                else {}
            ),
        )
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        appraisal.with_user(self.user_emp).action_submit_self()
        appraisal.line_ids.with_user(self.user_director).write({"actual_value": actual})
        appraisal.with_user(self.user_director).action_submit_rating()
        cycle.with_user(self.user_hr).action_publish()
        return appraisal

    def test_two_failing_quarters_propose_basic_training_and_date_its_end(self):
        Need = self.env["mfg.training.need"]
        # 70% of the tasks: 100 - 2 x 30 = 40, below 60, two quarters running.
        q1 = self._publish("quarterly", date(2025, 1, 1), date(2025, 3, 31), 70.0)
        self.assertFalse(Need.search([("employee_id", "=", self.emp.id)]), "one quarter only")
        q2 = self._publish("quarterly", date(2025, 4, 1), date(2025, 6, 30), 70.0)
        self.assertTrue(q2.flag_basic_training)
        need = Need.search([("appraisal_id", "=", q2.id)])
        self.assertEqual((need.kind, need.state, need.employee_id), ("basic", "proposed", self.emp))
        self.assertEqual(q2.mfg_training_need_ids, need)
        self.assertFalse(q1.mfg_training_need_ids)
        # Publishing again proposes nothing twice.
        self.env["mfg.training.need"]._mfg_propose(q2)
        self.assertEqual(len(Need.search([("appraisal_id", "=", q2.id)])), 1)
        # Nobody writes proposals by hand.
        with self.assertRaisesRegex(UserError, "appraisal results"):
            Need.with_user(self.user_officer).create({"employee_id": self.emp.id, "kind": "basic"})
        # The officer enrols the employee in a session; its completion dates the training.
        session = (
            self.env["hr.course.schedule"]
            .with_user(self.user_officer)
            .create(
                {
                    "name": "Basic skills, July",
                    "course_id": self.course.id,
                    "mfg_planned_date": date(2025, 7, 10),
                    "start_date": date(2025, 7, 10),
                    "end_date": date(2025, 7, 11),
                    "cost": 0,
                    "authorized_by": self.boss.id,
                }
            )
        )
        need = need.with_user(self.user_officer)
        with self.assertRaisesRegex(UserError, "Choose the session"):
            need.action_enrol()
        need.session_id = session
        need.action_enrol()
        self.assertEqual(need.state, "enrolled")
        self.assertIn(self.emp, session.attendant_ids)
        session.draft2waiting()
        session.waiting2inprogress()
        session.action_mfg_record_results([{"employee_id": self.emp.id, "score": 70}])
        session.inprogress2validation()
        with freeze_time("2025-07-11"):
            session.validation2complete()
        self.assertEqual(need.state, "done")
        self.assertEqual(q2.training_end_date, date(2025, 7, 11))

    def test_annual_score_of_90_proposes_promotion_training(self):
        annual = self._publish("annual", date(2025, 1, 1), date(2025, 12, 31), 100.0)
        self.assertTrue(annual.flag_training)
        need = annual.mfg_training_need_ids
        self.assertEqual((need.kind, need.state), ("promotion", "proposed"))
        # Proposed in bulk: the publisher does not follow it, its chatter starts empty.
        self.assertNotIn(self.user_hr.partner_id, need.message_partner_ids)
        self.assertFalse(need.message_ids)
        # A cleared flag withdraws the proposal still waiting.
        annual.sudo().write({"flag_training": False})
        self.env["mfg.training.need"]._mfg_propose(annual)
        self.assertEqual(need.state, "cancelled")
