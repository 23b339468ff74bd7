from datetime import date, datetime, timedelta

from odoo import Command
from odoo.tests import Form, new_test_user
from odoo.tests.common import TransactionCase, freeze_time

MARCH = date(2026, 3, 15)


def dt(day, hour=12, month=3):
    """A datetime of 2026 (UTC, the company's time zone in these tests)."""
    return datetime(2026, month, day, hour, 0)


class MrpKpiCase(TransactionCase):
    """Two workshops, one team, three work centres, operators and bills of materials.

    - Workshop 1 (team 1A below it) owns WC-Cut (team 1A); workshop 2 owns WC-Pack.
    - Bike: 2 × Frame (cost 10) + 5 × Bolt (cost 2) per unit, one operation on WC-Cut
      (6 minutes per unit): standard material value 30 per bike.
    - Box: 1 × Carton (cost 1), one operation on WC-Pack (1 minute per unit).
    - Chair: 1 × Frame, operations on WC-Cut then WC-Pack: owned by the last one's workshop.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # Manufacturing settings: work orders enabled (as a factory using work centres does).
        cls.env.ref("base.group_user").write(
            {"implied_ids": [Command.link(cls.env.ref("mrp.group_mrp_routings").id)]}
        )
        cls.company = cls.env.company
        cls.company.resource_calendar_id.tz = "UTC"
        cls.period = cls.env["mfg.kpi.period"]._get_or_create("month", MARCH, cls.company)
        cls.april = cls.env["mfg.kpi.period"]._get_or_create("month", date(2026, 4, 15))

        Department = cls.env["hr.department"]
        cls.workshop1 = Department.create({"name": "Workshop 1"})
        cls.team1 = Department.create({"name": "Team 1A", "parent_id": cls.workshop1.id})
        cls.workshop2 = Department.create({"name": "Workshop 2"})

        Workcenter = cls.env["mrp.workcenter"]
        cls.wc_cut = Workcenter.create(
            {
                "name": "WC-Cut",
                "mfg_department_id": cls.workshop1.id,
                "mfg_team_id": cls.team1.id,
                "time_start": 0,
                "time_stop": 0,
            }
        )
        cls.wc_pack = Workcenter.create({"name": "WC-Pack", "mfg_department_id": cls.workshop2.id})
        cls.wc_free = Workcenter.create({"name": "WC-Free"})

        cls.user_op1 = new_test_user(cls.env, "mrp_kpi_op1", groups="mrp.group_mrp_user")
        cls.user_op2 = new_test_user(cls.env, "mrp_kpi_op2", groups="mrp.group_mrp_user")
        cls.user_noemp = new_test_user(cls.env, "mrp_kpi_noemp", groups="mrp.group_mrp_user")
        Employee = cls.env["hr.employee"]
        cls.op1 = Employee.create(
            {"name": "Operator 1", "user_id": cls.user_op1.id, "department_id": cls.team1.id}
        )
        cls.op2 = Employee.create(
            {"name": "Operator 2", "user_id": cls.user_op2.id, "department_id": cls.team1.id}
        )

        Product = cls.env["product.product"]
        cls.uom_unit = cls.env.ref("uom.product_uom_unit")
        cls.bike, cls.box, cls.chair = Product.create(
            [
                {"name": "Bike", "is_storable": True},
                {"name": "Box", "is_storable": True},
                {"name": "Chair", "is_storable": True},
            ]
        )
        cls.frame, cls.bolt, cls.carton = Product.create(
            [
                {"name": "Frame", "is_storable": True, "standard_price": 10.0},
                {"name": "Bolt", "is_storable": True, "standard_price": 2.0},
                {"name": "Carton", "is_storable": True, "standard_price": 1.0},
            ]
        )
        cls.stock = cls.env.ref("stock.stock_location_stock")
        for product in cls.frame | cls.bolt | cls.carton:
            cls.env["stock.quant"]._update_available_quantity(product, cls.stock, 100000)

        Bom = cls.env["mrp.bom"]
        cls.bom_bike = Bom.create(
            {
                "product_tmpl_id": cls.bike.product_tmpl_id.id,
                "product_qty": 1,
                "consumption": "flexible",
                "bom_line_ids": [
                    Command.create({"product_id": cls.frame.id, "product_qty": 2}),
                    Command.create({"product_id": cls.bolt.id, "product_qty": 5}),
                ],
                "operation_ids": [
                    Command.create(
                        {"name": "Cut", "workcenter_id": cls.wc_cut.id, "time_cycle_manual": 6}
                    )
                ],
            }
        )
        cls.bom_box = Bom.create(
            {
                "product_tmpl_id": cls.box.product_tmpl_id.id,
                "product_qty": 1,
                "consumption": "flexible",
                "bom_line_ids": [Command.create({"product_id": cls.carton.id, "product_qty": 1})],
                "operation_ids": [
                    Command.create(
                        {"name": "Pack", "workcenter_id": cls.wc_pack.id, "time_cycle_manual": 1}
                    )
                ],
            }
        )
        cls.bom_chair = Bom.create(
            {
                "product_tmpl_id": cls.chair.product_tmpl_id.id,
                "product_qty": 1,
                "consumption": "flexible",
                "bom_line_ids": [Command.create({"product_id": cls.frame.id, "product_qty": 1})],
                "operation_ids": [
                    Command.create(
                        {
                            "name": "Cut",
                            "sequence": 1,
                            "workcenter_id": cls.wc_cut.id,
                            "time_cycle_manual": 6,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Pack",
                            "sequence": 2,
                            "workcenter_id": cls.wc_pack.id,
                            "time_cycle_manual": 1,
                        }
                    ),
                ],
            }
        )
        cls.productive = cls.env.ref("mrp.block_reason7")
        cls.blocked = cls.env.ref("mrp.block_reason1")

    # ------------------------------------------------------------------
    # Flows
    # ------------------------------------------------------------------
    @classmethod
    def _create_mo(cls, bom, qty, deadline, confirm_at=None, env=None, **values):
        """Create and confirm a manufacturing order through the form, at ``confirm_at``."""
        env = env or cls.env
        with freeze_time(confirm_at or dt(1, 8)):
            form = Form(env["mrp.production"])
            form.product_id = bom.product_tmpl_id.product_variant_id
            form.bom_id = bom
            form.product_qty = qty
            form.date_deadline = deadline
            for name, value in values.items():
                setattr(form, name, value)
            production = form.save()
            production.action_confirm()
        return production

    @classmethod
    def _produce(cls, production, qty, when, backorder=False, consumed=None):
        """Produce ``qty`` at ``when`` and mark done, with or without a backorder.

        ``consumed``: {component: quantity} typed in the components' Consumed column.
        Returns the backorder when one is created.
        """
        with freeze_time(when):
            form = Form(production)
            form.qty_producing = qty
            production = form.save()
            for component, quantity in (consumed or {}).items():
                move = production.move_raw_ids.filtered(lambda m, c=component: m.product_id == c)
                move.quantity = quantity
                move.picked = True
            action = production.button_mark_done()
            if action is True:
                return production.browse()
            wizard = Form(
                cls.env["mrp.production.backorder"].with_context(**action["context"])
            ).save()
            if backorder:
                wizard.action_backorder()
                return production.production_group_id.production_ids - production
            wizard.action_close_mo()
            return production.browse()

    @classmethod
    def _log_time(cls, workorder, user, start, minutes, loss=None):
        """A time log typed in the work order's Time Tracking tab."""
        return cls.env["mrp.workcenter.productivity"].create(
            {
                "workorder_id": workorder.id,
                "workcenter_id": workorder.workcenter_id.id,
                "user_id": user.id if user else False,
                "loss_id": (loss or cls.productive).id,
                "date_start": start,
                "date_end": start + timedelta(minutes=minutes),
                "company_id": workorder.production_id.company_id.id,
            }
        )

    def _compute(self, code, period=None):
        kpi = self.env["mfg.kpi"].search([("code", "=", code)])
        self.assertTrue(kpi, f"KPI {code} is in the library")
        self.env["mfg.kpi.provider"]._compute_kpi(kpi, period or self.period)
        values = self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("period_id", "=", (period or self.period).id)]
        )
        return values

    def _value(self, values, subject):
        """The value of ``subject`` (company, department, employee or work centre)."""
        ref = f"{subject._name},{subject.id}"
        value = values.filtered(lambda v: v.subject_ref == ref)
        self.assertLessEqual(len(value), 1)
        return value

    def _drilled(self, value):
        action = value.action_open_records()
        return self.env[action["res_model"]].search(action["domain"])
