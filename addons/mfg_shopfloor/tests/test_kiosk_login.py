# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re
from html import unescape

from odoo.tests import new_test_user, tagged

from .common import KioskCase


@tagged("post_install", "-at_install")
class TestKioskLoggedIn(KioskCase):
    """The same screens for an employee with a user, logged in with their own account
    (``/mfg_shopfloor/my``): no kiosk token, their own employee, as themselves."""

    def open_my(self):
        response = self.url_open("/mfg_shopfloor/my", allow_redirects=False)
        self.assertEqual(response.status_code, 200, response.text[:200])
        found = re.search(r'data-kiosk="([^"]*)"', response.text)
        return json.loads(unescape(found.group(1)))

    def test_my_screens_as_my_user(self):
        self.authenticate("kiosk_op", "kiosk_op")
        info = self.open_my()
        self.assertEqual(info["token"], "")
        self.assertEqual(info["login"]["employee"]["id"], self.op_user.id)
        session = info["login"]["session"]
        data = self.kiosk("checklist", token="", session=session)
        items = [item["id"] for run in data["runs"] for item in run["items"]]
        self.assertEqual(items, self.items_user.ids)
        self.kiosk(
            "answer", token="", session=session, item_id=self.items_user[0].id, result="done"
        )
        self.assertEqual(self.items_user[0].result, "done")
        self.assertEqual(self.items_user[0].checked_by_id, self.user_op)
        record = self.env["mfg.shopfloor.session"].search([("user_id", "=", self.user_op.id)])
        self.assertEqual((record.method, record.employee_id), ("login", self.op_user))
        self.assertFalse(record.department_id)
        # Someone else's items stay refused.
        before = self.snapshot(self.items_a)
        self.refused_kiosk(
            "answer",
            kinds=("AccessError",),
            token="",
            session=session,
            item_id=self.items_a[0].id,
            result="done",
        )
        self.assertEqual(self.snapshot(self.items_a), before)
        # Signing out closes it.
        self.kiosk("logout", token="", session=session)
        self.refused_kiosk("checklist", kinds=("AccessDenied",), token="", session=session)

    def test_a_login_session_is_its_users_only(self):
        self.authenticate("kiosk_op", "kiosk_op")
        session = self.open_my()["login"]["session"]
        item = self.items_user[1]
        # Another user, anonymous, or a kiosk with its token: refused, nothing written.
        self.authenticate("kiosk_leader", "kiosk_leader")
        self.refused_kiosk(
            "answer",
            kinds=("AccessDenied",),
            token="",
            session=session,
            item_id=item.id,
            result="done",
        )
        self.logout()
        self.refused_kiosk(
            "answer",
            kinds=("AccessDenied",),
            token="",
            session=session,
            item_id=item.id,
            result="done",
        )
        self.refused_kiosk(
            "answer",
            kinds=("AccessDenied",),
            token=self.token,
            session=session,
            item_id=item.id,
            result="done",
        )
        self.assertEqual(item.result, "pending")

    def test_only_internal_users_with_an_employee(self):
        new_test_user(self.env, "kiosk_noemp", groups="base.group_user", name="No Employee")
        self.authenticate("kiosk_noemp", "kiosk_noemp")
        self.assertEqual(self.url_open("/mfg_shopfloor/my", allow_redirects=False).status_code, 404)
        self.logout()
        response = self.url_open("/mfg_shopfloor/my", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
