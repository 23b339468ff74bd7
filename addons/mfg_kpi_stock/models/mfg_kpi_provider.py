# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""KPI providers fed by stock counts, transfers, scraps, reordering rules and lots.

Each provider reads the period's cohort with a fixed number of SQL queries (joined and grouped
in the database), whatever the number of moves, products, warehouses or keepers, then adds up a
numerator and a denominator per subject. The subjects follow the KPI's level:

- ``employee``: the employee (in the period's company) of the user who did the work (counted,
  validated the transfer, was assigned the inspection); for figures of a warehouse as a whole
  (losses, safety stock), the warehouse keepers (``stock.warehouse.mfg_keeper_ids``);
- ``department`` / ``team``: the department of the warehouse (``mfg_department_id``), plus each
  warehouse (``stock.warehouse`` record) and the company;
- ``warehouse`` and any other level: each warehouse and the company.

A subject without data gets no value. The drill-down selects exactly the records counted.
Values use the product cost (``standard_price``) at computation time: Odoo 19 keeps no stock
valuation layers.
"""

from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

# KPI code -> provider method. Library codes (mfg_kpi) and this module's own codes.
STOCK_PROVIDERS = {
    # Counts applied in the period whose counted quantity equalled the book quantity.
    "STOCK_COUNT_ACCURACY": "_provide_stock_count_accuracy",
    # Transfers validated in the period later reversed by a return (other than to a vendor).
    "STOCK_MOVE_ERROR_RATE": "_provide_stock_move_errors",
    # Scrap and count losses against the average stock value.
    "STOCK_LOSS_RATE": "_provide_stock_loss",
    "STORAGE_LOSS_CONTROL_RATE": "_provide_stock_loss",
    # Reordering rules whose location held less than their minimum at the end of the period.
    "SAFETY_STOCK_BREACH_COUNT": "_provide_safety_stock",
    # Near-expiry inspections due in the period and done by their deadline.
    "NEAR_EXPIRY_INSPECTION_RATE": "_provide_near_expiry_inspection",
}
EXPIRY_ACTIVITY_TYPE = "mfg_kpi_stock.mail_activity_type_expiry_inspection"


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"

    @api.model
    def _get_providers(self):
        providers = super()._get_providers()
        names = {
            "_provide_stock_count_accuracy": self.env._("Applied stock counts"),
            "_provide_stock_move_errors": self.env._("Transfers and their returns"),
            "_provide_stock_loss": self.env._("Scraps and count losses"),
            "_provide_safety_stock": self.env._("Reordering rules"),
            "_provide_near_expiry_inspection": self.env._("Near-expiry inspections"),
        }
        for code, method in STOCK_PROVIDERS.items():
            providers[code] = {"name": names[method], "method": method}
        return providers

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _stock_bounds(self, period):
        """UTC bounds of the period in the company's time zone, the cut-off (end of the
        period, or now while it runs) and the company's local date at the cut-off."""
        tz = period._company_tz(period.company_id)
        start, end = period._utc_bounds()
        cutoff = min(end, fields.Datetime.now())
        local_cutoff = pytz.utc.localize(cutoff).astimezone(tz).date()
        return start, end, cutoff, local_cutoff

    @api.model
    def _stock_fetch(self, query):
        """Rows of ``query``, fetched at once (reading a field could run another query)."""
        self.env.flush_all()
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    @api.model
    def _stock_warehouses(self, company):
        """{warehouse id: (department id, [keeper employee ids])} of ``company``."""
        rows = self._stock_fetch(
            SQL(
                """SELECT warehouse.id, warehouse.mfg_department_id,
                          ARRAY_REMOVE(ARRAY_AGG(employee.id ORDER BY employee.id), NULL)
                     FROM stock_warehouse warehouse
                LEFT JOIN mfg_stock_warehouse_keeper_rel keeper
                       ON keeper.warehouse_id = warehouse.id
                LEFT JOIN hr_employee employee
                       ON employee.id = keeper.employee_id
                      AND employee.company_id = warehouse.company_id
                    WHERE warehouse.company_id = %s
                 GROUP BY warehouse.id""",
                company.id,
            )
        )
        return {wh_id: (dept_id, keepers) for wh_id, dept_id, keepers in rows}

    @api.model
    def _stock_measures(self, kpi, period, rows, drill_model, kind="rate", drill_extra=None):
        """Measures of ``kpi`` from ``rows`` for the subjects of the KPI's level.

        ``rows``: dicts with ``key`` (what is counted once per subject), ``user_id`` (who did
        the work, or None for warehouse-wide figures), ``warehouse_id``, ``num``, ``den`` and
        ``drill_ids`` (records of ``drill_model`` behind the row). ``kind``: ``rate``
        (num ÷ den × 100) or ``count`` (num).
        """
        company = period.company_id
        level = kpi.subject_level
        warehouses = self._stock_warehouses(company)
        employees = {}
        if level == "employee":
            employees = {
                user_id: employee_id
                for user_id, (employee_id, _department_id) in self._user_employees(
                    {row["user_id"] for row in rows}, company
                ).items()
            }
        tallies = defaultdict(dict)
        for row in rows:
            warehouse_id = row["warehouse_id"] if row["warehouse_id"] in warehouses else None
            department_id, keepers = warehouses.get(warehouse_id, (None, []))
            if level == "employee":
                if row["user_id"]:
                    employee_id = employees.get(row["user_id"])
                    subjects = [("employee", employee_id)] if employee_id else []
                else:
                    subjects = [("employee", keeper) for keeper in keepers]
            else:
                subjects = [("company", company.id)]
                if warehouse_id:
                    subjects.append(("record", warehouse_id))
                if level in ("department", "team") and department_id:
                    subjects.append(("department", department_id))
            for subject in subjects:
                tallies[subject][row["key"]] = (row["num"], row["den"], row["drill_ids"])
        measures = []
        for (subject_type, subject_id), counted in sorted(tallies.items()):
            numerator = sum(num for num, _den, _ids in counted.values())
            denominator = sum(den for _num, den, _ids in counted.values())
            if kind == "rate":
                if not denominator:
                    continue
                value = 100.0 * numerator / denominator
            else:
                value = numerator
            drill_ids = sorted({rid for _num, _den, ids in counted.values() for rid in ids})
            measure = {
                "subject_type": subject_type,
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "drill_model": drill_model,
                "drill_domain": [("id", "in", drill_ids), *(drill_extra or [])],
            }
            if subject_type == "employee":
                measure["employee_id"] = subject_id
            elif subject_type == "department":
                measure["department_id"] = subject_id
            elif subject_type == "record":
                measure.update(res_model="stock.warehouse", res_id=subject_id)
            measures.append(measure)
        return measures

    @api.model
    def _stock_orderpoint_levels(self, company, at):
        """(orderpoint id, warehouse id, quantity, below minimum) of the active reordering rules
        with a minimum of ``company`` that existed at ``at``: the quantity held at ``at`` in the
        rule's location and its sublocations is today's quants less the done move lines that
        entered it since, plus those that left it since."""
        rows = self._stock_fetch(
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
        return rows

    # ------------------------------------------------------------------
    # Providers
    # ------------------------------------------------------------------
    @api.model
    def _provide_stock_count_accuracy(self, kpi, period):
        """Counts applied in the period (done inventory moves created by applying a counted
        quantity, one per counted quant, zero-difference confirmations included): counted
        quantity equal to the book quantity ÷ counts × 100 (账实相符率). The counter is the
        user the count was assigned to, else the user who applied it."""
        start, end, _cutoff, _today = self._stock_bounds(period)
        result = self._stock_fetch(
            SQL(
                """SELECT move.id, move.mfg_count_user_id,
                          CASE WHEN source.usage = 'internal' THEN source.warehouse_id
                               ELSE dest.warehouse_id END,
                          move.mfg_count_matched
                     FROM stock_move move
                     JOIN stock_location source ON source.id = move.location_id
                     JOIN stock_location dest ON dest.id = move.location_dest_id
                    WHERE move.company_id = %s
                      AND move.state = 'done'
                      AND move.mfg_is_count
                      AND move.date >= %s
                      AND move.date < %s""",
                period.company_id.id,
                start,
                end,
            )
        )
        rows = [
            {
                "key": move_id,
                "user_id": user_id,
                "warehouse_id": warehouse_id,
                "num": 1.0 if matched else 0.0,
                "den": 1.0,
                "drill_ids": [move_id],
            }
            for move_id, user_id, warehouse_id, matched in result
        ]
        return self._stock_measures(kpi, period, rows, "stock.move")

    @api.model
    def _provide_stock_move_errors(self, kpi, period):
        """Transfers validated in the period (returns themselves excluded); a transfer is wrong
        when a return of it was done, except returns to a vendor (supplier quality, counted by
        the purchasing KPIs). Rate = wrong transfers ÷ transfers × 100, per validating user."""
        start, end, _cutoff, _today = self._stock_bounds(period)
        result = self._stock_fetch(
            SQL(
                """SELECT picking.id, COALESCE(picking.mfg_done_user_id, picking.user_id),
                          picking_type.warehouse_id,
                          EXISTS (
                              SELECT 1
                                FROM stock_picking ret
                                JOIN stock_location ret_dest ON ret_dest.id = ret.location_dest_id
                               WHERE ret.return_id = picking.id
                                 AND ret.state = 'done'
                                 AND ret_dest.usage != 'supplier'
                          )
                     FROM stock_picking picking
                     JOIN stock_picking_type picking_type
                       ON picking_type.id = picking.picking_type_id
                    WHERE picking.company_id = %s
                      AND picking.state = 'done'
                      AND picking.return_id IS NULL
                      AND picking.date_done >= %s
                      AND picking.date_done < %s""",
                period.company_id.id,
                start,
                end,
            )
        )
        rows = [
            {
                "key": picking_id,
                "user_id": user_id,
                "warehouse_id": warehouse_id,
                "num": 1.0 if wrong else 0.0,
                "den": 1.0,
                "drill_ids": [picking_id],
            }
            for picking_id, user_id, warehouse_id, wrong in result
        ]
        return self._stock_measures(kpi, period, rows, "stock.picking")

    @api.model
    def _provide_stock_loss(self, kpi, period):
        """Per warehouse: value of the losses of the period (done move lines from an internal
        location to an inventory-loss location: scraps and negative count adjustments) ÷
        average stock value ((value at the start + value at the end) ÷ 2) × 100. Quantities at
        a date are rebuilt from today's quants and the done move lines since; values use the
        product cost. A warehouse without stock gets no value."""
        company = period.company_id
        start, end, _cutoff, _today = self._stock_bounds(period)
        losses = self._stock_fetch(
            SQL(
                """SELECT line.id, source.warehouse_id, line.product_id, line.quantity_product_uom
                     FROM stock_move_line line
                     JOIN stock_location source ON source.id = line.location_id
                     JOIN stock_location dest ON dest.id = line.location_dest_id
                    WHERE source.company_id = %s
                      AND line.state = 'done'
                      AND source.usage = 'internal'
                      AND dest.usage = 'inventory'
                      AND line.date >= %s
                      AND line.date < %s""",
                company.id,
                start,
                end,
            )
        )
        levels = self._stock_fetch(
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
                start=start,
                end=end,
            )
        )
        product_ids = {row[2] for row in losses} | {row[0] for row in levels}
        costs = {
            product.id: product.standard_price
            for product in self.env["product.product"]
            .with_company(company)
            .with_context(active_test=False)
            .search_fetch([("id", "in", list(product_ids))], ["standard_price"])
        }
        loss_value = defaultdict(float)
        loss_lines = defaultdict(list)
        for line_id, warehouse_id, product_id, qty in losses:
            loss_value[warehouse_id] += qty * costs.get(product_id, 0.0)
            loss_lines[warehouse_id].append(line_id)
        stock_value = defaultdict(float)
        for product_id, warehouse_id, qty_start, qty_end in levels:
            cost = costs.get(product_id, 0.0)
            stock_value[warehouse_id] += (max(qty_start, 0.0) + max(qty_end, 0.0)) / 2.0 * cost
        rows = [
            {
                "key": warehouse_id,
                "user_id": None,
                "warehouse_id": warehouse_id,
                "num": loss_value[warehouse_id],
                "den": stock_value[warehouse_id],
                "drill_ids": loss_lines[warehouse_id],
            }
            for warehouse_id in set(loss_value) | set(stock_value)
        ]
        return self._stock_measures(kpi, period, rows, "stock.move.line")

    @api.model
    def _provide_safety_stock(self, kpi, period):
        """Reordering rules with a minimum whose location held less than the minimum at the end
        of the period (or now while it runs). Value = number of such rules; 0 when every rule
        held its minimum."""
        _start, _end, cutoff, _today = self._stock_bounds(period)
        levels = self._stock_orderpoint_levels(period.company_id, cutoff)
        rows = [
            {
                "key": rule_id,
                "user_id": None,
                "warehouse_id": warehouse_id,
                "num": 1.0 if breached else 0.0,
                "den": 1.0,
                "drill_ids": [rule_id] if breached else [],
            }
            for rule_id, warehouse_id, _quantity, breached in levels
        ]
        return self._stock_measures(kpi, period, rows, "stock.warehouse.orderpoint", kind="count")

    @api.model
    def _provide_near_expiry_inspection(self, kpi, period):
        """Near-expiry inspections (activities scheduled on lots) whose deadline falls in the
        period and that are done, or overdue at the cut-off: done by the deadline ÷ due × 100,
        per assigned user."""
        activity_type = self.env.ref(EXPIRY_ACTIVITY_TYPE, raise_if_not_found=False)
        if not activity_type:
            return []
        _start, _end, _cutoff, today = self._stock_bounds(period)
        result = self._stock_fetch(
            SQL(
                """SELECT activity.id, activity.user_id,
                          COALESCE(activity.date_done <= activity.date_deadline, FALSE)
                     FROM mail_activity activity
                     JOIN stock_lot lot ON lot.id = activity.res_id
                LEFT JOIN res_users assignee ON assignee.id = activity.user_id
                    WHERE activity.res_model = 'stock.lot'
                      AND activity.activity_type_id = %s
                      AND COALESCE(lot.company_id, assignee.company_id) = %s
                      AND activity.date_deadline >= %s
                      AND activity.date_deadline <= %s
                      AND (activity.date_done IS NOT NULL OR activity.date_deadline < %s)""",
                activity_type.id,
                period.company_id.id,
                period.date_start,
                period.date_end,
                today,
            )
        )
        rows = [
            {
                "key": activity_id,
                "user_id": user_id,
                "warehouse_id": None,
                "num": 1.0 if on_time else 0.0,
                "den": 1.0,
                "drill_ids": [activity_id],
            }
            for activity_id, user_id, on_time in result
        ]
        return self._stock_measures(
            kpi, period, rows, "mail.activity", drill_extra=[("active", "in", [True, False])]
        )
