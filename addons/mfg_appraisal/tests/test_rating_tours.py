from datetime import date

from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.tests import new_test_user, tagged


@tagged("post_install", "-at_install")
class TestRatingTours(RpcCase):
    """In the browser: the rater's flow with a 0 occurrence line, HR's bulk publication; and
    HR's bulk actions refused to everybody else through the external API."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False
        cls.hr = new_test_user(
            env, "zero_hr", groups="mfg_appraisal.group_appraisal_hr,hr.group_hr_user"
        )
        cls.boss = new_test_user(env, "zero_boss", groups="mfg_appraisal.group_appraisal_appraiser")
        boss_employee = env["hr.employee"].create({"name": "Zero Boss", "user_id": cls.boss.id})
        cls.job = env["hr.job"].create({"name": "Zero position"})
        cls.users = env["res.users"]
        for login, name in (
            ("zero_emp", "Zero Employee"),
            ("bulk_one", "Bulk One"),
            ("bulk_two", "Bulk Two"),
        ):
            user = new_test_user(env, login, groups="mfg_appraisal.group_appraisal_user")
            env["hr.employee"].create(
                {
                    "name": name,
                    "user_id": user.id,
                    "parent_id": boss_employee.id,
                    "job_id": cls.job.id,
                }
            )
            cls.users |= user
        env["mfg.appraisal.template"].create(
            {
                "name": "Zero sheet",
                "code": "zero_sheet",
                "job_ids": [(6, 0, cls.job.ids)],
                "state": "active",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Performance",
                            "sequence": 1,
                            "weight": 60,
                            "line_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Procedure errors",
                                        "weight": 100,
                                        "rule_kind": "occurrence",
                                        "direction": "zero",
                                        "deduction": 10.0,
                                    },
                                )
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Attitude",
                            "sequence": 2,
                            "weight": 40,
                            "line_ids": [
                                (0, 0, {"name": "Initiative", "weight": 100, "rule_kind": "direct"})
                            ],
                        },
                    ),
                ],
            }
        )

    def _cycle(self, name, users):
        cycle = (
            self.env["mfg.appraisal.cycle"]
            .with_user(self.hr)
            .create(
                {
                    "name": name,
                    "kind": "irregular",
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 3, 31),
                    "job_ids": [(6, 0, self.job.ids)],
                }
            )
        )
        cycle.with_user(self.hr).action_launch()
        appraisals = cycle.appraisal_ids.filtered(lambda a: a.employee_user_id in users)
        (cycle.appraisal_ids - appraisals).with_user(self.hr).action_cancel()
        for appraisal in appraisals:
            user = appraisal.employee_user_id
            appraisal.rater_ids.filtered(lambda r: r.role == "self").rating_ids.with_user(
                user
            ).write({"score": 90.0})
            appraisal.with_user(user).action_submit_self()
        return appraisals

    def test_rater_zero_occurrence_tour(self):
        appraisal = self._cycle("Zero cycle", self.users[:1])
        self.assertEqual(appraisal.state, "rating")
        line = appraisal.line_ids.filtered(lambda ln: ln.rule_kind == "occurrence")
        self.assertFalse(line.actual_set)
        self.start_tour(
            "/odoo/action-mfg_appraisal.mfg_appraisal_rater_action_todo",
            "mfg_appraisal_zero_occurrence_tour",
            login="zero_boss",
        )
        self.assertTrue(line.actual_set)
        self.assertEqual(line.occurrences, 0)
        self.assertEqual(line.score, 100.0)
        self.assertEqual(appraisal.state, "review")
        # 60% x 100 + 40% x 80 (the section weights no self-rating: the superior's score)
        self.assertAlmostEqual(appraisal.total_score, 92.0, 2)

    def _to_review(self, appraisals):
        for appraisal in appraisals:
            appraisal.line_ids.filtered(lambda ln: ln.rule_kind == "occurrence").with_user(
                self.boss
            ).occurrences_input = "1"
            superior = appraisal.rater_ids.filtered(lambda r: r.user_id == self.boss)
            superior.rating_ids.with_user(self.boss).write({"score": 70.0})
        appraisals.with_user(self.boss).action_submit_rating()
        return appraisals

    def test_hr_bulk_publish_tour(self):
        appraisals = self._to_review(self._cycle("Bulk cycle", self.users[1:]))
        self.assertEqual(set(appraisals.mapped("state")), {"review"})
        self.start_tour(
            "/odoo/action-mfg_appraisal.mfg_appraisal_action",
            "mfg_appraisal_bulk_publish_tour",
            login="zero_hr",
        )
        self.assertEqual(set(appraisals.mapped("state")), {"published"})
        # 60% x 90 (1 occurrence) + 40% x 70 (the superior's score) = 54 + 28
        self.assertEqual(set(appraisals.mapped("final_score")), {82.0})

    def test_bulk_actions_refused_to_others(self):
        """An appraisee or an appraiser calling HR's list actions through the API is refused
        and nothing changes."""
        appraisals = self._cycle("Refused cycle", self.users)
        ids = appraisals.ids
        employee = self.users[0]
        for user in (employee, self.boss):
            for method, args in (
                ("action_submit_on_behalf", ["I want it done"]),
                ("action_remind", []),
                ("action_publish", []),
            ):
                with self.subTest(user=user.login, method=method):
                    before = self.snapshot(appraisals)
                    messages = appraisals.message_ids.ids
                    error = self.refused(user, "mfg.appraisal", method, ids, *args)
                    self.assertTrue(error.message)
                    appraisals.invalidate_recordset()
                    self.assertEqual(self.snapshot(appraisals), before)
                    self.assertEqual(appraisals.message_ids.ids, messages)
            with self.subTest(user=user.login, method="wizard"):
                self.refused(
                    user,
                    "mfg.appraisal.on.behalf.wizard",
                    "create",
                    {"reason": "x", "appraisal_ids": [(6, 0, ids)]},
                )
        self.assertEqual(set(appraisals.mapped("state")), {"rating"})
        # HR may, through the same API.
        self.rpc(self.hr, "mfg.appraisal", "action_remind", ids)
        self.assertTrue(
            appraisals.message_ids.filtered(lambda m: "Reminder sent by" in (m.body or ""))
        )
