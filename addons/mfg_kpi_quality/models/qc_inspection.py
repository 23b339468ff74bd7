# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .mfg_qc_trigger_rule import INSPECTION_KINDS

ERROR_FIELDS = {"mfg_error", "mfg_error_note", "mfg_error_loss"}


class QcInspection(models.Model):
    _inherit = "qc.inspection"

    mfg_rule_id = fields.Many2one(
        "mfg.qc.trigger.rule", string="Trigger", readonly=True, index="btree_not_null"
    )
    mfg_kind = fields.Selection(
        INSPECTION_KINDS,
        string="Inspection Kind",
        index=True,
        help="Incoming, in-process or final inspection; each kind has its pass rate.",
    )
    mfg_move_id = fields.Many2one(
        "stock.move", string="Stock Move", readonly=True, index="btree_not_null"
    )
    mfg_picking_id = fields.Many2one(
        "stock.picking", string="Transfer", readonly=True, index="btree_not_null"
    )
    mfg_production_id = fields.Many2one(
        "mrp.production", string="Manufacturing Order", readonly=True, index="btree_not_null"
    )
    mfg_lot_id = fields.Many2one("stock.lot", string="Lot/Serial Number", readonly=True)
    mfg_partner_id = fields.Many2one(
        "res.partner", string="Partner", readonly=True, help="Supplier or customer of the transfer."
    )
    mfg_employee_id = fields.Many2one(
        "hr.employee",
        string="Accountable Employee",
        index="btree_not_null",
        help="Whose work the inspection judges (by default the manufacturing order's "
        "responsible); a failed inspection is a quality issue of this employee.",
    )
    mfg_department_id = fields.Many2one(
        "hr.department",
        string="Accountable Department",
        compute="_compute_mfg_department_id",
        store=True,
        readonly=False,
        index="btree_not_null",
    )
    mfg_deadline = fields.Datetime(
        string="Inspection Deadline",
        compute="_compute_mfg_deadline",
        store=True,
        help="Planned date plus the company's inspection time limit.",
    )
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

    @api.depends("mfg_employee_id")
    def _compute_mfg_department_id(self):
        for inspection in self:
            inspection.mfg_department_id = inspection.mfg_employee_id.sudo().department_id

    @api.depends("date", "company_id.mfg_qc_inspection_hours")
    def _compute_mfg_deadline(self):
        for inspection in self:
            hours = (inspection.company_id or self.env.company).mfg_qc_inspection_hours
            inspection.mfg_deadline = (
                inspection.date + timedelta(hours=hours or 0.0) if inspection.date else False
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
