from odoo import Command
from odoo.tests import Form, tagged
from odoo.tests.common import freeze_time

from .common import MrpKpiCase, dt


@tagged("post_install", "-at_install")
class TestMaterialScrapRework(MrpKpiCase):
    """Orders done in March 2026 (costs: frame 10, bolt 2, carton 1).

    | order | owner   | produced | consumed                          | BoM standard      |
    |-------|---------|----------|-----------------------------------|-------------------|
    | M1    | W1 / 1A | 10 bikes | 22 frames + 50 bolts = 320        | 10 × 30 = 300     |
    | M2    | W2      | 5 boxes  | 5 cartons + 1 scrapped = 6        | 5 × 1 = 5         |
    | M3    | W1 / 1A | 4 of 10  | 8 frames + 25 bolts = 130         | 4 × 30 = 120      |
    | R     | W1 / 1A | 2 bikes  | rework of M1: 4 frames + 10 bolts | 2 × 30 = 60 (60)  |
    | R2    | W2      | 1 box    | rework without source: 1 carton   | 1 (1)             |

    One bike of M1 is scrapped after production. Time logs: M1 op1 60 (WC-Cut); M2 op2 10
    (WC-Pack); M3 op2 30 (WC-Cut). M3's backorder (6) and a cancelled order are not done.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.m1 = cls._create_mo(cls.bom_bike, 10, dt(10))
        cls._log_time(cls.m1.workorder_ids, cls.user_op1, dt(7, 8), 60)
        cls._produce(cls.m1, 10, dt(8), consumed={cls.frame: 22, cls.bolt: 50})
        with freeze_time(dt(9)):
            cls.bike_scrap = cls._scrap(cls.m1, cls.bike, 1)

        cls.m2 = cls._create_mo(cls.bom_box, 5, dt(12))
        cls._log_time(cls.m2.workorder_ids, cls.user_op2, dt(11, 8), 10)
        with freeze_time(dt(11)):
            cls._scrap(cls.m2, cls.carton, 1)
        cls._produce(cls.m2, 5, dt(12))

        cls.m3 = cls._create_mo(cls.bom_bike, 10, dt(15))
        cls._log_time(cls.m3.workorder_ids, cls.user_op2, dt(13, 8), 30)
        cls.m3_backorder = cls._produce(
            cls.m3, 4, dt(14), backorder=True, consumed={cls.frame: 8, cls.bolt: 25}
        )

        cls.rework = cls._create_mo(
            cls.bom_bike, 2, dt(20), mfg_is_rework=True, mfg_rework_source_id=cls.m1
        )
        cls._produce(cls.rework, 2, dt(20))
        cls.rework2 = cls._create_mo(cls.bom_box, 1, dt(21), mfg_is_rework=True)
        cls._produce(cls.rework2, 1, dt(21))

        cancelled = cls._create_mo(cls.bom_bike, 3, dt(10))
        cancelled.action_cancel()

    @classmethod
    def _scrap(cls, production, product, qty):
        form = Form(
            cls.env["stock.scrap"].with_context(
                default_production_id=production.id,
                default_company_id=production.company_id.id,
            )
        )
        form.product_id = product
        form.scrap_qty = qty
        scrap = form.save()
        scrap.action_validate()
        return scrap

    def test_consumption_against_bom_standard(self):
        self.assertEqual(
            sum(
                self.m1.move_raw_ids.filtered(lambda m: m.product_id == self.frame).mapped(
                    "quantity"
                )
            ),
            22,
        )
        values = self._compute("MATERIAL_CONSUMPTION_QUOTA_RATIO")
        company = self._value(values, self.company)
        # Actual 320 + 6 + 130 + 60 + 1 = 517; standard 300 + 5 + 120 + 60 + 1 = 486.
        self.assertAlmostEqual(company.numerator, 517.0, places=3)
        self.assertAlmostEqual(company.denominator, 486.0, places=3)
        self.assertAlmostEqual(company.value, 517 / 486 * 100, places=3)
        self.assertEqual(
            self._drilled(company), self.m1 | self.m2 | self.m3 | self.rework | self.rework2
        )
        # Workshop 1: (320 + 130 + 60) / (300 + 120 + 60); workshop 2: 7 / 6.
        self.assertAlmostEqual(self._value(values, self.workshop1).value, 510 / 480 * 100, places=3)
        self.assertAlmostEqual(self._value(values, self.team1).value, 510 / 480 * 100, places=3)
        self.assertAlmostEqual(self._value(values, self.workshop2).value, 7 / 6 * 100, places=3)
        # Operators by logged time: op1 all of M1; op2 all of M2 and M3: 136 / 125.
        self.assertAlmostEqual(self._value(values, self.op1).value, 320 / 300 * 100, places=3)
        self.assertAlmostEqual(self._value(values, self.op2).value, 136 / 125 * 100, places=3)

        achievement = self._compute("MATERIAL_STANDARD_ACHIEVEMENT_RATE")
        self.assertAlmostEqual(
            self._value(achievement, self.company).value, 486 / 517 * 100, places=3
        )

    def test_scrap_rate(self):
        values = self._compute("MRP_SCRAP_RATE")
        company = self._value(values, self.company)
        # One bike scrapped; the carton scrapped is a component (material consumption).
        # Produced: 10 + 5 + 4 + 2 + 1 = 22.
        self.assertEqual((company.numerator, company.denominator), (1.0, 22.0))
        self.assertAlmostEqual(self._value(values, self.workshop1).value, 1 / 16 * 100, places=3)
        workshop2 = self._value(values, self.workshop2)
        self.assertEqual(workshop2.value, 0.0, "produced without scrap: a real zero")
        self.assertAlmostEqual(self._value(values, self.op1).value, 10.0, places=3)

    def test_rework_rate_and_count(self):
        values = self._compute("MRP_REWORK_RATE")
        company = self._value(values, self.company)
        # Reworked 2 + 1 = 3 against ordinary output 10 + 5 + 4 = 19.
        self.assertEqual((company.numerator, company.denominator), (3.0, 19.0))
        # R is charged to M1's owner (workshop 1): 2 of 14; R2 to its own workshop: 1 of 5.
        self.assertAlmostEqual(self._value(values, self.workshop1).value, 2 / 14 * 100, places=3)
        self.assertAlmostEqual(self._value(values, self.workshop2).value, 20.0, places=3)
        self.assertEqual(self._drilled(self._value(values, self.workshop2)), self.m2 | self.rework2)

        operators = self._compute("PRODUCT_REWORK_RATE")
        self.assertEqual(set(operators.mapped("subject_type")), {"employee"})
        # op1 made M1 (10) which was reworked (2); op2 made M2 and M3 (9), never reworked.
        self.assertAlmostEqual(self._value(operators, self.op1).value, 20.0, places=3)
        self.assertEqual(self._value(operators, self.op2).value, 0.0)

        counts = self._compute("REWORK_COUNT")
        self.assertEqual(self._value(counts, self.company).value, 2.0)
        self.assertEqual(self._value(counts, self.workshop1).value, 1.0)
        self.assertEqual(self._value(counts, self.team1).value, 1.0)
        self.assertEqual(self._value(counts, self.workshop2).value, 1.0)
        self.assertEqual(self._value(counts, self.op1).value, 1.0)
        self.assertEqual(self._value(counts, self.op2).value, 0.0)
        self.assertEqual(
            self._drilled(self._value(counts, self.company)), self.rework | self.rework2
        )

    def test_no_done_order_no_value(self):
        for code in ("MATERIAL_CONSUMPTION_QUOTA_RATIO", "MRP_SCRAP_RATE", "REWORK_COUNT"):
            self.assertFalse(self._compute(code, self.april), code)

    def test_material_in_other_units_and_without_cost(self):
        """A component used in dozens counts in its own unit, one without a cost counts by
        quantity, and the cost is the period's company's."""
        dozen = self.env.ref("uom.product_uom_dozen")
        dozen.active = True
        wire = self.env["product.product"].create({"name": "Wire", "is_storable": True})
        self.env["stock.quant"]._update_available_quantity(wire, self.stock, 1000)
        other = self.env["res.company"].create({"name": "Other plant"})
        self.bolt.with_company(other).standard_price = 99.0
        lamp = self.env["product.product"].create({"name": "Lamp", "is_storable": True})
        bom = self.env["mrp.bom"].create(
            {
                "product_tmpl_id": lamp.product_tmpl_id.id,
                "product_qty": 1,
                "consumption": "flexible",
                "bom_line_ids": [
                    Command.create(
                        {"product_id": self.bolt.id, "product_qty": 1, "product_uom_id": dozen.id}
                    ),
                    Command.create({"product_id": wire.id, "product_qty": 2}),
                ],
            }
        )
        production = self._create_mo(bom, 2, dt(10, month=4), confirm_at=dt(1, 8, month=4))
        bolts = production.move_raw_ids.filtered(lambda m: m.product_id == self.bolt)
        self.assertEqual(bolts.product_uom, dozen)
        self.assertEqual(bolts.mfg_bom_unit_qty, 12.0)
        self._produce(production, 2, dt(9, month=4), consumed={self.bolt: 3, wire: 5})
        values = self._compute("MATERIAL_CONSUMPTION_QUOTA_RATIO", self.april)
        company = self._value(values, self.company)
        # Standard: 2 lamps × (12 bolts × 2 + 2 wires × 1) = 52; actual: 36 bolts × 2 + 5 = 77.
        self.assertAlmostEqual(company.denominator, 52.0, places=6)
        self.assertAlmostEqual(company.numerator, 77.0, places=6)
