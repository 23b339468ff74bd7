# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class MfgKpiComputeWizard(models.TransientModel):
    _inherit = "mfg.kpi.compute.wizard"

    def action_compute(self):
        """In the background when the job queue is used: the periods show the progress."""
        Batch = self.env["mfg.job.batch"]
        if not Batch._jobs_enabled():
            return super().action_compute()
        self.ensure_one()
        if not self.env.user.has_group("mfg_kpi.group_kpi_manager"):
            raise UserError(self.env._("Only KPI managers recompute KPI values."))
        periods = self.period_ids._lock_rows_open()
        skipped = self.period_ids - periods
        batches = Batch._enqueue_kpis(periods, self.kpi_ids or None)
        message = self.env._(
            "%(parts)s parts queued: the periods show their progress.",
            parts=sum(batches.mapped("job_count")),
        )
        if skipped:
            message += " " + self.env._(
                "Locked periods left unchanged: %(periods)s.",
                periods=", ".join(skipped.mapped("display_name")),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": self.env._("KPI computation queued"),
                "message": message,
                "type": "warning" if skipped else "info",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
