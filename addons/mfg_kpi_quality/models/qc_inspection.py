# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

ERROR_FIELDS = {"mfg_error", "mfg_error_note", "mfg_error_loss"}
COMPLAINT_FIELDS = {
    "mfg_late_complaint",
    "mfg_late_complaint_date",
    "mfg_late_complaint_by",
    "mfg_late_complaint_note",
}


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

    mfg_late_complaint = fields.Boolean(
        string="Complaint About Lateness",
        copy=False,
        tracking=True,
        help="Set by a quality manager when somebody waiting for this inspection (a workshop, "
        "the warehouse, a customer) complained that it was not done in time.",
    )
    mfg_late_complaint_date = fields.Date(string="Complained On", copy=False, tracking=True)
    mfg_late_complaint_by = fields.Char(string="Complained By", copy=False)
    mfg_late_complaint_note = fields.Text(string="Complaint", copy=False)

    # Checked when a complaint is recorded, not when the deadline moves later (a company's
    # inspection hours changed): a complaint made about a late inspection stays on record.
    @api.constrains("mfg_late_complaint", "mfg_late_complaint_date")
    def _check_mfg_late_complaint(self):
        for inspection in self.filtered("mfg_late_complaint"):
            if not inspection.mfg_late_complaint_date:
                raise ValidationError(
                    self.env._(
                        "Give the day of the complaint about %(name)s.", name=inspection.name
                    )
                )
            done, deadline = inspection.date_done, inspection.mfg_deadline
            if done and deadline and done <= deadline:
                raise ValidationError(
                    self.env._(
                        "%(name)s was done by its deadline: a complaint about lateness does not "
                        "apply.",
                        name=inspection.name,
                    )
                )

    def write(self, vals):
        if ERROR_FIELDS & set(vals) and not self.env.su:
            if not self.env.user.has_group("quality_control_oca.group_quality_control_manager"):
                raise AccessError(
                    self.env._("Only quality control managers record inspection errors.")
                )
        if COMPLAINT_FIELDS & set(vals) and not self.env.su:
            if not self.env.user.has_group("quality_control_oca.group_quality_control_manager"):
                raise AccessError(
                    self.env._("Only quality control managers record complaints about lateness.")
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
