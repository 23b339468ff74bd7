# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MfgAppraisal(models.Model):
    """With the job queue, a step on more appraisals than one part holds is checked now (a
    wrong state or role is refused at once, nothing queued) and taken in background parts."""

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

    def action_submit_self(self):
        Batch = self.env["mfg.job.batch"]
        if not Batch._in_background(self):
            return super().action_submit_self()
        self._check_submit_self()
        return Batch._enqueue_steps(self, "submit_self")

    def action_submit_rating(self):
        Batch = self.env["mfg.job.batch"]
        if not Batch._in_background(self):
            return super().action_submit_rating()
        self._check_submit_rating()
        return Batch._enqueue_steps(self, "submit_rating")

    def action_back_to_rating(self):
        Batch = self.env["mfg.job.batch"]
        if not Batch._in_background(self):
            return super().action_back_to_rating()
        self._check_hr(self.env._("send appraisals back"))
        self._check_state("review")
        return Batch._enqueue_steps(self, "back_to_rating")

    def action_submit_on_behalf(self, reason):
        Batch = self.env["mfg.job.batch"]
        if not Batch._in_background(self):
            return super().action_submit_on_behalf(reason)
        reason = self._check_submit_on_behalf(reason)
        appraisals = self.with_prefetch()
        appraisals.filtered(lambda a: a.state == "rating")._check_submit_rating()
        appraisals.filtered(lambda a: a.state == "self_assessment")._check_submit_self(
            on_behalf=True
        )
        return Batch._enqueue_steps(self, "on_behalf", {"reason": reason})

    def action_publish(self):
        Batch = self.env["mfg.job.batch"]
        if not Batch._in_background(self):
            return super().action_publish()
        self._check_publish()
        return Batch._enqueue_steps(self, "publish_results")

    @api.model
    def _refresh_and_report(self, appraisals):
        """The KPI refresh of a cycle (or of many appraisals), checked by its caller."""
        Batch = self.env["mfg.job.batch"]
        if not Batch._in_background(appraisals):
            return super()._refresh_and_report(appraisals)
        return Batch._enqueue_steps(appraisals, "refresh_kpi")
