from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import KpiCase


@tagged("post_install", "-at_install")
class TestKpiValue(KpiCase):
    def _manual(self, kpi=None, employee=None, value=80.0, user=None, **extra):
        vals = {
            "kpi_id": (kpi or self.kpi_manual).id,
            "period_id": self.period.id,
            "employee_id": (employee or self.worker).id,
            "value": value,
            **extra,
        }
        return self.env["mfg.kpi.value"].with_user(user or self.user_steward).create(vals)

    def test_steward_enters_and_confirms(self):
        value = self._manual()
        self.assertEqual((value.source, value.state), ("manual", "draft"))
        self.assertEqual(value.subject_ref, f"hr.employee,{self.worker.id}")
        self.assertEqual(value.subject_name, "Worker")
        value.write({"value": 82.0})  # drafts change freely
        value.action_confirm()
        self.assertEqual(value.state, "confirmed")

    def test_value_out_of_unit_range(self):
        with self.assertRaisesRegex(ValidationError, "not a valid value"), self.cr.savepoint():
            self._manual(value=120.0)  # a score is 0-100
        with self.assertRaisesRegex(ValidationError, "not a valid value"), self.cr.savepoint():
            self._manual(value=-1.0)
        with self.assertRaisesRegex(ValidationError, "not a valid value"), self.cr.savepoint():
            self._manual(
                kpi=self.kpi_rate,
                value=-5.0,
                subject_type="department",
                employee_id=False,
                department_id=self.department.id,
            )
        # A rate may exceed 100% (e.g. material consumption vs standard).
        rate = self._manual(
            kpi=self.kpi_rate,
            value=105.0,
            subject_type="department",
            employee_id=False,
            department_id=self.department.id,
        )
        self.assertEqual(rate.subject_name, "Workshop 1")

    def test_overwriting_confirmed_value_needs_reason(self):
        value = self._manual()
        value.action_confirm()
        with self.assertRaisesRegex(ValidationError, "Give a reason"), self.cr.savepoint():
            value.write({"value": 60.0})
        self.assertEqual(value.value, 80.0, "nothing was written")
        value.write({"value": 60.0, "reason": "Survey recounted"})
        self.assertEqual(value.value, 60.0)
        self.env.flush_all()
        self.env.cr.precommit.run()  # tracking values are written at commit time
        tracked = value.sudo().message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "value"
        )
        self.assertTrue(tracked, "the change is tracked in the chatter")

    def test_one_value_per_subject_and_period(self):
        self._manual()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self._manual(value=10.0)

    def test_employee_kpi_needs_an_employee(self):
        with self.assertRaisesRegex(ValidationError, "measured per employee"):
            self._manual(subject_type="company", employee_id=False)

    def test_wrong_roles(self):
        with self.assertRaises(AccessError):
            self._manual(user=self.user_worker)
        value = self._manual()
        with self.assertRaises(AccessError):
            value.with_user(self.user_boss).write({"value": 10.0})
        with self.assertRaisesRegex(UserError, "Only KPI managers"):
            value.with_user(self.user_steward).action_lock()
        with self.assertRaises(AccessError):
            value.with_user(self.user_steward).unlink()
        value.with_user(self.user_manager).action_lock()
        self.assertEqual(value.state, "locked")

    def test_record_rules_per_role(self):
        own = self._manual(employee=self.worker)
        other = self._manual(employee=self.other)
        boss = self._manual(employee=self.boss)
        dept = self._manual(
            kpi=self.kpi_rate,
            value=90.0,
            subject_type="department",
            employee_id=False,
            department_id=self.department.id,
        )
        Value = self.env["mfg.kpi.value"]
        all_ids = (own | other | boss | dept).ids
        domain = [("id", "in", all_ids)]
        self.assertEqual(Value.with_user(self.user_worker).search(domain), own)
        self.assertEqual(Value.with_user(self.user_other).search(domain), other)
        # The superior sees own, team and the department he manages.
        self.assertEqual(Value.with_user(self.user_boss).search(domain), own | boss | dept)
        self.assertEqual(Value.with_user(self.user_steward).search(domain), Value.browse(all_ids))
        with self.assertRaises(AccessError):
            other.with_user(self.user_worker).read(["value"])

    def test_target_status_colours(self):
        Target = self.env["mfg.kpi.target"]
        Target.create({"kpi_id": self.kpi_manual.id, "target": 90.0, "threshold_warning": 75.0})
        Target.create({"kpi_id": self.kpi_manual.id, "target": 70.0, "employee_id": self.other.id})
        green = self._manual(value=95.0)
        amber = self._manual(employee=self.worker2, value=80.0)
        red = self._manual(employee=self.boss, value=50.0)
        specific = self._manual(employee=self.other, value=72.0)
        self.assertEqual(
            [green.status, amber.status, red.status, specific.status],
            ["green", "amber", "red", "green"],
        )
        self.assertEqual(specific.target, 70.0, "the employee's own target wins")

    def test_warning_threshold_on_the_worse_side(self):
        with self.assertRaisesRegex(ValidationError, "worse side"):
            self.env["mfg.kpi.target"].create(
                {"kpi_id": self.kpi_manual.id, "target": 80.0, "threshold_warning": 90.0}
            )

    def test_spreadsheet_import_validates_every_row(self):
        Value = self.env["mfg.kpi.value"].with_user(self.user_steward)
        fields = ["kpi_id/id", "period_id/.id", "employee_id/.id", "value"]
        self.env["ir.model.data"].create(
            {
                "name": "test_satisfaction",
                "module": "__import__",
                "model": "mfg.kpi",
                "res_id": self.kpi_manual.id,
            }
        )
        good = ["__import__.test_satisfaction", self.period.id, self.worker.id, "75"]
        bad = ["__import__.test_satisfaction", self.period.id, self.worker2.id, "130"]
        result = Value.load(fields, [good, bad])
        self.assertFalse(result["ids"], "a bad row imports nothing")
        self.assertIn("not a valid value", result["messages"][0]["message"])
        result = Value.load(fields, [good])
        self.assertEqual(Value.browse(result["ids"]).value, 75.0)

    def test_other_company_values_are_invisible(self):
        other_company = self.env["res.company"].create({"name": "KPI Plant 2"})
        period = (
            self.env["mfg.kpi.period"]
            .with_company(other_company)
            ._get_or_create("month", self.period.date_start, other_company)
        )
        employee = self.env["hr.employee"].create(
            {"name": "Far away", "company_id": other_company.id}
        )
        value = self.env["mfg.kpi.value"].create(
            {
                "kpi_id": self.kpi_manual.id,
                "period_id": period.id,
                "employee_id": employee.id,
                "value": 1,
            }
        )
        manager_values = self.env["mfg.kpi.value"].with_user(self.user_manager)
        self.assertFalse(manager_values.search([("id", "=", value.id)]), "not his company")
        self.user_manager.company_ids = self.env.company | other_company
        self.assertFalse(
            manager_values.with_context(allowed_company_ids=[self.env.company.id]).search(
                [("id", "=", value.id)]
            ),
            "company not selected",
        )
        self.assertTrue(
            manager_values.with_context(allowed_company_ids=[other_company.id]).search(
                [("id", "=", value.id)]
            )
        )
