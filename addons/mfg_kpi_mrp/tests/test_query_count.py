from datetime import date

from odoo import Command
from odoo.addons.mfg_kpi.tests.common import ProviderCase
from odoo.tests import Form, new_test_user, tagged
from odoo.tests.common import freeze_time

from ..models.mfg_kpi_provider import MRP_PROVIDERS
from ..models.mfg_kpi_provider_equipment import EQUIPMENT_PROVIDERS
from ..models.mfg_kpi_provider_value import VALUE_PROVIDERS
from .common import MrpKpiCase, dt


@tagged("post_install", "-at_install")
class TestQueryCount(MrpKpiCase, ProviderCase):
    """Every provider reads a period in a number of queries that does not grow with the data."""

    def _populate(self, count):
        """``count`` more units of data: each a team, work centre, operator and order chain."""
        for index in range(count):
            key = f"{count}_{index}_{len(self.env['hr.department'].search([]))}"
            team = self.env["hr.department"].create(
                {"name": f"Team {key}", "parent_id": self.workshop1.id}
            )
            workcenter = self.env["mrp.workcenter"].create(
                {
                    "name": f"WC {key}",
                    "mfg_department_id": self.workshop1.id,
                    "mfg_team_id": team.id,
                }
            )
            bom = self.bom_bike.copy(
                {
                    "operation_ids": [
                        Command.create(
                            {"name": "Cut", "workcenter_id": workcenter.id, "time_cycle_manual": 6}
                        )
                    ]
                }
            )
            user = new_test_user(self.env, f"mrp_kpi_qc_{key}", groups="mrp.group_mrp_user")
            self.env["hr.employee"].create({"name": f"Operator {key}", "user_id": user.id})

            production = self._create_mo(bom, 4, dt(10))
            production.workorder_ids.write({"date_start": dt(7, 8), "date_finished": dt(7, 9)})
            self._log_time(production.workorder_ids, user, dt(7, 10), 5, loss=self.setup)
            self._log_time(production.workorder_ids, user, dt(7, 8), 20)
            backorder = self._produce(
                production, 2, dt(8), backorder=True, consumed={self.frame: 5}
            )
            self._log_time(backorder.workorder_ids, self.user_op1, dt(9, 8), 10)
            self._produce(backorder, 2, dt(9))
            with freeze_time(dt(9, 13)):
                scrap = Form(
                    self.env["stock.scrap"].with_context(default_production_id=production.id)
                )
                scrap.product_id = self.bike
                scrap.scrap_qty = 1
                scrap.save().action_validate()
            rework = self._create_mo(
                bom, 1, dt(12), mfg_is_rework=True, mfg_rework_source_id=production
            )
            self._produce(rework, 1, dt(12))
            self._create_mo(bom, 3, dt(20), priority="1", user_id=user)
            in_process = self._create_mo(bom, 2, dt(25))
            with freeze_time(dt(20, 9)):
                in_process.workorder_ids.button_start()
            with freeze_time(dt(20, 10)):
                in_process.workorder_ids.button_pending()

    def _store_queries(self, codes):
        """``{code: (queries of storing its values again, number of values)}``."""
        Provider = self.env["mfg.kpi.provider"]
        counts = {}
        for code in codes:
            kpi = self.env["mfg.kpi"].search([("code", "=", code)])
            values = self.compute(code, self.period)  # creates (or warms up)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Provider._compute_kpi(kpi, self.period)  # updates in place
            self.env.flush_all()
            counts[code] = (self.env.cr.sql_log_count - before, len(values))
        return counts

    def test_query_count_does_not_grow(self):
        self.setup = self.env.ref("mrp.block_reason2")
        self.bike.write({"standard_price": 40.0, "list_price": 100.0})
        self.wc_cut.costs_hour = 60.0
        # The base of the cost reduction: bikes made in February.
        self.env["mfg.kpi.period"]._get_or_create("month", date(2026, 2, 15))
        base = self._create_mo(self.bom_bike, 5, dt(10, month=2), confirm_at=dt(2, 8, month=2))
        self._produce(base, 5, dt(5, 12, month=2))
        codes = sorted(MRP_PROVIDERS | EQUIPMENT_PROVIDERS | VALUE_PROVIDERS)
        self._populate(2)
        with freeze_time(dt(5, 12, month=4)):
            self._store_queries(codes)  # warm the caches
            small = self._store_queries(codes)
            # The providers read the period in as many queries with more data.
            self.assertQueriesFlat(codes, self.period, lambda: self._populate(5))
            self._store_queries(codes)  # creates the values of the new subjects
            large = self._store_queries(codes)
        for code in codes:
            # Storing the values again takes as many queries, and there are more subjects.
            self.assertEqual(small[code][0], large[code][0], f"{code}: storing grew")
            if code in ("LABOUR_PRODUCTIVITY", "PRODUCTION_COST_REDUCTION_RATE"):
                # The company is the only subject / the subjects need a base in February.
                self.assertEqual(large[code][1], small[code][1], f"{code}: one subject")
                continue
            self.assertGreater(large[code][1], small[code][1], f"{code}: more subjects")
