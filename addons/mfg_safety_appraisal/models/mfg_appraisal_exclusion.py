# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MfgAppraisalExclusion(models.Model):
    _inherit = "mfg.appraisal.exclusion"

    @api.model
    def _from_kpis(self, cycle, employees):
        """Team appraisal exclusions (第2条) plus "an unsafe act": every employee with an unsafe
        act recorded between the cycle's first and last day, in one query."""
        result = super()._from_kpis(cycle, employees)
        if not employees:
            return result
        groups = (
            self.env["mfg.safety.unsafe.act"]
            .sudo()
            ._read_group(
                [
                    ("employee_id", "in", employees.ids),
                    ("date", ">=", cycle.date_start),
                    ("date", "<=", cycle.date_end),
                ],
                ["employee_id"],
                ["__count", "date:max"],
            )
        )
        for employee, count, last in groups:
            result.setdefault("unsafe", {})[employee.id] = self.env._(
                "%(count)s unsafe act(s) recorded, the last on %(date)s",
                count=count,
                date=last,
            )
        return result
