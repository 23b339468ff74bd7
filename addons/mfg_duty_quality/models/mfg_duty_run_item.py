# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MfgDutyRunItem(models.Model):
    _inherit = "mfg.duty.run.item"

    def _get_followup_kinds(self):
        return super()._get_followup_kinds() + [("quality", self.env._("Quality inspection"))]

    def _create_followup_quality(self):
        """A quality inspection to check the problem found, noted with its description."""
        run = self.run_id
        return (
            self.env["qc.inspection"]
            .sudo()
            .create(
                {
                    "internal_notes": self.env._(
                        "%(check)s (%(employee)s): %(note)s",
                        check=self.name,
                        employee=run.employee_id.name,
                        note=self.note or "",
                    ),
                    "company_id": run.company_id.id,
                }
            )
        )

    @api.model
    def _followup_states(self, records):
        if records._name != "qc.inspection":
            return super()._followup_states(records)
        labels = dict(records._fields["state"]._description_selection(self.env))
        closed = ("success", "failed", "canceled")
        return {
            inspection.id: (labels.get(inspection.state, ""), inspection.state in closed)
            for inspection in records
        }
