from datetime import date

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestKpiPeriod(TransactionCase):
    def test_bounds_of_each_kind(self):
        Period = self.env["mfg.kpi.period"]
        day = date(2026, 5, 17)
        self.assertEqual(Period._bounds("month", day), (date(2026, 5, 1), date(2026, 5, 31)))
        self.assertEqual(Period._bounds("quarter", day), (date(2026, 4, 1), date(2026, 6, 30)))
        self.assertEqual(Period._bounds("half_year", day), (date(2026, 1, 1), date(2026, 6, 30)))
        self.assertEqual(Period._bounds("year", day), (date(2026, 1, 1), date(2026, 12, 31)))
        self.assertEqual(
            Period._bounds("quarter", date(2026, 12, 31)), (date(2026, 10, 1), date(2026, 12, 31))
        )

    def test_get_or_create_is_idempotent(self):
        Period = self.env["mfg.kpi.period"]
        first = Period._get_or_create("quarter", date(2026, 8, 3))
        second = Period._get_or_create("quarter", date(2026, 9, 30))
        self.assertEqual(first, second)
        self.assertEqual(first.name, "2026 Q3")

    def test_period_must_span_its_kind(self):
        with self.assertRaisesRegex(ValidationError, "does not span exactly one"):
            self.env["mfg.kpi.period"].create(
                {
                    "name": "Bad",
                    "kind": "month",
                    "date_start": date(2026, 1, 1),
                    "date_end": date(2026, 2, 15),
                }
            )

    def test_period_cannot_end_before_start(self):
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self.env["mfg.kpi.period"].create(
                {
                    "name": "Backwards",
                    "kind": "custom",
                    "date_start": date(2026, 3, 1),
                    "date_end": date(2026, 2, 1),
                }
            )
