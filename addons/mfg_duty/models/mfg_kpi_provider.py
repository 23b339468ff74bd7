# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import Provider
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
DUTY_COMPLETION_CODE = "DUTY_CHECKLIST_COMPLETION"


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = {
        DUTY_COMPLETION_CODE: Provider(
            _lt("Duty checklists"), "_provide_duty_checklist_completion"
        ),
    }

    @api.model
    def _provide_duty_checklist_completion(self, kpi, period):
        """Per employee: checked items / items of the checklists falling due in the period, in %.

        A checklist counts in the period containing its last day, so a week straddling two
        months counts once, in the month it ends. Checked = done, not applicable or problem
        found: reporting a problem is doing the check. An employee without checklists gets no
        value. One query whatever the number of employees.
        """
        base_domain = [
            ("company_id", "=", period.company_id.id),
            ("run_id.period_end", ">=", fields.Date.to_string(period.date_start)),
            ("run_id.period_end", "<=", fields.Date.to_string(period.date_end)),
        ]
        # The KPI counts every employee's items, whoever triggers the computation.
        groups = (
            self.env["mfg.duty.run.item"]
            .sudo()
            ._read_group(base_domain, ["employee_id", "result"], ["__count"])
        )
        counts = defaultdict(lambda: [0, 0])
        for employee, result, count in groups:
            counts[employee.id][1] += count
            if result != "pending":
                counts[employee.id][0] += count
        measures = []
        for employee_id, (checked, total) in sorted(counts.items()):
            measures.append(
                {
                    "subject_type": "employee",
                    "employee_id": employee_id,
                    "value": 100.0 * checked / total,
                    "numerator": checked,
                    "denominator": total,
                    "drill_model": "mfg.duty.run.item",
                    "drill_domain": [("employee_id", "=", employee_id), *base_domain],
                }
            )
        return measures
