# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    mfg_suite_enabled = fields.Boolean(
        string="Uses the Production Management Suite",
        help="The scheduled KPI job computes this company's KPIs. While no company is ticked, "
        "it computes those of the companies that have the suite's positions.",
    )

    @api.model
    def _mfg_kpi_companies(self):
        """The companies ticked as using the suite; while none is, those with a position of the
        production organisation (the seed's company, companies the organisation was instantiated
        in)."""
        companies = super()._mfg_kpi_companies()
        enabled = companies.filtered("mfg_suite_enabled")
        if enabled:
            return enabled
        with_positions = (
            self.env["hr.job"]
            .sudo()
            ._read_group(
                [("mfg_is_production", "=", True), ("company_id", "in", companies.ids)],
                ["company_id"],
            )
        )
        return companies.browse([company.id for [company] in with_positions]) & companies
