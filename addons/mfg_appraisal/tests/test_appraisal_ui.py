from datetime import date

from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAppraisalTours(HttpCase):
    """An employee's self-assessment, the superior's rating and the HR approval, in the browser."""

    def test_appraisal_in_the_web_client(self):
        env = self.env
        env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False
        hr = new_test_user(
            env, "tour_hr", groups="mfg_appraisal.group_appraisal_hr,hr.group_hr_user"
        )
        boss = new_test_user(env, "tour_boss", groups="mfg_appraisal.group_appraisal_appraiser")
        employee_user = new_test_user(env, "tour_emp", groups="mfg_appraisal.group_appraisal_user")
        job = env["hr.job"].create({"name": "Tour position"})
        boss_employee = env["hr.employee"].create({"name": "Tour Boss", "user_id": boss.id})
        employee = env["hr.employee"].create(
            {
                "name": "Tour Employee",
                "user_id": employee_user.id,
                "parent_id": boss_employee.id,
                "job_id": job.id,
            }
        )
        env["tier.definition"].create(
            {
                "model_id": env["ir.model"]._get("mfg.appraisal").id,
                "review_type": "individual",
                "reviewer_id": hr.id,
                "definition_domain": "[('template_code', '=', 'tour_sheet')]",
            }
        )
        env["mfg.appraisal.template"].create(
            {
                "name": "Tour sheet",
                "code": "tour_sheet",
                "job_ids": [(6, 0, job.ids)],
                "state": "active",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Attitude",
                            "weight": 100,
                            "line_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Initiative",
                                        "weight": 50,
                                        "rule_kind": "direct",
                                        "sequence": 1,
                                    },
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Responsibility",
                                        "weight": 50,
                                        "rule_kind": "direct",
                                        "sequence": 2,
                                    },
                                ),
                            ],
                        },
                    )
                ],
            }
        )
        cycle = (
            env["mfg.appraisal.cycle"]
            .with_user(hr)
            .create(
                {
                    "name": "Tour cycle",
                    "kind": "irregular",
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 3, 31),
                    "job_ids": [(6, 0, job.ids)],
                }
            )
        )
        cycle.with_user(hr).action_launch()
        appraisal = cycle.appraisal_ids
        self.assertEqual(appraisal.employee_id, employee)

        self.start_tour("/odoo", "mfg_appraisal_self_assessment_tour", login="tour_emp")
        self.assertEqual(appraisal.state, "rating")
        self.assertIn("trained two new operators", appraisal.self_report)

        self.start_tour(
            "/odoo/action-mfg_appraisal.mfg_appraisal_rater_action_todo",
            "mfg_appraisal_rating_tour",
            login="tour_boss",
        )
        self.assertEqual(appraisal.state, "review")
        self.assertAlmostEqual(appraisal.total_score, 85.0, 2)  # (80 + 90) / 2

        self.start_tour(
            "/odoo/action-mfg_appraisal.mfg_appraisal_action",
            "mfg_appraisal_approval_tour",
            login="tour_hr",
        )
        self.assertEqual(appraisal.state, "published")
        self.assertEqual(appraisal.grade, "excellent")
