# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""KPI providers fed by purchase orders, their receipts and returns.

Each provider reads the period's cohort in a few queries (grouped or joined in the database),
whatever the number of orders, lines, buyers or suppliers, and tallies a numerator and a
denominator per subject (``mfg_kpi``'s provider framework). The subjects follow the KPI's level
(``_purchase_subjects``):

- ``employee``: the buyer (``purchase.order.user_id``) through the employee of that user in the
  period's company;
- ``department`` / ``team``: the department of the buyer's employee, plus the whole company;
- ``supplier``: the vendor (its commercial entity) as a ``res.partner`` record;
- any other level: the company.

A subject without data gets no value. The drill-down of every value selects exactly the records
counted (rebuilt on demand by running the provider again, see ``mfg_kpi``).
"""

from odoo import api, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import DRILL, Provider
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
LINES = _lt("Purchase order lines and receipts")
RECEIPTS = _lt("Purchase receipts and vendor returns")
PRICES = _lt("Purchase prices")
CORRECTIONS = _lt("Purchase order corrections")
FILES = _lt("Supplier files")


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = {
        # Order lines due in the period: share of the ordered quantity received by the planned day.
        "PURCHASE_ON_TIME_ARRIVAL_RATE": Provider(LINES, "_provide_purchase_on_time", "quantity"),
        "SUPPLIER_ON_TIME_RATE": Provider(LINES, "_provide_purchase_on_time", "quantity"),
        # Order lines due in the period: lines fully received by the planned day.
        "PURCHASE_PLAN_ON_TIME_RATE": Provider(LINES, "_provide_purchase_on_time", "complete"),
        # Receipts from vendors done in the period that were not returned to the vendor. An
        # inspection bridge may compute the library code from better data: ours is the fallback.
        "PURCHASE_QUALITY_PASS_RATE": Provider(
            RECEIPTS, "_provide_purchase_quality", fallback=True
        ),
        "SUPPLIER_QUALITY_PASS_RATE": Provider(RECEIPTS, "_provide_purchase_quality"),
        # Order lines confirmed in the period against their reference (agreed, else last) price.
        "PURCHASE_PRICE_CONTROL": Provider(PRICES, "_provide_purchase_price", "index"),
        "SUPPLIER_PRICE_INDEX": Provider(PRICES, "_provide_purchase_price", "index"),
        "PURCHASE_SAVINGS_AMOUNT": Provider(PRICES, "_provide_purchase_price", "savings"),
        # Orders cancelled after confirmation or with a line corrected after confirmation.
        "PURCHASE_ORDER_ERROR_COUNT": Provider(CORRECTIONS, "_provide_purchase_order_errors"),
        # Suppliers ordered from in the period whose file is complete.
        "SUPPLIER_FILE_COMPLETENESS": Provider(FILES, "_provide_supplier_file_completeness"),
    }

    # ------------------------------------------------------------------
    # Subjects
    # ------------------------------------------------------------------
    @api.model
    def _purchase_subjects(self, kpi, period, user_ids):
        """The purchase routing of a figure by the KPI's level: a function of (buyer user id,
        supplier id) returning the figure's subjects (see the module's docstring). One query
        maps the buyers to their employees, and only for the levels that need them."""
        company_id = period.company_id.id
        level = kpi.subject_level
        employees = {}
        if level in ("employee", "department", "team"):
            employees = self._user_employees(user_ids, period.company_id)

        def subjects(user_id, partner_id):
            if level == "supplier":
                return [("record", "res.partner", partner_id)] if partner_id else []
            employee = employees.get(user_id)
            if level == "employee":
                return [("employee", employee[0])] if employee else []
            if level in ("department", "team") and employee and employee[1]:
                return [("company", company_id), ("department", employee[1])]
            return [("company", company_id)]

        return subjects

    # ------------------------------------------------------------------
    # Providers
    # ------------------------------------------------------------------
    @api.model
    def _provide_purchase_on_time(self, kpi, period):
        """Order lines of goods of confirmed orders whose planned arrival falls in the period.

        A line is due once its planned day is over: the period is read up to the clock's
        ``day_cutoff`` (the end of the period, or the start of today in the company's time zone
        while the period runs). Quantity received by the planned day: done moves from a vendor
        location of the line, converted to the product's unit, whose date (company time zone) is
        not after the planned day; backorders received late do not count. ``quantity``:
        Σ min(1, on-time quantity ÷ ordered quantity) ÷ lines (a partial receipt earns its
        share); ``complete``: lines fully received by the planned day ÷ lines. Cancelled orders
        are excluded.
        """
        owners = self._cohort(
            period, "purchase_on_time", lambda: self._purchase_read_on_time(period)
        )
        complete = self._variant(kpi) == "complete"
        subjects = self._purchase_subjects(kpi, period, {owner[0] for owner in owners})
        tally = self._tally()
        for (user_id, partner_id), (shares, full, count, ids) in owners.items():
            tally.add(subjects(user_id, partner_id), full if complete else shares, count, ids)
        return self._tally_measures(kpi, tally, "purchase.order.line")

    @api.model
    def _purchase_read_on_time(self, period):
        """``{(buyer user id, supplier id): (Σ share, lines fully received, lines, line ids)}``
        of the lines due in the period, read once per computation. A line's share is
        min(1, quantity received on time ÷ ordered quantity), both in the product's unit; the
        line ids are read for a drill-down only (else an empty list)."""
        clock = self._clock(period)
        # SQL: each receipt is compared with its line's planned day in the company's time zone,
        # a condition between two rows' local dates that a domain cannot express, and the lines
        # are added up per buyer and supplier in the database (tens of thousands a month). The
        # receipts are summed per line in a grouped join (a plan that stays fast on freshly
        # loaded, not yet analysed tables, unlike a join per line).
        rows = self._fetch_rows(
            SQL(
                """WITH %(conversion)s,
                   due AS MATERIALIZED (
                       SELECT line.id, orders.user_id, partner.commercial_partner_id,
                              line.product_uom_qty::float8 AS ordered, tmpl.uom_id,
                              line.date_planned
                         FROM purchase_order_line line
                         JOIN purchase_order orders ON orders.id = line.order_id
                         JOIN res_partner partner ON partner.id = orders.partner_id
                         JOIN product_product product ON product.id = line.product_id
                         JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
                        WHERE orders.company_id = %(company)s
                          AND orders.state = 'purchase'
                          AND line.display_type IS NULL
                          AND tmpl.type = 'consu'
                          AND line.product_uom_qty > 0
                          AND line.date_planned >= %(start)s
                          AND line.date_planned < %(cutoff)s
                   ),
                   received AS (
                       SELECT move.purchase_line_id, SUM(%(in_product_unit)s) AS quantity
                         FROM stock_move move
                         JOIN due ON due.id = move.purchase_line_id
                         JOIN stock_location source
                           ON source.id = move.location_id AND source.usage = 'supplier'
                        WHERE move.state = 'done'
                          AND (move.date AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                              <= (due.date_planned AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date
                     GROUP BY move.purchase_line_id
                   ),
                   shares AS (
                       SELECT due.id, due.user_id, due.commercial_partner_id,
                              LEAST(1.0, COALESCE(received.quantity, 0.0) / due.ordered) AS share
                         FROM due
                    LEFT JOIN received ON received.purchase_line_id = due.id
                   )
                   SELECT user_id, commercial_partner_id, SUM(share),
                          COUNT(*) FILTER (WHERE share >= 1.0 - 1e-9), COUNT(*),
                          CASE WHEN %(drill)s THEN array_agg(id) END
                     FROM shares
                 GROUP BY user_id, commercial_partner_id""",
                conversion=self._unit_conversion_sql(),
                in_product_unit=self._in_unit_sql(
                    SQL("move.quantity"), SQL("move.product_uom"), SQL("due.uom_id")
                ),
                tz=clock.tz.zone,
                company=period.company_id.id,
                start=clock.start,
                cutoff=clock.day_cutoff,
                drill=bool(self.env.context.get(DRILL)),
            ),
            jit=False,
        )
        return {
            (user_id, partner_id): (shares, float(full), float(count), ids or [])
            for user_id, partner_id, shares, full, count, ids in rows
        }

    @api.model
    def _provide_purchase_quality(self, kpi, period):
        """Receipts from vendors (done stock moves of purchase lines leaving a vendor location)
        done in the period; a receipt fails when part of it was returned to a vendor (a done
        return move created from it). Pass rate = receipts not returned ÷ receipts × 100.
        """
        clock = self._clock(period)
        Move = self.env["stock.move"]
        receipts = [
            ("purchase_line_id.order_id.company_id", "=", period.company_id.id),
            ("state", "=", "done"),
            ("location_id.usage", "=", "supplier"),
            ("date", ">=", clock.start),
            ("date", "<", clock.end),
        ]
        buyer_supplier = [
            "purchase_line_id.order_id.user_id",
            "purchase_line_id.order_id.partner_id.commercial_partner_id",
        ]
        groups = Move._read_group(receipts, buyer_supplier, ["id:array_agg"])
        returned = set(
            Move.search(
                [
                    *receipts,
                    (
                        "returned_move_ids",
                        "any",
                        [("state", "=", "done"), ("location_dest_id.usage", "=", "supplier")],
                    ),
                ]
            ).ids
        )
        subjects = self._purchase_subjects(kpi, period, {user.id for user, _p, _i in groups})
        tally = self._tally()
        for user, partner, move_ids in groups:
            for move_id in move_ids:
                tally.count(
                    subjects(user.id, partner.id),
                    move_id,
                    0.0 if move_id in returned else 1.0,
                )
        return self._tally_measures(kpi, tally, "stock.move")

    @api.model
    def _provide_purchase_price(self, kpi, period):
        """Order lines of orders confirmed in the period, at their price net of discount and
        tax-excluded, in the company currency (the order's rate), against a reference price:
        the agreed price of the order's blanket order for the product (same currency, converted
        to the product's unit), else the last price of the product on an order of the company
        confirmed before. Lines without a reference are not counted.

        ``index``: Σ actual amount ÷ Σ reference amount × 100 (100 = at reference, lower is
        better); ``savings``: Σ (reference − actual) amount.
        """
        clock = self._clock(period)
        # SQL: the last earlier price of each product is a window over the order history.
        result = self._fetch_rows(
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
                              line.product_uom_qty AS qty, orders.currency_rate,
                              tmpl.uom_id, agreed.price_unit AS agreed_price,
                              agreed.product_uom_id AS agreed_uom_id
                         FROM purchase_order_line line
                         JOIN purchase_order orders ON orders.id = line.order_id
                         JOIN res_partner partner ON partner.id = orders.partner_id
                         JOIN product_product product ON product.id = line.product_id
                         JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
                    LEFT JOIN purchase_requisition agreement
                           ON agreement.id = orders.requisition_id
                          AND agreement.requisition_type = 'blanket_order'
                          AND agreement.currency_id = orders.currency_id
                    LEFT JOIN LATERAL (
                              SELECT agreed_line.price_unit, agreed_line.product_uom_id
                                FROM purchase_requisition_line agreed_line
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
                   SELECT lines.id, lines.user_id, lines.partner_id, lines.actual, lines.qty,
                          lines.currency_rate, lines.uom_id, lines.agreed_price,
                          lines.agreed_uom_id, previous.price
                     FROM lines
                LEFT JOIN previous ON previous.id = lines.id AND previous.kind = 0
                    WHERE lines.agreed_price IS NOT NULL OR previous.price IS NOT NULL""",
                company=period.company_id.id,
                start=clock.start,
                end=clock.end,
            )
        )
        units = self._purchase_units(
            {row[6] for row in result} | {row[8] for row in result if row[8]}
        )
        savings = self._variant(kpi) == "savings"
        subjects = self._purchase_subjects(kpi, period, {row[1] for row in result})
        tally = self._tally()
        for row in result:
            line_id, user_id, partner_id, actual, qty, rate, uom_id = row[:7]
            agreed_price, agreed_uom_id, previous_price = row[7:]
            if agreed_price is not None:
                # The agreed price is per unit of the agreement's line: per product unit here.
                unit_price = float(agreed_price) / float(rate)
                if agreed_uom_id:
                    unit_price = units[agreed_uom_id]._compute_price(unit_price, units[uom_id])
            else:
                unit_price = float(previous_price)
            actual, reference = float(actual), unit_price * float(qty)
            tally.count(
                subjects(user_id, partner_id),
                line_id,
                reference - actual if savings else actual,
                reference,
            )
        return self._tally_measures(
            kpi, tally, "purchase.order.line", kind="sum" if savings else "rate"
        )

    @api.model
    def _provide_purchase_order_errors(self, kpi, period):
        """Orders of the buyer with an error in the period: cancelled after confirmation, or with
        a line whose product, quantity, unit, price or discount was changed after confirmation
        (each order counts once). A buyer who confirmed orders in the period without error gets
        0; the denominator is the number of orders confirmed in the period.
        """
        clock = self._clock(period)
        start, end = clock.start, clock.end
        Order = self.env["purchase.order"]
        orders = [
            ("company_id", "=", period.company_id.id),
            ("user_id", "!=", False),
            "|",
            ("date_approve", "<", end),
            ("mfg_cancel_date", "<", end),
        ]
        buyer_supplier = ["user_id", "partner_id.commercial_partner_id"]
        confirmed = Order._read_group(
            [*orders, ("date_approve", ">=", start), ("date_approve", "<", end)],
            buyer_supplier,
            ["id:array_agg"],
        )
        erroneous = Order._read_group(
            [
                *orders,
                "|",
                "&",
                ("mfg_cancel_date", ">=", start),
                ("mfg_cancel_date", "<", end),
                (
                    "order_line",
                    "any",
                    [("mfg_correction_date", ">=", start), ("mfg_correction_date", "<", end)],
                ),
            ],
            buyer_supplier,
            ["id:array_agg"],
        )
        # order id -> [buyer, supplier, confirmed in the period, erroneous in the period]
        flags = {}
        for index, groups in enumerate((confirmed, erroneous), start=2):
            for user, partner, order_ids in groups:
                for order_id in order_ids:
                    flags.setdefault(order_id, [user.id, partner.id, False, False])[index] = True
        subjects = self._purchase_subjects(kpi, period, {flag[0] for flag in flags.values()})
        tally = self._tally()
        for order_id, (user_id, partner_id, is_confirmed, is_erroneous) in flags.items():
            tally.count(
                subjects(user_id, partner_id),
                order_id,
                1.0 if is_erroneous else 0.0,
                1.0 if is_confirmed else 0.0,
                ids=(order_id,) if is_erroneous else (),
            )
        return self._tally_measures(kpi, tally, "purchase.order", kind="sum")

    @api.model
    def _provide_supplier_file_completeness(self, kpi, period):
        """Suppliers (commercial entities) a buyer confirmed orders with in the period; a file is
        complete with a tax ID, street, city, country, phone or email and an active bank
        account. Rate = complete files ÷ suppliers × 100 (each supplier once per subject).
        """
        clock = self._clock(period)
        pairs = self.env["purchase.order"]._read_group(
            [
                ("company_id", "=", period.company_id.id),
                ("state", "=", "purchase"),
                ("date_approve", ">=", clock.start),
                ("date_approve", "<", clock.end),
            ],
            ["user_id", "partner_id.commercial_partner_id"],
        )
        suppliers = {supplier.id for _user, supplier in pairs}
        # Archived suppliers too: their orders were confirmed in the period.
        complete = set(
            self.env["res.partner"]
            .with_context(active_test=False)
            .search(
                [
                    ("id", "in", list(suppliers)),
                    ("vat", "!=", False),
                    ("street", "!=", False),
                    ("city", "!=", False),
                    ("country_id", "!=", False),
                    "|",
                    ("phone", "!=", False),
                    ("email", "!=", False),
                    ("bank_ids", "any", [("active", "=", True)]),
                ]
            )
            .ids
        )
        subjects = self._purchase_subjects(kpi, period, {user.id for user, _s in pairs})
        tally = self._tally()
        for user, supplier in pairs:
            tally.count(
                subjects(user.id, supplier.id),
                supplier.id,
                1.0 if supplier.id in complete else 0.0,
            )
        return self._tally_measures(kpi, tally, "res.partner")

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _purchase_units(self, uom_ids):
        """``{id: uom.uom}`` of ``uom_ids``, read together (one query at most)."""
        return {uom.id: uom for uom in self.env["uom.uom"].browse(sorted(uom_ids))}
