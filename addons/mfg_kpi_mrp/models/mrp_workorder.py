# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    # The work orders finished in a period, read by the labour and work-time KPIs.
    _mfg_done_finished_idx = models.Index("(date_finished) WHERE state = 'done'")

    def _set_duration(self):
        # A work order finished without any tracked time gets its expected duration logged by
        # Odoo (when the order or the work order is marked done): that log is an estimate.
        estimated = self.filtered(
            lambda wo: wo.state == "done"
            and not wo.time_ids
            and wo.duration == wo.duration_expected
        )
        super(MrpWorkorder, estimated.with_context(mfg_estimated_time=True))._set_duration()
        return super(MrpWorkorder, self - estimated)._set_duration()
