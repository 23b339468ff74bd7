# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MfgQcInspectionSource(models.AbstractModel):
    """Documents whose validation triggers quality inspections (receipts, deliveries,
    manufacturing orders): the inspection count and the button that opens them.

    A model using it sets ``_mfg_qc_inspection_field``, the inspection's field pointing back at
    the document, and declares ``mfg_qc_inspection_ids`` on that inverse field.
    """

    _name = "mfg.qc.inspection.source"
    _description = "Document Triggering Quality Inspections"
    _mfg_qc_inspection_field = None

    mfg_qc_inspection_count = fields.Integer(
        string="Inspection Count",
        compute="_compute_mfg_qc_inspection_count",
        groups="quality_control_oca.group_quality_control_user",
    )

    def _compute_mfg_qc_inspection_count(self):
        field = self._mfg_qc_inspection_field
        counts = dict(
            self.env["qc.inspection"]._read_group([(field, "in", self.ids)], [field], ["__count"])
        )
        for record in self:
            record.mfg_qc_inspection_count = counts.get(record, 0)

    def action_mfg_open_inspections(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "quality_control_oca.action_qc_inspection"
        )
        action["domain"] = [(self._mfg_qc_inspection_field, "=", self.id)]
        action["context"] = {"create": False}
        return action
