# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""KPI providers fed by purchase orders, their receipts and returns.

Each provider reads the period's cohort with one SQL query (grouped or joined), whatever the
number of orders, lines, buyers or suppliers, then adds up a numerator and a denominator per
subject. The subjects follow the KPI's level:

- ``employee``: the buyer (``purchase.order.user_id``) through the employee of that user in the
  period's company;
- ``department`` / ``team``: the department of the buyer's employee, plus the whole company;
- ``supplier``: the vendor (its commercial entity) as a ``res.partner`` record;
- any other level: the company.

A subject without data gets no value. The drill-down of every value selects exactly the records
counted (``[("id", "in", ids)]``).
"""

from collections import defaultdict

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

# KPI code -> (provider method, variant). Library codes (mfg_kpi) and this module's own codes.
PURCHASE_PROVIDERS = {
    # Order lines due in the period: share of the ordered quantity received by the planned day.
    "PURCHASE_ON_TIME_ARRIVAL_RATE": ("_provide_purchase_on_time", "quantity"),
    "SUPPLIER_ON_TIME_RATE": ("_provide_purchase_on_time", "quantity"),
    # Order lines due in the period: lines fully received by the planned day.
    "PURCHASE_PLAN_ON_TIME_RATE": ("_provide_purchase_on_time", "complete"),
    # Receipts from vendors done in the period that were not returned to the vendor.
    "PURCHASE_QUALITY_PASS_RATE": ("_provide_purchase_quality", None),
    "SUPPLIER_QUALITY_PASS_RATE": ("_provide_purchase_quality", None),
    # Order lines confirmed in the period against their reference (agreed, else last) price.
    "PURCHASE_PRICE_CONTROL": ("_provide_purchase_price", "index"),
    "SUPPLIER_PRICE_INDEX": ("_provide_purchase_price", "index"),
    "PURCHASE_SAVINGS_AMOUNT": ("_provide_purchase_price", "savings"),
    # Orders cancelled after confirmation or with a line corrected after confirmation.
    "PURCHASE_ORDER_ERROR_COUNT": ("_provide_purchase_order_errors", None),
    # Suppliers ordered from in the period whose file is complete.
    "SUPPLIER_FILE_COMPLETENESS": ("_provide_supplier_file_completeness", None),
}
# Codes another bridge may compute from better data (incoming inspections): registered only when
# no module loaded before this one provides them.
PURCHASE_FALLBACK_CODES = {"PURCHASE_QUALITY_PASS_RATE"}


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"

    @api.model
    def _get_providers(self):
        providers = super()._get_providers()
        names = {
            "_provide_purchase_on_time": self.env._("Purchase order lines and receipts"),
            "_provide_purchase_quality": self.env._("Purchase receipts and vendor returns"),
            "_provide_purchase_price": self.env._("Purchase prices"),
            "_provide_purchase_order_errors": self.env._("Purchase order corrections"),
            "_provide_supplier_file_completeness": self.env._("Supplier files"),
        }
        for code, (method, _variant) in PURCHASE_PROVIDERS.items():
            provider = {"name": names[method], "method": method}
            if code in PURCHASE_FALLBACK_CODES:
                providers.setdefault(code, provider)
            else:
                providers[code] = provider
        return providers

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _purchase_bounds(self, period):
        """UTC bounds of the period in the company's time zone, the cut-off and the zone name.

        The cut-off is the end of the period, or the start of today (company time zone) while
        the period is running: a line is due once its planned day is over.
        """
        company = period.company_id
        tz = period._company_tz(company)
        start, end = period._utc_bounds()
        today = pytz.utc.localize(fields.Datetime.now()).astimezone(tz).date()
        return start, end, min(end, period._day_start_utc(company, today)), tz.zone

    @api.model
    def _purchase_variant(self, kpi):
        return PURCHASE_PROVIDERS.get(kpi.code, (None, None))[1]

    @api.model
    def _purchase_measures(self, kpi, period, rows, drill_model, kind="rate"):
        """Measures of ``kpi`` from ``rows`` for the subjects of the KPI's level.

        ``rows``: dicts with ``id`` (the counted record), ``user_id`` (buyer), ``partner_id``
        (supplier), ``num``, ``den`` and optionally ``drill`` (False keeps the record out of the
        drill-down, e.g. an order without error in an error count). A record counts once per
        subject. ``kind``: ``rate`` (num ÷ den × 100), ``amount`` or ``count`` (num).
        """
        company = period.company_id
        level = kpi.subject_level
        employees = {}
        if level in ("employee", "department", "team"):
            employees = self._user_employees({row["user_id"] for row in rows}, company)
        tallies = defaultdict(dict)
        for row in rows:
            if level == "supplier":
                subjects = [("record", row["partner_id"])] if row["partner_id"] else []
            elif level == "employee":
                employee = employees.get(row["user_id"])
                subjects = [("employee", employee[0])] if employee else []
            elif level in ("department", "team"):
                employee = employees.get(row["user_id"])
                subjects = [("company", company.id)]
                if employee and employee[1]:
                    subjects.append(("department", employee[1]))
            else:
                subjects = [("company", company.id)]
            for subject in subjects:
                tallies[subject][row["id"]] = (row["num"], row["den"], row.get("drill", True))
        measures = []
        for (subject_type, subject_id), counted in sorted(tallies.items()):
            numerator = sum(num for num, _den, _drill in counted.values())
            denominator = sum(den for _num, den, _drill in counted.values())
            if kind == "rate":
                if not denominator:
                    continue
                value = 100.0 * numerator / denominator
            else:
                value = numerator
            measure = {
                "subject_type": subject_type,
                "value": value,
                "numerator": numerator,
                "denominator": denominator,
                "drill_model": drill_model,
                "drill_domain": [
                    ("id", "in", sorted(rid for rid, row in counted.items() if row[2]))
                ],
            }
            if subject_type == "employee":
                measure["employee_id"] = subject_id
            elif subject_type == "department":
                measure["department_id"] = subject_id
            elif subject_type == "record":
                measure.update(res_model="res.partner", res_id=subject_id)
            measures.append(measure)
        return measures

    @api.model
    def _purchase_fetch(self, query):
        """Rows of ``query``, fetched at once (reading a field could run another query)."""
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    # ------------------------------------------------------------------
    # Providers
    # ------------------------------------------------------------------
    @api.model
    def _provide_purchase_on_time(self, kpi, period):
        """Order lines of goods of confirmed orders whose planned arrival falls in the period.

        A line is due once its planned day is over (cut-off). Quantity received by the planned
        day: done moves from a vendor location of the line, converted to the product's unit,
        whose date (company time zone) is not after the planned day; backorders received late
        do not count. ``quantity``: Σ min(1, on-time quantity ÷ ordered quantity) ÷ lines
        (a partial receipt earns its share); ``complete``: lines fully received by the planned
        day ÷ lines. Cancelled orders are excluded.
        """
        start, _end, cutoff, tz_name = self._purchase_bounds(period)
        self.env.flush_all()
        result = self._purchase_fetch(
            SQL(
                """SELECT line.id, orders.user_id, partner.commercial_partner_id,
                          line.product_uom_qty, COALESCE(received.qty, 0.0)
                     FROM purchase_order_line line
                     JOIN purchase_order orders ON orders.id = line.order_id
                     JOIN res_partner partner ON partner.id = orders.partner_id
                     JOIN product_product product ON product.id = line.product_id
                     JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
                     JOIN uom_uom product_uom ON product_uom.id = tmpl.uom_id
                LEFT JOIN LATERAL (
                          SELECT SUM(move.quantity * move_uom.factor / product_uom.factor) AS qty
                            FROM stock_move move
                            JOIN stock_location source ON source.id = move.location_id
                            JOIN uom_uom move_uom ON move_uom.id = move.product_uom
                           WHERE move.purchase_line_id = line.id
                             AND move.state = 'done'
                             AND source.usage = 'supplier'
                             AND (move.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                                 <= (line.date_planned AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                          ) received ON TRUE
                    WHERE orders.company_id = %(company)s
                      AND orders.state = 'purchase'
                      AND line.display_type IS NULL
                      AND tmpl.type = 'consu'
                      AND line.product_uom_qty > 0
                      AND line.date_planned >= %(start)s
                      AND line.date_planned < %(cutoff)s""",
                tz=tz_name,
                company=period.company_id.id,
                start=start,
                cutoff=cutoff,
            )
        )
        complete = self._purchase_variant(kpi) == "complete"
        rows = []
        for line_id, user_id, partner_id, ordered, on_time in result:
            share = min(1.0, on_time / ordered)
            rows.append(
                {
                    "id": line_id,
                    "user_id": user_id,
                    "partner_id": partner_id,
                    "num": (1.0 if share >= 1.0 - 1e-9 else 0.0) if complete else share,
                    "den": 1.0,
                }
            )
        return self._purchase_measures(kpi, period, rows, "purchase.order.line")

    @api.model
    def _provide_purchase_quality(self, kpi, period):
        """Receipts from vendors (done stock moves of purchase lines leaving a vendor location)
        done in the period; a receipt fails when part of it was returned to a vendor (a done
        return move created from it). Pass rate = receipts not returned ÷ receipts × 100.
        """
        start, end, _cutoff, _tz = self._purchase_bounds(period)
        self.env.flush_all()
        result = self._purchase_fetch(
            SQL(
                """SELECT move.id, orders.user_id, partner.commercial_partner_id,
                          EXISTS (
                              SELECT 1
                                FROM stock_move ret
                                JOIN stock_location ret_dest ON ret_dest.id = ret.location_dest_id
                               WHERE ret.origin_returned_move_id = move.id
                                 AND ret.state = 'done'
                                 AND ret_dest.usage = 'supplier'
                          )
                     FROM stock_move move
                     JOIN stock_location source ON source.id = move.location_id
                     JOIN purchase_order_line line ON line.id = move.purchase_line_id
                     JOIN purchase_order orders ON orders.id = line.order_id
                     JOIN res_partner partner ON partner.id = orders.partner_id
                    WHERE orders.company_id = %s
                      AND move.state = 'done'
                      AND source.usage = 'supplier'
                      AND move.date >= %s
                      AND move.date < %s""",
                period.company_id.id,
                start,
                end,
            )
        )
        rows = [
            {
                "id": move_id,
                "user_id": user_id,
                "partner_id": partner_id,
                "num": 0.0 if returned else 1.0,
                "den": 1.0,
            }
            for move_id, user_id, partner_id, returned in result
        ]
        return self._purchase_measures(kpi, period, rows, "stock.move")

    @api.model
    def _provide_purchase_price(self, kpi, period):
        """Order lines of orders confirmed in the period, at their price net of discount and
        tax-excluded, in the company currency (the order's rate), against a reference price:
        the agreed price of the order's blanket order for the product (same currency), else the
        last price of the product on an order of the company confirmed before. Lines without a
        reference are not counted.

        ``index``: Σ actual amount ÷ Σ reference amount × 100 (100 = at reference, lower is
        better); ``savings``: Σ (reference − actual) amount.
        """
        start, end, _cutoff, _tz = self._purchase_bounds(period)
        self.env.flush_all()
        result = self._purchase_fetch(
            SQL(
                # The last earlier price of each line's product: history and the period's lines
                # merged per product in date order (a period line sorts before history rows of
                # the same moment, so only strictly earlier orders count); the running count of
                # prices numbers the groups, and a line's group holds exactly that last price.
                # One pass, whatever the number of lines per product.
                """WITH lines AS (
                       SELECT line.id, line.product_id, orders.date_approve, orders.user_id,
                              partner.commercial_partner_id AS partner_id,
                              line.price_subtotal / orders.currency_rate AS actual,
                              line.product_uom_qty AS qty,
                              agreed.unit_price / orders.currency_rate AS agreed_price
                         FROM purchase_order_line line
                         JOIN purchase_order orders ON orders.id = line.order_id
                         JOIN res_partner partner ON partner.id = orders.partner_id
                         JOIN product_product product ON product.id = line.product_id
                         JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
                         JOIN uom_uom product_uom ON product_uom.id = tmpl.uom_id
                    LEFT JOIN purchase_requisition agreement
                           ON agreement.id = orders.requisition_id
                          AND agreement.requisition_type = 'blanket_order'
                          AND agreement.currency_id = orders.currency_id
                    LEFT JOIN LATERAL (
                              SELECT agreed_line.price_unit * product_uom.factor
                                     / COALESCE(agreed_uom.factor, product_uom.factor) AS unit_price
                                FROM purchase_requisition_line agreed_line
                           LEFT JOIN uom_uom agreed_uom
                                  ON agreed_uom.id = agreed_line.product_uom_id
                               WHERE agreed_line.requisition_id = agreement.id
                                 AND agreed_line.product_id = line.product_id
                            ORDER BY agreed_line.id
                               LIMIT 1
                              ) agreed ON TRUE
                        WHERE orders.company_id = %(company)s
                          AND orders.state = 'purchase'
                          AND orders.date_approve >= %(start)s
                          AND orders.date_approve < %(end)s
                          AND orders.currency_rate > 0
                          AND line.display_type IS NULL
                          AND line.product_uom_qty > 0
                   ),
                   merged AS (
                       SELECT id, product_id, date_approve, 0 AS kind, NULL::numeric AS price
                         FROM lines
                       UNION ALL
                       SELECT prev_line.id, prev_line.product_id, prev_order.date_approve, 1,
                              prev_line.price_subtotal / prev_line.product_uom_qty
                              / prev_order.currency_rate
                         FROM purchase_order_line prev_line
                         JOIN purchase_order prev_order ON prev_order.id = prev_line.order_id
                        WHERE prev_line.product_id IN (SELECT product_id FROM lines)
                          AND prev_order.company_id = %(company)s
                          AND prev_order.state = 'purchase'
                          AND prev_order.date_approve < %(end)s
                          AND prev_order.currency_rate > 0
                          AND prev_line.display_type IS NULL
                          AND prev_line.product_uom_qty > 0
                   ),
                   numbered AS (
                       SELECT id, kind, product_id, price,
                              count(price) OVER (
                                  PARTITION BY product_id ORDER BY date_approve, kind, id
                              ) AS price_group
                         FROM merged
                   ),
                   previous AS (
                       SELECT id, kind,
                              max(price) OVER (PARTITION BY product_id, price_group) AS price
                         FROM numbered
                   )
                   SELECT lines.id, lines.user_id, lines.partner_id, lines.actual,
                          COALESCE(lines.agreed_price, previous.price) * lines.qty
                     FROM lines
                LEFT JOIN previous ON previous.id = lines.id AND previous.kind = 0
                    WHERE COALESCE(lines.agreed_price, previous.price) IS NOT NULL""",
                company=period.company_id.id,
                start=start,
                end=end,
            )
        )
        savings = self._purchase_variant(kpi) == "savings"
        rows = []
        for line_id, user_id, partner_id, actual, reference in result:
            actual, reference = float(actual), float(reference)
            rows.append(
                {
                    "id": line_id,
                    "user_id": user_id,
                    "partner_id": partner_id,
                    "num": reference - actual if savings else actual,
                    "den": reference,
                }
            )
        if savings:
            return self._purchase_measures(kpi, period, rows, "purchase.order.line", kind="amount")
        return self._purchase_measures(kpi, period, rows, "purchase.order.line")

    @api.model
    def _provide_purchase_order_errors(self, kpi, period):
        """Orders of the buyer with an error in the period: cancelled after confirmation, or with
        a line whose product, quantity, unit, price or discount was changed after confirmation
        (each order counts once). A buyer who confirmed orders in the period without error gets
        0; the denominator is the number of orders confirmed in the period.
        """
        start, end, _cutoff, _tz = self._purchase_bounds(period)
        self.env.flush_all()
        result = self._purchase_fetch(
            SQL(
                """WITH flagged AS (
                       SELECT orders.id, orders.user_id, partner.commercial_partner_id,
                              COALESCE(orders.date_approve >= %(start)s
                                       AND orders.date_approve < %(end)s, FALSE) AS confirmed,
                              COALESCE(orders.mfg_cancel_date >= %(start)s
                                       AND orders.mfg_cancel_date < %(end)s, FALSE)
                              OR EXISTS (
                                  SELECT 1
                                    FROM purchase_order_line line
                                   WHERE line.order_id = orders.id
                                     AND line.mfg_correction_date >= %(start)s
                                     AND line.mfg_correction_date < %(end)s
                              ) AS erroneous
                         FROM purchase_order orders
                         JOIN res_partner partner ON partner.id = orders.partner_id
                        WHERE orders.company_id = %(company)s
                          AND orders.user_id IS NOT NULL
                          AND (orders.date_approve < %(end)s OR orders.mfg_cancel_date < %(end)s)
                   )
                   SELECT id, user_id, commercial_partner_id, confirmed, erroneous
                     FROM flagged
                    WHERE confirmed OR erroneous""",
                start=start,
                end=end,
                company=period.company_id.id,
            )
        )
        rows = [
            {
                "id": order_id,
                "user_id": user_id,
                "partner_id": partner_id,
                "num": 1.0 if erroneous else 0.0,
                "den": 1.0 if confirmed else 0.0,
                "drill": erroneous,
            }
            for order_id, user_id, partner_id, confirmed, erroneous in result
        ]
        return self._purchase_measures(kpi, period, rows, "purchase.order", kind="count")

    @api.model
    def _provide_supplier_file_completeness(self, kpi, period):
        """Suppliers (commercial entities) a buyer confirmed orders with in the period; a file is
        complete with a tax ID, street, city, country, phone or email and an active bank
        account. Rate = complete files ÷ suppliers × 100 (each supplier once per subject).
        """
        start, end, _cutoff, _tz = self._purchase_bounds(period)
        self.env.flush_all()
        result = self._purchase_fetch(
            SQL(
                """SELECT DISTINCT orders.user_id, supplier.id,
                          COALESCE(supplier.vat, '') != ''
                          AND COALESCE(supplier.street, '') != ''
                          AND COALESCE(supplier.city, '') != ''
                          AND supplier.country_id IS NOT NULL
                          AND (COALESCE(supplier.phone, '') != ''
                               OR COALESCE(supplier.email, '') != '')
                          AND EXISTS (
                              SELECT 1
                                FROM res_partner_bank bank
                               WHERE bank.partner_id = supplier.id AND bank.active
                          )
                     FROM purchase_order orders
                     JOIN res_partner partner ON partner.id = orders.partner_id
                     JOIN res_partner supplier ON supplier.id = partner.commercial_partner_id
                    WHERE orders.company_id = %s
                      AND orders.state = 'purchase'
                      AND orders.date_approve >= %s
                      AND orders.date_approve < %s""",
                period.company_id.id,
                start,
                end,
            )
        )
        rows = [
            {
                "id": supplier_id,
                "user_id": user_id,
                "partner_id": supplier_id,
                "num": 1.0 if complete else 0.0,
                "den": 1.0,
            }
            for user_id, supplier_id, complete in result
        ]
        return self._purchase_measures(kpi, period, rows, "res.partner")
