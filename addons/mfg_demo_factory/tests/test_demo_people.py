# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

from ..models import mfg_demo_people as people


@tagged("post_install", "-at_install")
class TestDemoPeople(TransactionCase):
    """The demo people loaded in batches by ``mfg.demo.factory._demo_load``."""

    def _resolve(self, value):
        if value is people.QUARTER_START:
            return self.env["mfg.demo.factory"]._demo_quarter_start()
        if isinstance(value, people.Ref):
            return self.env.ref(value if "." in value else f"mfg_demo_factory.{value}")
        if isinstance(value, people.Refs):
            return self.env["res.groups"].union(*(self.env.ref(name) for name in value))
        return value

    def test_people_as_in_the_table(self):
        """Every login, department and employee of the table has its xml id (noupdate, as demo
        data) and the values of its last entry (an entry updates the record of an xml id loaded
        before, as a second XML record did)."""
        expected = {}
        for model, name, values in people.ROLES + people.TEAMS:
            expected.setdefault((model, name), {}).update(values)
        self.assertEqual(
            {model for model, _name in expected}, {"res.users", "hr.employee", "hr.department"}
        )
        for (model, name), values in expected.items():
            data = self.env["ir.model.data"].search(
                [("module", "=", "mfg_demo_factory"), ("name", "=", name)]
            )
            self.assertEqual(data.model, model, name)
            self.assertTrue(data.noupdate, name)
            record = self.env[model].with_context(active_test=False).browse(data.res_id)
            self.assertTrue(record.exists(), name)
            for field, value in values.items():
                wanted = self._resolve(value)
                if isinstance(value, people.Refs):
                    # Groups: those given, and those they imply.
                    self.assertLessEqual(wanted, record[field], (name, field))
                else:
                    self.assertEqual(record[field], wanted, (name, field))
        employees = self.env["hr.employee"].browse(
            [
                self.env.ref(f"mfg_demo_factory.{name}").id
                for model, name in expected
                if model == "hr.employee"
            ]
        )
        # The loading order is the ids' order (the generator draws people in that order).
        names = [name for model, name in dict.fromkeys(expected) if model == "hr.employee"]
        self.assertEqual(
            [self.env.ref(f"mfg_demo_factory.{name}").id for name in names], sorted(employees.ids)
        )

    def test_upgrade_keeps_records_and_creates_missing_ones(self):
        """When the module is upgraded, the people who exist are left as they are (noupdate:
        a name changed since is kept) and one whose record was deleted is created again, with
        its xml id, as Odoo's XML loading does for demo data."""
        factory = self.env["mfg.demo.factory"]
        module = self.env["ir.module.module"].search([("name", "=", "mfg_demo_factory")])
        module.state = "to upgrade"
        planner = self.env.ref("mfg_demo_factory.employee_planner_demo")
        planner.name = "Renamed planner"
        dept = self.env.ref("mfg_demo_factory.dept_team_milling_demo")
        dept.manager_id = False
        designer = self.env.ref("mfg_demo_factory.employee_designer_demo")
        designer.unlink()
        count = self.env["hr.employee"].search_count([])
        factory._demo_load("TEAMS")
        self.assertEqual(planner.name, "Renamed planner")
        self.assertFalse(dept.manager_id)
        self.assertEqual(self.env["hr.employee"].search_count([]), count + 1)
        again = self.env.ref("mfg_demo_factory.employee_designer_demo")
        self.assertNotEqual(again.id, designer.id)
        self.assertEqual(again.name, "Ma Lei (Designer)")
        self.assertEqual(again.parent_id, self.env.ref("mfg_demo_factory.employee_manager_demo"))
        self.assertEqual(again.contract_date_start, factory._demo_quarter_start())
