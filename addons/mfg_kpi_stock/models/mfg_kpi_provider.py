# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""KPI providers fed by stock counts, transfers, scraps, reordering rules and lots.

Each provider reads the period's cohort in a fixed number of queries (the ORM for plain
selections, SQL where stock quantities at a date are rebuilt), whatever the number of moves,
products, warehouses or keepers, then tallies a numerator and a denominator per subject. The
subjects follow the KPI's level (``_stock_subjects``):

- ``employee``: the employee (in the period's company) of the user who did the work (counted,
  validated the transfer, was assigned the inspection); for figures of a warehouse as a whole
  (losses, safety stock), the warehouse keepers (``stock.warehouse.mfg_keeper_ids``);
- ``department`` / ``team``: the owners of the warehouse (its workshop ``mfg_department_id``
  and its team ``mfg_team_id``, see ``mfg.owned.mixin``), plus each warehouse
  (``stock.warehouse`` record) and the company;
- ``warehouse`` and any other level: each warehouse and the company.

A subject without data gets no value. The drill-down selects exactly the records counted.
Values use the product cost (``standard_price``) at computation time: Odoo 19 keeps no stock
valuation layers. Quantities are added in the product's unit only: quants and the move lines'
``quantity_product_uom`` are both stored in it, so no unit conversion is needed.
"""

from collections import defaultdict

from odoo import api, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import Provider
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
EXPIRY_ACTIVITY_TYPE = "mfg_stock_expiry.mail_activity_type_expiry_inspection"
LOSSES = _lt("Scraps and count losses")


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = {
        # Counts applied in the period whose counted quantity equalled the book quantity.
        "STOCK_COUNT_ACCURACY": Provider(
            _lt("Applied stock counts"), "_provide_stock_count_accuracy"
        ),
        # Transfers validated in the period later reversed by a return (other than to a vendor).
        "STOCK_MOVE_ERROR_RATE": Provider(
            _lt("Transfers and their returns"), "_provide_stock_move_errors"
        ),
        # Scrap and count losses against the average stock value.
        "STOCK_LOSS_RATE": Provider(LOSSES, "_provide_stock_loss"),
        "STORAGE_LOSS_CONTROL_RATE": Provider(LOSSES, "_provide_stock_loss"),
        # Reordering rules whose location held less than their minimum at the end of the period.
        "SAFETY_STOCK_BREACH_COUNT": Provider(_lt("Reordering rules"), "_provide_safety_stock"),
        # Near-expiry inspections (mfg_stock_expiry) due in the period and done by their deadline.
        "NEAR_EXPIRY_INSPECTION_RATE": Provider(
            _lt("Near-expiry inspections"), "_provide_near_expiry_inspection"
        ),
        # Customer deliveries committed in the period and done by their committed day.
        "ON_TIME_DELIVERY_RATE": Provider(_lt("Customer deliveries"), "_provide_on_time_delivery"),
    }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _stock_warehouses(self, company):
        """{warehouse id: ([owner department ids], [keeper employee ids])} of ``company``,
        archived warehouses and keepers included; keepers of another company are left out."""
        warehouses = (
            self.env["stock.warehouse"]
            .with_context(active_test=False)
            .search_fetch([("company_id", "=", company.id)], ["mfg_department_id", "mfg_team_id"])
        )
        return {
            warehouse.id: (
                warehouse._mfg_owner_departments().ids,
                sorted(
                    keeper.id for keeper in warehouse.mfg_keeper_ids if keeper.company_id == company
                ),
            )
            for warehouse in warehouses
        }

    @api.model
    def _stock_subjects(self, kpi, company, user_ids=()):
        """Stock's routing of a figure to the subjects of ``kpi``'s level: a function of
        ``(warehouse id, user id)`` returning the subjects (see the module's docstring). A
        figure with a user goes to that user's employee at employee level; one without (a
        warehouse as a whole) goes to the warehouse's keepers."""
        warehouses = self._stock_warehouses(company)
        if kpi.subject_level == "employee":
            employees = self._user_employees(user_ids, company)

            def subjects(warehouse_id, user_id=None):
                if user_id:
                    employee = employees.get(user_id)
                    return [("employee", employee[0])] if employee else []
                keepers = warehouses.get(warehouse_id, (None, []))[1]
                return [("employee", keeper) for keeper in keepers]

            return subjects
        with_department = kpi.subject_level in ("department", "team")

        def subjects(warehouse_id, user_id=None):
            result = [("company", company.id)]
            if warehouse_id in warehouses:
                result.append(("record", "stock.warehouse", warehouse_id))
                if with_department:
                    result.extend(("department", dept) for dept in warehouses[warehouse_id][0])
            return result

        return subjects

    @api.model
    def _stock_orderpoint_levels(self, company, at):
        """(orderpoint id, warehouse id, quantity, below minimum) of the active reordering rules
        with a minimum of ``company`` that existed at ``at``: the quantity held at ``at`` in the
        rule's location and its sublocations is today's quants less the done move lines that
        entered it since, plus those that left it since."""
        # SQL: quantities at a date, rebuilt from today's quants and the move lines since.
        return self._fetch_rows(
            SQL(
                """WITH points AS (
                       SELECT rule.id, rule.warehouse_id, rule.product_id, rule.product_min_qty,
                              location.parent_path
                         FROM stock_warehouse_orderpoint rule
                         JOIN stock_location location ON location.id = rule.location_id
                        WHERE rule.company_id = %(company)s
                          AND rule.active
                          AND rule.product_min_qty > 0
                          AND rule.create_date <= %(at)s
                   ), levels AS (
                       SELECT point.id, point.warehouse_id, point.product_min_qty,
                              COALESCE((
                                  SELECT SUM(quant.quantity)
                                    FROM stock_quant quant
                                    JOIN stock_location held ON held.id = quant.location_id
                                   WHERE quant.product_id = point.product_id
                                     AND held.parent_path LIKE point.parent_path || '%%'
                              ), 0.0) - COALESCE((
                                  SELECT SUM(CASE
                                             WHEN dest.parent_path LIKE point.parent_path || '%%'
                                             THEN line.quantity_product_uom
                                             ELSE -line.quantity_product_uom END)
                                    FROM stock_move_line line
                                    JOIN stock_location source ON source.id = line.location_id
                                    JOIN stock_location dest ON dest.id = line.location_dest_id
                                   WHERE line.product_id = point.product_id
                                     AND line.state = 'done'
                                     AND line.date > %(at)s
                                     AND (dest.parent_path LIKE point.parent_path || '%%')
                                         != (source.parent_path LIKE point.parent_path || '%%')
                              ), 0.0) AS quantity
                         FROM points point
                   )
                   SELECT id, warehouse_id, quantity, quantity < product_min_qty - 1e-9
                     FROM levels
                 ORDER BY id""",
                company=company.id,
                at=at,
            )
        )

    # ------------------------------------------------------------------
    # Providers
    # ------------------------------------------------------------------
    @api.model
    def _provide_stock_count_accuracy(self, kpi, period):
        """Counts applied in the period (done inventory moves created by applying a counted
        quantity, one per counted quant, zero-difference confirmations included): counted
        quantity equal to the book quantity ÷ counts × 100 (账实相符率). The counter is the
        user the count was assigned to, else the user who applied it."""
        clock = self._clock(period)
        company = period.company_id
        moves = self.env["stock.move"].search_fetch(
            [
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("mfg_is_count", "=", True),
                ("date", ">=", clock.start),
                ("date", "<", clock.end),
            ],
            ["mfg_count_user_id", "mfg_count_matched", "location_id", "location_dest_id"],
        )
        subjects = self._stock_subjects(kpi, company, moves.mfg_count_user_id.ids)
        tally = self._tally()
        for move in moves:
            source = move.location_id
            location = source if source.usage == "internal" else move.location_dest_id
            tally.count(
                subjects(location.warehouse_id.id, move.mfg_count_user_id.id),
                move.id,
                1.0 if move.mfg_count_matched else 0.0,
            )
        return self._tally_measures(kpi, tally, "stock.move")

    @api.model
    def _provide_stock_move_errors(self, kpi, period):
        """Transfers validated in the period (returns themselves excluded); a transfer is wrong
        when a return of it was done, except returns to a vendor (supplier quality, counted by
        the purchasing KPIs). Rate = wrong transfers ÷ transfers × 100, per validating user."""
        clock = self._clock(period)
        company = period.company_id
        Picking = self.env["stock.picking"]
        pickings = Picking.search_fetch(
            [
                ("company_id", "=", company.id),
                ("state", "=", "done"),
                ("return_id", "=", False),
                ("date_done", ">=", clock.start),
                ("date_done", "<", clock.end),
            ],
            ["mfg_done_user_id", "user_id", "picking_type_id"],
        )
        returned = {
            original.id
            for [original] in Picking._read_group(
                [
                    ("return_id", "in", pickings.ids),
                    ("state", "=", "done"),
                    ("location_dest_id.usage", "!=", "supplier"),
                ],
                ["return_id"],
            )
        }
        users = {picking: picking.mfg_done_user_id or picking.user_id for picking in pickings}
        subjects = self._stock_subjects(kpi, company, [user.id for user in users.values()])
        tally = self._tally()
        for picking, user in users.items():
            tally.count(
                subjects(picking.picking_type_id.warehouse_id.id, user.id),
                picking.id,
                1.0 if picking.id in returned else 0.0,
            )
        return self._tally_measures(kpi, tally, "stock.picking")

    @api.model
    def _provide_stock_loss(self, kpi, period):
        """Per warehouse: value of the losses of the period (done move lines from an internal
        location to an inventory-loss location: scraps and negative count adjustments) ÷
        average stock value ((value at the start + value at the end) ÷ 2) × 100. Quantities at
        a date are rebuilt from today's quants and the done move lines since; values use the
        product cost. A warehouse without stock gets no value."""
        company = period.company_id
        clock = self._clock(period)
        losses = self.env["stock.move.line"].search_fetch(
            [
                ("location_id.company_id", "=", company.id),
                ("state", "=", "done"),
                ("location_id.usage", "=", "internal"),
                ("location_dest_id.usage", "=", "inventory"),
                ("date", ">=", clock.start),
                ("date", "<", clock.end),
            ],
            ["location_id", "product_id", "quantity_product_uom"],
        )
        # SQL: quantities per warehouse at two dates, rebuilt from today's quants and the
        # move lines since.
        levels = self._fetch_rows(
            SQL(
                """WITH internal AS (
                       SELECT id, warehouse_id
                         FROM stock_location
                        WHERE usage = 'internal' AND company_id = %(company)s
                   ), onhand AS (
                       SELECT quant.product_id, location.warehouse_id, SUM(quant.quantity) AS qty
                         FROM stock_quant quant
                         JOIN internal location ON location.id = quant.location_id
                     GROUP BY 1, 2
                   ), flows AS (
                       SELECT line.product_id, dest.warehouse_id, line.quantity_product_uom AS qty,
                              line.date
                         FROM stock_move_line line
                         JOIN internal dest ON dest.id = line.location_dest_id
                    LEFT JOIN internal source ON source.id = line.location_id
                        WHERE line.state = 'done' AND line.date >= %(start)s
                          AND (source.id IS NULL
                               OR source.warehouse_id IS DISTINCT FROM dest.warehouse_id)
                    UNION ALL
                       SELECT line.product_id, source.warehouse_id, -line.quantity_product_uom,
                              line.date
                         FROM stock_move_line line
                         JOIN internal source ON source.id = line.location_id
                    LEFT JOIN internal dest ON dest.id = line.location_dest_id
                        WHERE line.state = 'done' AND line.date >= %(start)s
                          AND (dest.id IS NULL
                               OR dest.warehouse_id IS DISTINCT FROM source.warehouse_id)
                   ), net AS (
                       SELECT product_id, warehouse_id, SUM(qty) AS since_start,
                              COALESCE(SUM(qty) FILTER (WHERE date >= %(end)s), 0.0) AS since_end
                         FROM flows
                     GROUP BY 1, 2
                   )
                   SELECT COALESCE(onhand.product_id, net.product_id),
                          COALESCE(onhand.warehouse_id, net.warehouse_id),
                          COALESCE(onhand.qty, 0.0) - COALESCE(net.since_start, 0.0),
                          COALESCE(onhand.qty, 0.0) - COALESCE(net.since_end, 0.0)
                     FROM onhand
                FULL JOIN net
                       ON net.product_id = onhand.product_id
                      AND net.warehouse_id IS NOT DISTINCT FROM onhand.warehouse_id""",
                company=company.id,
                start=clock.start,
                end=clock.end,
            )
        )
        product_ids = set(losses.product_id.ids) | {row[0] for row in levels}
        costs = {
            product.id: product.standard_price
            for product in self.env["product.product"]
            .with_company(company)
            .with_context(active_test=False)
            .search_fetch([("id", "in", list(product_ids))], ["standard_price"])
        }
        loss_value = defaultdict(float)
        loss_lines = defaultdict(list)
        for line in losses:
            warehouse_id = line.location_id.warehouse_id.id
            loss_value[warehouse_id] += line.quantity_product_uom * costs.get(
                line.product_id.id, 0.0
            )
            loss_lines[warehouse_id].append(line.id)
        stock_value = defaultdict(float)
        for product_id, warehouse_id, qty_start, qty_end in levels:
            cost = costs.get(product_id, 0.0)
            stock_value[warehouse_id or False] += (
                (max(qty_start, 0.0) + max(qty_end, 0.0)) / 2.0 * cost
            )
        subjects = self._stock_subjects(kpi, company)
        tally = self._tally()
        for warehouse_id in set(loss_value) | set(stock_value):
            tally.count(
                subjects(warehouse_id),
                warehouse_id,
                loss_value[warehouse_id],
                stock_value[warehouse_id],
                loss_lines[warehouse_id],
            )
        return self._tally_measures(kpi, tally, "stock.move.line")

    @api.model
    def _provide_safety_stock(self, kpi, period):
        """Reordering rules with a minimum whose location held less than the minimum at the end
        of the period (or now while it runs). Value = number of such rules; 0 when every rule
        held its minimum."""
        clock = self._clock(period)
        levels = self._stock_orderpoint_levels(period.company_id, clock.cutoff)
        subjects = self._stock_subjects(kpi, period.company_id)
        tally = self._tally()
        for rule_id, warehouse_id, _quantity, breached in levels:
            tally.count(
                subjects(warehouse_id),
                rule_id,
                1.0 if breached else 0.0,
                ids=[rule_id] if breached else [],
            )
        return self._tally_measures(kpi, tally, "stock.warehouse.orderpoint", kind="sum")

    @api.model
    def _provide_near_expiry_inspection(self, kpi, period):
        """Near-expiry inspections (activities scheduled on lots) whose deadline falls in the
        period and that are done, or overdue at the cut-off: done by the deadline ÷ due × 100,
        per assigned user. An inspection belongs to its lot's company (the assignee's for a lot
        shared between companies)."""
        activity_type = self.env.ref(EXPIRY_ACTIVITY_TYPE, raise_if_not_found=False)
        if not activity_type:
            return []
        clock = self._clock(period)
        company = period.company_id
        activities = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("res_model", "=", "stock.lot"),
                    ("activity_type_id", "=", activity_type.id),
                    ("date_deadline", ">=", period.date_start),
                    ("date_deadline", "<=", period.date_end),
                    "|",
                    ("date_done", "!=", False),
                    ("date_deadline", "<", clock.local_date(clock.cutoff)),
                ],
                ["res_id", "user_id", "date_done", "date_deadline"],
            )
        )
        lots = (
            self.env["stock.lot"]
            .with_context(active_test=False)
            .search_fetch([("id", "in", activities.mapped("res_id"))], ["company_id"])
        )
        lot_companies = {lot.id: lot.company_id for lot in lots}
        activities = activities.filtered(
            lambda activity: activity.res_id in lot_companies
            and (lot_companies[activity.res_id] or activity.user_id.company_id) == company
        )
        subjects = self._stock_subjects(kpi, company, activities.user_id.ids)
        tally = self._tally()
        for activity in activities:
            on_time = bool(activity.date_done) and activity.date_done <= activity.date_deadline
            tally.count(subjects(None, activity.user_id.id), activity.id, 1.0 if on_time else 0.0)
        return self._tally_measures(
            kpi, tally, "mail.activity", drill_extra=[("active", "in", [True, False])]
        )

    @api.model
    def _provide_on_time_delivery(self, kpi, period):
        """Customer deliveries committed in the period: done by their committed day ÷ due × 100.

        A customer delivery is a transfer of an outgoing operation type to a customer location
        (not cancelled). Committed date: its deadline (a sale order's delivery date when Sales
        is installed) or else its scheduled date. Days are the company's calendar days: a
        delivery done on its committed day is on time. One still open after its committed day
        is late; one still open on or before it is not counted yet.
        """
        clock = self._clock(period)
        company = period.company_id
        # SQL: the period's deliveries (tens of thousands a month) as plain rows.
        rows = self._fetch_rows(
            SQL(
                """SELECT picking.id, kind.warehouse_id, picking.state, picking.date_done,
                          COALESCE(picking.date_deadline, picking.scheduled_date)
                     FROM stock_picking picking
                     JOIN stock_picking_type kind ON kind.id = picking.picking_type_id
                     JOIN stock_location dest ON dest.id = picking.location_dest_id
                    WHERE picking.company_id = %s AND kind.code = 'outgoing'
                      AND dest.usage = 'customer' AND picking.state != 'cancel'
                      AND COALESCE(picking.date_deadline, picking.scheduled_date) >= %s
                      AND COALESCE(picking.date_deadline, picking.scheduled_date) < %s
                 ORDER BY picking.id""",
                company.id,
                clock.start,
                clock.end,
            )
        )
        if not rows:
            return []
        subjects = self._stock_subjects(kpi, company)
        tally = self._tally()
        for picking_id, warehouse_id, state, done_at, committed in rows:
            committed_day = clock.local_date(committed)
            if state != "done":
                if committed_day >= clock.today:
                    continue  # not due yet
                on_time = False
            else:
                on_time = bool(done_at) and clock.local_date(done_at) <= committed_day
            tally.add(subjects(warehouse_id), 1.0 if on_time else 0.0, 1.0, (picking_id,))
        return self._tally_measures(kpi, tally, "stock.picking")
