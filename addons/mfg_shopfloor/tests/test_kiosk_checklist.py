# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import KioskCase


@tagged("post_install", "-at_install")
class TestKioskChecklist(KioskCase):
    def test_checklist_is_the_operators_own(self):
        session = self.sign_in(badge="KIOSKA0001")
        data = self.kiosk("checklist", token=self.token, session=session)
        self.assertEqual(len(data["runs"]), 1)
        self.assertEqual([item["id"] for item in data["runs"][0]["items"]], self.items_a.ids)
        self.assertIn("maintenance", [kind["kind"] for kind in data["kinds"]])

    def test_answer_done_and_na(self):
        session = self.sign_in(badge="KIOSKA0001")
        first, second, __ = self.items_a
        self.kiosk("answer", token=self.token, session=session, item_id=first.id, result="done")
        self.kiosk("answer", token=self.token, session=session, item_id=second.id, result="na")
        self.assertEqual(first.result, "done")
        self.assertEqual(second.result, "na")
        self.assertTrue(first.checked_date)
        run = first.run_id
        self.assertEqual(run.checked_count, 2)
        self.assertEqual(run.state, "in_progress")
        # The chatter says who did it, on which kiosk and in which session.
        bodies = run.message_ids.mapped("body")
        self.assertTrue(
            any("Kiosk Operator A" in body and "Kiosk Workshop" in body for body in bodies), bodies
        )
        self.assertIn(self.op_a.work_contact_id, run.message_ids.author_id)
        # Undo.
        self.kiosk("answer", token=self.token, session=session, item_id=first.id, result="pending")
        self.assertEqual(first.result, "pending")

    def test_employee_with_user_acts_as_their_user(self):
        session = self.sign_in(badge="KIOSKU0001")
        item = self.items_user[0]
        self.kiosk("answer", token=self.token, session=session, item_id=item.id, result="done")
        self.assertEqual(item.result, "done")
        self.assertEqual(item.checked_by_id, self.user_op)

    def test_other_employees_items_refused(self):
        session = self.sign_in(badge="KIOSKA0001")
        before = self.snapshot(self.items_b | self.items_user)
        for item in (self.items_b | self.items_user)[:2]:
            self.refused_kiosk(
                "answer",
                kinds=("AccessError",),
                token=self.token,
                session=session,
                item_id=item.id,
                result="done",
            )
            self.refused_kiosk(
                "problem",
                kinds=("AccessError",),
                token=self.token,
                session=session,
                item_id=item.id,
                note="Broken",
                kind="maintenance",
                photo=self.photo(),
            )
        for bad in (0, -1, 10**9, "1", True, None):
            self.refused_kiosk(
                "answer", token=self.token, session=session, item_id=bad, result="done"
            )
        self.assertEqual(self.snapshot(self.items_b | self.items_user), before)
        self.assertFalse(self.env["maintenance.request"].search([("name", "=", "Broken")]))

    def test_no_session_no_answer(self):
        item = self.items_a[0]
        for session in (None, "", "forged-session-token-000000000000"):
            self.refused_kiosk(
                "answer", token=self.token, session=session, item_id=item.id, result="done"
            )
        # A session token with another kiosk's token.
        session = self.sign_in(badge="KIOSKA0001")
        self.refused_kiosk(
            "answer", token=self.other_token, session=session, item_id=item.id, result="done"
        )
        self.assertEqual(item.result, "pending")

    def test_only_answers(self):
        session = self.sign_in(badge="KIOSKA0001")
        item = self.items_a[0]
        self.refused_kiosk(
            "answer",
            kinds=("UserError",),
            token=self.token,
            session=session,
            item_id=item.id,
            result="problem",
        )
        self.assertEqual(item.result, "pending")

    def test_problem_with_photo_raises_maintenance_request(self):
        session = self.sign_in(badge="KIOSKA0001")
        item = self.items_a[2]
        result = self.kiosk(
            "problem",
            token=self.token,
            session=session,
            item_id=item.id,
            note="Guard cracked on press 3\nneeds a new one",
            kind="maintenance",
            photo=self.photo(),
        )
        self.assertEqual(item.result, "problem")
        self.assertEqual(item.note, "Guard cracked on press 3\nneeds a new one")
        self.assertEqual(item.attachment_ids.mimetype, "image/png")
        request = item.followup_ref
        self.assertEqual(request._name, "maintenance.request")
        self.assertEqual(request.name, "Guard cracked on press 3")
        self.assertEqual(request.employee_id, self.op_a)
        self.assertEqual(result["followup"], request.display_name)
        # The request shows who reported it, with the photo.
        message = request.message_ids.filtered(lambda m: "Kiosk Operator A" in (m.body or ""))
        self.assertTrue(message)
        self.assertEqual(message.attachment_ids.mimetype, "image/png")
        # Only once.
        self.refused_kiosk(
            "problem",
            kinds=("UserError",),
            token=self.token,
            session=session,
            item_id=item.id,
            note="Again",
            kind="maintenance",
        )

    def test_bad_problem_writes_nothing(self):
        session = self.sign_in(badge="KIOSKA0001")
        item = self.items_a[0]
        before = self.snapshot(item)
        attachments = self.env["ir.attachment"].search_count([])
        requests = self.env["maintenance.request"].search_count([])
        cases = [
            {"note": "  ", "kind": "maintenance"},
            {"note": "Leak", "kind": "teleport"},
            {"note": "Leak", "kind": "maintenance", "photo": {"name": "x.txt", "data": "aGVsbG8="}},
            {"note": "Leak", "kind": "maintenance", "photo": {"name": "x.png", "data": "!!!"}},
        ]
        for params in cases:
            self.refused_kiosk(
                "problem",
                kinds=("UserError", "ValidationError"),
                token=self.token,
                session=session,
                item_id=item.id,
                **params,
            )
        self.assertEqual(self.snapshot(item), before)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        self.assertEqual(self.env["maintenance.request"].search_count([]), requests)
