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
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import Provider, Tally
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
        produced = defaultdict(float)
        for production, product, uom, qty in groups:
            if product == production.product_id:
                produced[production.id] += self._mfg_mrp_to_product_qty(qty, uom, product)
        return produced

    @api.model
    def _mfg_mrp_time_logs(self, domain, groupby, tz=None):
        """Working time (minutes) of the time logs matching ``domain``, grouped (one query).

        Working time: closed, tracked (not estimated) logs of a productive or performance
        loss type; blocked time is not working time.
        """
        Productivity = self.env["mrp.workcenter.productivity"]
        if tz:
            Productivity = Productivity.with_context(tz=tz)
        return Productivity._read_group(
            [
                *domain,
                ("date_end", "!=", False),
                ("mfg_estimated", "=", False),
                ("loss_id.loss_type", "in", WORKING_LOSS_TYPES),
            ],
            groupby,
            ["duration:sum"],
        )

    @api.model
    def _mfg_mrp_order_shares(self, productions, period):
        """Working time logged on the orders' work orders, and the operators' employees.

        Returns ``({order id: [total, {work centre id: minutes}, {user id: minutes}]},
        {user id: (employee id, department id)})`` in two queries.
        """
        shares = defaultdict(lambda: [0.0, defaultdict(float), defaultdict(float)])
        groups = self._mfg_mrp_time_logs(
            [("workorder_id.production_id", "in", productions.ids)],
            ["workorder_id.production_id", "workcenter_id", "user_id"],
        )
        for production, workcenter, user, minutes in groups:
            if minutes <= 0:
                continue
            share = shares[production.id]
            share[0] += minutes
            share[1][workcenter.id] += minutes
            if user:
                share[2][user.id] += minutes
        users = {user for share in shares.values() for user in share[2]}
        return shares, self._user_employees(users, period.company_id)

    @api.model
    def _mfg_mrp_order_subjects(self, period, workshop, team):
        subjects = {("company", period.company_id.id)}
        subjects.update(("department", dept.id) for dept in (workshop | team))
        return subjects

    @api.model
    def _mfg_mrp_share_out(self, tally, share, employees, numerator, denominator, ids):
        """Share an order-level figure between work centres and operators by logged time."""
        total, by_workcenter, by_user = share
        if total <= 0:
            return
        for workcenter_id, minutes in by_workcenter.items():
            ratio = minutes / total
            tally.add(
                [("record", "mrp.workcenter", workcenter_id)],
                numerator * ratio,
                denominator * ratio,
                ids,
            )
        for user_id, minutes in by_user.items():
            employee_id = employees.get(user_id, (None,))[0]
            if employee_id:
                ratio = minutes / total
                tally.add([("employee", employee_id)], numerator * ratio, denominator * ratio, ids)

    @api.model
    def _mfg_mrp_merge_shares(self, shares, production_ids):
        merged = [0.0, defaultdict(float), defaultdict(float)]
        for production_id in production_ids:
            total, by_workcenter, by_user = shares.get(production_id, NO_SHARE)
            merged[0] += total
            for key, minutes in by_workcenter.items():
                merged[1][key] += minutes
            for key, minutes in by_user.items():
                merged[2][key] += minutes
        return merged

    @api.model
    def _mfg_mrp_done_orders(self, period):
        """Manufacturing orders of the company done in the period."""
        clock = self._clock(period)
        return self.env["mrp.production"].search_fetch(
            [
                ("company_id", "=", period.company_id.id),
                ("state", "=", "done"),
                ("date_finished", ">=", clock.start),
                ("date_finished", "<", clock.end),
            ],
            [
                "product_id",
                "mfg_department_id",
                "mfg_team_id",
                "mfg_is_rework",
                "mfg_rework_source_id",
            ],
            order="id",
        )

    # ------------------------------------------------------------------
    # Plan completion and on-time completion (order chains)
    # ------------------------------------------------------------------
    @api.model
    def _mfg_mrp_chains(self, period):
        """Order chains due in the period: an order and its backorders count once.

        A chain is the set of orders of one production group. It is due in the period when
        the latest committed finish of its live (not cancelled) orders falls in it. Returns
        dicts: ids, planned, produced, produced_on_time, finish, closed, done_at, rush,
        workshop, team.
        """
        clock = self._clock(period)
        start, end = clock.start, clock.end
        Production = self.env["mrp.production"]
        company_domain = [("company_id", "=", period.company_id.id)]
        due = Production.search_fetch(
            [
                *company_domain,
                ("mfg_planned_finish", ">=", start),
                ("mfg_planned_finish", "<", end),
            ],
            ["production_group_id"],
        )
        if not due:
            return []
        members = Production.search_fetch(
            [
                *company_domain,
                "|",
                ("id", "in", due.ids),
                ("production_group_id", "in", due.production_group_id.ids),
            ],
            [
                "production_group_id",
                "state",
                "mfg_planned_qty",
                "mfg_planned_finish",
                "mfg_is_rush",
                "date_finished",
                "product_id",
                "mfg_department_id",
                "mfg_team_id",
            ],
            order="id",
        )
        produced = self._mfg_mrp_produced(members)
        by_chain = defaultdict(list)
        for production in members:
            key = production.production_group_id.id or -production.id
            by_chain[key].append(production)

        no_department = self.env["hr.department"]
        chains = []
        for orders in by_chain.values():
            live = [p for p in orders if p.state != "cancel"]
            finishes = [p.mfg_planned_finish for p in live if p.mfg_planned_finish]
            planned = sum(p.mfg_planned_qty for p in live)
            if not finishes or planned <= 0:
                continue
            finish = max(finishes)
            if not start <= finish < end:
                continue
            done = [p for p in live if p.state == "done"]
            owner = next((p for p in live if p.mfg_department_id or p.mfg_team_id), None)
            chains.append(
                {
                    "ids": [p.id for p in live],
                    "planned": planned,
                    "produced": sum(produced[p.id] for p in live),
                    "produced_on_time": sum(
                        produced[p.id] for p in done if p.date_finished <= finish
                    ),
                    "finish": finish,
                    "closed": len(done) == len(live),
                    "done_at": max((p.date_finished for p in done), default=None),
                    "rush": any(p.mfg_is_rush for p in live),
                    "workshop": owner.mfg_department_id if owner else no_department,
                    "team": owner.mfg_team_id if owner else no_department,
                }
            )
        return chains

    @api.model
    def _provide_mrp_plan_completion(self, kpi, period):
        """Plan completion of the order chains due in the period.

        - quantity: Σ min(produced, planned) ÷ Σ planned × 100 (a chain's overproduction
          does not make up for another chain's shortfall);
        - quantity_on_time: the same with the quantity produced by the committed finish;
        - on_time / rush_on_time: chains completed by their committed finish ÷ chains due ×
          100; a chain still open after its committed finish is late, one still open before
          it is not counted yet; rush_on_time only counts chains with an urgent order.
        """
        variant = self._variant(kpi)
        chains = self._mfg_mrp_chains(period)
        if variant == "rush_on_time":
            chains = [chain for chain in chains if chain["rush"]]
        if not chains:
            return []
        now = self._clock(period).now
        shares, employees = self._mfg_mrp_order_shares(
            self.env["mrp.production"].browse(i for chain in chains for i in chain["ids"]), period
        )
        tally = Tally()
        for chain in chains:
            if variant == "quantity":
                numerator = min(chain["produced"], chain["planned"])
                denominator = chain["planned"]
            elif variant == "quantity_on_time":
                numerator = min(chain["produced_on_time"], chain["planned"])
                denominator = chain["planned"]
            else:
                if not chain["closed"] and chain["finish"] >= now:
                    continue  # not due yet
                on_time = chain["closed"] and chain["done_at"] <= chain["finish"]
                numerator, denominator = (1.0 if on_time else 0.0), 1.0
            subjects = self._mfg_mrp_order_subjects(period, chain["workshop"], chain["team"])
            tally.add(subjects, numerator, denominator, chain["ids"])
            share = self._mfg_mrp_merge_shares(shares, chain["ids"])
            self._mfg_mrp_share_out(tally, share, employees, numerator, denominator, chain["ids"])
        return self._tally_measures(kpi, tally, "mrp.production")

    # ------------------------------------------------------------------
    # Material consumption against the BoM standard
    # ------------------------------------------------------------------
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
        productions = self._mfg_mrp_done_orders(period)
        if not productions:
            return []
        Move = self.env["stock.move"]
        produced = self._mfg_mrp_produced(productions)
        standard_groups = Move._read_group(
            [
                ("raw_material_production_id", "in", productions.ids),
                ("bom_line_id", "!=", False),
                ("mfg_bom_unit_qty", ">", 0),
            ],
            ["raw_material_production_id", "bom_line_id", "product_id"],
            ["mfg_bom_unit_qty:max"],
        )
        actual_groups = Move._read_group(
            [
                ("raw_material_production_id", "in", productions.ids),
                ("state", "=", "done"),
            ],
            ["raw_material_production_id", "product_id", "product_uom"],
            ["quantity:sum"],
        )
        products = self.env["product.product"].browse(
            {g[2].id for g in standard_groups} | {g[1].id for g in actual_groups}
        )
        costs = {
            product.id: product.standard_price or 1.0
            for product in products.with_company(period.company_id)
        }
        standard = defaultdict(float)
        for production, _line, product, unit_qty in standard_groups:
            standard[production.id] += unit_qty * produced[production.id] * costs[product.id]
        actual = defaultdict(float)
        for production, product, uom, qty in actual_groups:
            qty = self._mfg_mrp_to_product_qty(qty, uom, product)
            actual[production.id] += qty * costs[product.id]

        reverse = self._variant(kpi) == "standard_vs_actual"
        shares, employees = self._mfg_mrp_order_shares(productions, period)
        tally = Tally()
        for production in productions:
            if standard[production.id] <= 0:
                continue
            numerator, denominator = actual[production.id], standard[production.id]
            if reverse:
                numerator, denominator = denominator, numerator
            subjects = self._mfg_mrp_order_subjects(
                period, production.mfg_department_id, production.mfg_team_id
            )
            tally.add(subjects, numerator, denominator, production.ids)
            self._mfg_mrp_share_out(
                tally,
                shares.get(production.id, NO_SHARE),
                employees,
                numerator,
                denominator,
                production.ids,
            )
        return self._tally_measures(kpi, tally, "mrp.production")

    # ------------------------------------------------------------------
    # Scrap
    # ------------------------------------------------------------------
    @api.model
    def _provide_mrp_scrap(self, kpi, period):
        """Finished products scrapped ÷ good quantity produced × 100, orders done in the period.

        Scrap = done scraps of the order's own product recorded on the order (stock.scrap
        with the manufacturing order); components scrapped count as material consumption.
        """
        productions = self._mfg_mrp_done_orders(period)
        if not productions:
            return []
        produced = self._mfg_mrp_produced(productions)
        scrap_groups = self.env["stock.scrap"]._read_group(
            [("production_id", "in", productions.ids), ("state", "=", "done")],
            ["production_id", "product_id", "product_uom_id"],
            ["scrap_qty:sum"],
        )
        scrapped = defaultdict(float)
        for production, product, uom, qty in scrap_groups:
            if product == production.product_id:
                scrapped[production.id] += self._mfg_mrp_to_product_qty(qty, uom, product)
        shares, employees = self._mfg_mrp_order_shares(productions, period)
        tally = Tally()
        for production in productions:
            if produced[production.id] <= 0:
                continue
            subjects = self._mfg_mrp_order_subjects(
                period, production.mfg_department_id, production.mfg_team_id
            )
            numerator, denominator = scrapped[production.id], produced[production.id]
            tally.add(subjects, numerator, denominator, production.ids)
            self._mfg_mrp_share_out(
                tally,
                shares.get(production.id, NO_SHARE),
                employees,
                numerator,
                denominator,
                production.ids,
            )
        return self._tally_measures(kpi, tally, "mrp.production")

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
        productions = self._mfg_mrp_done_orders(period)
        if not productions:
            return []
        reworks = productions.filtered("mfg_is_rework")
        regular = productions - reworks
        is_count = self._variant(kpi) == "count"
        produced = self._mfg_mrp_produced(productions)
        sources = reworks.mfg_rework_source_id
        # The reworked orders' owners and time logs (fixed number of queries).
        sources.fetch(["mfg_department_id", "mfg_team_id"])
        shares, employees = self._mfg_mrp_order_shares(regular | sources, period)
        tally = Tally()
        for production in regular:
            if produced[production.id] <= 0:
                continue
            subjects = self._mfg_mrp_order_subjects(
                period, production.mfg_department_id, production.mfg_team_id
            )
            denominator = 1.0 if is_count else produced[production.id]
            ids = [] if is_count else production.ids
            tally.add(subjects, 0.0, denominator, ids)
            self._mfg_mrp_share_out(
                tally,
                shares.get(production.id, NO_SHARE),
                employees,
                0.0,
                denominator,
                ids,
            )
        for rework in reworks:
            source = rework.mfg_rework_source_id
            owner = source if source.mfg_department_id or source.mfg_team_id else rework
            subjects = self._mfg_mrp_order_subjects(
                period, owner.mfg_department_id, owner.mfg_team_id
            )
            numerator = 1.0 if is_count else produced[rework.id]
            tally.add(subjects, numerator, 0.0, rework.ids)
            self._mfg_mrp_share_out(
                tally,
                shares.get(source.id, NO_SHARE),
                employees,
                numerator,
                0.0,
                rework.ids,
            )
        return self._tally_measures(
            kpi, tally, "mrp.production", kind="sum" if is_count else "rate"
        )

    # ------------------------------------------------------------------
    # Work orders: labour productivity and work-time efficiency
    # ------------------------------------------------------------------
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
        clock = self._clock(period)
        variant = self._variant(kpi)
        per_day = variant == "pieces_per_day"
        workorders = self.env["mrp.workorder"].search_fetch(
            [
                ("production_id.company_id", "=", period.company_id.id),
                ("state", "=", "done"),
                ("date_finished", ">=", clock.start),
                ("date_finished", "<", clock.end),
            ],
            ["production_id", "workcenter_id", "qty_produced", "duration_expected"],
            order="id",
        )
        if not workorders:
            return []
        groupby = ["workorder_id", "user_id"]
        if per_day:
            groupby.append("date_start:day")
        logs = self._mfg_mrp_time_logs(
            [("workorder_id", "in", workorders.ids)], groupby, tz=clock.tz.zone
        )
        total = defaultdict(float)
        by_user = defaultdict(lambda: defaultdict(float))
        days = defaultdict(set)  # (workorder, user) -> days worked
        for workorder, user, *rest in logs:
            minutes = rest[-1]
            total[workorder.id] += minutes
            by_user[workorder.id][user.id] += minutes
            if per_day:
                days[workorder.id, user.id].add(rest[0])
        employees = self._user_employees(
            {user for users in by_user.values() for user in users if user},
            period.company_id,
        )
        company_subject = ("company", period.company_id.id)
        tally = Tally()
        worker_days = defaultdict(set)  # subject -> {(user, day)}
        for workorder in workorders:
            minutes = total[workorder.id]
            if minutes <= 0:
                continue
            production = workorder.production_id
            pieces = self._mfg_mrp_to_product_qty(
                workorder.qty_produced, production.product_uom_id, production.product_id
            )
            workcenter = workorder.workcenter_id
            subjects = {company_subject, ("record", "mrp.workcenter", workcenter.id)}
            subjects.update(
                ("department", dept.id)
                for dept in workcenter.mfg_department_id | workcenter.mfg_team_id
            )
            if per_day:  # the denominator is the worker-days, counted below
                numerator, denominator = pieces, 0.0
            elif variant == "pieces_per_hour":
                numerator, denominator = pieces, minutes / 60.0
            elif variant == "standard_hours":
                numerator, denominator = workorder.duration_expected, minutes
            else:  # standard_met
                met = minutes <= workorder.duration_expected + 1e-6
                numerator, denominator = (1.0 if met else 0.0), 1.0
            tally.add(subjects, numerator, denominator, workorder.ids)
            for user_id, user_minutes in by_user[workorder.id].items():
                ratio = user_minutes / minutes
                employee_id = employees.get(user_id, (None,))[0]
                if per_day:
                    user_days = days[workorder.id, user_id]
                    targets = [*subjects, ("employee", employee_id)] if employee_id else subjects
                    for subject in targets:
                        worker_days[subject].update((user_id, day) for day in user_days)
                if not employee_id:
                    continue
                if variant in ("pieces_per_hour", "pieces_per_day"):
                    tally.add(
                        [("employee", employee_id)],
                        numerator * ratio,
                        0.0 if per_day else user_minutes / 60.0,
                        workorder.ids,
                    )
                elif variant == "standard_hours":
                    tally.add(
                        [("employee", employee_id)],
                        numerator * ratio,
                        user_minutes,
                        workorder.ids,
                    )
                else:
                    tally.add([("employee", employee_id)], numerator, 1.0, workorder.ids)
        for subject, user_days in worker_days.items():
            tally.add([subject], 0.0, float(len(user_days)))
        kind = "rate" if variant in ("standard_hours", "standard_met") else "ratio"
        return self._tally_measures(kpi, tally, "mrp.workorder", kind=kind)
