# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MfgAppraisal(models.Model):
    _inherit = "mfg.appraisal"

    @api.model
    def _launch_cycle(self, cycle):
        """With the job queue: the checks now (a launch that cannot succeed is refused at
        once), the appraisals in background parts."""
        Batch = self.env["mfg.job.batch"]
        if not Batch._jobs_enabled():
            return super()._launch_cycle(cycle)
        Batch._enqueue_launch(cycle, self._launch_scope(cycle))
        return self.browse()
