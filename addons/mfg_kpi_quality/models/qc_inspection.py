# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import AccessError, UserError

ERROR_FIELDS = {"mfg_error", "mfg_error_note", "mfg_error_loss"}


class QcInspection(models.Model):
    """What the quality KPIs count beyond the inspection itself: the follow-up of a
    nonconformity and the results later found wrong."""

    _inherit = "qc.inspection"

    mfg_nc_action = fields.Selection(
        [
            ("rework", "Rework"),
            ("repair", "Repair"),
            ("scrap", "Scrap"),
            ("return", "Return to supplier"),
            ("sort", "Sort (100% inspection)"),
            ("concession", "Accept under concession"),
        ],
        string="Nonconformity Disposition",
        tracking=True,
    )
    mfg_nc_note = fields.Text(string="Follow-up Notes")
    mfg_nc_closed_at = fields.Datetime(
        string="Follow-up Closed At", readonly=True, copy=False, tracking=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    mfg_error = fields.Boolean(
        string="Inspection Error",
        copy=False,
        tracking=True,
        help="Set by a quality manager when the result of this inspection proved wrong.",
    )
    mfg_error_note = fields.Text(string="Error Description", copy=False)
    mfg_error_loss = fields.Monetary(
        string="Error Loss", currency_field="currency_id", copy=False, tracking=True
    )

    def write(self, vals):
        if ERROR_FIELDS & set(vals) and not self.env.su:
            if not self.env.user.has_group("quality_control_oca.group_quality_control_manager"):
                raise AccessError(
                    self.env._("Only quality control managers record inspection errors.")
                )
        return super().write(vals)

    def action_mfg_close_followup(self):
        """Close the follow-up of failed inspections once their disposition is carried out."""
        for inspection in self:
            if inspection.state != "failed":
                raise UserError(
                    self.env._(
                        "Inspection %(name)s did not fail: it has no nonconformity to follow up.",
                        name=inspection.name,
                    )
                )
            if not inspection.mfg_nc_action:
                raise UserError(
                    self.env._(
                        "Choose the disposition of the nonconforming product of %(name)s first.",
                        name=inspection.name,
                    )
                )
        self.filtered(lambda i: not i.mfg_nc_closed_at).write(
            {"mfg_nc_closed_at": fields.Datetime.now()}
        )
        return True

    def action_mfg_reopen_followup(self):
        self.write({"mfg_nc_closed_at": False})
        return True
