# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.fields import Command
from odoo.tests import Form, new_test_user
from odoo.tests.common import TransactionCase


class QualityTriggerCase(TransactionCase):
    """A plant (UTC) receiving steel (by lot) and bolts, making widgets, and a second company.

    - inspectors ``user_insp1`` / ``user_insp2`` (employees in the QC department), quality
      manager ``user_qc_manager``, warehouse clerk ``user_stock`` (no quality rights);
    - production responsibles ``user_resp`` (workshop 1) and ``user_resp2`` (workshop 2);
    - tests ``test_appearance`` and ``test_dimensions``: one yes/no question each;
    - triggers: receipts → incoming (appearance, per lot, inspector 1); deliveries → final
      (appearance, inspector 2); manufacturing orders → in-process appearance (inspector 1) and
      final dimensions of widgets (inspector 2).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(
            context=dict(
                cls.env.context,
                tracking_disable=True,
                mail_create_nolog=True,
                mail_notrack=True,
                no_reset_password=True,
            )
        )
        cls.company = cls.env.company
        cls.company.resource_calendar_id.tz = "UTC"
        cls.company_2 = cls.env["res.company"].create({"name": "Quality Plant 2"})
        companies = [Command.set((cls.company | cls.company_2).ids)]
        qc_user = "quality_control_oca.group_quality_control_user,stock.group_stock_user"
        cls.user_insp1 = new_test_user(cls.env, "qc_insp_1", groups=qc_user, company_ids=companies)
        cls.user_insp2 = new_test_user(cls.env, "qc_insp_2", groups=qc_user)
        cls.user_qc_manager = new_test_user(
            cls.env,
            "qc_manager",
            groups="quality_control_oca.group_quality_control_manager,stock.group_stock_manager",
            company_ids=companies,
        )
        cls.user_stock = new_test_user(
            cls.env, "qc_stock_clerk", groups="stock.group_stock_user", company_ids=companies
        )
        cls.user_resp = new_test_user(cls.env, "qc_resp_1", groups="mrp.group_mrp_user")
        cls.user_resp2 = new_test_user(cls.env, "qc_resp_2", groups="mrp.group_mrp_user")
        Department = cls.env["hr.department"]
        cls.dep_qc = Department.create({"name": "Quality control"})
        cls.dep_w1 = Department.create({"name": "Workshop 1"})
        cls.dep_w2 = Department.create({"name": "Workshop 2"})
        Employee = cls.env["hr.employee"]
        cls.emp_insp1 = Employee.create(
            {"name": "Inspector 1", "user_id": cls.user_insp1.id, "department_id": cls.dep_qc.id}
        )
        cls.emp_insp2 = Employee.create(
            {"name": "Inspector 2", "user_id": cls.user_insp2.id, "department_id": cls.dep_qc.id}
        )
        cls.emp_resp = Employee.create(
            {"name": "Team leader 1", "user_id": cls.user_resp.id, "department_id": cls.dep_w1.id}
        )
        cls.emp_resp2 = Employee.create(
            {"name": "Team leader 2", "user_id": cls.user_resp2.id, "department_id": cls.dep_w2.id}
        )

        cls.supplier_1 = cls.env["res.partner"].create({"name": "Steel supplier"})
        cls.supplier_2 = cls.env["res.partner"].create({"name": "Bolt supplier"})
        cls.customer = cls.env["res.partner"].create({"name": "Customer"})
        Product = cls.env["product.product"]
        cls.categ_raw = cls.env["product.category"].create({"name": "Raw materials"})
        cls.categ_steel = cls.env["product.category"].create(
            {"name": "Steel", "parent_id": cls.categ_raw.id}
        )
        cls.steel = Product.create(
            {
                "name": "Steel bar",
                "is_storable": True,
                "tracking": "lot",
                "categ_id": cls.categ_steel.id,
            }
        )
        cls.bolt = Product.create(
            {"name": "Bolt", "is_storable": True, "categ_id": cls.categ_raw.id}
        )
        cls.paint = Product.create({"name": "Paint", "type": "consu"})
        cls.widget = Product.create({"name": "Widget", "is_storable": True})
        cls.env["mrp.bom"].create(
            {
                "product_tmpl_id": cls.widget.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [Command.create({"product_id": cls.paint.id, "product_qty": 1})],
            }
        )

        cls.test_appearance = cls._qc_test("Appearance")
        cls.test_dimensions = cls._qc_test("Dimensions")
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        Rule = cls.env["mfg.qc.trigger.rule"].with_user(cls.user_qc_manager)
        cls.rule_in = Rule.create(
            {
                "name": "Incoming inspection",
                "trigger_on": "picking",
                "picking_type_ids": [Command.set(cls.warehouse.in_type_id.ids)],
                "test_id": cls.test_appearance.id,
                "user_id": cls.user_insp1.id,
            }
        )
        cls.rule_out = Rule.create(
            {
                "name": "Outgoing inspection",
                "trigger_on": "picking",
                "picking_type_ids": [Command.set(cls.warehouse.out_type_id.ids)],
                "test_id": cls.test_appearance.id,
                "user_id": cls.user_insp2.id,
            }
        )
        cls.rule_mo = Rule.create(
            {
                "name": "In-process appearance",
                "trigger_on": "production",
                "test_id": cls.test_appearance.id,
                "user_id": cls.user_insp1.id,
            }
        )
        cls.rule_mo_final = Rule.create(
            {
                "name": "Final dimensions of widgets",
                "trigger_on": "production",
                "inspection_kind": "final",
                "product_ids": [Command.set(cls.widget.ids)],
                "test_id": cls.test_dimensions.id,
                "user_id": cls.user_insp2.id,
            }
        )

    @classmethod
    def _qc_test(cls, name):
        return cls.env["qc.test"].create(
            {
                "name": name,
                "test_lines": [
                    Command.create(
                        {
                            "name": f"{name} conforming?",
                            "type": "qualitative",
                            "ql_values": [
                                Command.create({"name": "Yes", "ok": True}),
                                Command.create({"name": "No", "ok": False}),
                            ],
                        }
                    )
                ],
            }
        )

    @classmethod
    def _picking(cls, picking_type, partner, lines, when):
        """A confirmed transfer of ``lines`` ``[(product, quantity)]``, made by the clerk."""
        with freeze_time(when):
            picking = (
                cls.env["stock.picking"]
                .with_user(cls.user_stock)
                .with_company(picking_type.company_id)
                .create(
                    {
                        "picking_type_id": picking_type.id,
                        "partner_id": partner.id,
                        "location_id": picking_type.default_location_src_id.id
                        or partner.property_stock_supplier.id,
                        "location_dest_id": picking_type.default_location_dest_id.id
                        or partner.property_stock_customer.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "product_uom_qty": qty,
                                    "product_uom": product.uom_id.id,
                                }
                            )
                            for product, qty in lines
                        ],
                    }
                )
            )
            picking.action_confirm()
        return picking.with_env(cls.env)

    @classmethod
    def _validate(cls, picking, when, quantities=None, lots=None, backorder=True):
        """Validate ``picking`` at ``when`` as the clerk: ``quantities`` {product: qty} (default:
        all), ``lots`` {product: [(lot name, qty)]}; a partial transfer creates a backorder."""
        quantities = quantities or {}
        lots = lots or {}
        with freeze_time(when):
            picking = picking.with_user(cls.user_stock).with_company(picking.company_id)
            for move in picking.move_ids:
                if move.product_id in lots:
                    move.move_line_ids.unlink()
                    picking.env["stock.move.line"].create(
                        [
                            {
                                "move_id": move.id,
                                "picking_id": picking.id,
                                "product_id": move.product_id.id,
                                "lot_name": lot_name,
                                "quantity": qty,
                                "location_id": move.location_id.id,
                                "location_dest_id": move.location_dest_id.id,
                            }
                            for lot_name, qty in lots[move.product_id]
                        ]
                    )
                else:
                    move.quantity = quantities.get(move.product_id, move.product_uom_qty)
                move.picked = True
            action = picking.button_validate()
            if (
                isinstance(action, dict)
                and action.get("res_model") == "stock.backorder.confirmation"
            ):
                wizard = Form(
                    picking.env["stock.backorder.confirmation"].with_context(**action["context"])
                ).save()
                if backorder:
                    wizard.process()
                else:
                    wizard.process_cancel_backorder()
            cls.env.flush_all()
        return picking.with_env(cls.env)

    @classmethod
    def _produce(cls, product, qty, responsible, when, lot=None):
        """A manufacturing order of ``responsible`` confirmed and marked done at ``when``
        (producing ``lot`` for a lot-tracked product)."""
        with freeze_time(when):
            form = Form(cls.env["mrp.production"])
            form.product_id = product
            form.product_qty = qty
            form.user_id = responsible
            production = form.save()
            production.action_confirm()
            if lot:
                production.lot_producing_ids = lot
            production.button_mark_done()
            cls.env.flush_all()
        return production

    @classmethod
    def _inspect(cls, inspection, ok, when, user=None):
        """Answer every question of ``inspection`` (conforming or not) and confirm it at
        ``when``; a failed result is approved by the quality manager (OCA's flow)."""
        user = user or inspection.user
        with freeze_time(when):
            inspection = inspection.with_user(user)
            for line in inspection.inspection_lines:
                line.qualitative_value = line.possible_ql_values.filtered(
                    lambda v, ok=ok: v.ok == ok
                )[:1]
            inspection.action_confirm()
            if inspection.state == "waiting":
                inspection.with_user(cls.user_qc_manager).action_approve()
            cls.env.flush_all()
        return inspection.with_env(cls.env)
