# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import StockKpiCase


@tagged("post_install", "-at_install")
class TestStockKpiProviders(StockKpiCase):
    """March 2026 of two warehouses, run through real transfers, counts and scraps.

    WH1 (department "Raw Material Store", keeper 1), A at cost 10, B at cost 5:
    - 20 Feb: 100 A received.
    - 2 Mar: 10 A delivered (D1, keeper 1); 3 Mar: 5 A delivered (D2, keeper 1), returned
      on 4 Mar (a wrong issue).
    - 6 Mar: 20 A received (R1, validated by keeper 2).
    - 10 Mar: count of A assigned to keeper 1: 108 counted for 110 on the books (−2).
    - 11 Mar: on-hand of B set to 7 directly (an update, not a count).
    - 12 Mar: 3 A scrapped.
    - 2 Apr: 10 A delivered (after the period).
    WH2 (no department, keeper 2), B:
    - 20 Feb: 40 B received; 5 Mar: 4 B delivered (D3); 7 Mar: 10 B received (R2), 3 of
      them returned to the vendor on 8 Mar; 10 Mar: count of 43 B matching the books.
    Second company: 50 A received, 10 scrapped and a wrong count in March.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        A, B = cls.product_a, cls.product_b
        k1, k2 = cls.keeper1, cls.keeper2
        cls.transfer(cls.wh1, A, 100, "2026-02-20 10:00:00", k1)
        cls.transfer(cls.wh2, B, 40, "2026-02-20 10:00:00", k2)
        cls.d1 = cls.transfer(cls.wh1, A, 10, "2026-03-02 10:00:00", k1, kind="out")
        cls.d2 = cls.transfer(cls.wh1, A, 5, "2026-03-03 10:00:00", k1, kind="out")
        cls.d2_return = cls.return_picking(cls.d2, 5, "2026-03-04 10:00:00", k1)
        cls.d3 = cls.transfer(cls.wh2, B, 4, "2026-03-05 10:00:00", k2, kind="out")
        cls.r1 = cls.transfer(cls.wh1, A, 20, "2026-03-06 10:00:00", k2)
        cls.r2 = cls.transfer(cls.wh2, B, 10, "2026-03-07 10:00:00", k2)
        cls.r2_return = cls.return_picking(cls.r2, 3, "2026-03-08 10:00:00", k2)
        cls.count_a = cls.count(cls.wh1, A, 108, "2026-03-10 10:00:00", counter=k1)
        cls.count_b = cls.count(cls.wh2, B, 43, "2026-03-10 11:00:00", counter=k2)
        with freeze_time("2026-03-11 10:00:00"):
            cls.env["stock.quant"].with_user(cls.stock_manager).with_context(
                inventory_mode=True
            ).create(
                {
                    "product_id": B.id,
                    "location_id": cls.wh1.lot_stock_id.id,
                    "inventory_quantity_auto_apply": 7,
                }
            )
        cls.scrap_a = cls.scrap(cls.wh1, A, 3, "2026-03-12 10:00:00")
        cls.transfer(cls.wh1, A, 10, "2026-04-02 10:00:00", k1, kind="out")
        # The second company's March must not leak into the first company's values.
        cls.transfer(cls.wh_other, A, 50, "2026-03-02 10:00:00", cls.stock_manager)
        cls.scrap(cls.wh_other, A, 10, "2026-03-03 10:00:00")
        cls.count(cls.wh_other, A, 39, "2026-03-04 10:00:00", counter=k1)

    # ------------------------------------------------------------------
    def test_count_accuracy_per_warehouse_department_and_company(self):
        values = self.compute(self.kpi("STOCK_COUNT_ACCURACY"))
        # Counts in March: A in WH1 (108 for 110: mismatch), B in WH2 (43 for 43: match);
        # the direct update of B in WH1 is not a count.
        self.assertEqual(values[self.wh1].value, 0.0)
        self.assertEqual(values[self.wh2].value, 100.0)
        self.assertEqual(values[self.company].value, 50.0)
        self.assertEqual((values[self.company].numerator, values[self.company].denominator), (1, 2))
        self.assertEqual(values[self.department].value, 0.0)
        self.assertEqual(self.drilled(values[self.company]), self.count_a | self.count_b)
        self.assertEqual(values[self.wh1].subject_type, "record")
        self.assertEqual(self.count_a.mfg_count_user_id, self.keeper1)
        self.assertEqual(self.count_a.mfg_count_book_qty, 110.0)
        self.assertTrue(self.count_b.mfg_count_matched)
        self.assertFalse(self.count_a.mfg_count_matched)

    def test_team_level_counts_for_the_warehouse_team(self):
        """A warehouse owned by a workshop and a team (mfg.owned.mixin) counts for both at
        team level; WH2 has no owner and counts for its warehouse and the company only."""
        team = self.env["hr.department"].create(
            {"name": "Store shift A", "parent_id": self.department.id}
        )
        self.wh1.mfg_team_id = team
        kpi = self.kpi("STOCK_COUNT_ACCURACY")
        kpi.subject_level = "team"
        values = self.compute(kpi)
        self.assertEqual(values[team].value, 0.0)
        self.assertEqual(values[self.department].value, 0.0)
        self.assertEqual(self.drilled(values[team]), self.count_a)
        self.assertEqual(values[self.company].value, 50.0)
        departments = {v.department_id for v in values.values() if v.subject_type == "department"}
        self.assertEqual(departments, {team, self.department})

    def test_count_accuracy_per_counter_at_employee_level(self):
        kpi = self.kpi("STOCK_COUNT_ACCURACY")
        kpi.subject_level = "employee"
        values = self.compute(kpi)
        self.assertEqual(values[self.emp_keeper1].value, 0.0)
        self.assertEqual(values[self.emp_keeper2].value, 100.0)
        self.assertEqual(len(values), 2, "keeper 1's count in the second company is not here")

    def test_move_error_rate_per_validating_keeper(self):
        values = self.compute(self.kpi("STOCK_MOVE_ERROR_RATE"))
        # Keeper 1 validated D1 and D2 (returned by the warehouse: wrong) → 1/2; the return
        # itself is a correction, not a movement. Keeper 2 validated D3, R1 and R2; R2's return
        # to the vendor is a supplier matter → 0/3.
        self.assertEqual(values[self.emp_keeper1].value, 50.0)
        self.assertEqual(self.drilled(values[self.emp_keeper1]), self.d1 | self.d2)
        self.assertEqual(values[self.emp_keeper2].value, 0.0)
        self.assertEqual(values[self.emp_keeper2].denominator, 3)
        self.assertEqual(self.d2.mfg_done_user_id, self.keeper1)

    def test_stock_loss_rate(self):
        values = self.compute(self.kpi("STOCK_LOSS_RATE"))
        # WH1 losses: count −2 A and scrap 3 A = 5 × 10 = 50.
        # WH1 stock: A 100 on 1 March, 105 on 31 March (the April issue is undone) → 1025;
        # B 0 then 7 → 17.5; average 1042.5. WH2: B 40 then 43 → 41.5 × 5 = 207.5, no loss.
        self.assertAlmostEqual(values[self.wh1].value, 5000.0 / 1042.5, places=4)
        self.assertAlmostEqual(values[self.wh1].denominator, 1042.5)
        self.assertEqual(values[self.wh2].value, 0.0)
        self.assertAlmostEqual(values[self.company].value, 4.0)
        self.assertAlmostEqual(values[self.department].value, 5000.0 / 1042.5, places=4)
        loss_lines = (self.count_a | self.scrap_a.move_ids).move_line_ids
        self.assertEqual(self.drilled(values[self.wh1]), loss_lines)

    def test_storage_loss_per_keeper(self):
        values = self.compute(self.kpi("STORAGE_LOSS_CONTROL_RATE"))
        self.assertAlmostEqual(values[self.emp_keeper1].value, 5000.0 / 1042.5, places=4)
        self.assertEqual(values[self.emp_keeper2].value, 0.0)

    def test_safety_stock_breaches_at_period_end_and_now(self):
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        rules = Orderpoint.create(
            [
                {
                    "product_id": self.product_a.id,
                    "warehouse_id": self.wh1.id,
                    "location_id": self.wh1.lot_stock_id.id,
                    "product_min_qty": 104,
                    "product_max_qty": 200,
                },
                {
                    "product_id": self.product_b.id,
                    "warehouse_id": self.wh2.id,
                    "location_id": self.wh2.lot_stock_id.id,
                    "product_min_qty": 50,
                    "product_max_qty": 100,
                },
            ]
        )
        # Odoo has no way to date a rule back: they existed before March.
        self.env.cr.execute(
            "UPDATE stock_warehouse_orderpoint SET create_date = '2026-02-01' WHERE id IN %s",
            [tuple(rules.ids)],
        )
        values = self.compute(self.kpi("SAFETY_STOCK_BREACH_COUNT"))
        # End of March: A in WH1 = 105 ≥ 104; B in WH2 = 43 < 50.
        self.assertEqual(values[self.wh1].value, 0.0)
        self.assertFalse(self.drilled(values[self.wh1]))
        self.assertEqual(values[self.wh2].value, 1.0)
        self.assertEqual(self.drilled(values[self.wh2]), rules[1])
        self.assertEqual(values[self.company].value, 1.0)
        # Today A is 95 in WH1 after the April issue: both rules are breached now.
        breached = Orderpoint.with_user(self.stock_manager).search([("mfg_below_min", "=", True)])
        self.assertEqual(breached & rules, rules)
        not_breached = Orderpoint.search([("mfg_below_min", "=", False)])
        self.assertFalse(not_breached & rules)
        self.assertTrue(rules[0].mfg_below_min)

    def test_rules_created_after_the_period_do_not_count(self):
        self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.product_b.id,
                "warehouse_id": self.wh2.id,
                "location_id": self.wh2.lot_stock_id.id,
                "product_min_qty": 50,
                "product_max_qty": 100,
            }
        )
        self.assertEqual(self.compute(self.kpi("SAFETY_STOCK_BREACH_COUNT")), {})

    def test_second_company(self):
        period2 = self.env["mfg.kpi.period"]._get_or_create(
            "month", date(2026, 3, 15), self.company2
        )
        values = self.compute(self.kpi("STOCK_COUNT_ACCURACY"), period2)
        self.assertEqual(set(values), {self.company2, self.wh_other})
        self.assertEqual(values[self.company2].value, 0.0)
        # The cost is per company: without a cost there, the second company's stock has no value.
        self.assertEqual(self.compute(self.kpi("STOCK_LOSS_RATE"), period2), {})
        self.product_a.with_company(self.company2).standard_price = 10.0
        losses = self.compute(self.kpi("STOCK_LOSS_RATE"), period2)
        # 10 scrapped + 1 lost at count = 11 × 10; stock 0 on 1 March, 39 on 31 March.
        self.assertAlmostEqual(losses[self.company2].value, 110.0 / 195.0 * 100.0, places=4)

    def test_stock_manager_reads_warehouse_values_only(self):
        self.compute(self.kpi("STOCK_COUNT_ACCURACY"))
        self.compute(self.kpi("STOCK_MOVE_ERROR_RATE"))
        values = (
            self.env["mfg.kpi.value"]
            .with_user(self.stock_manager)
            .search([("period_id", "=", self.period.id)])
        )
        # No KPI role: the keepers', department's and company's values stay hidden.
        self.assertEqual(values.mapped("res_model"), ["stock.warehouse"] * 2)
        self.assertEqual({value._subject_record() for value in values}, {self.wh1, self.wh2})
        with self.assertRaises(AccessError):
            self.env["mfg.kpi.value"].with_user(self.keeper1).search([])

    def test_no_data_no_value(self):
        empty = self.env["mfg.kpi.period"]._get_or_create("month", date(2025, 6, 1))
        for code in (
            "STOCK_COUNT_ACCURACY",
            "STOCK_MOVE_ERROR_RATE",
            "STOCK_LOSS_RATE",
            "STORAGE_LOSS_CONTROL_RATE",
            "SAFETY_STOCK_BREACH_COUNT",
            "NEAR_EXPIRY_INSPECTION_RATE",
        ):
            self.assertEqual(self.compute(self.kpi(code), empty), {}, code)
