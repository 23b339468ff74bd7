# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import fields
from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.fields import Command
from odoo.tests import new_test_user

# The smallest PNG: one transparent pixel.
PIXEL_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


class KioskRefused(Exception):
    def __init__(self, kind, message):
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message


class KioskCase(RpcCase):
    """A workshop with its kiosk, a team below it and a second workshop.

    - ``workshop`` (kiosk ``token``) holds ``team``; ``leader`` (user ``user_leader``) leads
      ``op_a`` (badge ``KIOSKA0001``, PIN 4711) and ``op_b`` (PIN 2580), neither with a user;
      ``op_user`` (badge ``KIOSKU0001``) has user ``user_op``.
    - ``other_workshop`` (its own kiosk ``other_token``) holds ``op_other`` (badge
      ``KIOSKO0001``, PIN 1234).
    - ``template``: two daily checks for the operators' position, generated for today.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, no_reset_password=True)
        )
        cls.company = cls.env.company
        Department = cls.env["hr.department"]
        cls.workshop = Department.create({"name": "Kiosk Workshop", "company_id": cls.company.id})
        cls.team = Department.create(
            {"name": "Kiosk Team", "parent_id": cls.workshop.id, "company_id": cls.company.id}
        )
        cls.other_workshop = Department.create(
            {"name": "Kiosk Other Workshop", "company_id": cls.company.id}
        )
        cls.job = cls.env["hr.job"].create(
            {"name": "Kiosk test operator", "company_id": cls.company.id}
        )
        cls.template = cls.env["mfg.duty.template"].create(
            {
                "name": "Kiosk shift checklist",
                "job_id": cls.job.id,
                "company_id": cls.company.id,
                "line_ids": [
                    Command.create({"name": "Check guards", "frequency": "daily", "sequence": 1}),
                    Command.create({"name": "Check oil", "frequency": "daily", "sequence": 2}),
                    Command.create({"name": "Check lights", "frequency": "daily", "sequence": 3}),
                ],
            }
        )
        cls.user_leader = new_test_user(
            cls.env, "kiosk_leader", groups="mfg_duty.group_duty_user", name="Kiosk Leader"
        )
        cls.user_op = new_test_user(
            cls.env, "kiosk_op", groups="mfg_duty.group_duty_user", name="Kiosk Operator U"
        )
        cls.user_manager = new_test_user(
            cls.env, "kiosk_manager", groups="mfg_duty.group_duty_manager", name="Kiosk Manager"
        )
        Employee = cls.env["hr.employee"]
        cls.leader = Employee.create(
            {
                "name": "Kiosk Leader",
                "user_id": cls.user_leader.id,
                "department_id": cls.team.id,
                "company_id": cls.company.id,
            }
        )
        common = {
            "job_id": cls.job.id,
            "parent_id": cls.leader.id,
            "department_id": cls.team.id,
            "company_id": cls.company.id,
            "tz": "UTC",
        }
        cls.op_a = Employee.create(
            dict(common, name="Kiosk Operator A", barcode="KIOSKA0001", pin="4711")
        )
        cls.op_b = Employee.create(dict(common, name="Kiosk Operator B", pin="2580"))
        cls.op_user = Employee.create(
            dict(common, name="Kiosk Operator U", barcode="KIOSKU0001", user_id=cls.user_op.id)
        )
        cls.op_other = Employee.create(
            dict(
                common,
                name="Kiosk Operator O",
                barcode="KIOSKO0001",
                pin="1234",
                parent_id=False,
                department_id=cls.other_workshop.id,
            )
        )
        today = fields.Date.context_today(cls.op_a.with_context(tz="UTC"))
        cls.env["mfg.duty.run"]._generate(today, today, templates=cls.template)
        cls.items_a = cls.env["mfg.duty.run.item"].search(
            [("employee_id", "=", cls.op_a.id)], order="sequence"
        )
        cls.items_b = cls.env["mfg.duty.run.item"].search([("employee_id", "=", cls.op_b.id)])
        cls.items_user = cls.env["mfg.duty.run.item"].search(
            [("employee_id", "=", cls.op_user.id)], order="sequence"
        )
        (cls.workshop | cls.other_workshop).action_mfg_kiosk_new_token()
        cls.token = cls.workshop.mfg_kiosk_token
        cls.other_token = cls.other_workshop.mfg_kiosk_token

    def kiosk(self, route, **params):
        """Call a kiosk route over HTTP as the anonymous tablet; KioskRefused on an error."""
        self.env.flush_all()
        payload = {"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}
        try:
            response = self.url_open(f"/mfg_shopfloor/{route}", json=payload, timeout=60)
            response.raise_for_status()
            answer = response.json()
        finally:
            self.env.invalidate_all()
        if "error" in answer:
            data = answer["error"].get("data") or {}
            name = (data.get("name") or "").rsplit(".", 1)[-1]
            raise KioskRefused(name or "Error", data.get("message") or "")
        return answer.get("result")

    def refused_kiosk(self, route, kinds=None, **params):
        with self.assertRaises(KioskRefused) as caught:
            self.kiosk(route, **params)
        if kinds:
            self.assertIn(caught.exception.kind, kinds, caught.exception)
        return caught.exception

    def sign_in(self, token=None, **params):
        result = self.kiosk("identify", token=token or self.token, **params)
        self.assertNotIn("error", result, result)
        return result["session"]

    def photo(self, name="guard.png"):
        return {"name": name, "data": base64.b64encode(PIXEL_PNG).decode()}
