# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import HrKpiCase


@tagged("post_install", "-at_install")
class TestKeyStaffTurnover(HrKpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env["hr.departure.reason"].search([], limit=1) or cls.env[
            "hr.departure.reason"
        ].create({"name": "Resigned"})
        d1, d2 = cls.department_1, cls.department_2
        cls.k1 = cls._employee("Key 1", mfg_is_key_staff=True)
        cls.k2 = cls._employee("Key 2", mfg_is_key_staff=True)
        cls.k3 = cls._employee("Key 3", mfg_is_key_staff=True)
        cls.k4 = cls._employee(
            "Key 4 (hired 10 March)",
            mfg_is_key_staff=True,
            date_version=date(2026, 3, 10),
            contract_date_start=date(2026, 3, 10),
        )
        cls.k5 = cls._employee("Key 5", mfg_is_key_staff=True, department_id=d2.id)
        cls.k6 = cls._employee(
            "Key 6 (left in February)", mfg_is_key_staff=True, department_id=d2.id
        )
        cls.n1 = cls._employee("Not key")
        cls.k_other = cls._employee(
            "Key of plant 2", company=cls.company_2, calendar=cls.calendar_2, mfg_is_key_staff=True
        )
        cls._depart(cls.k1, date(2026, 3, 15))
        cls._depart(cls.k6, date(2026, 2, 20))
        cls._depart(cls.n1, date(2026, 3, 20))
        cls._depart(cls.k_other, date(2026, 3, 5))
        (d1 | d2).invalidate_recordset()

    @classmethod
    def _depart(cls, employee, day):
        """Register the departure through the HR departure wizard, as an HR manager."""
        wizard = (
            cls.env["hr.departure.wizard"]
            .with_user(cls.user_leave_manager)
            .with_company(employee.company_id)
            .with_context(active_ids=employee.ids, employee_termination=True)
            .create({"departure_reason_id": cls.reason.id, "departure_date": day})
        )
        wizard.action_register_departure()

    def test_departure_flow(self):
        self.assertFalse(self.k1.active)
        self.assertEqual(self.k1.departure_date, date(2026, 3, 15))

    def test_turnover_per_department_and_company(self):
        values = self._compute("KEY_STAFF_TURNOVER_RATE")
        # Workshop 1: K1 left on the 15th. Employed on 1 March: K1, K2, K3 (3); on 31 March:
        # K2, K3, K4 (3). 1 ÷ 3 = 33.33 %.
        # Workshop 2: K5 on both days (K6 left in February): 0 ÷ 1 = 0 %.
        # Company: 1 ÷ ((4 + 4) ÷ 2) = 25 %. The non-key employee and plant 2 do not count.
        self.assertEqual(set(values), {self.department_1, self.department_2, self.company})
        dep_1 = values[self.department_1]
        self.assertAlmostEqual(dep_1.value, 100 / 3, places=4)
        self.assertEqual((dep_1.numerator, dep_1.denominator), (1, 3))
        self.assertEqual(values[self.department_2].value, 0.0)
        self.assertEqual(values[self.company].value, 25.0)
        self.assertEqual(values[self.company].denominator, 4)
        # Drill-down: the departed key employees (archived records).
        self.assertEqual(self._drill(dep_1), self.k1)
        self.assertEqual(self._drill(values[self.company]), self.k1)
        self.assertFalse(self._drill(values[self.department_2]))

    def test_previous_month(self):
        february = self.env["mfg.kpi.period"]._get_or_create(
            "month", date(2026, 2, 1), self.company
        )
        values = self._compute("KEY_STAFF_TURNOVER_RATE", february)
        # Workshop 2 in February: K5 and K6 on the 1st, K5 on the 28th: 1 ÷ 1.5 = 66.67 %.
        self.assertAlmostEqual(values[self.department_2].value, 200 / 3, places=4)
        # Workshop 1: K1, K2, K3 on both days, nobody left: 0 %.
        self.assertEqual(values[self.department_1].value, 0.0)

    def test_no_key_staff_no_value(self):
        before = self.env["mfg.kpi.period"]._get_or_create("month", date(2024, 6, 1), self.company)
        self.assertEqual(self._compute("KEY_STAFF_TURNOVER_RATE", before), {})

    def test_other_company(self):
        period_2 = self.env["mfg.kpi.period"]._get_or_create(
            "month", date(2026, 3, 1), self.company_2
        )
        values = self._compute("KEY_STAFF_TURNOVER_RATE", period_2)
        # Plant 2: its key employee left on the 5th; 1 ÷ ((1 + 0) ÷ 2) = 200 %.
        self.assertEqual(set(values), {self.company_2})
        self.assertEqual(values[self.company_2].value, 200.0)
