# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common import KioskCase


class KioskSheetCase(KioskCase):
    """``cycle``: an irregular appraisal of the operators on ``sheet``: performance 70 % (a
    linear and an occurrence line the team leader fills in) and attitude 30 % (two directly
    rated items, self 30 % / superior 70 %; "Work attitude" has described levels). Launched:
    every appraisal is in self-assessment; ``op_a`` and ``op_b`` have no user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader.barcode = "KIOSKL0001"
        cls.user_leader.group_ids += cls.env.ref("mfg_appraisal.group_appraisal_appraiser")
        cls.user_op.group_ids += cls.env.ref("mfg_appraisal.group_appraisal_user")
        cls.sheet = cls.env["mfg.appraisal.template"].create(
            {
                "name": "Kiosk operator sheet",
                "code": "kiosk_operator",
                "state": "active",
                "cycle_kind_ids": [(6, 0, cls.env.ref("mfg_appraisal.cycle_kind_irregular").ids)],
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Performance",
                            "sequence": 1,
                            "weight": 70,
                            "line_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Task completion",
                                        "sequence": 1,
                                        "weight": 60,
                                        "rule_kind": "linear",
                                        "direction": "higher",
                                        "target": 95,
                                        "step": 1,
                                        "deduction": 5,
                                    },
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Procedure violations",
                                        "sequence": 2,
                                        "weight": 40,
                                        "rule_kind": "occurrence",
                                        "direction": "zero",
                                        "deduction": 10,
                                    },
                                ),
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Attitude and ability",
                            "sequence": 2,
                            "weight": 30,
                            "rater_ids": [
                                (0, 0, {"role": "self", "weight": 30}),
                                (0, 0, {"role": "superior", "weight": 70}),
                            ],
                            "line_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Work attitude",
                                        "sequence": 3,
                                        "weight": 50,
                                        "rule_kind": "direct",
                                        "level_ids": [
                                            (
                                                0,
                                                0,
                                                {
                                                    "sequence": 1,
                                                    "name": "Very active, very responsible",
                                                    "score_min": 91,
                                                    "score_max": 100,
                                                },
                                            ),
                                            (
                                                0,
                                                0,
                                                {
                                                    "sequence": 2,
                                                    "name": "Not active enough",
                                                    "score_min": 0,
                                                    "score_max": 90,
                                                },
                                            ),
                                        ],
                                    },
                                ),
                                (
                                    0,
                                    0,
                                    {
                                        "name": "Communication",
                                        "sequence": 4,
                                        "weight": 50,
                                        "rule_kind": "direct",
                                    },
                                ),
                            ],
                        },
                    ),
                ],
            }
        )
        today = fields.Date.context_today(cls.op_a.with_context(tz="UTC"))
        cls.cycle = cls.env["mfg.appraisal.cycle"].create(
            {
                "name": "Kiosk sheet cycle",
                "kind": "irregular",
                "company_id": cls.company.id,
                "date_start": today - timedelta(days=20),
                "date_end": today + timedelta(days=10),
                "job_ids": [(6, 0, cls.job.ids)],
                # The leader's team; operators without a login self-assess at the kiosk.
                "department_ids": [(6, 0, cls.team.ids)],
                "allow_without_login": True,
                "template_id": cls.sheet.id,
            }
        )
        cls.cycle.action_launch()
        appraisals = cls.cycle.appraisal_ids
        cls.appraisal_a = appraisals.filtered(lambda a: a.employee_id == cls.op_a)
        cls.appraisal_b = appraisals.filtered(lambda a: a.employee_id == cls.op_b)
        cls.appraisal_u = appraisals.filtered(lambda a: a.employee_id == cls.op_user)
        cls.self_a = cls.appraisal_a.rater_ids.filtered(lambda r: r.role == "self")
        cls.self_b = cls.appraisal_b.rater_ids.filtered(lambda r: r.role == "self")

    def self_scores(self, task, *scores):
        return [
            {"id": line["id"], "score": score}
            for line, score in zip(task["lines"], scores, strict=True)
        ]


@tagged("post_install", "-at_install")
class TestKioskSelfAssessment(KioskSheetCase):
    def test_launch_creates_the_self_entry_of_an_employee_without_user(self):
        self.assertEqual(self.appraisal_a.state, "self_assessment")
        self.assertEqual(len(self.self_a), 1)
        self.assertFalse(self.self_a.user_id)
        self.assertEqual(self.self_a.rater_employee_id, self.op_a)
        self.assertEqual(
            self.self_a.rating_ids.line_id.mapped("name"), ["Work attitude", "Communication"]
        )
        self_u = self.appraisal_u.rater_ids.filtered(lambda r: r.role == "self")
        self.assertEqual((self_u.user_id, self_u.rater_employee_id), (self.user_op, self.op_a[:0]))

    def test_self_assessment_without_user(self):
        session = self.sign_in(badge="KIOSKA0001")
        tasks = self.kiosk("rating_tasks", token=self.token, session=session)
        self.assertEqual([task["id"] for task in tasks], self.self_a.ids)
        task = tasks[0]
        self.assertEqual(task["role"], "self")
        self.assertEqual(
            [line["name"] for line in task["lines"]], ["Work attitude", "Communication"]
        )
        self.assertEqual(
            task["lines"][0]["levels"],
            [
                {"name": "Very active, very responsible", "min": 91, "max": 100},
                {"name": "Not active enough", "min": 0, "max": 90},
            ],
        )
        self.assertEqual(task["lines"][1]["levels"], [])
        # Save one score and the self-report first.
        self.kiosk(
            "rate",
            token=self.token,
            session=session,
            rater_id=self.self_a.id,
            scores=self.self_scores(task, 95, None),
            self_report="Kept the press running\nTrained a new colleague",
        )
        self.assertEqual(self.self_a.state, "todo")
        self.assertEqual(self.appraisal_a.state, "self_assessment")
        self.assertIn("Trained a new colleague", self.appraisal_a.self_report)
        # Submitting with a line unscored: refused, still open.
        self.refused_kiosk(
            "rate",
            kinds=("UserError",),
            token=self.token,
            session=session,
            rater_id=self.self_a.id,
            scores=[],
            submit=True,
        )
        self.assertEqual(self.self_a.state, "todo")
        self.kiosk(
            "rate",
            token=self.token,
            session=session,
            rater_id=self.self_a.id,
            scores=self.self_scores(task, 95, 85),
            submit=True,
        )
        self.assertEqual(self.self_a.state, "submitted")
        self.assertEqual(
            self.self_a.rating_ids.sorted(lambda r: r.line_id.sequence).mapped("score"), [95, 85]
        )
        self.assertEqual(self.appraisal_a.state, "rating")
        # Recorded as the employee, with the kiosk session (workshop, time) as evidence.
        message = self.appraisal_a.message_ids.filtered(
            lambda m: "submitted their self-assessment" in (m.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.op_a.work_contact_id)
        self.assertIn("Kiosk Workshop", message.body)
        self.assertIn("Badge", message.body)
        # Nothing left to self-assess; the step is closed for the kiosk too.
        self.assertEqual(self.kiosk("rating_tasks", token=self.token, session=session), [])
        self.refused_kiosk(
            "rate",
            kinds=("AccessError",),
            token=self.token,
            session=session,
            rater_id=self.self_a.id,
            scores=self.self_scores(task, 10, 10),
        )
        self.assertEqual(
            self.self_a.rating_ids.sorted(lambda r: r.line_id.sequence).mapped("score"), [95, 85]
        )

    def test_refusals_write_nothing(self):
        session = self.sign_in(badge="KIOSKA0001")
        ratings = self.self_a.rating_ids | self.self_b.rating_ids
        before = self.snapshot(ratings)
        appraisals_before = self.snapshot(
            self.appraisal_a | self.appraisal_b, ["state", "self_report"]
        )
        line = self.self_a.rating_ids[0]
        # Another employee's appraisal id (also without a user): refused.
        for rater_id in (self.self_b.id, 0, -1, 10**9, True, "1"):
            self.refused_kiosk(
                "rate",
                kinds=("AccessError",),
                token=self.token,
                session=session,
                rater_id=rater_id,
                scores=[],
                submit=True,
                self_report="Not mine",
            )
        # A rating row of another entry through one's own.
        self.refused_kiosk(
            "rate",
            kinds=("AccessError",),
            token=self.token,
            session=session,
            rater_id=self.self_a.id,
            scores=[{"id": self.self_b.rating_ids[0].id, "score": 10}],
        )
        # Out of range, not a number, a bad self-report: refused, all or nothing.
        self.refused_kiosk(
            "rate",
            kinds=("ValidationError",),
            token=self.token,
            session=session,
            rater_id=self.self_a.id,
            scores=[{"id": line.id, "score": 150}],
            self_report="Half written",
        )
        self.refused_kiosk(
            "rate",
            kinds=("UserError",),
            token=self.token,
            session=session,
            rater_id=self.self_a.id,
            scores=[{"id": line.id, "score": "90"}],
        )
        self.refused_kiosk(
            "rate",
            kinds=("UserError",),
            token=self.token,
            session=session,
            rater_id=self.self_a.id,
            scores=[],
            self_report=["not", "text"],
        )
        # Without a session or with another kiosk's: refused.
        self.refused_kiosk(
            "rate",
            kinds=("AccessDenied",),
            token=self.other_token,
            session=session,
            rater_id=self.self_a.id,
            scores=[{"id": line.id, "score": 90}],
        )
        self.assertEqual(self.snapshot(ratings), before)
        self.assertEqual(
            self.snapshot(self.appraisal_a | self.appraisal_b, ["state", "self_report"]),
            appraisals_before,
        )
        self.assertEqual((self.self_a | self.self_b).mapped("state"), ["todo", "todo"])

    def test_backend_user_cannot_act_as_the_employee(self):
        """The kiosk's acting employee is never read from the context: a backend user (here
        the appraisee's team leader and a colleague) sending one through RPC is refused, and
        the appraisal's entry points for a kiosk employee are private."""
        forged = {
            "mfg_kiosk_employee_id": self.op_a.id,
            "kiosk_employee_id": self.op_a.id,
            "mfg_shopfloor_session": 1,
        }
        ratings = self.self_a.rating_ids
        before = self.snapshot(ratings)
        for user in (self.user_leader, self.user_op):
            self.refused(
                user,
                "mfg.appraisal.rating",
                "write",
                ratings.ids,
                {"score": 55},
                context=forged,
            )
            self.refused(
                user, "mfg.appraisal.rater", "action_submit", self.self_a.ids, context=forged
            )
            self.refused(
                user,
                "mfg.appraisal",
                "write",
                self.appraisal_a.ids,
                {"self_report": "<p>Forged</p>"},
                context=forged,
            )
            self.refused(
                user, "mfg.appraisal", "action_submit_self", self.appraisal_a.ids, context=forged
            )
            self.refused(
                user,
                "mfg.appraisal.rater",
                "_employee_rate",
                self.self_a.ids,
                self.op_a.id,
                {str(ratings[0].id): 55},
                "forged",
            )
            self.refused(
                user,
                "mfg.appraisal",
                "_employee_self_assessment",
                self.appraisal_a.ids,
                self.op_a.id,
                "forged",
                submit=True,
            )
        self.assertEqual(self.snapshot(ratings), before)
        self.assertEqual(self.appraisal_a.state, "self_assessment")
        self.assertFalse(self.appraisal_a.self_report)
        self.assertEqual(self.self_a.state, "todo")

    def test_hr_closes_the_step_of_an_unscored_kiosk_entry(self):
        """HR may still close the self-assessment step of an employee without a user who did
        not self-assess: their entry stays open and does not count."""
        self.appraisal_b.action_submit_self()
        self.assertEqual(self.appraisal_b.state, "rating")
        self.assertEqual(self.self_b.state, "todo")
        self.assertFalse(self.self_b.rating_ids.filtered("score_set"))

    def test_migration_creates_the_missing_self_entries(self):
        self.self_b.rating_ids.sudo().unlink()
        self.self_b.sudo().unlink()
        path = file_path("mfg_appraisal/migrations/19.0.1.4.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("mfg_appraisal_post_migrate_1_3", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "19.0.1.2.0")
        self.env.invalidate_all()
        entry = self.appraisal_b.rater_ids.filtered(lambda r: r.role == "self")
        self.assertEqual(entry.rater_employee_id, self.op_b)
        self.assertEqual(len(entry.rating_ids), 2)
        # The others were not touched: one self entry each.
        self.assertEqual(len(self.appraisal_a.rater_ids.filtered(lambda r: r.role == "self")), 1)
