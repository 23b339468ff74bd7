# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestDemoKiosk(HttpCase):
    """The demo factory's workshop kiosks open at their documented addresses, and the badges
    and PINs of the README sign their people in."""

    def identify(self, token, **params):
        payload = {"id": 0, "jsonrpc": "2.0", "method": "call", "params": dict(params, token=token)}
        return self.url_open("/mfg_shopfloor/identify", json=payload).json()["result"]

    def test_demo_kiosks(self):
        for token in ("demo-machining-kiosk", "demo-assembly-kiosk"):
            self.assertEqual(self.url_open(f"/mfg_shopfloor/kiosk/{token}").status_code, 200)
        operator = self.env.ref("mfg_demo_factory.employee_turning_1_demo")
        result = self.identify("demo-machining-kiosk", badge="K10011")
        self.assertEqual(result["employee"]["id"], operator.id)
        self.assertFalse(result["employee"]["has_user"])
        leader = self.env.ref("mfg_demo_factory.employee_leader_demo")
        result = self.identify("demo-machining-kiosk", employee_id=leader.id, pin="0001")
        self.assertEqual(result["employee"]["id"], leader.id)
        self.assertTrue(result["employee"]["leads"])
        # An assembly badge is not served by the machining kiosk.
        self.assertIn("error", self.identify("demo-machining-kiosk", badge="K20011"))
