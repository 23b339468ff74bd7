# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""KPI providers of the value of production: work-in-process turnover, output value per head,
production cost against its standard and the work-centre cost against the output value.

Values use the products' cost (``standard_price``) and sales price (``lst_price``) and the work
centres' cost per hour as they stand when the value is computed: Odoo 19 keeps no stock
valuation layers, and a budget is no Odoo record (the BoM and routing standard is the budget).
Subjects: the company and the order's workshop and team (recorded at confirmation).
"""

from collections import defaultdict
from datetime import timedelta

from odoo import api, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import DRILL, Provider
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
VALUE = _lt("Manufacturing orders: output and work-in-process value")
COSTS = _lt("Manufacturing orders: actual and standard cost")

VALUE_PROVIDERS = {
    "WIP_TURNOVER_RATE": Provider(VALUE, "_provide_mrp_wip_turnover"),
    "LABOUR_PRODUCTIVITY": Provider(VALUE, "_provide_mrp_output_per_head"),
    "PRODUCTION_COST_CONTROL": Provider(COSTS, "_provide_mrp_costs", "actual_vs_standard"),
    "COST_BUDGET_ACHIEVEMENT_RATE": Provider(COSTS, "_provide_mrp_costs", "standard_vs_actual"),
    "MANUFACTURING_OVERHEAD_RATE": Provider(COSTS, "_provide_mrp_costs", "overhead"),
    "PRODUCTION_COST_REDUCTION_RATE": Provider(COSTS, "_provide_mrp_cost_reduction"),
}


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = VALUE_PROVIDERS

    @api.model
    def _mfg_mrp_prices(self, period, product_ids):
        """``{product id: (cost, sales price)}`` in the period's company (one read)."""
        products = (
            self.env["product.product"]
            .with_company(period.company_id)
            .with_context(active_test=False)
            .browse(sorted(product_ids))
        )
        products.fetch(["standard_price", "lst_price"])
        return {product.id: (product.standard_price, product.lst_price) for product in products}

    @api.model
    def _mfg_mrp_done_products(self, period):
        """``{order id: product id}`` of the orders done in the period (once per computation)."""

        def compute():
            order_ids = [order[0] for order in self._mfg_mrp_done_cohort(period)["orders"]]
            if not order_ids:
                return {}
            return dict(
                self._fetch_rows(
                    SQL(
                        "SELECT id, product_id FROM mrp_production WHERE id = ANY(%s)",
                        order_ids,
                    )
                )
            )

        return self._cohort(period, "mfg_mrp_done_products", compute)

    # ------------------------------------------------------------------
    # Work-in-process turnover
    # ------------------------------------------------------------------
    @api.model
    def _provide_mrp_wip_turnover(self, kpi, period):
        """Value of the good output of the orders done in the period ÷ average
        work-in-process value (times).

        Output value: good quantity produced × product cost. Work in process at an instant:
        the orders begun by then (in progress, to close or done, their start at or before it)
        and not done by then, each valued at its quantity to produce × product cost. Average:
        (work in process at the period's start + at the cut-off) ÷ 2.
        """
        clock = self._clock(period)
        company_id = period.company_id.id
        params = {"company": company_id, "start": clock.start, "cutoff": clock.cutoff}
        # SQL: the orders in process at the period's start or cut-off (the done ones through
        # the index of done orders, the open ones through their state) as plain rows.
        rows = self._fetch_rows(
            SQL(
                """SELECT production.id, production.mfg_department_id, production.mfg_team_id,
                          production.product_id, production.product_uom_id, tmpl.uom_id,
                          production.product_qty,
                          production.date_start <= %(start)s
                              AND (production.state != 'done'
                                   OR production.date_finished > %(start)s),
                          production.date_start <= %(cutoff)s
                              AND (production.state != 'done'
                                   OR production.date_finished > %(cutoff)s)
                     FROM mrp_production production
                     JOIN product_product product ON product.id = production.product_id
                     JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
                    WHERE production.id IN (
                          SELECT id FROM mrp_production
                           WHERE company_id = %(company)s AND state = 'done'
                             AND date_finished > %(start)s AND date_start <= %(cutoff)s
                       UNION ALL
                          SELECT id FROM mrp_production
                           WHERE company_id = %(company)s AND state IN ('progress', 'to_close')
                             AND date_start <= %(cutoff)s)
                 ORDER BY production.id""",
                **params,
            )
        )
        cohort = self._mfg_mrp_done_cohort(period)
        done_products = self._mfg_mrp_done_products(period)
        prices = self._mfg_mrp_prices(
            period, {row[3] for row in rows} | set(done_products.values())
        )
        convert = self._mfg_mrp_converter()
        tally = self._tally()
        for order_id, workshop_id, team_id, product_id, uom_id, product_uom_id, qty, *wip in rows:
            in_process = sum(1 for flag in wip if flag)
            if not in_process:
                continue
            value = convert(qty, uom_id, product_uom_id) * prices[product_id][0]
            subjects = self._mfg_mrp_order_subjects(company_id, workshop_id, team_id)
            tally.add(subjects, 0.0, value * in_process / 2.0, (order_id,))
        produced = cohort["produced"]
        for order_id, workshop_id, team_id, _rework, _source in cohort["orders"]:
            value = produced[order_id] * prices[done_products[order_id]][0]
            if value:
                subjects = self._mfg_mrp_order_subjects(company_id, workshop_id, team_id)
                tally.add(subjects, value, 0.0, (order_id,))
        return self._tally_measures(kpi, tally, "mrp.production", kind="ratio")

    # ------------------------------------------------------------------
    # Output value per head
    # ------------------------------------------------------------------
    @api.model
    def _provide_mrp_output_per_head(self, kpi, period):
        """Output value of the period ÷ average headcount (company).

        Output value: good quantity produced by the orders done in the period × product
        sales price. Headcount: the company's employees on the payroll (``_employment``) on
        the period's first day and on its last day begun; average of the two.
        """
        clock = self._clock(period)
        company = period.company_id
        cohort = self._mfg_mrp_done_cohort(period)
        if not cohort["orders"]:
            return []
        done_products = self._mfg_mrp_done_products(period)
        prices = self._mfg_mrp_prices(period, set(done_products.values()))
        employees = (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .search_fetch([("company_id", "=", company.id)], ["active", "departure_date"])
        )
        employed = self._employment(employees)
        heads = sum(
            1 for day in (period.date_start, clock.last_day) for e in employees if employed(e, day)
        )
        if not heads:
            return []
        produced = cohort["produced"]
        value = sum(
            produced[order_id] * prices[done_products[order_id]][1]
            for order_id, *_rest in cohort["orders"]
        )
        tally = self._tally()
        tally.add(
            [("company", company.id)],
            value,
            heads / 2.0,
            [order_id for order_id, *_rest in cohort["orders"]],
        )
        return self._tally_measures(kpi, tally, "mrp.production", kind="ratio")

    # ------------------------------------------------------------------
    # Costs
    # ------------------------------------------------------------------
    @api.model
    def _mfg_mrp_operation_costs(self, period):
        """``{order id: (standard, actual)}`` operation cost of the orders done in the period:
        expected and real duration of their work orders × cost per hour (the one recorded on
        the work order when it was finished, else the work centre's). Once per computation."""

        def compute():
            order_ids = [order[0] for order in self._mfg_mrp_done_cohort(period)["orders"]]
            if not order_ids:
                return {}
            # SQL: the work orders of up to 100,000 orders, summed per order in the database.
            rows = self._fetch_rows(
                SQL(
                    """SELECT workorder.production_id,
                              SUM(workorder.duration_expected
                                  * COALESCE(NULLIF(workorder.costs_hour, 0),
                                             workcenter.costs_hour, 0)) / 60.0,
                              SUM(workorder.duration
                                  * COALESCE(NULLIF(workorder.costs_hour, 0),
                                             workcenter.costs_hour, 0)) / 60.0
                         FROM mrp_workorder workorder
                         JOIN mrp_workcenter workcenter
                           ON workcenter.id = workorder.workcenter_id
                        WHERE workorder.production_id = ANY(%s)
                          AND workorder.state != 'cancel'
                     GROUP BY workorder.production_id""",
                    order_ids,
                )
            )
            return {
                order_id: (float(standard), float(actual)) for order_id, standard, actual in rows
            }

        return self._cohort(period, "mfg_mrp_operation_costs", compute)

    @api.model
    def _provide_mrp_costs(self, kpi, period):
        """Cost of the orders done in the period.

        Standard cost = BoM standard material (standard quantity per unit × good quantity ×
        component cost) + expected duration × cost per hour; actual cost = components consumed
        × component cost + real duration (every time log) × cost per hour (see
        ``_provide_mrp_material`` and ``_mfg_mrp_operation_costs``).

        - actual_vs_standard: actual ÷ standard × 100 (orders with a standard);
        - standard_vs_actual: standard ÷ actual × 100;
        - overhead: work-centre cost (real duration × cost per hour) ÷ output value (good
          quantity × product sales price) × 100.
        """
        variant = self._variant(kpi)
        company_id = period.company_id.id
        cohort = self._mfg_mrp_done_cohort(period)
        if not cohort["orders"]:
            return []
        operations = self._mfg_mrp_operation_costs(period)
        tally = self._tally()
        if variant == "overhead":
            done_products = self._mfg_mrp_done_products(period)
            prices = self._mfg_mrp_prices(period, set(done_products.values()))
            produced = cohort["produced"]
            for order_id, workshop_id, team_id, _rework, _source in cohort["orders"]:
                output = produced[order_id] * prices[done_products[order_id]][1]
                if output <= 0:
                    continue
                subjects = self._mfg_mrp_order_subjects(company_id, workshop_id, team_id)
                tally.add(subjects, operations.get(order_id, (0.0, 0.0))[1], output, (order_id,))
            return self._tally_measures(kpi, tally, "mrp.production")
        tally = self._cohort(
            period,
            ("mfg_mrp_cost_tally", bool(self.env.context.get(DRILL))),
            lambda: self._mfg_mrp_cost_tally(period),
        )
        if variant == "standard_vs_actual":
            tally = tally.swapped()
        return self._tally_measures(kpi, tally, "mrp.production")

    @api.model
    def _mfg_mrp_cost_tally(self, period):
        """Actual ÷ standard cost of the orders done in the period, in one pass (the
        standard_vs_actual variant is its inverse); see ``_provide_mrp_costs``."""
        company_id = period.company_id.id
        cohort = self._mfg_mrp_done_cohort(period)
        operations = self._mfg_mrp_operation_costs(period)
        material_standard, material_actual = self._mfg_mrp_material_cohort(period)
        tally = self._tally()
        for order_id, workshop_id, team_id, _rework, _source in cohort["orders"]:
            op_standard, op_actual = operations.get(order_id, (0.0, 0.0))
            order_standard = op_standard + material_standard.get(order_id, 0.0)
            order_actual = op_actual + material_actual.get(order_id, 0.0)
            if order_standard <= 0 or order_actual <= 0:
                continue
            subjects = self._mfg_mrp_order_subjects(company_id, workshop_id, team_id)
            tally.add(subjects, order_actual, order_standard, (order_id,))
        return tally

    # ------------------------------------------------------------------
    # Unit cost against the previous period
    # ------------------------------------------------------------------
    @api.model
    def _mfg_mrp_unit_costs(self, period):
        """``{(subject, product id): [actual cost, good quantity, order ids]}`` of the orders
        done in ``period`` (actual cost as in ``_provide_mrp_costs``)."""
        company_id = period.company_id.id
        cohort = self._mfg_mrp_done_cohort(period)
        if not cohort["orders"]:
            return {}
        operations = self._mfg_mrp_operation_costs(period)
        _standard, material = self._mfg_mrp_material_cohort(period)
        done_products = self._mfg_mrp_done_products(period)
        produced = cohort["produced"]
        costs = defaultdict(lambda: [0.0, 0.0, []])
        for order_id, workshop_id, team_id, _rework, _source in cohort["orders"]:
            if produced[order_id] <= 0:
                continue
            cost = material.get(order_id, 0.0) + operations.get(order_id, (0.0, 0.0))[1]
            for subject in self._mfg_mrp_order_subjects(company_id, workshop_id, team_id):
                row = costs[subject, done_products[order_id]]
                row[0] += cost
                row[1] += produced[order_id]
                row[2].append(order_id)
        return costs

    @api.model
    def _provide_mrp_cost_reduction(self, kpi, period):
        """Unit production cost against the previous period of the same kind (the base).

        Unit cost of a product = actual cost ÷ good quantity of its orders done in the period.
        Rate = Σ (base unit cost − unit cost) × quantity ÷ Σ base unit cost × quantity × 100,
        over the products made in both periods (quantities of this period); a subject whose
        unit cost rose gets 0 (no reduction). Without a previous period (none created yet)
        there is no value.
        """
        previous = self.env["mfg.kpi.period"].search(
            [
                ("company_id", "=", period.company_id.id),
                ("kind", "=", period.kind),
                ("date_end", "=", period.date_start - timedelta(days=1)),
            ],
            limit=1,
        )
        if not previous:
            return []
        current = self._mfg_mrp_unit_costs(period)
        base = self._mfg_mrp_unit_costs(previous)
        tally = self._tally()
        for (subject, product_id), (cost, qty, order_ids) in current.items():
            base_cost, base_qty, _ids = base.get((subject, product_id), (0.0, 0.0, ()))
            if base_qty <= 0 or base_cost <= 0:
                continue
            base_unit = base_cost / base_qty
            tally.add([subject], (base_unit - cost / qty) * qty, base_unit * qty, order_ids)
        measures = self._tally_measures(kpi, tally, "mrp.production")
        for measure in measures:
            # A rate of reduction: a subject whose unit cost rose has reduced nothing (0 %).
            if measure["value"] < 0:
                measure["value"] = measure["numerator"] = 0.0
        return measures
