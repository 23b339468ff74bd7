# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo import Command
from odoo.tests import Form, new_test_user
from odoo.tests.common import TransactionCase, freeze_time


class StockKpiCase(TransactionCase):
    """Two warehouses with their keepers, products, and helpers running real stock flows
    (receipts, deliveries, returns, counts, scraps) at chosen dates."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        # Days and period bounds follow the company's time zone: make it explicit.
        cls.company.resource_calendar_id.tz = "UTC"
        cls.company.partner_id.tz = "UTC"
        cls.company2 = cls.env["res.company"].create({"name": "Second Factory"})

        groups = "stock.group_stock_user,stock.group_production_lot"
        cls.keeper1 = new_test_user(cls.env, "mfg_stk_keeper1", groups=groups, name="Keeper One")
        cls.keeper2 = new_test_user(cls.env, "mfg_stk_keeper2", groups=groups, name="Keeper Two")
        cls.stock_manager = new_test_user(
            cls.env,
            "mfg_stk_manager",
            groups="stock.group_stock_manager,stock.group_production_lot",
            name="Stock Manager",
            company_ids=[Command.set((cls.company | cls.company2).ids)],
        )
        cls.department = cls.env["hr.department"].create({"name": "Raw Material Store"})
        Employee = cls.env["hr.employee"]
        cls.emp_keeper1 = Employee.create(
            {"name": "Keeper One", "user_id": cls.keeper1.id, "department_id": cls.department.id}
        )
        cls.emp_keeper2 = Employee.create({"name": "Keeper Two", "user_id": cls.keeper2.id})

        Warehouse = cls.env["stock.warehouse"]
        cls.wh1 = Warehouse.search([("company_id", "=", cls.company.id)], limit=1)
        cls.wh1.write(
            {
                "mfg_department_id": cls.department.id,
                "mfg_keeper_ids": [Command.set(cls.emp_keeper1.ids)],
            }
        )
        cls.wh2 = Warehouse.create(
            {
                "name": "Finished Goods Store",
                "code": "FGS",
                "mfg_keeper_ids": [Command.set(cls.emp_keeper2.ids)],
            }
        )
        cls.wh_other = Warehouse.search([("company_id", "=", cls.company2.id)], limit=1)

        cls.vendor = cls.env["res.partner"].create({"name": "Steel Mill"})
        cls.customer = cls.env["res.partner"].create({"name": "Assembly Plant"})
        Product = cls.env["product.product"]
        cls.product_a = Product.create(
            {"name": "Steel Sheet", "is_storable": True, "standard_price": 10.0}
        )
        cls.product_b = Product.create(
            {"name": "Bearing", "is_storable": True, "standard_price": 5.0}
        )
        cls.product_lot = Product.create(
            {
                "name": "Adhesive",
                "is_storable": True,
                "tracking": "lot",
                "use_expiration_date": True,
                "expiration_time": 100,
                "alert_time": 5,
                "standard_price": 2.0,
            }
        )
        cls.period = cls.env["mfg.kpi.period"]._get_or_create("month", date(2026, 3, 15))

    # ------------------------------------------------------------------
    # Stock flows
    # ------------------------------------------------------------------
    @classmethod
    def transfer(cls, warehouse, product, qty, when, user, kind="in", lot=None):
        """Validate a receipt (``in``) or a delivery (``out``) of ``qty`` as ``user``."""
        picking_type = warehouse.in_type_id if kind == "in" else warehouse.out_type_id
        if kind == "in":
            source = cls.env.ref("stock.stock_location_suppliers")
            dest, partner = warehouse.lot_stock_id, cls.vendor
        else:
            source = warehouse.lot_stock_id
            dest, partner = cls.env.ref("stock.stock_location_customers"), cls.customer
        with freeze_time(when):
            picking = (
                cls.env["stock.picking"]
                .with_company(warehouse.company_id)
                .create(
                    {
                        "picking_type_id": picking_type.id,
                        "partner_id": partner.id,
                        "location_id": source.id,
                        "location_dest_id": dest.id,
                        "move_ids": [
                            Command.create(
                                {
                                    "product_id": product.id,
                                    "product_uom_qty": qty,
                                    "location_id": source.id,
                                    "location_dest_id": dest.id,
                                }
                            )
                        ],
                    }
                )
            )
            picking.action_confirm()
            picking.action_assign()
            picking.move_ids.quantity = qty
            if lot:
                picking.move_ids.move_line_ids.lot_id = lot
            picking.move_ids.picked = True
            picking.with_user(user).with_company(warehouse.company_id).button_validate()
        return picking

    @classmethod
    def return_picking(cls, picking, qty, when, user):
        with freeze_time(when):
            wizard = Form(
                cls.env["stock.return.picking"].with_context(
                    active_ids=picking.ids, active_id=picking.id, active_model="stock.picking"
                )
            ).save()
            wizard.product_return_moves.quantity = qty
            returned = cls.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
            returned.move_ids.quantity = qty
            returned.move_ids.picked = True
            returned.with_user(user).button_validate()
        return returned

    @classmethod
    def count(cls, warehouse, product, counted, when, counter=None, lot=None):
        """Apply a physical count of ``product`` in the warehouse's stock location."""
        with freeze_time(when):
            Quant = cls.env["stock.quant"].with_user(cls.stock_manager)
            Quant = Quant.with_company(warehouse.company_id).with_context(inventory_mode=True)
            quant = Quant.search(
                [
                    ("product_id", "=", product.id),
                    ("location_id", "=", warehouse.lot_stock_id.id),
                    ("lot_id", "=", lot.id if lot else False),
                ]
            )
            if not quant:
                quant = Quant.create(
                    {
                        "product_id": product.id,
                        "location_id": warehouse.lot_stock_id.id,
                        "lot_id": lot.id if lot else False,
                        "inventory_quantity": counted,
                    }
                )
            quant.inventory_quantity = counted
            if counter:
                quant.user_id = counter
            quant.action_apply_inventory()
        return cls.env["stock.move"].search(
            [("product_id", "=", product.id), ("mfg_is_count", "=", True)],
            order="id desc",
            limit=1,
        )

    @classmethod
    def scrap(cls, warehouse, product, qty, when):
        with freeze_time(when):
            scrap = (
                cls.env["stock.scrap"]
                .with_company(warehouse.company_id)
                .create(
                    {
                        "product_id": product.id,
                        "scrap_qty": qty,
                        "location_id": warehouse.lot_stock_id.id,
                        "company_id": warehouse.company_id.id,
                    }
                )
            )
            scrap.action_validate()
        return scrap

    def compute(self, kpi, period=None, at="2026-04-05 12:00:00"):
        """Run the provider of ``kpi``; return {subject record: value record}."""
        period = period or self.period
        with freeze_time(at):
            self.env["mfg.kpi.provider"]._compute_kpi(kpi, period)
        values = self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("period_id", "=", period.id)]
        )
        return {value._subject_record(): value for value in values}

    @classmethod
    def kpi(cls, code):
        kpi = cls.env["mfg.kpi"].search([("code", "=", code)])
        assert kpi, f"KPI {code} is missing from the library"
        return kpi

    def drilled(self, value):
        return self.env[value.drill_model].search(value._drill_domain())
