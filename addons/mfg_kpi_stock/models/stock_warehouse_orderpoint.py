# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class StockWarehouseOrderpoint(models.Model):
    _inherit = "stock.warehouse.orderpoint"

    mfg_below_min = fields.Boolean(
        string="Below Safety Stock",
        compute="_compute_mfg_below_min",
        search="_search_mfg_below_min",
        help="The quantity on hand in the location is below the minimum quantity of the rule.",
    )

    def _compute_mfg_below_min(self):
        breached = set()
        for company in self.company_id:
            breached |= self._mfg_breached_ids(company)
        for orderpoint in self:
            orderpoint.mfg_below_min = orderpoint.id in breached

    def _search_mfg_below_min(self, operator, value):
        if operator != "in":
            return NotImplemented
        breached = set()
        for company in self.env.companies:
            breached |= self._mfg_breached_ids(company)
        wanted = set(value)
        if wanted >= {True, False}:
            return []
        return [("id", "in" if True in wanted else "not in", sorted(breached))]

    @api.model
    def _mfg_breached_ids(self, company):
        now = fields.Datetime.now()
        rows = self.env["mfg.kpi.provider"].sudo()._stock_orderpoint_levels(company, now)
        return {row[0] for row in rows if row[3]}
