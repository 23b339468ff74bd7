# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models
from odoo.tools import plaintext2html


class MfgDutyRunItem(models.Model):
    _inherit = "mfg.duty.run.item"

    def _get_followup_kinds(self):
        return super()._get_followup_kinds() + [("maintenance", self.env._("Maintenance request"))]

    def _create_followup_maintenance(self):
        """A corrective maintenance request describing the problem, by the checklist's owner."""
        run = self.run_id
        return (
            self.env["maintenance.request"]
            .sudo()
            .create(
                {
                    "name": self.name,
                    "description": plaintext2html(self.note or ""),
                    "maintenance_type": "corrective",
                    "employee_id": run.employee_id.id,
                    "company_id": run.company_id.id,
                }
            )
        )
