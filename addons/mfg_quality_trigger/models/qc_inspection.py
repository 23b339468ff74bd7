# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models

from .mfg_qc_trigger_rule import INSPECTION_KINDS


class QcInspection(models.Model):
    """What a trigger records on the inspections it creates: where they come from, their kind,
    whose work they judge and by when they are due."""

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
