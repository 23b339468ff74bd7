# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .common import KioskCase


@tagged("post_install", "-at_install")
class TestKioskIdentify(KioskCase):
    def sessions(self):
        return (
            self.env["mfg.shopfloor.session"]
            .sudo()
            .search_count([("department_id", "in", (self.workshop | self.other_workshop).ids)])
        )

    def test_page_needs_the_kiosk_token(self):
        self.assertEqual(
            self.url_open("/mfg_shopfloor/kiosk/not-a-kiosk-token-at-all").status_code, 404
        )
        response = self.url_open(f"/mfg_shopfloor/kiosk/{self.token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("mfg_kiosk_root", response.text)
        self.assertIn("Kiosk Workshop", response.text)

    def test_wrong_token_refused(self):
        for token in ("", "short", "x" * 32, self.token[:-1]):
            self.refused_kiosk("identify", token=token, badge="KIOSKA0001")
            self.refused_kiosk("employees", token=token)
        self.assertEqual(self.sessions(), 0)

    def test_badge(self):
        result = self.kiosk("identify", token=self.token, badge="KIOSKA0001")
        self.assertEqual(result["employee"]["id"], self.op_a.id)
        self.assertFalse(result["employee"]["has_user"])
        session = (
            self.env["mfg.shopfloor.session"].sudo().search([("token", "=", result["session"])])
        )
        self.assertEqual(session.employee_id, self.op_a)
        self.assertEqual(session.department_id, self.workshop)
        self.assertEqual(session.method, "badge")

    def test_badge_of_another_workshop_refused(self):
        result = self.kiosk("identify", token=self.token, badge="KIOSKO0001")
        self.assertEqual(result["error"], "Unknown badge.")
        self.assertEqual(self.sessions(), 0)
        # On its own workshop's kiosk it works.
        self.sign_in(token=self.other_token, badge="KIOSKO0001")

    def test_employees_for_pin_are_the_workshops(self):
        employees = self.kiosk("employees", token=self.token)
        # With a PIN, in the workshop or a team below it; not the other workshop's.
        self.assertEqual({emp["id"] for emp in employees}, {self.op_a.id, self.op_b.id})

    def test_pin(self):
        self.sign_in(employee_id=self.op_b.id, pin="2580")
        result = self.kiosk("identify", token=self.token, employee_id=self.op_b.id, pin="4711")
        self.assertEqual(result["error"], "Wrong PIN.")
        # Another workshop's employee with their right PIN: unknown on this kiosk.
        result = self.kiosk("identify", token=self.token, employee_id=self.op_other.id, pin="1234")
        self.assertEqual(result["error"], "Wrong PIN.")
        # An employee without a PIN cannot sign in with an empty one.
        result = self.kiosk("identify", token=self.token, employee_id=self.op_user.id, pin="")
        self.assertIn("error", result)

    def test_wrong_pins_lock_the_kiosk(self):
        for attempt in range(4):
            result = self.kiosk("identify", token=self.token, employee_id=self.op_a.id, pin="0000")
            self.assertEqual(result["error"], "Wrong PIN.", attempt)
            self.assertNotIn("locked", result)
        result = self.kiosk("identify", token=self.token, employee_id=self.op_a.id, pin="0000")
        self.assertGreater(result["locked"], 250)
        # Locked: even the right PIN and the right badge are refused, and not counted.
        result = self.kiosk("identify", token=self.token, employee_id=self.op_a.id, pin="4711")
        self.assertTrue(result["locked"])
        result = self.kiosk("identify", token=self.token, badge="KIOSKA0001")
        self.assertTrue(result["locked"])
        self.assertEqual(self.sessions(), 0)
        attempts = self.env["mfg.shopfloor.attempt"].search(
            [("department_id", "=", self.workshop.id)]
        )
        self.assertEqual(len(attempts), 5)
        # The other workshop's kiosk is not locked.
        self.sign_in(token=self.other_token, badge="KIOSKO0001")
        # A manager unlocks it; the old failures no longer count.
        self.rpc(self.user_manager, "hr.department", "action_mfg_kiosk_unlock", [self.workshop.id])
        result = self.kiosk("identify", token=self.token, employee_id=self.op_a.id, pin="0000")
        self.assertNotIn("locked", result)
        self.sign_in(employee_id=self.op_a.id, pin="4711")

    def test_lock_expires(self):
        self.workshop.sudo().mfg_kiosk_locked_until = fields.Datetime.now() - timedelta(seconds=1)
        self.sign_in(badge="KIOSKA0001")

    def test_regenerate_token(self):
        old = self.token
        session = self.sign_in(badge="KIOSKA0001")
        # Not a manager: refused, the address stays.
        self.refused(
            self.user_leader, "hr.department", "action_mfg_kiosk_new_token", [self.workshop.id]
        )
        self.env.invalidate_all()
        self.assertEqual(self.workshop.mfg_kiosk_token, old)
        self.rpc(
            self.user_manager, "hr.department", "action_mfg_kiosk_new_token", [self.workshop.id]
        )
        self.env.invalidate_all()
        self.assertNotEqual(self.workshop.mfg_kiosk_token, old)
        self.assertEqual(self.url_open(f"/mfg_shopfloor/kiosk/{old}").status_code, 404)
        self.refused_kiosk("identify", token=old, badge="KIOSKA0001")
        # The sessions of the old address are closed too.
        self.refused_kiosk("checklist", token=old, session=session)
        self.sign_in(token=self.workshop.mfg_kiosk_token, badge="KIOSKA0001")
        # The token is not readable by a team leader.
        self.refused(
            self.user_leader, "hr.department", "read", [self.workshop.id], ["mfg_kiosk_token"]
        )

    def test_session_ends_when_idle_or_signed_out(self):
        token = self.sign_in(badge="KIOSKA0001")
        self.kiosk("checklist", token=self.token, session=token)
        session = self.env["mfg.shopfloor.session"].sudo().search([("token", "=", token)])
        session.last_activity = fields.Datetime.now() - timedelta(seconds=91)
        self.refused_kiosk("checklist", kinds=("AccessDenied",), token=self.token, session=token)
        token = self.sign_in(badge="KIOSKA0001")
        self.kiosk("logout", token=self.token, session=token)
        self.refused_kiosk("checklist", kinds=("AccessDenied",), token=self.token, session=token)
        # A session of one kiosk does not open another's.
        token = self.sign_in(badge="KIOSKA0001")
        self.refused_kiosk("checklist", token=self.other_token, session=token)
