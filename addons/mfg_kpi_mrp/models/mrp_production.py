# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL


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
    mfg_commitment_reconstructed = fields.Boolean(
        string="Reconstructed Commitment",
        readonly=True,
        copy=False,
        help="The order was confirmed before the KPIs were installed: its committed finish and "
        "quantity were reconstructed afterwards from its deadline (or, without one, its end "
        "date) and the quantity tracked in its chatter, not recorded at confirmation. The "
        "urgency of orders done before the installation is not known.",
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

    def action_mfg_reconstruct_history(self):
        """Server action of KPI managers: reconstruct the commitment of the orders that have
        none (re-runnable; a recorded commitment is never changed)."""
        if not self.env.user.has_group("mfg_kpi.group_kpi_manager"):
            raise AccessError(_("Only KPI managers can reconstruct the KPI history."))
        done, open_count = self.sudo()._mfg_backfill_plan()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": _("KPI History"),
                "message": _(
                    "Commitment reconstructed for %(done)s done and %(open)s open "
                    "manufacturing orders.",
                    done=done,
                    open=open_count,
                ),
            },
        }

    @api.model
    def _mfg_backfill_done(self):
        """Reconstruct the commitment of the order chains done before the installation.

        Only chains whose live orders are all done and none has a commitment. Each order of a
        chain gets the chain's finish: the deadline of its first order, or without one its end
        date (then it counts as on time). The plan, put on the first order, is the quantity of
        that order just before its first change after confirmation in its chatter (Odoo lowers
        it to the quantity produced when the order is split or closed short), else the sum of
        the chain's quantities. Returns the number of orders reconstructed.
        """
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                """WITH chains AS (
                       SELECT COALESCE(production_group_id, -id) AS chain,
                              array_agg(id ORDER BY id) AS ids,
                              SUM(product_uom_qty) AS qty
                         FROM mrp_production
                        WHERE state != 'cancel'
                     GROUP BY 1
                       HAVING bool_and(state = 'done')
                          AND bool_and(mfg_planned_finish IS NULL)
                          AND COALESCE(SUM(mfg_planned_qty), 0) = 0
                   ), firsts AS (
                       SELECT chains.chain, chains.ids, chains.qty, production.id AS first_id,
                              COALESCE(production.date_deadline, production.date_finished)
                                  AS finish,
                              production.product_uom_qty, production.product_qty
                         FROM chains
                         JOIN mrp_production production ON production.id = chains.ids[1]
                   ), confirmed AS (
                       SELECT message.res_id, MIN(message.id) AS message_id
                         FROM mail_message message
                         JOIN mail_tracking_value value ON value.mail_message_id = message.id
                         JOIN ir_model_fields field
                           ON field.id = value.field_id AND field.model = 'mrp.production'
                          AND field.name = 'state'
                        WHERE message.model = 'mrp.production'
                          AND message.res_id IN (SELECT first_id FROM firsts)
                     GROUP BY message.res_id
                   ), tracked AS (
                       SELECT DISTINCT ON (message.res_id) message.res_id,
                              value.old_value_float AS qty
                         FROM confirmed
                         JOIN mail_message message
                           ON message.model = 'mrp.production'
                          AND message.res_id = confirmed.res_id
                          AND message.id >= confirmed.message_id
                         JOIN mail_tracking_value value ON value.mail_message_id = message.id
                         JOIN ir_model_fields field
                           ON field.id = value.field_id AND field.model = 'mrp.production'
                          AND field.name = 'product_qty'
                     ORDER BY message.res_id, message.id, value.id
                   )
                   SELECT firsts.ids, firsts.finish,
                          CASE WHEN tracked.qty > 0 AND firsts.product_qty > 0
                               THEN tracked.qty * firsts.product_uom_qty / firsts.product_qty
                               ELSE firsts.qty END
                     FROM firsts
                LEFT JOIN tracked ON tracked.res_id = firsts.first_id
                    WHERE firsts.finish IS NOT NULL"""
            )
        )
        rows = cr.fetchall()
        if not rows:
            return 0
        ids, finishes, quantities = [], [], []
        for chain_ids, finish, planned in rows:
            for index, production_id in enumerate(chain_ids):
                ids.append(production_id)
                finishes.append(finish)
                quantities.append(planned if index == 0 else 0.0)
        cr.execute(
            SQL(
                """UPDATE mrp_production production
                      SET mfg_planned_finish = data.finish,
                          mfg_planned_qty = data.qty,
                          mfg_commitment_reconstructed = TRUE
                     FROM unnest(%s::int[], %s::timestamp[], %s::float8[])
                          AS data(id, finish, qty)
                    WHERE production.id = data.id""",
                ids,
                finishes,
                quantities,
            )
        )
        productions = self.browse(ids)
        productions.invalidate_recordset(
            ["mfg_planned_finish", "mfg_planned_qty", "mfg_commitment_reconstructed"]
        )
        productions._mfg_backfill_owners()
        productions._mfg_record_bom_standard()
        return len(ids)

    def _mfg_backfill_owners(self):
        """Owners from the work centre of the last operation, where none is set."""
        by_owner = defaultdict(list)
        for production in self.filtered(lambda p: not p.mfg_department_id and not p.mfg_team_id):
            workcenter = production._mfg_owner_workcenter()
            if workcenter:
                by_owner[workcenter].append(production.id)
        for workcenter, production_ids in by_owner.items():
            self.browse(production_ids).write(workcenter._mfg_owner_vals())

    @api.model
    def _mfg_backfill_plan(self):
        """Reconstruct the commitment of the orders confirmed before the installation: the
        done chains (``_mfg_backfill_done``), then the open orders. Returns the numbers of
        done and open orders reconstructed."""
        return self._mfg_backfill_done(), self._mfg_backfill_open()

    @api.model
    def _mfg_backfill_open(self):
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
            return 0
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
            production.write(
                {
                    "mfg_planned_finish": production.date_deadline or production.date_finished,
                    "mfg_commitment_reconstructed": True,
                }
            )
        open_orders._mfg_backfill_owners()
        open_orders._mfg_record_bom_standard()
        return len(open_orders)
