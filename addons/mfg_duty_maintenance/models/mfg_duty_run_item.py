# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.addons.mfg_duty.models.mfg_duty_run_item import MfgDutyRunItem as DutyRunItem
from odoo.tools import plaintext2html


class MfgDutyRunItem(models.Model):
    _inherit = "mfg.duty.run.item"

    # The employee answering may say which machine the problem is on.
    _ANSWER_FIELDS = DutyRunItem._ANSWER_FIELDS | {"equipment_id"}

    equipment_id = fields.Many2one(
        "maintenance.equipment",
        string="Equipment",
        compute="_compute_equipment_id",
        store=True,
        readonly=False,
        check_company=True,
        help="The machine the check or the problem found is about; the maintenance request "
        "raised for a problem is for this equipment.",
    )

    @api.depends("line_id.equipment_id")
    def _compute_equipment_id(self):
        for item in self:
            item.equipment_id = item.equipment_id or item.line_id.equipment_id

    def _get_followup_kinds(self):
        return super()._get_followup_kinds() + [("maintenance", self.env._("Maintenance request"))]

    def _create_followup_maintenance(self):
        """A corrective maintenance request for the equipment, titled with the problem found
        and described with the check, by the checklist's owner."""
        run = self.run_id
        description = self.env._(
            "Found on the check “%(check)s” of %(checklist)s:\n%(note)s",
            check=self.name,
            checklist=run.display_name,
            note=self.note or "",
        )
        return (
            self.env["maintenance.request"]
            .sudo()
            .create(
                {
                    "name": self._problem_summary(),
                    "description": plaintext2html(description),
                    "maintenance_type": "corrective",
                    "equipment_id": self.equipment_id.id,
                    "employee_id": run.employee_id.id,
                    "company_id": run.company_id.id,
                }
            )
        )

    @api.model
    def _followup_states(self, records):
        if records._name != "maintenance.request":
            return super()._followup_states(records)
        return {
            request.id: (
                request.stage_id.name or "",
                bool(request.stage_id.done or request.archive),
            )
            for request in records
        }
