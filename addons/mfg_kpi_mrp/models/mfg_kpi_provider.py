# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""KPI providers fed by manufacturing orders, work orders, time logs and scraps.

Every provider reads the period's cohort with a fixed number of queries (``search_fetch`` and
``_read_group``) whatever the number of orders, work orders or operators, then adds up a
numerator and a denominator per subject:

- the company of the period;
- workshops and teams (``hr.department``): the owners recorded on the order at confirmation for
  order-level KPIs, the owners of the work centre for work-order-level KPIs;
- work centres (``mrp.workcenter`` records) and operators (``hr.employee`` of the users of the
  time logs): an order's figures are shared between them in proportion to the time they logged
  on its work orders.

A subject without data gets no value.
"""

from collections import defaultdict

from odoo import api, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import DRILL, Provider
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
PLAN = _lt("Manufacturing orders: plan")
MATERIAL = _lt("Manufacturing orders: material consumption")
SCRAP = _lt("Manufacturing orders: scrap")
REWORK = _lt("Manufacturing orders: rework")
TIME_LOGS = _lt("Work orders: time logs")

WORKING_LOSS_TYPES = ("productive", "performance")
NO_SHARE = (0.0, {}, {})

# KPI code -> Provider: the registration table of this module (library codes of mfg_kpi and
# this module's own codes).
MRP_PROVIDERS = {
    # Produced vs planned quantity of the order chains due in the period.
    "PLAN_COMPLETION_RATE": Provider(PLAN, "_provide_mrp_plan_completion", "quantity"),
    "OUTPUT_PLAN_COMPLETION_RATE": Provider(PLAN, "_provide_mrp_plan_completion", "quantity"),
    "PLAN_ACHIEVEMENT_RATE": Provider(PLAN, "_provide_mrp_plan_completion", "quantity"),
    # Quantity produced by the committed finish vs planned quantity.
    "WORKSHOP_OUTPUT_PLAN_ON_TIME_RATE": Provider(
        PLAN, "_provide_mrp_plan_completion", "quantity_on_time"
    ),
    # Order chains completed by their committed finish vs chains due.
    "PLAN_ON_TIME_COMPLETION_RATE": Provider(PLAN, "_provide_mrp_plan_completion", "on_time"),
    "DELIVERY_DATE_ACHIEVEMENT_RATE": Provider(PLAN, "_provide_mrp_plan_completion", "on_time"),
    "TASK_ON_TIME_COMPLETION_RATE": Provider(PLAN, "_provide_mrp_plan_completion", "on_time"),
    "RUSH_ORDER_ON_TIME_RATE": Provider(PLAN, "_provide_mrp_plan_completion", "rush_on_time"),
    # The same per responsible of the rush orders (the scheduler who handles them).
    "RUSH_ORDER_HANDLING_TIMELINESS": Provider(
        PLAN, "_provide_mrp_plan_completion", "rush_responsible"
    ),
    # Material consumption against the BoM standard of the output.
    "MATERIAL_CONSUMPTION_QUOTA_RATIO": Provider(
        MATERIAL, "_provide_mrp_material", "actual_vs_standard"
    ),
    "MATERIAL_STANDARD_ACHIEVEMENT_RATE": Provider(
        MATERIAL, "_provide_mrp_material", "standard_vs_actual"
    ),
    # Scrap and rework.
    "MRP_SCRAP_RATE": Provider(SCRAP, "_provide_mrp_scrap"),
    "MRP_REWORK_RATE": Provider(REWORK, "_provide_mrp_rework", "rate"),
    "PRODUCT_REWORK_RATE": Provider(REWORK, "_provide_mrp_rework", "rate"),
    "REWORK_COUNT": Provider(REWORK, "_provide_mrp_rework", "count"),
    # Work orders: output per hour / per worker-day, standard vs real time.
    "MRP_LABOUR_PRODUCTIVITY": Provider(TIME_LOGS, "_provide_mrp_workorders", "pieces_per_hour"),
    "INDIVIDUAL_LABOUR_EFFICIENCY": Provider(
        TIME_LOGS, "_provide_mrp_workorders", "pieces_per_hour"
    ),
    "LABOUR_EFFICIENCY": Provider(TIME_LOGS, "_provide_mrp_workorders", "pieces_per_day"),
    "STANDARD_HOURS_ACHIEVEMENT_RATE": Provider(
        TIME_LOGS, "_provide_mrp_workorders", "standard_hours"
    ),
    "QUOTA_COMPLETION_RATE": Provider(TIME_LOGS, "_provide_mrp_workorders", "standard_hours"),
    "WORK_HOUR_EFFICIENCY_RATE": Provider(TIME_LOGS, "_provide_mrp_workorders", "standard_met"),
}


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = MRP_PROVIDERS

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.model
    def _mfg_mrp_to_product_qty(self, qty, uom, product):
        if not qty or not uom or uom == product.uom_id:
            return qty
        return uom._compute_quantity(qty, product.uom_id, round=False)

    @api.model
    def _mfg_mrp_produced(self, productions):
        """Good finished quantity of each order, in its product's unit (one query)."""
        groups = self.env["stock.move"]._read_group(
            [
                ("production_id", "in", productions.ids),
                ("state", "=", "done"),
                ("location_dest_usage", "!=", "inventory"),
            ],
            ["production_id", "product_id", "product_uom"],
            ["quantity:sum"],
        )
        return self._mfg_mrp_own_product_qty(groups)

    @api.model
    def _mfg_mrp_own_product_qty(self, groups):
        """``{order id: quantity}`` from ``(order, product, unit, quantity)`` groups: the
        quantities of each order's own product, added in the product's unit."""
        quantities = defaultdict(float)
        for production, product, uom, qty in groups:
            if product == production.product_id:
                quantities[production.id] += self._mfg_mrp_to_product_qty(qty, uom, product)
        return quantities

    @api.model
    def _mfg_mrp_converter(self):
        """``convert(qty, uom id, product uom id)``: a quantity in the product's unit, the
        units read once (``uom``'s own conversion, never a hand-written factor)."""
        units = {}

        def convert(qty, uom_id, product_uom_id):
            qty = float(qty or 0.0)
            if not qty or not uom_id or uom_id == product_uom_id:
                return qty
            for unit_id in (uom_id, product_uom_id):
                if unit_id not in units:
                    units[unit_id] = self.env["uom.uom"].browse(unit_id)
            return units[uom_id]._compute_quantity(qty, units[product_uom_id], round=False)

        return convert

    @api.model
    def _mfg_mrp_working_losses(self):
        """Ids of the loss reasons of working time (archived ones too), for SQL.

        Working time: closed, tracked (not estimated) time logs of a productive or performance
        loss type; blocked time is not working time. Given as values, the ids let the planner
        estimate how many time logs they match."""
        return (
            self.env["mrp.workcenter.productivity.loss"]
            .with_context(active_test=False)
            .search([("loss_id.loss_type", "in", WORKING_LOSS_TYPES)])
            .ids
        )

    @api.model
    def _mfg_mrp_order_shares(self, production_ids, period):
        """Working time logged on the orders' work orders, and the operators' employees.

        Returns ``({order id: [total, {work centre id: minutes}, {user id: minutes}]},
        {user id: (employee id, department id)})`` in two queries. Within a computation the
        shares already read are not read again.
        """
        # Order id -> its share, or None without working time: filled as cohorts ask.
        known = self._cohort(period, "mfg_mrp_known_shares", dict)
        missing = sorted(set(production_ids) - known.keys())
        if missing:
            # SQL: the minutes per order, work centre and operator of up to 100,000 orders, as
            # plain rows (a _read_group would build a record per group); working time as in
            # _mfg_mrp_working_losses.
            rows = self._fetch_rows(
                SQL(
                    """SELECT workorder.production_id, log.workcenter_id, log.user_id,
                              SUM(log.duration)
                         FROM mrp_workcenter_productivity log
                         JOIN mrp_workorder workorder ON workorder.id = log.workorder_id
                        WHERE workorder.production_id = ANY(%s)
                          AND log.date_end IS NOT NULL
                          AND log.mfg_estimated IS NOT TRUE
                          AND log.loss_id = ANY(%s)
                     GROUP BY workorder.production_id, log.workcenter_id, log.user_id""",
                    missing,
                    self._mfg_mrp_working_losses(),
                )
            )
            read = defaultdict(lambda: [0.0, defaultdict(float), defaultdict(float)])
            for production_id, workcenter_id, user_id, minutes in rows:
                if not minutes or minutes <= 0:
                    continue
                share = read[production_id]
                share[0] += minutes
                share[1][workcenter_id] += minutes
                if user_id:
                    share[2][user_id] += minutes
            for production_id in missing:
                known[production_id] = read.get(production_id)
        shares = {
            production_id: known[production_id]
            for production_id in production_ids
            if known[production_id] is not None
        }
        users = {user for share in shares.values() for user in share[2]}
        return shares, self._user_employees(users, period.company_id)

    @api.model
    def _mfg_mrp_order_subjects(self, company_id, workshop_id, team_id):
        """The company, workshop and team subjects of an order-level figure (``company_id``:
        the period's company id, read once by the caller)."""
        subjects = {("company", company_id)}
        subjects.update(("department", dept_id) for dept_id in (workshop_id, team_id) if dept_id)
        return subjects

    @api.model
    def _mfg_mrp_plan(self, company_id, workshop_id, team_id, share, employees, memo=None):
        """The weighted subjects (``Tally.add_plan``) of an order-level figure: the company,
        the workshop and the team get all of it, the work centres and the operators their
        share of the time logged on the order (``share``, see ``_mfg_mrp_order_shares``).
        ``memo``: a dict keeping the owners' part per workshop and team across a pass."""
        owners = memo.get((workshop_id, team_id)) if memo is not None else None
        if owners is None:
            owners = tuple(
                (subject, 1.0)
                for subject in self._mfg_mrp_order_subjects(company_id, workshop_id, team_id)
            )
            if memo is not None:
                memo[workshop_id, team_id] = owners
        total, by_workcenter, by_user = share
        if total <= 0:
            return owners
        plan = list(owners)
        plan.extend(
            (("record", "mrp.workcenter", workcenter_id), minutes / total)
            for workcenter_id, minutes in by_workcenter.items()
        )
        for user_id, minutes in by_user.items():
            employee_id = employees.get(user_id, (None,))[0]
            if employee_id:
                plan.append((("employee", employee_id), minutes / total))
        return tuple(plan)

    @api.model
    def _mfg_mrp_tallies(self, period, key, compute):
        """``compute()``: tallies shared by the KPIs of a cohort, computed in one pass over it
        once per computation (a drill-down, which keeps record ids, computes its own)."""
        return self._cohort(period, (key, bool(self.env.context.get(DRILL))), compute)

    # ------------------------------------------------------------------
    # Cohort of the orders done in the period (material, scrap, rework)
    # ------------------------------------------------------------------
    @api.model
    def _mfg_mrp_done_cohort(self, period):
        """The orders of the company done in the period, read once per computation for the
        material, scrap and rework KPIs (``_cohort``). A dict:

        - ``orders``: ``[(id, workshop id, team id, is rework, reworked order id)]`` by id;
        - ``produced``: ``{order id: good finished quantity in the product's unit}``;
        - ``sources``: ``{reworked order id: (workshop id, team id)}``;
        - ``shares``, ``employees``: the time logged on the orders and on the reworked orders
          (see ``_mfg_mrp_order_shares``).
        """
        return self._cohort(period, "mfg_mrp_done", lambda: self._mfg_mrp_read_done(period))

    @api.model
    def _mfg_mrp_done_plans(self, period):
        """``{order id: plan}`` of the orders done in the period: their owners and whoever
        logged time on them (``_mfg_mrp_plan``), once per computation."""

        def compute():
            cohort = self._mfg_mrp_done_cohort(period)
            company_id = period.company_id.id
            shares, employees = cohort["shares"], cohort["employees"]
            memo = {}
            return {
                order_id: self._mfg_mrp_plan(
                    company_id,
                    workshop_id,
                    team_id,
                    shares.get(order_id, NO_SHARE),
                    employees,
                    memo,
                )
                for order_id, workshop_id, team_id, _rework, _source in cohort["orders"]
            }

        return self._cohort(period, "mfg_mrp_done_plans", compute)

    @api.model
    def _mfg_mrp_read_done(self, period):
        clock = self._clock(period)
        # SQL: the period's done orders with their good output, summed per order and unit in
        # the database (up to 100,000 orders; the ORM would read every move).
        rows = self._fetch_rows(
            SQL(
                """SELECT production.id, production.mfg_department_id, production.mfg_team_id,
                          COALESCE(production.mfg_is_rework, FALSE),
                          production.mfg_rework_source_id, source.mfg_department_id,
                          source.mfg_team_id, tmpl.uom_id, output.product_uom, output.qty
                     FROM mrp_production production
                     JOIN product_product product ON product.id = production.product_id
                     JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
                LEFT JOIN mrp_production source ON source.id = production.mfg_rework_source_id
                LEFT JOIN (
                          SELECT move.production_id, move.product_id, move.product_uom,
                                 SUM(move.quantity) AS qty
                            FROM stock_move move
                            JOIN stock_location dest ON dest.id = move.location_dest_id
                           WHERE move.state = 'done' AND dest.usage != 'inventory'
                             AND move.production_id IN (
                                 SELECT id FROM mrp_production
                                  WHERE company_id = %(company)s AND state = 'done'
                                    AND date_finished >= %(start)s AND date_finished < %(end)s)
                        GROUP BY move.production_id, move.product_id, move.product_uom
                          ) output
                       ON output.production_id = production.id
                      AND output.product_id = production.product_id
                    WHERE production.company_id = %(company)s
                      AND production.state = 'done'
                      AND production.date_finished >= %(start)s
                      AND production.date_finished < %(end)s
                 ORDER BY production.id""",
                company=period.company_id.id,
                start=clock.start,
                end=clock.end,
            )
        )
        convert = self._mfg_mrp_converter()
        orders, produced, sources = {}, defaultdict(float), {}
        for row in rows:
            production_id, workshop_id, team_id, is_rework, source_id = row[:5]
            orders[production_id] = (production_id, workshop_id, team_id, is_rework, source_id)
            if source_id:
                sources[source_id] = (row[5], row[6])
            if row[8]:
                produced[production_id] += convert(row[9], row[8], row[7])
        shares, employees = self._mfg_mrp_order_shares(set(orders) | set(sources), period)
        return {
            "orders": list(orders.values()),
            "produced": produced,
            "sources": sources,
            "shares": shares,
            "employees": employees,
        }

    # ------------------------------------------------------------------
    # Plan completion and on-time completion (order chains)
    # ------------------------------------------------------------------
    @api.model
    def _mfg_mrp_plan_sql(self, period, drill):
        """The SQL of the plan KPIs: the order chains due in the period and their figures,
        added up per subject in the database (see ``_mfg_mrp_read_plan``).

        A chain is the set of live (not cancelled) orders of one production group (an order
        without a group is a chain of its own). It is due in the period when its latest
        committed finish falls in it. Per chain: planned = Σ planned quantity; produced = good
        finished quantity (done moves of the order's own product, not to an inventory loss),
        in the product's unit (``_unit_ratios``);
        produced on time = the part of the orders done by the chain's committed finish;
        on_time = 1 when all its orders are done by then, 0 when late, NULL when still open
        before it (not due yet); the owners (workshop and team) and the responsible are those
        of its first order that has them. Its working time (``_mfg_mrp_working_losses``,
        summed per order, work centre and operator, kept when positive) gives each work centre
        and operator a weight: their minutes ÷ the chain's.

        ``drill``: the rows carry the chains behind each figure, a second statement gives
        their orders.
        """
        clock = self._clock(period)
        params = {
            "company": period.company_id.id,
            "start": clock.start,
            "end": clock.end,
            "now": clock.now,
            "working": self._mfg_mrp_working_losses(),
        }
        # The live orders of the company: those of the production groups with an order due
        # in the period, and the due orders without a group (a chain of their own).
        live_orders = """SELECT production.id, production.state, production.mfg_planned_qty,
                      production.mfg_planned_finish, production.mfg_is_rush,
                      production.date_finished, production.product_id, tmpl.uom_id,
                      production.mfg_department_id, production.mfg_team_id, production.user_id,
                      %(chain)s AS chain
                 FROM mrp_production production
                 JOIN product_product product ON product.id = production.product_id
                 JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
                WHERE production.company_id = %(company)s AND production.state != 'cancel'
                  AND %(due)s"""
        due = {key: params[key] for key in ("company", "start", "end")}
        orders = SQL(
            live_orders,
            company=params["company"],
            chain=SQL("production.production_group_id"),
            due=SQL(
                """production.production_group_id IN (
                       SELECT production_group_id FROM mrp_production
                        WHERE company_id = %(company)s AND production_group_id IS NOT NULL
                          AND mfg_planned_finish >= %(start)s
                          AND mfg_planned_finish < %(end)s)""",
                **due,
            ),
        )
        single = SQL(
            live_orders,
            company=params["company"],
            chain=SQL("-production.id"),
            due=SQL(
                """production.production_group_id IS NULL
                   AND production.mfg_planned_finish >= %(start)s
                   AND production.mfg_planned_finish < %(end)s""",
                **due,
            ),
        )
        # The CTEs are materialised: each is read by several steps, and the planner's guesses
        # on grouped rows would otherwise turn the large joins into nested loops.
        ctes = SQL(
            """WITH %(conversion)s, live AS MATERIALIZED (
                   SELECT orders.*,
                          MAX(orders.mfg_planned_finish) OVER (PARTITION BY orders.chain)
                              AS chain_finish
                     FROM (%(orders)s UNION ALL %(single)s) orders
               ), made AS MATERIALIZED (
                   SELECT live.id, SUM(%(in_product_unit)s) AS qty
                     FROM live
                     JOIN stock_move move
                       ON move.production_id = live.id AND move.product_id = live.product_id
                     JOIN stock_location dest ON dest.id = move.location_dest_id
                    WHERE move.state = 'done' AND dest.usage != 'inventory'
                 GROUP BY live.id
               ), chain AS MATERIALIZED (
                   SELECT live.chain, SUM(live.mfg_planned_qty)::float8 AS planned,
                          MAX(live.mfg_planned_finish) AS finish,
                          bool_and(live.state = 'done') AS closed,
                          MAX(live.date_finished) FILTER (WHERE live.state = 'done') AS done_at,
                          COALESCE(bool_or(live.mfg_is_rush), FALSE) AS rush,
                          MIN(live.id) FILTER (WHERE live.mfg_department_id IS NOT NULL
                                                  OR live.mfg_team_id IS NOT NULL) AS owner,
                          MIN(live.id) FILTER (WHERE live.user_id IS NOT NULL) AS responsible,
                          SUM(made.qty) AS produced,
                          SUM(made.qty) FILTER (WHERE live.state = 'done'
                                                  AND live.date_finished <= live.chain_finish)
                              AS produced_on_time
                     FROM live LEFT JOIN made ON made.id = live.id
                 GROUP BY live.chain
                   HAVING SUM(live.mfg_planned_qty) > 0
                      AND MAX(live.mfg_planned_finish) >= %(start)s
                      AND MAX(live.mfg_planned_finish) < %(end)s
               ), figure AS MATERIALIZED (
                   SELECT chain.chain, owner.mfg_department_id AS workshop,
                          NULLIF(owner.mfg_team_id, owner.mfg_department_id) AS team,
                          responsible.user_id AS responsible, chain.rush, chain.planned,
                          LEAST(COALESCE(chain.produced, 0), chain.planned) AS quantity,
                          LEAST(COALESCE(chain.produced_on_time, 0), chain.planned)
                              AS quantity_on_time,
                          CASE WHEN NOT chain.closed AND chain.finish >= %(now)s THEN NULL
                               WHEN chain.closed AND chain.done_at <= chain.finish THEN 1.0
                               ELSE 0.0 END AS on_time
                     FROM chain
                LEFT JOIN live owner ON owner.id = chain.owner
                LEFT JOIN live responsible ON responsible.id = chain.responsible
               ), logged AS (
                   SELECT live.chain, log.workcenter_id, log.user_id, SUM(log.duration) AS minutes
                     FROM live
                     JOIN mrp_workorder workorder ON workorder.production_id = live.id
                     JOIN mrp_workcenter_productivity log ON log.workorder_id = workorder.id
                    WHERE log.date_end IS NOT NULL AND log.mfg_estimated IS NOT TRUE
                      AND log.loss_id = ANY(%(working)s)
                 GROUP BY live.id, live.chain, log.workcenter_id, log.user_id
                   HAVING SUM(log.duration) > 0
               ), share AS (
                   SELECT logged.chain, logged.workcenter_id, logged.user_id,
                          logged.minutes / SUM(logged.minutes) OVER (PARTITION BY logged.chain)
                              AS weight
                     FROM logged
               )""",
            conversion=self._unit_conversion_sql(),
            in_product_unit=self._in_unit_sql(
                SQL("move.quantity"), SQL("move.product_uom"), SQL("live.uom_id")
            ),
            orders=orders,
            single=single,
            **params,
        )
        chains = (
            SQL(
                """, array_agg(figure.chain),
                     array_agg(figure.chain) FILTER (WHERE figure.on_time IS NOT NULL),
                     array_agg(figure.chain) FILTER (WHERE figure.rush
                                                       AND figure.on_time IS NOT NULL)"""
            )
            if drill
            else SQL("")
        )
        # Per subject: Σ min(produced, planned), Σ planned, Σ min(produced on time, planned),
        # chains on time and chains due, the same for the rush chains; weighted by the share
        # for work centres and operators.
        figures = SQL(
            """%(ctes)s
               SELECT 'owner', GROUPING(workshop, team), COALESCE(workshop, team),
                      SUM(quantity), SUM(planned), SUM(quantity_on_time),
                      SUM(on_time), COUNT(on_time),
                      SUM(on_time) FILTER (WHERE rush), COUNT(on_time) FILTER (WHERE rush)
                      %(chains)s
                 FROM figure
             GROUP BY GROUPING SETS ((), (workshop), (team))
               HAVING COUNT(*) > 0
            UNION ALL
               SELECT 'share', GROUPING(share.workcenter_id, share.user_id),
                      COALESCE(share.workcenter_id, share.user_id),
                      SUM(weight * quantity), SUM(weight * planned),
                      SUM(weight * quantity_on_time),
                      SUM(weight * on_time), SUM(weight) FILTER (WHERE on_time IS NOT NULL),
                      SUM(weight * on_time) FILTER (WHERE rush),
                      SUM(weight) FILTER (WHERE rush AND on_time IS NOT NULL)
                      %(chains)s
                 FROM share JOIN figure ON figure.chain = share.chain
             GROUP BY GROUPING SETS ((share.workcenter_id), (share.user_id))
            UNION ALL
               SELECT 'responsible', 0, responsible, 0, 0, 0, 0, 0,
                      SUM(on_time), COUNT(on_time)
                      %(chains)s
                 FROM figure WHERE rush AND responsible IS NOT NULL
             GROUP BY responsible""",
            ctes=ctes,
            chains=chains,
        )
        orders_of_chains = SQL(
            """%s SELECT live.chain, array_agg(live.id ORDER BY live.id)
                    FROM live JOIN chain ON chain.chain = live.chain
                GROUP BY live.chain""",
            ctes,
        )
        return figures, orders_of_chains

    @api.model
    def _mfg_mrp_read_plan(self, period):
        """The figures of the plan KPIs per subject, in one statement (two for a drill-down):
        ``[(kind, level, key, quantity, planned, quantity on time, on time, due, rush on time,
        rush due, chains, due chains, rush due chains)]`` and ``{chain: order ids}``.

        kind ``owner``: level 3 is the company, 1 a workshop, 2 a team (key: the department);
        ``share``: level 1 a work centre, 2 an operator (key: the user); ``responsible``: the
        responsible user of the rush chains (rush figures only). The chains are given for a
        drill-down only.
        """
        drill = bool(self.env.context.get(DRILL))
        figures, orders_of_chains = self._mfg_mrp_plan_sql(period, drill)
        # SQL: 100,000 orders, their output and 450,000 time logs are added up per subject in
        # the database; the ORM would read them row by row. Without the JIT compiler, which
        # costs more than it saves on this one-off statement.
        rows = self._fetch_rows(figures, jit=False)
        chain_orders = {}
        if drill and rows:
            chain_orders = dict(self._fetch_rows(orders_of_chains, jit=False))
        return rows, chain_orders

    @api.model
    def _provide_mrp_plan_completion(self, kpi, period):
        """Plan completion of the order chains due in the period (an order and its backorders
        count once, see ``_mfg_mrp_plan_sql``).

        - quantity: Σ min(produced, planned) ÷ Σ planned × 100 (a chain's overproduction
          does not make up for another chain's shortfall);
        - quantity_on_time: the same with the quantity produced by the committed finish;
        - on_time / rush_on_time: chains completed by their committed finish ÷ chains due ×
          100; a chain still open after its committed finish is late, one still open before
          it is not counted yet; rush_on_time only counts chains with an urgent order;
        - rush_responsible: rush_on_time counted for the employee of the chain's responsible
          user (the scheduler handling the order) instead of the operators.

        The company, the workshop and the team of a chain get all its figures, the work
        centres and operators their share of the time logged on its orders.
        """
        tally = self._mfg_mrp_tallies(
            period, "mfg_mrp_plan_tallies", lambda: self._mfg_mrp_plan_tallies(period)
        ).get(self._variant(kpi))
        if not tally:
            return []
        return self._tally_measures(kpi, tally, "mrp.production")

    @api.model
    def _mfg_mrp_plan_tallies(self, period):
        """``{variant: Tally}`` of every plan variant, from the subjects' figures read once
        (``_mfg_mrp_read_plan``)."""
        rows, chain_orders = self._mfg_mrp_read_plan(period)
        if not rows:
            return {}
        company_id = period.company_id.id
        employees = self._user_employees(
            {key for kind, level, key, *_figures in rows if kind != "owner" and level != 1},
            period.company_id,
        )
        variants = ("quantity", "quantity_on_time", "on_time", "rush_on_time", "rush_responsible")
        tallies = {variant: self._tally() for variant in variants}
        quantity, quantity_on_time, on_time, rush, responsible = (tallies[v] for v in variants)

        def orders(chains):
            return [order for chain in chains or () for order in chain_orders[chain]]

        for kind, level, key, *figures in rows:
            qty, planned, qty_on_time, done, due, rush_done, rush_due, *chains = figures
            # The orders behind each figure, for a drill-down: every chain, the chains due,
            # the rush chains due.
            all_ids, due_ids, rush_ids = (orders(part) for part in chains) if chains else ((),) * 3
            if kind == "owner" and level == 3:
                subject = ("company", company_id)
            elif kind == "owner":
                subject = ("department", key) if key else None
            elif kind == "share" and level == 1:
                subject = ("record", "mrp.workcenter", key)
            else:
                employee_id = employees.get(key, (None,))[0]
                subject = ("employee", employee_id) if employee_id else None
            if subject is None:
                continue
            subjects = [subject]
            if kind == "responsible":
                if rush_due:
                    responsible.add(subjects, rush_done, rush_due, rush_ids)
                continue
            quantity.add(subjects, qty, planned, all_ids)
            quantity_on_time.add(subjects, qty_on_time, planned, all_ids)
            if due:
                on_time.add(subjects, done, due, due_ids)
            if rush_due:
                rush.add(subjects, rush_done, rush_due, rush_ids)
                if kind == "owner":
                    responsible.add(subjects, rush_done, rush_due, rush_ids)
        return tallies

    # ------------------------------------------------------------------
    # Material consumption against the BoM standard
    # ------------------------------------------------------------------
    @api.model
    def _mfg_mrp_material_cohort(self, period):
        """``({order id: standard}, {order id: actual})`` of the orders done in the period,
        valued at the components' cost (once per computation)."""
        return self._cohort(period, "mfg_mrp_material", lambda: self._mfg_mrp_read_material(period))

    @api.model
    def _mfg_mrp_read_material(self, period):
        """The standard and the actual material cost of the done orders, valued in the database
        (see ``_provide_mrp_material``): the component cost is the products' own
        ``standard_price`` in the period's company (``_field_to_sql``: the ORM's expression,
        with its fallback), 1 without a cost; quantities in the product's unit by
        ``_unit_ratios``."""
        cohort = self._mfg_mrp_done_cohort(period)
        order_ids = [order[0] for order in cohort["orders"]]
        if not order_ids:
            return {}, {}
        cost = SQL(
            "COALESCE(NULLIF(%s, 0), 1.0)::float8",
            self.env["product.product"]
            .with_company(period.company_id)
            ._field_to_sql("product", "standard_price"),
        )
        # SQL: the 300,000 component moves of a factory month, valued and summed per order in
        # the database (one row per order instead of one per order and component).
        rows = self._fetch_rows(
            SQL(
                """WITH %(conversion)s, component AS MATERIALIZED (
                       SELECT raw_material_production_id AS production_id, product_id,
                              product_uom, bom_line_id, mfg_bom_unit_qty, state, quantity
                         FROM stock_move
                        WHERE raw_material_production_id = ANY(%(orders)s)
                   ), cost AS MATERIALIZED (
                       -- the components' costs only, whatever the size of the catalogue
                       SELECT product.id, tmpl.uom_id, %(cost)s AS cost
                         FROM product_product product
                         JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
                        WHERE product.id IN (SELECT product_id FROM component)
                   ), standard AS (
                       -- the standard quantity per unit recorded on each BoM line's moves
                       SELECT line.production_id, SUM(line.unit_qty * cost.cost) AS per_unit
                         FROM (SELECT production_id, bom_line_id, product_id,
                                      MAX(mfg_bom_unit_qty)::float8 AS unit_qty
                                 FROM component
                                WHERE bom_line_id IS NOT NULL AND mfg_bom_unit_qty > 0
                             GROUP BY production_id, bom_line_id, product_id) line
                         JOIN cost ON cost.id = line.product_id
                     GROUP BY line.production_id
                   ), actual AS (
                       SELECT component.production_id,
                              SUM(%(in_product_unit)s * cost.cost) AS amount
                         FROM component JOIN cost ON cost.id = component.product_id
                        WHERE component.state = 'done'
                     GROUP BY component.production_id
                   )
                   SELECT COALESCE(standard.production_id, actual.production_id),
                          standard.per_unit, actual.amount
                     FROM standard FULL JOIN actual
                       ON actual.production_id = standard.production_id""",
                conversion=self._unit_conversion_sql(),
                in_product_unit=self._in_unit_sql(
                    SQL("component.quantity"), SQL("component.product_uom"), SQL("cost.uom_id")
                ),
                orders=order_ids,
                cost=cost,
            ),
            jit=False,
        )
        produced = cohort["produced"]
        standard, actual = {}, {}
        for production_id, per_unit, amount in rows:
            if per_unit:
                standard[production_id] = per_unit * produced.get(production_id, 0.0)
            if amount:
                actual[production_id] = amount
        return standard, actual

    @api.model
    def _provide_mrp_material(self, kpi, period):
        """Material consumed by the orders done in the period against the BoM standard.

        Standard = Σ over BoM components: standard quantity per unit (recorded at
        confirmation) × good quantity produced; actual = Σ components consumed (done
        component moves, including components scrapped on the order and components added
        outside the BoM). Both are valued at the component's cost (a component without a
        cost counts by quantity). actual_vs_standard = actual ÷ standard × 100;
        standard_vs_actual = standard ÷ actual × 100. Orders without a BoM standard are not
        counted.
        """
        tally = self._mfg_mrp_tallies(
            period, "mfg_mrp_material_tally", lambda: self._mfg_mrp_material_tally(period)
        )
        if not tally:
            return []
        if self._variant(kpi) == "standard_vs_actual":
            tally = tally.swapped()
        return self._tally_measures(kpi, tally, "mrp.production")

    @api.model
    def _mfg_mrp_material_tally(self, period):
        """Actual ÷ standard material of the orders done in the period (one pass; the
        standard_vs_actual variant is its inverse)."""
        cohort = self._mfg_mrp_done_cohort(period)
        tally = self._tally()
        if not cohort["orders"]:
            return tally
        standard, actual = self._mfg_mrp_material_cohort(period)
        plans = self._mfg_mrp_done_plans(period)
        for production_id, *_rest in cohort["orders"]:
            order_standard = standard.get(production_id, 0.0)
            if order_standard <= 0:
                continue
            tally.add_plan(
                plans[production_id],
                actual.get(production_id, 0.0),
                order_standard,
                (production_id,),
            )
        return tally

    # ------------------------------------------------------------------
    # Scrap
    # ------------------------------------------------------------------
    @api.model
    def _provide_mrp_scrap(self, kpi, period):
        """Finished products scrapped ÷ good quantity produced × 100, orders done in the period.

        Scrap = done scraps of the order's own product recorded on the order (stock.scrap
        with the manufacturing order); components scrapped count as material consumption.
        """
        cohort = self._mfg_mrp_done_cohort(period)
        if not cohort["orders"]:
            return []
        produced = cohort["produced"]
        scrapped = self._cohort(
            period, "mfg_mrp_scrapped", lambda: self._mfg_mrp_read_scrap(period)
        )
        plans = self._mfg_mrp_done_plans(period)
        tally = self._tally()
        for production_id, *_rest in cohort["orders"]:
            order_produced = produced.get(production_id, 0.0)
            if order_produced <= 0:
                continue
            tally.add_plan(
                plans[production_id],
                scrapped.get(production_id, 0.0),
                order_produced,
                (production_id,),
            )
        return self._tally_measures(kpi, tally, "mrp.production")

    @api.model
    def _mfg_mrp_read_scrap(self, period):
        """``{order id: finished products scrapped, in the product's unit}`` (one query)."""
        clock = self._clock(period)
        scrap_groups = self.env["stock.scrap"]._read_group(
            [
                ("production_id.company_id", "=", period.company_id.id),
                ("production_id.state", "=", "done"),
                ("production_id.date_finished", ">=", clock.start),
                ("production_id.date_finished", "<", clock.end),
                ("state", "=", "done"),
            ],
            ["production_id", "product_id", "product_uom_id"],
            ["scrap_qty:sum"],
        )
        return self._mfg_mrp_own_product_qty(scrap_groups)

    # ------------------------------------------------------------------
    # Rework
    # ------------------------------------------------------------------
    @api.model
    def _provide_mrp_rework(self, kpi, period):
        """Rework orders done in the period, charged to the reworked order's owners.

        A rework order (flag on the manufacturing order) is charged to the workshop and team
        of the order it reworks (its own when none is given) and to the operators and work
        centres that logged time on the reworked order, in proportion to that time.

        - rate: quantity reworked ÷ good quantity produced by the ordinary (non-rework)
          orders done in the period × 100;
        - count: number of rework orders (a subject that produced without rework gets 0).
        """
        is_count = self._variant(kpi) == "count"
        tallies = self._mfg_mrp_tallies(
            period, "mfg_mrp_rework_tallies", lambda: self._mfg_mrp_rework_tallies(period)
        )
        if not tallies:
            return []
        return self._tally_measures(
            kpi,
            tallies["count" if is_count else "rate"],
            "mrp.production",
            kind="sum" if is_count else "rate",
        )

    @api.model
    def _mfg_mrp_rework_tallies(self, period):
        """``{"rate": Tally, "count": Tally}`` of the rework KPIs, in one pass over the orders
        done in the period (see ``_provide_mrp_rework``)."""
        company_id = period.company_id.id
        cohort = self._mfg_mrp_done_cohort(period)
        if not cohort["orders"]:
            return {}
        produced, sources = cohort["produced"], cohort["sources"]
        shares, employees = cohort["shares"], cohort["employees"]
        plans = self._mfg_mrp_done_plans(period)
        rate, count = self._tally(), self._tally()
        for production_id, workshop_id, team_id, is_rework, source_id in cohort["orders"]:
            order_produced = produced.get(production_id, 0.0)
            if is_rework:
                # Charged to the reworked order's owners and to whoever logged time on it.
                source_owner = sources.get(source_id, (None, None)) if source_id else (None, None)
                if any(source_owner):
                    workshop_id, team_id = source_owner
                plan = self._mfg_mrp_plan(
                    company_id, workshop_id, team_id, shares.get(source_id, NO_SHARE), employees
                )
                ids = (production_id,)
                rate.add_plan(plan, order_produced, 0.0, ids)
                count.add_plan(plan, 1.0, 0.0, ids)
                continue
            if order_produced <= 0:
                continue
            plan = plans[production_id]
            rate.add_plan(plan, 0.0, order_produced, (production_id,))
            count.add_plan(plan, 0.0, 1.0)
        return {"rate": rate, "count": count}

    # ------------------------------------------------------------------
    # Work orders: labour productivity and work-time efficiency
    # ------------------------------------------------------------------
    @api.model
    def _mfg_mrp_read_workorders(self, period):
        """The work orders finished in the period and their working time, read once per
        computation: ``([(wo id, work centre id, workshop id, team id, pieces, expected
        minutes)], {wo id: minutes}, {wo id: {user id: minutes}}, {(wo id, user id): days
        worked}, {user id: (employee id, department id)})``."""
        clock = self._clock(period)
        # SQL: the ids of the work orders finished in the period first (the index of done work
        # orders), then their figures with the ids given as values: the planner then knows how
        # many rows the joins take, even on freshly loaded tables, whose index estimate (one
        # row) would join every work order by nested loops.
        finished = [
            row[0]
            for row in self._fetch_rows(
                SQL(
                    """SELECT id FROM mrp_workorder
                        WHERE state = 'done' AND date_finished >= %s AND date_finished < %s""",
                    clock.start,
                    clock.end,
                )
            )
        ]
        # SQL: up to hundreds of thousands of work orders a month, read as plain rows (the ORM
        # would build and prefetch a record per work order, its order and work centre).
        rows = self._fetch_rows(
            SQL(
                """SELECT workorder.id, workorder.workcenter_id, workcenter.mfg_department_id,
                          workcenter.mfg_team_id, workorder.qty_produced,
                          workorder.duration_expected, production.product_uom_id, tmpl.uom_id
                     FROM mrp_workorder workorder
                     JOIN mrp_production production ON production.id = workorder.production_id
                     JOIN mrp_workcenter workcenter ON workcenter.id = workorder.workcenter_id
                     JOIN product_product product ON product.id = production.product_id
                     JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
                    WHERE workorder.id = ANY(%s) AND production.company_id = %s
                 ORDER BY workorder.id""",
                finished,
                period.company_id.id,
            )
        )
        total = defaultdict(float)
        by_user = defaultdict(lambda: defaultdict(float))
        days = defaultdict(set)  # (workorder, user) -> days worked
        if not rows:
            return [], total, by_user, days, {}
        # Working time (_mfg_mrp_working_losses), summed per work order, operator and
        # local day in the database. The work orders and the loss reasons are given as values:
        # the planner then knows how many rows they match, even on freshly loaded tables.
        logs = self._fetch_rows(
            SQL(
                """SELECT log.workorder_id, log.user_id,
                          (log.date_start AT TIME ZONE 'UTC' AT TIME ZONE %s)::date,
                          SUM(log.duration)
                     FROM mrp_workcenter_productivity log
                    WHERE log.workorder_id = ANY(%s)
                      AND log.date_end IS NOT NULL
                      AND log.mfg_estimated IS NOT TRUE
                      AND log.loss_id = ANY(%s)
                 GROUP BY 1, 2, 3""",
                clock.tz.zone,
                [row[0] for row in rows],
                self._mfg_mrp_working_losses(),
            )
        )
        for workorder_id, user_id, day, minutes in logs:
            minutes = minutes or 0.0
            total[workorder_id] += minutes
            by_user[workorder_id][user_id] += minutes
            days[workorder_id, user_id].add(day)
        convert = self._mfg_mrp_converter()
        workorders = [
            (
                wo_id,
                wc_id,
                workshop_id,
                team_id,
                convert(qty, uom_id, product_uom_id),
                expected or 0.0,
            )
            for wo_id, wc_id, workshop_id, team_id, qty, expected, uom_id, product_uom_id in rows
        ]
        employees = self._user_employees(
            {user for users in by_user.values() for user in users if user},
            period.company_id,
        )
        return workorders, total, by_user, days, employees

    @api.model
    def _provide_mrp_workorders(self, kpi, period):
        """Work orders finished in the period with working time logged on them.

        Working time = time logs of the work order with a productive or performance loss
        type (blocked time is not working time). Per work order: pieces = quantity produced
        (product unit), standard = expected duration. An operator gets the share of a work
        order's pieces and standard time in proportion to the time he logged on it.

        - pieces_per_hour: Σ pieces ÷ Σ working hours;
        - pieces_per_day: Σ pieces ÷ worker-days (distinct operator and day with working
          time on these work orders);
        - standard_hours: Σ expected duration ÷ Σ working time × 100 (also the production
          quota completion: the output's quota time against the time it took);
        - standard_met: work orders whose working time is within the expected duration ÷
          work orders × 100.
        Work centres count for their current workshop and team.
        """
        variant = self._variant(kpi)
        tallies = self._mfg_mrp_tallies(
            period, "mfg_mrp_workorder_tallies", lambda: self._mfg_mrp_workorder_tallies(period)
        )
        if not tallies:
            return []
        kind = "rate" if variant in ("standard_hours", "standard_met") else "ratio"
        return self._tally_measures(kpi, tallies[variant], "mrp.workorder", kind=kind)

    @api.model
    def _mfg_mrp_workorder_tallies(self, period):
        """``{variant: Tally}`` of the work-order KPIs (see ``_provide_mrp_workorders``) in
        one pass over the period's work orders: their figures are added up per work centre
        (whose workshop and team make the other subjects) and per operator first."""
        workorders, total, by_user, days, employees = self._cohort(
            period, "mfg_mrp_workorders", lambda: self._mfg_mrp_read_workorders(period)
        )
        if not workorders:
            return {}
        keep_ids = bool(self.env.context.get(DRILL))
        # Per work centre and per employee: pieces, hours, expected minutes, minutes, work
        # orders within their expected duration, work orders, ids; and the worker-days.
        by_centre = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, []])
        by_employee = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, []])
        centre_days = defaultdict(set)  # work centre -> {(user, day)}
        employee_days = defaultdict(set)
        owners = {}
        for wo_id, wc_id, workshop_id, team_id, pieces, expected in workorders:
            minutes = total.get(wo_id, 0.0)
            if minutes <= 0:
                continue
            owners[wc_id] = (workshop_id, team_id)
            met = 1.0 if minutes <= expected + 1e-6 else 0.0
            row = by_centre[wc_id]
            row[0] += pieces
            row[1] += minutes / 60.0
            row[2] += expected
            row[3] += minutes
            row[4] += met
            row[5] += 1.0
            if keep_ids:
                row[6].append(wo_id)
            for user_id, user_minutes in by_user[wo_id].items():
                user_days = days[wo_id, user_id]
                centre_days[wc_id].update((user_id, day) for day in user_days)
                employee_id = employees.get(user_id, (None,))[0]
                if not employee_id:
                    continue
                ratio = user_minutes / minutes
                row = by_employee[employee_id]
                row[0] += pieces * ratio
                row[1] += user_minutes / 60.0
                row[2] += expected * ratio
                row[3] += user_minutes
                row[4] += met
                row[5] += 1.0
                if keep_ids:
                    row[6].append(wo_id)
                employee_days[employee_id].update((user_id, day) for day in user_days)
        variants = ("pieces_per_hour", "pieces_per_day", "standard_hours", "standard_met")
        tallies = {variant: self._tally() for variant in variants}
        per_hour, per_day, standard_hours, standard_met = (tallies[v] for v in variants)
        company_subject = ("company", period.company_id.id)
        subject_days = defaultdict(set)

        def add(subjects, row):
            pieces, hours, expected, minutes, met, count, ids = row
            per_hour.add(subjects, pieces, hours, ids)
            per_day.add(subjects, pieces, 0.0, ids)
            standard_hours.add(subjects, expected, minutes, ids)
            standard_met.add(subjects, met, count, ids)

        for wc_id, row in by_centre.items():
            workshop_id, team_id = owners[wc_id]
            subjects = {company_subject, ("record", "mrp.workcenter", wc_id)}
            subjects.update(("department", dept) for dept in (workshop_id, team_id) if dept)
            add(subjects, row)
            for subject in subjects:
                subject_days[subject] |= centre_days[wc_id]
        for employee_id, row in by_employee.items():
            add([("employee", employee_id)], row)
            subject_days["employee", employee_id] = employee_days[employee_id]
        # Worker-days: distinct operator and day with working time on these work orders.
        for subject, user_days in subject_days.items():
            per_day.add([subject], 0.0, float(len(user_days)))
        return tallies
