# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models

from .mfg_job_batch import LINK


class MfgAppraisalCycle(models.Model):
    _name = "mfg.appraisal.cycle"
    _inherit = ["mfg.appraisal.cycle", "mfg.job.batch.mixin"]
    _mfg_job_batch_field = "cycle_id"

    def action_launch(self):
        """With the job queue: the appraisals are created in background parts, and the
        notification links to the work, where whoever launched follows it (the production
        department, launching an irregular cycle, may not open the cycles' menu)."""
        Batch = self.env["mfg.job.batch"]
        result = super().action_launch()
        if result is not True or not Batch._jobs_enabled():
            return result
        batches = (
            Batch.sudo()
            .search([("cycle_id", "in", self.ids), ("kind", "=", "launch")], order="id")
            .with_env(self.env)
        )
        return batches._notification(
            self.env._(
                "The appraisals are created in %(parts)s parts; follow the progress in %(work)s.",
                parts=sum(batch.job_count for batch in batches),
                work=LINK,
            )
        )

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
        self._check_cancel()  # HR, or the production department for its irregular cycles
        self.env["mfg.job.batch"]._check_cycles_idle(self)
        return super().action_cancel()
