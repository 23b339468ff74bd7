# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date, timedelta

from odoo.tests import BaseCase, tagged

from ..periods import FREQUENCY_ORDER, period_bounds, period_label, periods_between


@tagged("post_install", "-at_install")
class TestPeriods(BaseCase):
    """Pure date arithmetic of checklist periods."""

    def test_bounds(self):
        day = date(2026, 3, 5)  # a Thursday
        self.assertEqual(period_bounds("daily", day), (day, day))
        self.assertEqual(period_bounds("weekly", day), (date(2026, 3, 2), date(2026, 3, 8)))
        self.assertEqual(period_bounds("monthly", day), (date(2026, 3, 1), date(2026, 3, 31)))
        self.assertEqual(period_bounds("quarterly", day), (date(2026, 1, 1), date(2026, 3, 31)))
        self.assertEqual(period_bounds("yearly", day), (date(2026, 1, 1), date(2026, 12, 31)))
        # Leap February, a Sunday ending its week, the last quarter.
        self.assertEqual(
            period_bounds("monthly", date(2028, 2, 10)), (date(2028, 2, 1), date(2028, 2, 29))
        )
        self.assertEqual(
            period_bounds("weekly", date(2026, 3, 1)), (date(2026, 2, 23), date(2026, 3, 1))
        )
        self.assertEqual(
            period_bounds("quarterly", date(2026, 11, 30)), (date(2026, 10, 1), date(2026, 12, 31))
        )
        with self.assertRaises(ValueError):
            period_bounds("event", day)

    def test_periods_tile_the_calendar(self):
        """Every day of two years lies in exactly one period of each frequency."""
        start = date(2026, 1, 1)
        days = [start + timedelta(days=n) for n in range(731)]
        for frequency in FREQUENCY_ORDER:
            periods = periods_between(frequency, days[0], days[-1])
            for (_s1, end), (next_start, _e2) in zip(periods, periods[1:], strict=False):
                self.assertEqual(next_start, end + timedelta(days=1), frequency)
            for day in days:
                containing = [p for p in periods if p[0] <= day <= p[1]]
                self.assertEqual(containing, [period_bounds(frequency, day)], (frequency, day))

    def test_periods_between(self):
        march = (date(2026, 3, 1), date(2026, 3, 31))
        self.assertEqual(len(periods_between("daily", *march)), 31)
        weeks = periods_between("weekly", *march)
        self.assertEqual(
            [start for start, __ in weeks],
            [date(2026, 2, 23) + timedelta(weeks=n) for n in range(6)],
        )
        self.assertEqual(weeks[-1][1], date(2026, 4, 5))
        self.assertEqual(periods_between("monthly", *march), [march])
        self.assertEqual(periods_between("daily", march[1], march[0]), [])

    def test_labels(self):
        self.assertEqual(period_label("daily", date(2026, 3, 5)), "2026-03-05")
        self.assertEqual(period_label("weekly", date(2026, 3, 2)), "2026-W10")
        self.assertEqual(period_label("weekly", date(2026, 12, 28)), "2026-W53")
        self.assertEqual(period_label("monthly", date(2026, 3, 1)), "2026-03")
        self.assertEqual(period_label("quarterly", date(2026, 10, 1)), "2026-Q4")
        self.assertEqual(period_label("yearly", date(2026, 1, 1)), "2026")
