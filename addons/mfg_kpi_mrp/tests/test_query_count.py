from odoo import Command
from odoo.tests import Form, new_test_user, tagged
from odoo.tests.common import freeze_time

from ..models.mfg_kpi_provider import MRP_PROVIDERS
from .common import MrpKpiCase, dt


@tagged("post_install", "-at_install")
class TestQueryCount(MrpKpiCase):
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
            self._create_mo(bom, 3, dt(20), priority="1")

    def _count_queries(self):
        Provider = self.env["mfg.kpi.provider"]
        counts = {}
        for code, (method, _variant) in sorted(MRP_PROVIDERS.items()):
            kpi = self.env["mfg.kpi"].search([("code", "=", code)])
            with freeze_time(dt(5, 12, month=4)):
                Provider._compute_kpi(kpi, self.period)  # creates (or warms up)
                self.env.flush_all()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                measures = getattr(Provider, method)(kpi, self.period)
                provider_queries = self.env.cr.sql_log_count - before
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                Provider._compute_kpi(kpi, self.period)  # updates in place
                self.env.flush_all()
                update_queries = self.env.cr.sql_log_count - before
            self.assertTrue(measures, code)
            counts[code] = (provider_queries, update_queries, len(measures))
        return counts

    def test_query_count_does_not_grow(self):
        self._populate(2)
        self._count_queries()  # warm the caches
        small = self._count_queries()
        self._populate(5)
        large = self._count_queries()
        for code in small:
            self.assertEqual(small[code][:2], large[code][:2], code)
            self.assertGreater(large[code][2], small[code][2], f"{code}: more subjects")
