# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import KioskCase


class KioskTeamCase(KioskCase):
    """``cycle``: an irregular appraisal of the operators on a sheet of four directly rated
    lines, launched; ``op_a``'s self-assessment step is closed by HR (it has no user), so its
    team leader rates it now."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.leader.barcode = "KIOSKL0001"
        cls.user_leader.group_ids += cls.env.ref("mfg_appraisal.group_appraisal_appraiser")
        cls.user_op.group_ids += cls.env.ref("mfg_appraisal.group_appraisal_user")
        today = fields.Date.context_today(cls.op_a.with_context(tz="UTC"))
        cls.cycle = cls.env["mfg.appraisal.cycle"].create(
            {
                "name": "Kiosk irregular",
                "kind": "irregular",
                "company_id": cls.company.id,
                "date_start": today - timedelta(days=20),
                "date_end": today + timedelta(days=10),
                "job_ids": [(6, 0, cls.job.ids)],
                # The leader's team (the other workshop's operator has no superior); operators
                # without a login self-assess at the kiosk.
                "department_ids": [(6, 0, cls.team.ids)],
                "allow_without_login": True,
                "template_id": cls.env.ref("mfg_appraisal.template_irregular_inspection").id,
            }
        )
        cls.cycle.action_launch()
        appraisals = cls.cycle.appraisal_ids
        cls.appraisal_a = appraisals.filtered(lambda a: a.employee_id == cls.op_a)
        cls.appraisal_b = appraisals.filtered(lambda a: a.employee_id == cls.op_b)
        cls.appraisal_u = appraisals.filtered(lambda a: a.employee_id == cls.op_user)
        cls.appraisal_a.action_submit_self()
        cls.rater_a = cls.appraisal_a.rater_ids.filtered(lambda r: r.user_id == cls.user_leader)
        cls.self_rater_u = cls.appraisal_u.rater_ids.filtered(lambda r: r.role == "self")


@tagged("post_install", "-at_install")
class TestKioskTeam(KioskTeamCase):
    def test_leader_rates_a_team_member(self):
        session = self.sign_in(badge="KIOSKL0001")
        tasks = self.kiosk("rating_tasks", token=self.token, session=session)
        self.assertEqual([task["id"] for task in tasks], self.rater_a.ids)
        lines = tasks[0]["lines"]
        self.assertEqual(len(lines), len(self.rater_a.rating_ids))
        scores = [{"id": line["id"], "score": 80 + index} for index, line in enumerate(lines)]
        # Save first, then submit.
        self.kiosk(
            "rate", token=self.token, session=session, rater_id=self.rater_a.id, scores=scores[:1]
        )
        self.assertEqual(self.rater_a.state, "todo")
        self.kiosk(
            "rate",
            token=self.token,
            session=session,
            rater_id=self.rater_a.id,
            scores=scores,
            submit=True,
        )
        self.assertEqual(self.rater_a.state, "submitted")
        self.assertEqual(
            sorted(self.rater_a.rating_ids.mapped("score")), [80 + i for i in range(len(lines))]
        )
        self.assertTrue(
            any(
                "Kiosk Leader" in (body or "")
                for body in self.appraisal_a.message_ids.mapped("body")
            )
        )
        self.assertEqual(self.kiosk("rating_tasks", token=self.token, session=session), [])

    def test_rating_refusals_write_nothing(self):
        session = self.sign_in(badge="KIOSKL0001")
        line = self.rater_a.rating_ids[0]
        before = self.snapshot(self.rater_a.rating_ids | self.self_rater_u.rating_ids)
        # Out of range: the appraisal refuses it.
        self.refused_kiosk(
            "rate",
            kinds=("ValidationError",),
            token=self.token,
            session=session,
            rater_id=self.rater_a.id,
            scores=[{"id": line.id, "score": 150}],
        )
        # Not a number.
        self.refused_kiosk(
            "rate",
            kinds=("UserError",),
            token=self.token,
            session=session,
            rater_id=self.rater_a.id,
            scores=[{"id": line.id, "score": "90"}],
        )
        # Someone else's rater entry.
        self.refused_kiosk(
            "rate",
            kinds=("AccessError",),
            token=self.token,
            session=session,
            rater_id=self.self_rater_u.id,
            scores=[],
            submit=True,
        )
        # A rating line of another entry through one's own.
        other = self.appraisal_b.rater_ids.rating_ids[:1]
        self.refused_kiosk(
            "rate",
            kinds=("AccessError",),
            token=self.token,
            session=session,
            rater_id=self.rater_a.id,
            scores=[{"id": other.id, "score": 10}],
        )
        # Submitting with lines unscored: the appraisal refuses it.
        self.refused_kiosk(
            "rate",
            kinds=("UserError",),
            token=self.token,
            session=session,
            rater_id=self.rater_a.id,
            scores=[],
            submit=True,
        )
        self.assertEqual(
            self.snapshot(self.rater_a.rating_ids | self.self_rater_u.rating_ids), before
        )
        self.assertEqual(self.rater_a.state, "todo")
        # An operator without a user has nothing to rate and cannot use the leader's entry.
        session_a = self.sign_in(badge="KIOSKA0001")
        self.assertEqual(self.kiosk("rating_tasks", token=self.token, session=session_a), [])
        self.refused_kiosk(
            "rate",
            kinds=("AccessError",),
            token=self.token,
            session=session_a,
            rater_id=self.rater_a.id,
            scores=[{"id": line.id, "score": 10}],
        )
        self.assertEqual(
            self.snapshot(self.rater_a.rating_ids), before[: len(self.rater_a.rating_ids)]
        )

    def test_self_assessment_as_the_employees_user(self):
        session = self.sign_in(badge="KIOSKU0001")
        tasks = self.kiosk("rating_tasks", token=self.token, session=session)
        self.assertEqual([task["id"] for task in tasks], self.self_rater_u.ids)
        self.kiosk(
            "rate",
            token=self.token,
            session=session,
            rater_id=self.self_rater_u.id,
            scores=[],
            submit=True,
        )
        self.assertEqual(self.self_rater_u.state, "submitted")
        self.assertEqual(self.appraisal_u.state, "rating")

    def test_team_overview(self):
        session_a = self.sign_in(badge="KIOSKA0001")
        self.kiosk(
            "answer", token=self.token, session=session_a, item_id=self.items_a[0].id, result="done"
        )
        self.kiosk(
            "problem",
            token=self.token,
            session=session_a,
            item_id=self.items_a[1].id,
            note="Oil leak",
            kind="maintenance",
        )
        session = self.sign_in(badge="KIOSKL0001")
        data = self.kiosk("team", token=self.token, session=session)
        members = {row["id"]: row for row in data["members"]}
        self.assertEqual(set(members), {self.op_a.id, self.op_b.id, self.op_user.id})
        self.assertEqual((members[self.op_a.id]["checked"], members[self.op_a.id]["count"]), (2, 3))
        self.assertEqual(members[self.op_a.id]["rate"], 67)
        self.assertEqual(members[self.op_b.id]["rate"], 0)
        self.assertEqual([row["id"] for row in data["problems"]], self.items_a[1].ids)
        self.assertEqual(
            {row["id"] for row in data["not_self_assessed"]},
            {self.appraisal_b.id, self.appraisal_u.id},
        )
        # An operator leads nobody: an empty team.
        data = self.kiosk("team", token=self.token, session=session_a)
        self.assertEqual(data, {"members": [], "problems": [], "not_self_assessed": []})
