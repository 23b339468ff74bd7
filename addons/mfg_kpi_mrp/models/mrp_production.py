# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MrpProduction(models.Model):
    """Manufacturing orders record their commitment and their owners (``mfg.owned.mixin``) at
    confirmation: the workshop and team of the work centre of their last operation."""

    _name = "mrp.production"
    _inherit = ["mrp.production", "mfg.owned.mixin"]

    mfg_planned_finish = fields.Datetime(
        string="Committed Finish",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Deadline (or, without one, the scheduled end) of the order when it was confirmed. "
        "Odoo overwrites the End date when the order is done; this date never changes and "
        "on-time completion is measured against it. Backorders keep the date of their order.",
    )
    mfg_planned_qty = fields.Float(
        string="Committed Quantity",
        digits="Product Unit",
        readonly=True,
        copy=False,
        help="Quantity to produce, in the product's unit, when the order was confirmed. "
        "Backorders record nothing: the original quantity is the plan of the whole chain.",
    )
    mfg_is_rush = fields.Boolean(
        string="Rush Order",
        readonly=True,
        copy=False,
        help="The order was marked urgent before it was done (Odoo resets the priority when "
        "the order is done; this flag stays). Rush orders have their own on-time KPI.",
    )
    mfg_department_id = fields.Many2one(
        copy=False,
        tracking=True,
        help="Workshop accountable for the order; taken from the work centre of its last "
        "operation at confirmation when left empty.",
    )
    mfg_team_id = fields.Many2one(
        copy=False,
        tracking=True,
        help="Team (department below the workshop) accountable for the order.",
    )
    mfg_is_rework = fields.Boolean(
        string="Rework Order",
        tracking=True,
        help="The order reworks products that did not meet the standard; it counts for the "
        "rework KPIs and not as ordinary output.",
    )
    mfg_rework_source_id = fields.Many2one(
        "mrp.production",
        string="Reworked Order",
        index="btree_not_null",
        check_company=True,
        tracking=True,
        domain="[('state', '=', 'done'), ('id', '!=', id)]",
        help="Manufacturing order whose products are reworked: its workshop, team and "
        "operators are charged with the rework.",
    )

    # The orders done in a period, read by the material, scrap and rework KPIs.
    _mfg_done_finished_idx = models.Index("(company_id, date_finished) WHERE state = 'done'")

    @api.constrains("mfg_rework_source_id", "mfg_is_rework")
    def _check_mfg_rework_source(self):
        for production in self.filtered("mfg_rework_source_id"):
            if production.mfg_rework_source_id == production or not production.mfg_is_rework:
                raise ValidationError(
                    _(
                        "Manufacturing order %(order)s: only a rework order reworks another order.",
                        order=production.display_name,
                    )
                )

    @api.onchange("mfg_rework_source_id")
    def _onchange_mfg_rework_source_id(self):
        if self.mfg_rework_source_id:
            self.mfg_is_rework = True

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("priority") == "1":
                vals.setdefault("mfg_is_rush", True)
        return super().create(vals_list)

    def write(self, vals):
        res = super().write(vals)
        if "priority" in vals and vals.get("state") != "done":
            # Follow the urgency while the order is open; Odoo resets the priority when the
            # order is done, the flag stays.
            rush = vals["priority"] == "1"
            todo = self.filtered(lambda p: p.state != "done" and p.mfg_is_rush != rush)
            if todo:
                super(MrpProduction, todo).write({"mfg_is_rush": rush})
        return res

    def action_confirm(self):
        to_record = self.filtered(lambda p: p.state == "draft" and not p.mfg_planned_finish)
        res = super().action_confirm()
        to_record.filtered(lambda p: p.state != "draft")._mfg_record_plan()
        return res

    def _get_backorder_mo_vals(self):
        vals = super()._get_backorder_mo_vals()
        # A backorder continues the plan of its order: same commitment, same owners; its
        # quantity is not a new plan (mfg_planned_qty stays empty).
        vals.update(
            mfg_planned_finish=self.mfg_planned_finish,
            mfg_is_rush=self.mfg_is_rush,
            **self._mfg_owner_vals(),
        )
        return vals

    def _mfg_record_plan(self):
        """Record the commitment of confirmed orders: finish, quantity, owners, BoM standard."""
        for production in self:
            vals = {
                "mfg_planned_finish": production.date_deadline or production.date_finished,
                "mfg_planned_qty": production.product_uom_qty,
            }
            if not production.mfg_department_id and not production.mfg_team_id:
                workcenter = production._mfg_owner_workcenter()
                if workcenter:
                    vals.update(workcenter._mfg_owner_vals())
            production.write(vals)
        self._mfg_record_bom_standard()

    def _mfg_owner_workcenter(self):
        """The work centre of the last operation that belongs to a workshop."""
        self.ensure_one()
        workorders = self.workorder_ids.filtered(
            lambda w: w.state != "cancel" and w.workcenter_id.mfg_department_id
        )
        return workorders.sorted(lambda w: (w.sequence, w.id))[-1:].workcenter_id

    def _mfg_record_bom_standard(self):
        """Store on each component move the BoM quantity per unit of finished product."""
        for production in self.filtered(lambda p: p.bom_id and p.product_uom_qty):
            bom = production.bom_id
            factor = (
                production.product_uom_id._compute_quantity(
                    production.product_qty, bom.product_uom_id, round=False
                )
                / bom.product_qty
            )
            _boms, lines = bom.explode(
                production.product_id,
                factor,
                picking_type=bom.picking_type_id,
                never_attribute_values=production.never_product_template_attribute_value_ids,
            )
            per_line = defaultdict(float)
            for bom_line, line_data in lines:
                if (
                    bom_line.child_bom_id and bom_line.child_bom_id.type == "phantom"
                ) or bom_line.product_id.type != "consu":
                    continue
                per_line[bom_line.id] += bom_line.product_uom_id._compute_quantity(
                    line_data["qty"], bom_line.product_id.uom_id, round=False
                )
            for move in production.move_raw_ids:
                if move.bom_line_id.id in per_line:
                    move.mfg_bom_unit_qty = (
                        per_line[move.bom_line_id.id] / production.product_uom_qty
                    )

    @api.model
    def _mfg_backfill_plan(self):
        """Record the commitment of orders already open when the module is installed.

        Their finish is their current deadline or scheduled end; the plan of a chain (an order
        and its backorders) is the sum of its live orders' quantities, put on its first order.
        """
        open_orders = self.search(
            [
                ("state", "in", ("confirmed", "progress", "to_close")),
                ("mfg_planned_finish", "=", False),
            ]
        )
        if not open_orders:
            return
        chains = (
            self.search(
                [
                    ("production_group_id", "in", open_orders.production_group_id.ids),
                    ("state", "!=", "cancel"),
                ],
                order="id",
            )
            | open_orders
        )
        by_chain = defaultdict(lambda: self.browse())
        for production in chains:
            by_chain[production.production_group_id.id or -production.id] |= production
        for members in by_chain.values():
            first = members.sorted("id")[:1]
            if not sum(members.mapped("mfg_planned_qty")):
                first.mfg_planned_qty = sum(members.mapped("product_uom_qty"))
        for production in open_orders:
            vals = {"mfg_planned_finish": production.date_deadline or production.date_finished}
            if not production.mfg_department_id and not production.mfg_team_id:
                workcenter = production._mfg_owner_workcenter()
                if workcenter:
                    vals.update(workcenter._mfg_owner_vals())
            production.write(vals)
        open_orders._mfg_record_bom_standard()
