# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .mfg_job_batch import STATES


class MfgAppraisalCycle(models.Model):
    _inherit = "mfg.appraisal.cycle"

    mfg_job_batch_id = fields.Many2one(
        "mfg.job.batch",
        string="Background Work",
        compute="_compute_mfg_job_batch_id",
        help="The latest launch or publication of this cycle run in the background.",
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
            ._read_group([("cycle_id", "in", self.ids)], ["cycle_id"], ["id:max"])
        )
        for cycle in self:
            batch = self.env["mfg.job.batch"].sudo().browse(latest.get(cycle._origin))
            cycle.mfg_job_batch_id = batch
            cycle.mfg_job_state = batch.state
            cycle.mfg_job_progress = batch.progress

    def action_publish(self):
        """With the job queue: the checks now, the results in background parts; the cycle is
        published when the last part is done."""
        Batch = self.env["mfg.job.batch"]
        Batch._check_cycles_idle(self)
        if not Batch._jobs_enabled():
            return super().action_publish()
        appraisals = self._publish_check()
        for cycle in self:
            Batch._enqueue_publish(cycle, appraisals.filtered(lambda a, c=cycle: a.cycle_id == c))
        return True

    def action_close(self):
        self.env["mfg.job.batch"]._check_cycles_idle(self)
        return super().action_close()

    def action_cancel(self):
        self.env["mfg.job.batch"]._check_cycles_idle(self)
        return super().action_cancel()
