# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models
from odoo.exceptions import UserError


class MfgDutyRunItem(models.Model):
    _inherit = "mfg.duty.run.item"

    def _selection_reference_models(self):
        return super()._selection_reference_models() + [
            ("mfg.safety.hazard", self.env._("Safety Hazard")),
            ("mfg.safety.incident", self.env._("Safety Incident")),
        ]

    def _get_followup_kinds(self):
        return super()._get_followup_kinds() + [("safety_hazard", self.env._("Safety hazard"))]

    def _create_followup_safety_hazard(self):
        """A hazard reported by the checklist's owner; in the inspection's area when the
        checklist is a safety inspection's, else in the first area of the owner's workshop."""
        run = self.run_id
        inspection = (
            self.env["mfg.safety.inspection"].sudo().search([("run_id", "=", run.id)], limit=1)
        )
        area = inspection.area_id
        if not area:
            area = (
                self.env["mfg.safety.area"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", run.company_id.id),
                        ("mfg_department_id", "parent_of", run.employee_id.department_id.ids),
                    ],
                    limit=1,
                )
            )
        if not area:
            area = (
                self.env["mfg.safety.area"]
                .sudo()
                .search([("company_id", "=", run.company_id.id)], limit=1)
            )
        if not area:
            raise UserError(self.env._("Define a safety area first: the hazard is located in one."))
        return (
            self.env["mfg.safety.hazard"]
            .sudo()
            .create(
                {
                    "name": self.name,
                    "description": self.note,
                    "area_id": area.id,
                    "company_id": run.company_id.id,
                    "inspection_id": inspection.id,
                    "reported_by_id": run.employee_id.user_id.id or self.env.user.id,
                }
            )
        )
