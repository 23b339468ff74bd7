# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.tests import tagged

from .common import HrKpiCase


@tagged("post_install", "-at_install")
class TestAttendanceKpis(HrKpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        mon, tue, wed, thu, sat = (date(2026, 3, d) for d in (2, 3, 4, 5, 7))
        # Operator A: on time Monday; 08:20 Tuesday (late); 16:30 Wednesday (early, and 08:05
        # is within the 10 minutes); Thursday in two parts, leaving 16:55 (within tolerance);
        # Saturday is not a working day.
        cls.a_mon = cls._attend(cls.emp_a, mon, (8, 0), (17, 0))
        cls.a_tue = cls._attend(cls.emp_a, tue, (8, 20), (17, 0))
        cls.a_wed = cls._attend(cls.emp_a, wed, (8, 5), (16, 30))
        cls.a_thu_am = cls._attend(cls.emp_a, thu, (8, 0), (12, 0))
        cls.a_thu_pm = cls._attend(cls.emp_a, thu, (13, 0), (16, 55))
        cls.a_sat = cls._attend(cls.emp_a, sat, (9, 0), (11, 0))
        # Operator B: late Monday 2nd; Monday 9th on half-day leave in the morning, so 12:55
        # is on time; Friday 13th checked in at 07:55 and never checked out.
        cls.b_mon = cls._attend(cls.emp_b, mon, (8, 30), (17, 30))
        cls._leave(
            cls.emp_b,
            date(2026, 3, 9),
            date(2026, 3, 9),
            request_date_from_period="am",
            request_date_to_period="am",
        )
        cls.b_mon9 = cls._attend(cls.emp_b, date(2026, 3, 9), (12, 55), (17, 0))
        cls.b_fri = cls._attend(cls.emp_b, date(2026, 3, 13), (7, 55))
        # Operator C only came on a Sunday; the flexible employee has no fixed start.
        cls._attend(cls.emp_c, date(2026, 3, 8), (9, 0), (12, 0))
        cls._attend(cls.emp_flex, tue, (10, 0), (15, 0))
        # Plant 2 never counts for plant 1.
        cls._attend(cls.emp_other, tue, (9, 0), (17, 0))

    def test_late_early_counts(self):
        values = self._compute("LATE_EARLY_COUNT")
        # A: 4 scheduled days attended, late Tuesday, early Wednesday → 2.
        # B: 3 scheduled days attended, late on the 2nd only → 1.
        # C (Sunday only), the flexible employee and plant 2: no value.
        self.assertEqual(set(values), {self.emp_a, self.emp_b})
        value_a, value_b = values[self.emp_a], values[self.emp_b]
        self.assertEqual((value_a.value, value_a.numerator, value_a.denominator), (2, 2, 4))
        self.assertEqual((value_b.value, value_b.numerator, value_b.denominator), (1, 1, 3))
        self.assertEqual(self._drill(value_a), self.a_tue | self.a_wed)
        self.assertEqual(self._drill(value_b), self.b_mon)
        self.assertEqual(value_a.drill_model, "hr.attendance")

    def test_tolerance_is_configurable(self):
        self.company.mfg_late_tolerance_minutes = 0
        values = self._compute("LATE_EARLY_COUNT")
        # Without tolerance A is also late Wednesday (08:05) and early Thursday (16:55): 4.
        self.assertEqual(values[self.emp_a].value, 4)
        self.assertEqual(self._drill(values[self.emp_a]), self.a_tue | self.a_wed | self.a_thu_pm)
        self.company.mfg_late_tolerance_minutes = 30
        values = self._compute("LATE_EARLY_COUNT")
        # 30 minutes: Tuesday 08:20 and Wednesday 16:30 are tolerated; B's 08:30 too.
        self.assertEqual(values[self.emp_a].value, 0)
        self.assertEqual(values[self.emp_b].value, 0)

    def test_helper_for_a_subset_of_employees(self):
        stats = self.env["hr.employee"]._mfg_late_early(
            date(2026, 3, 1), date(2026, 3, 31), self.company, employees=self.emp_b
        )
        self.assertEqual(stats, {self.emp_b.id: {"days": 3, "late": [self.b_mon.id], "early": []}})

    def test_no_attendance_no_value(self):
        self.assertEqual(self._compute("LATE_EARLY_COUNT", self.april), {})
        self.assertEqual(self._compute("ATTENDANCE_DAYS", self.april), {})

    def test_attendance_days_and_hours(self):
        days = self._compute("ATTENDANCE_DAYS")
        hours = self._compute("ATTENDANCE_HOURS")
        # Every employee with an attendance in plant 1 counts; plant 2 does not.
        self.assertEqual(set(days), {self.emp_a, self.emp_b, self.emp_c, self.emp_flex})
        # A attended on 5 days (2, 3, 4, 5 and Saturday 7); B on 3; C on 1.
        self.assertEqual(days[self.emp_a].value, 5)
        self.assertEqual(days[self.emp_b].value, 3)
        self.assertEqual(days[self.emp_c].value, 1)
        # A: 9 + 8h40 + 8h25 + (4 + 3h55) + 2 = 36 hours.
        self.assertAlmostEqual(hours[self.emp_a].value, 36.0, places=2)
        # B: 9 + 4h05 + open attendance (0) = 13h05.
        self.assertAlmostEqual(hours[self.emp_b].value, 13 + 5 / 60, places=2)
        self.assertEqual(
            self._drill(days[self.emp_a]),
            self.a_mon | self.a_tue | self.a_wed | self.a_thu_am | self.a_thu_pm | self.a_sat,
        )

    def test_other_company_has_its_own_values(self):
        period_2 = self.env["mfg.kpi.period"]._get_or_create(
            "month", date(2026, 3, 1), self.company_2
        )
        values = self._compute("LATE_EARLY_COUNT", period_2)
        # 09:00 on Tuesday: late once.
        self.assertEqual(set(values), {self.emp_other})
        self.assertEqual(values[self.emp_other].value, 1)
