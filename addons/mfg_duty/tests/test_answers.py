# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MARCH_1, DutyCommon


@tagged("post_install", "-at_install")
class TestAnswers(DutyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        runs = cls._generate(MARCH_1, MARCH_1)
        cls.run_a = runs.filtered(lambda r: r.employee_id == cls.emp_a and r.frequency == "daily")
        cls.guards, cls.photo = cls.run_a.item_ids.sorted("sequence")

    def test_progress_and_state(self):
        run = self.run_a.with_user(self.user_a)
        self.assertEqual(run.state, "todo")
        run.item_ids.filtered(lambda i: i.line_id == self.line_guards).action_mark_done()
        self.assertEqual(run.state, "in_progress")
        self.assertEqual(run.completion_rate, 50.0)
        self.assertEqual(self.guards.checked_by_id, self.user_a)
        self.assertTrue(self.guards.checked_date)
        self.photo.with_user(self.user_a).action_mark_na()
        self.assertEqual(run.state, "done")
        self.assertEqual(run.completion_rate, 100.0)
        self.assertEqual((run.item_count, run.checked_count, run.problem_count), (2, 2, 0))
        self.assertTrue(run.date_done)
        self.photo.with_user(self.user_a).action_reset()
        self.assertEqual(run.state, "in_progress")
        self.assertFalse(run.date_done)
        self.assertFalse(self.photo.checked_by_id)

    def test_evidence_required(self):
        photo = self.photo.with_user(self.user_a)
        with self.assertRaisesText(ValidationError, "Attach a photo"):
            photo.action_mark_done()
        text = self.env["ir.attachment"].create(
            {"name": "note.txt", "raw": b"hello", "res_model": photo._name, "res_id": photo.id}
        )
        photo.attachment_ids = text
        with self.assertRaisesText(ValidationError, "Attach a photo"):
            photo.action_mark_done()
        photo.attachment_ids = self._image(photo)
        photo.action_mark_done()
        self.assertEqual(photo.result, "done")
        # Removing the evidence of a done item is refused too.
        with self.assertRaises(ValidationError):
            photo.attachment_ids = False

    def test_evidence_kinds(self):
        self.line_guards.evidence = "attachment"
        guards = self.guards.with_user(self.user_a)
        with self.assertRaisesText(ValidationError, "Attach a file"):
            guards.action_mark_done()
        self.line_guards.evidence = "record"
        with self.assertRaisesText(ValidationError, "Link the record"):
            guards.action_mark_done()
        guards.write({"evidence_ref": f"res.partner,{self.user_a.partner_id.id}", "result": "done"})
        self.assertEqual(guards.result, "done")
        # Not applicable needs no evidence.
        self.photo.with_user(self.user_a).action_mark_na()

    def test_problem_needs_note_and_raises_followup(self):
        photo = self.photo.with_user(self.user_a)
        action = photo.action_mark_problem()
        self.assertEqual(action["res_id"], photo.id)
        self.assertEqual(photo.result, "pending")
        with self.assertRaisesText(ValidationError, "Describe the problem"):
            photo.result = "problem"
        photo.note = "Burr on the edge"
        photo.action_mark_problem()
        self.assertEqual(photo.result, "problem")
        self.assertEqual(self.run_a.problem_count, 1)

        self.assertIn("activity", dict(photo._get_followup_kinds()))
        with self.assertRaises(UserError):
            photo._create_followup("no_such_kind")
        photo.followup_kind = "activity"
        photo.action_raise_followup()
        activity = self.run_a.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("mfg_duty.mail_activity_type_duty_problem")
        )
        self.assertEqual(activity.user_id, self.user_leader)
        self.assertEqual(activity.summary, "First piece photo")
        self.assertIn("Burr on the edge", str(activity.note))
        self.assertTrue(photo.followup_date)
        self.assertEqual(photo.followup_status, "Activity scheduled")
        with self.assertRaisesText(UserError, "already raised"):
            photo._create_followup("activity")

    def test_followup_needs_problem_and_superior(self):
        guards = self.guards.with_user(self.user_a)
        with self.assertRaisesText(UserError, "Only a problem"):
            guards._create_followup("activity")
        run_d = self.Run.search(
            [("employee_id", "=", self.emp_d.id), ("template_id", "=", self.template.id)], limit=1
        )
        item_d = run_d.item_ids[:1].with_user(self.user_d)
        item_d.write({"note": "Loose guard", "result": "problem"})
        with self.assertRaisesText(UserError, "no superior"):
            item_d._create_followup("activity")

    def test_employee_only_answers(self):
        guards = self.guards.with_user(self.user_a)
        with self.assertRaises(AccessError):
            guards.write({"sequence": 99})
        with self.assertRaises(AccessError):
            self.run_a.with_user(self.user_a).write({"deadline": MARCH_1.replace(day=20)})
        # Answering through the checklist (as the form does) is allowed.
        self.run_a.with_user(self.user_a).write(
            {"item_ids": [(1, self.guards.id, {"result": "done", "note": "OK"})]}
        )
        self.assertEqual(self.guards.result, "done")
        # Managers may change the checklist itself.
        self.run_a.with_user(self.user_manager).deadline = MARCH_1.replace(day=2)
        self.assertEqual(self.run_a.deadline.day, 2)

    def test_chatter_for_readers(self):
        """The employee and the superior comment on a checklist they may read."""
        self.run_a.with_user(self.user_a).message_post(body="Machine 3 was stopped")
        self.run_a.with_user(self.user_leader).message_post(body="Noted")
        self.assertEqual(len(self.run_a.message_ids.filtered(lambda m: m.body)), 2)
