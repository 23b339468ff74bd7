# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL

# States in which a work order's dates are still its plan (Odoo overwrites them at start and
# finish).
PLANNING_STATES = ("blocked", "ready")


class MrpWorkorder(models.Model):
    _inherit = "mrp.workorder"

    mfg_planned_start = fields.Datetime(
        string="Planned Start (KPI)",
        readonly=True,
        copy=False,
        help="The scheduled start as it stood when work began on the work order (Odoo "
        "overwrites the scheduled dates at start and at finish). Read by the production "
        "schedule achievement KPI.",
    )
    mfg_planned_finish = fields.Datetime(
        string="Planned Finish (KPI)",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The scheduled end as it stood when work began on the work order: the work order "
        "is on schedule when it is finished by then.",
    )

    # The work orders finished in a period, read by the labour and work-time KPIs.
    _mfg_done_finished_idx = models.Index("(date_finished) WHERE state = 'done'")

    def write(self, vals):
        if vals.get("state") in ("progress", "done") and self.ids:
            # The plan as it stands when work begins (or the work order is closed without
            # being started) is kept once: the dates Odoo is about to overwrite. One query.
            self.flush_recordset(["date_start", "date_finished", "state"])
            self.env.cr.execute(
                SQL(
                    """UPDATE mrp_workorder
                          SET mfg_planned_start = date_start, mfg_planned_finish = date_finished
                        WHERE id IN %s AND mfg_planned_finish IS NULL
                          AND date_finished IS NOT NULL AND state IN %s""",
                    tuple(self.ids),
                    PLANNING_STATES,
                )
            )
            self.invalidate_recordset(["mfg_planned_start", "mfg_planned_finish"])
        return super().write(vals)

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
