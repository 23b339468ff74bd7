# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"

    @api.model
    def _cron_compute(self):
        """In the background when the job queue is used: a batch per company, in parts."""
        Batch = self.env["mfg.job.batch"]
        if not Batch._jobs_enabled():
            return super()._cron_compute()
        today = fields.Date.context_today(self)
        for company in self.env["res.company"]._mfg_kpi_companies():
            Batch._enqueue_kpis(self._cron_periods(company, today))
        return True
