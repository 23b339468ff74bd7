# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestWarehouseOwner(TransactionCase):
    """Warehouses are owned like work centres and orders (mfg_org's mfg.owned.mixin): a
    department and, optionally, a team below it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.store = Department.create({"name": "Stores"})
        cls.shift = Department.create({"name": "Stores shift A", "parent_id": cls.store.id})
        cls.workshop = Department.create({"name": "Workshop 9"})
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.env.company.id)], limit=1
        )

    def test_team_must_be_below_the_department(self):
        with self.assertRaisesRegex(ValidationError, "choose the workshop"):
            self.warehouse.write({"mfg_department_id": False, "mfg_team_id": self.shift.id})
        with self.assertRaisesRegex(ValidationError, "not a department below"):
            self.warehouse.write(
                {"mfg_department_id": self.workshop.id, "mfg_team_id": self.shift.id}
            )
        self.warehouse.write({"mfg_department_id": self.store.id, "mfg_team_id": self.shift.id})
        self.assertEqual(self.warehouse._mfg_owner_departments(), self.store | self.shift)

    def test_form_clears_a_team_outside_the_department(self):
        self.warehouse.write({"mfg_department_id": False, "mfg_team_id": False})
        with Form(self.warehouse) as form:
            form.mfg_department_id = self.store
            form.mfg_team_id = self.shift
            form.mfg_department_id = self.workshop  # the team is not below it: cleared
            self.assertFalse(form.mfg_team_id)
        self.assertEqual(self.warehouse.mfg_department_id, self.workshop)
        self.assertFalse(self.warehouse.mfg_team_id)
