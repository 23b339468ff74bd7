# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MfgKpiPeriod(models.Model):
    _name = "mfg.kpi.period"
    _inherit = ["mfg.kpi.period", "mfg.job.batch.mixin"]
    _mfg_job_batch_field = "period_ids"

    def action_compute(self):
        """In the background when the job queue is used (see ``mfg.job.batch``)."""
        Batch = self.env["mfg.job.batch"]
        if not Batch._jobs_enabled():
            return super().action_compute()
        self._check_kpi_manager(self.env._("Only KPI managers recompute KPI values."))
        Batch._enqueue_kpis(self._lock_rows_open())
        return True
