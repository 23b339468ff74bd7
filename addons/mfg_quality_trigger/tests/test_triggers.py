# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.fields import Command
from odoo.tests import tagged

from .scenario import QualityTriggerScenario


@tagged("post_install", "-at_install")
class TestTriggers(QualityTriggerScenario):
    def test_receipt_creates_one_inspection_per_lot_and_line(self):
        self.assertEqual(self.r1.state, "done")
        self.assertEqual(len(self.r1.mfg_qc_inspection_ids), 3)
        self.assertEqual((self.i1.qty, self.i2.qty, self.i3.qty), (6, 4, 100))
        for inspection in self.i1 | self.i2 | self.i3:
            self.assertEqual(inspection.mfg_kind, "incoming")
            self.assertEqual(inspection.mfg_rule_id, self.rule_in)
            self.assertEqual(inspection.mfg_partner_id, self.supplier_1)
            self.assertEqual(inspection.user, self.user_insp1)
            self.assertEqual(inspection.test, self.test_appearance)
            self.assertTrue(inspection.auto_generated)
            self.assertEqual(len(inspection.inspection_lines), 1)
        self.assertEqual(str(self.i1.date), "2026-03-02 09:00:00")
        self.assertEqual(str(self.i1.mfg_deadline), "2026-03-03 09:00:00")

    def test_results(self):
        self.assertEqual(self.i1.state, "success")
        self.assertEqual(self.i2.state, "failed")
        self.assertEqual(str(self.i2.date_done), "2026-03-04 10:00:00")
        self.assertEqual(self.i15.state, "ready")

    def test_partial_receipt_and_backorder(self):
        # 30 of 50 bolts first, the backorder's 20 later: one inspection each.
        self.assertEqual(self.i4.qty, 30)
        self.assertEqual(self.i5.qty, 20)
        self.assertEqual(self.i5.mfg_partner_id, self.supplier_2)

    def test_cancelled_receipt_has_no_inspection(self):
        self.assertEqual(self.r3.state, "cancel")
        self.assertFalse(self.env["qc.inspection"].search([("mfg_picking_id", "=", self.r3.id)]))

    def test_delivery_and_manufacturing_orders(self):
        self.assertEqual(self.i6.mfg_kind, "final")
        self.assertEqual(self.i6.user, self.user_insp2)
        self.assertEqual(self.mo1.state, "done")
        self.assertEqual((self.i7.mfg_kind, self.i8.mfg_kind), ("in_process", "final"))
        self.assertEqual(self.i7.mfg_employee_id, self.emp_resp)
        self.assertEqual(self.i7.mfg_department_id, self.dep_w1)
        self.assertEqual(self.i9.mfg_employee_id, self.emp_resp2)
        self.assertEqual(self.i7.qty, 10)
        self.assertEqual(self.mo1.mfg_qc_inspection_count, 2)

    def test_rule_filters(self):
        """Partner, product and category filters; the per-lot option; the second company."""
        self.rule_in.write({"partner_ids": [Command.set(self.supplier_2.ids)], "per_lot": False})
        picking = self._picking(
            self.warehouse.in_type_id, self.supplier_1, [(self.bolt, 5)], "2026-04-01 08:00"
        )
        self._validate(picking, "2026-04-01 09:00")
        self.assertFalse(picking.mfg_qc_inspection_ids, "supplier 1 is filtered out")
        self.rule_in.write(
            {
                "partner_ids": [Command.clear()],
                "product_categ_ids": [Command.set(self.categ_raw.ids)],
            }
        )
        picking = self._picking(
            self.warehouse.in_type_id,
            self.supplier_1,
            [(self.steel, 3), (self.widget, 2)],
            "2026-04-02 08:00",
        )
        self._validate(picking, "2026-04-02 09:00", lots={self.steel: [("L7", 1), ("L8", 2)]})
        # Steel is in a subcategory of raw materials; widgets are not; one inspection for both
        # lots since the rule no longer inspects per lot.
        self.assertEqual(picking.mfg_qc_inspection_ids.product_id, self.steel)
        self.assertEqual(picking.mfg_qc_inspection_ids.qty, 3)
        self.assertFalse(picking.mfg_qc_inspection_ids.mfg_lot_id)

    def test_other_company_rule_does_not_fire(self):
        warehouse_2 = self.env["stock.warehouse"].search(
            [("company_id", "=", self.company_2.id)], limit=1
        )
        self.assertFalse(
            self.env["mfg.qc.trigger.rule"].search([("company_id", "=", self.company_2.id)])
        )
        picking = self._picking(
            warehouse_2.in_type_id, self.supplier_1, [(self.bolt, 5)], "2026-03-20 08:00"
        )
        self._validate(picking, "2026-03-20 09:00")
        self.assertFalse(self.env["qc.inspection"].search([("mfg_picking_id", "=", picking.id)]))
