# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ResCompany(models.Model):
    _inherit = "res.company"

    @api.model
    def _mfg_kpi_companies(self):
        """The companies whose KPIs the scheduled job computes: here every active company;
        the organisation module narrows it to the companies that use the suite."""
        return self.search([("active", "=", True)])
