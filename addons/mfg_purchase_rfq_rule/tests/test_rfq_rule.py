# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import RfqRuleCase


@tagged("post_install", "-at_install")
class TestRfqRule(RfqRuleCase):
    """ "Ask at least three suppliers before confirming": orders of 1000 and more."""

    def test_large_order_with_one_supplier_is_blocked(self):
        order = self.rfq(200.0)  # 2000 ≥ 1000
        self.assertEqual(order.mfg_rfq_supplier_count, 1)
        self.assertTrue(order.mfg_rfq_rule_blocking)
        # The buyer's form shows the warning banner (no waiver button: managers only).
        form = Form(order)
        self.assertTrue(form.mfg_rfq_rule_blocking)
        self.assertEqual(form.mfg_rfq_supplier_count, 1)
        with self.assertRaisesRegex(UserError, "ask at least 3 different suppliers"):
            order.button_confirm()
        self.assertEqual(order.state, "draft")

    def test_order_below_threshold_is_not_concerned(self):
        order = self.rfq(99.0)  # 990 < 1000
        self.assertFalse(order.mfg_rfq_rule_blocking)
        order.button_confirm()
        self.assertEqual(order.state, "purchase")

    def test_three_suppliers_asked_allow_confirmation(self):
        order = self.rfq(200.0)
        alternatives = self.add_alternatives(order, self.vendor2 | self.vendor3)
        self.assertEqual(order.mfg_rfq_supplier_count, 3)
        self.assertFalse(order.mfg_rfq_rule_blocking)
        action = order.button_confirm()
        # purchase_requisition asks what to do with the other quotations: cancel them.
        Form.from_action(self.env, action).save().with_user(
            self.buyer1
        ).action_cancel_alternatives()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(set(alternatives.mapped("state")), {"cancel"})
        # Cancelled alternatives were still asked: the order keeps its count.
        self.assertEqual(order.mfg_rfq_supplier_count, 3)

    def test_alternatives_from_the_same_supplier_count_once(self):
        order = self.rfq(200.0)
        contact = self.env["res.partner"].create(
            {"name": "Sales desk", "parent_id": self.vendor1.id}
        )
        self.add_alternatives(order, contact | self.vendor2)
        self.assertEqual(order.mfg_rfq_supplier_count, 2)
        with self.assertRaisesRegex(UserError, "Suppliers asked so far: 2"):
            order.with_context(skip_alternative_check=True).button_confirm()

    def test_manager_waives_with_reason(self):
        order = self.rfq(200.0)
        action = order.with_user(self.purchase_manager).action_mfg_rfq_waive()
        wizard = Form.from_action(self.env(user=self.purchase_manager), action)
        wizard.reason = "Single approved source for this steel grade"
        wizard.save().action_waive()
        self.assertEqual(order.state, "purchase")
        self.assertEqual(order.mfg_rfq_waiver_user_id, self.purchase_manager)
        self.assertTrue(order.mfg_rfq_waiver_date)
        self.assertEqual(order.mfg_rfq_waiver_reason, "Single approved source for this steel grade")
        message = order.message_ids.filtered(lambda m: "Quotation rule waived" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertIn("Single approved source", message.body)
        self.assertIn("1 of 3 suppliers", message.body)

    def test_waiver_needs_a_reason(self):
        order = self.rfq(200.0, user=self.purchase_manager)
        with self.assertRaisesRegex(UserError, "reason"):
            order._mfg_waive_rfq_rule("   ")

    def test_buyer_cannot_waive(self):
        order = self.rfq(200.0)
        with self.assertRaises(AccessError):
            order.action_mfg_rfq_waive()
        with self.assertRaises(AccessError):
            order._mfg_waive_rfq_rule("I am in a hurry")
        with self.assertRaises(AccessError):
            order.write({"mfg_rfq_waiver_reason": "Self-approved"})
        with self.assertRaises(AccessError):
            self.env["mfg.rfq.waiver.wizard"].with_user(self.buyer1).create(
                {"order_ids": [Command.set(order.ids)], "reason": "Self-approved"}
            )
        self.assertFalse(order.mfg_rfq_waiver_date)

    def test_waiver_is_not_copied(self):
        order = self.rfq(200.0, user=self.purchase_manager)
        order._mfg_waive_rfq_rule("Urgent breakdown repair")
        copy = order.copy()
        self.assertFalse(copy.mfg_rfq_waiver_reason)
        self.assertTrue(copy.mfg_rfq_rule_blocking)

    def test_rule_inactive_or_other_company(self):
        order2 = self.rfq(200.0, company=self.company2, user=False)
        self.assertFalse(order2.mfg_rfq_rule_blocking, "the second company has no rule")
        self.company.mfg_rfq_rule_active = False
        order = self.rfq(200.0)
        self.assertFalse(order.mfg_rfq_rule_blocking)
        order.button_confirm()
        self.assertEqual(order.state, "purchase")

    def test_settings_validation(self):
        with self.assertRaises(ValidationError):
            self.company.mfg_rfq_min_suppliers = 0
        settings = self.env["res.config.settings"].new({"mfg_rfq_rule_active": True})
        settings._onchange_mfg_rfq_rule_active()
        self.assertTrue(settings.group_purchase_alternatives)

    def test_rule_stands_alone(self):
        """The rule is purchase's own: it needs neither the KPI library nor HR (this test
        module imports nothing of them), and a buyer without an employee follows it."""
        module = self.env["ir.module.module"].search([("name", "=", "mfg_purchase_rfq_rule")])
        needed = module.upstream_dependencies(exclude_states=("uninstallable",)).mapped("name")
        self.assertIn("purchase_requisition", needed)
        self.assertFalse({"mfg_kpi", "hr"} & set(needed), needed)
        if "hr.employee" in self.env:
            employees = self.env["hr.employee"].with_context(active_test=False)
            self.assertFalse(employees.search([("user_id", "=", self.buyer1.id)]))
        order = self.rfq(200.0)
        self.assertTrue(order.mfg_rfq_rule_blocking)
        self.add_alternatives(order, self.vendor2 | self.vendor3)
        self.assertFalse(order.mfg_rfq_rule_blocking)
        order.with_context(skip_alternative_check=True).button_confirm()
        self.assertEqual(order.state, "purchase")
