# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, fields, models
from odoo.exceptions import UserError


class MfgKpiComputeWizard(models.TransientModel):
    """Recompute now: computed KPIs of chosen periods, for KPI managers."""

    _name = "mfg.kpi.compute.wizard"
    _description = "Recompute KPI Values"

    period_ids = fields.Many2many(
        "mfg.kpi.period",
        string="Periods",
        required=True,
        # Offered open periods (view domain), but read back as chosen: one locked meanwhile is
        # reported, not silently dropped.
        default=lambda self: self.env["mfg.kpi.period"].browse(
            self.env.context.get("active_ids")
            if self.env.context.get("active_model") == "mfg.kpi.period"
            else []
        ),
    )
    kpi_ids = fields.Many2many(
        "mfg.kpi", string="KPIs", help="Leave empty to recompute every computed KPI."
    )

    def action_compute(self):
        self.ensure_one()
        if not self.env.user.has_group("mfg_kpi.group_kpi_manager"):
            raise UserError(_("Only KPI managers recompute KPI values."))
        # Row locks of the periods first: one locked since the wizard opened is reported.
        periods = self.period_ids._lock_rows_open()
        skipped = self.period_ids - periods
        totals = self.env["mfg.kpi.provider"]._compute_periods(periods, self.kpi_ids or None)
        message = _(
            "%(created)s values created, %(updated)s updated, %(removed)s removed (no data any more), %(locked)s locked values left unchanged.",
            **totals,
        )
        if skipped:
            message += " " + _(
                "Locked periods left unchanged: %(periods)s.",
                periods=", ".join(skipped.mapped("display_name")),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("KPI values recomputed"),
                "message": message,
                "type": "warning" if totals["locked"] or skipped else "success",
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
