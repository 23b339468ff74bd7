# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class MfgAppraisalCycle(models.Model):
    _name = "mfg.appraisal.cycle"
    _inherit = ["mfg.appraisal.cycle", "mfg.job.batch.mixin"]
    _mfg_job_batch_field = "cycle_id"

    def action_publish(self):
        """With the job queue: the checks now, the results in background parts; the cycle is
        published when the last part is done."""
        Batch = self.env["mfg.job.batch"]
        self._check_hr()  # who may, before what is running
        Batch._check_cycles_idle(self)
        if not Batch._jobs_enabled():
            return super().action_publish()
        appraisals = self._publish_check()
        for cycle in self:
            Batch._enqueue_publish(cycle, appraisals.filtered(lambda a, c=cycle: a.cycle_id == c))
        return True

    def action_close(self):
        self._check_hr()
        self.env["mfg.job.batch"]._check_cycles_idle(self)
        return super().action_close()

    def action_cancel(self):
        self._check_hr()
        self.env["mfg.job.batch"]._check_cycles_idle(self)
        return super().action_cancel()
