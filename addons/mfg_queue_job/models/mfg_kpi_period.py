# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .mfg_job_batch import STATES


class MfgKpiPeriod(models.Model):
    _inherit = "mfg.kpi.period"

    mfg_job_batch_id = fields.Many2one(
        "mfg.job.batch",
        string="Background Computation",
        compute="_compute_mfg_job_batch_id",
        help="The latest computation of this period in the background.",
    )
    mfg_job_state = fields.Selection(
        STATES,
        string="Background State",
        compute="_compute_mfg_job_batch_id",
    )
    mfg_job_progress = fields.Float(
        string="Background Progress", compute="_compute_mfg_job_batch_id"
    )

    @api.depends_context("uid")
    def _compute_mfg_job_batch_id(self):
        latest = dict(
            self.env["mfg.job.batch"]
            .sudo()
            ._read_group([("period_ids", "in", self.ids)], ["period_ids"], ["id:max"])
        )
        for period in self:
            batch = self.env["mfg.job.batch"].sudo().browse(latest.get(period._origin))
            period.mfg_job_batch_id = batch
            period.mfg_job_state = batch.state
            period.mfg_job_progress = batch.progress

    def action_compute(self):
        """In the background when the job queue is used (see ``mfg.job.batch``)."""
        Batch = self.env["mfg.job.batch"]
        if not Batch._jobs_enabled():
            return super().action_compute()
        self._check_kpi_manager(self.env._("Only KPI managers recompute KPI values."))
        Batch._enqueue_kpis(self._lock_rows_open())
        return True
