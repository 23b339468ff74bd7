# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MaintenanceRequest(models.Model):
    _inherit = "maintenance.request"

    # The requests done in a period (checks, costs, records) and the breakdowns open in it.
    _mfg_done_at_idx = models.Index("(company_id, mfg_done_at) WHERE mfg_done_at IS NOT NULL")
    _mfg_breakdown_idx = models.Index(
        "(company_id, equipment_id, mfg_reported_at) WHERE maintenance_type = 'corrective'"
    )

    mfg_reported_at = fields.Datetime(
        string="Reported At",
        default=fields.Datetime.now,
        copy=False,
        tracking=True,
        help="When the breakdown or the need was reported; repair timeliness and downtime start "
        "here. Correct it when a request is recorded after the fact.",
    )
    mfg_done_at = fields.Datetime(
        string="Done At",
        copy=False,
        readonly=True,
        help="When the request last reached a done stage.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    mfg_cost = fields.Monetary(
        string="Maintenance Cost",
        currency_field="currency_id",
        tracking=True,
        help="Spare parts, external services and other costs of this maintenance.",
    )
    mfg_failure_cause = fields.Text(
        string="Failure Cause", help="Required for breakdowns to complete the maintenance record."
    )
    mfg_work_done = fields.Text(
        string="Work Done", help="What was done; required to complete the maintenance record."
    )
    mfg_record_complete = fields.Boolean(
        string="Record Complete",
        compute="_compute_mfg_record",
        store=True,
        help="The work done is described and, for a breakdown, its cause.",
    )
    mfg_filed_at = fields.Datetime(
        string="Record Filed At",
        compute="_compute_mfg_record",
        store=True,
        copy=False,
        help="When the maintenance record became complete.",
    )
    mfg_record_error = fields.Boolean(
        string="Record Found Inaccurate",
        copy=False,
        tracking=True,
        groups="maintenance.group_equipment_manager",
        help="Set by the equipment manager when a check finds this maintenance record wrong.",
    )

    @api.depends("maintenance_type", "mfg_failure_cause", "mfg_work_done")
    def _compute_mfg_record(self):
        now = fields.Datetime.now()
        for request in self:
            complete = bool(
                (request.mfg_work_done or "").strip()
                and (
                    request.maintenance_type != "corrective"
                    or (request.mfg_failure_cause or "").strip()
                )
            )
            request.mfg_record_complete = complete
            if not complete:
                request.mfg_filed_at = False
            elif not request.mfg_filed_at:
                request.mfg_filed_at = now

    def write(self, vals):
        res = super().write(vals)
        if "stage_id" in vals:
            done = self.filtered(lambda r: r.stage_id.done)
            done.filtered(lambda r: not r.mfg_done_at).write({"mfg_done_at": fields.Datetime.now()})
            (self - done).filtered("mfg_done_at").write({"mfg_done_at": False})
        return res

    @api.model_create_multi
    def create(self, vals_list):
        requests = super().create(vals_list)
        requests.filtered(lambda r: r.stage_id.done and not r.mfg_done_at).write(
            {"mfg_done_at": fields.Datetime.now()}
        )
        return requests
