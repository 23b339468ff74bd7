# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import policy

# KPI codes whose monthly values feed the team exclusion rules (第2条), when a bridge computes
# them (mfg_kpi_hr, mfg_kpi_quality); otherwise HR records exclusions by hand.
EXCLUSION_KPIS = {
    "leave_count": "LEAVE_REQUEST_COUNT",
    "leave_days": "LEAVE_DAYS",
    "quality": "QUALITY_ISSUE_COUNT",
}
EXCLUSION_LIMIT = 3


class MfgAppraisalExclusion(models.Model):
    """An employee left out of a cycle, with the reason: visible, never silent."""

    _name = "mfg.appraisal.exclusion"
    _description = "Appraisal Exclusion"
    _inherit = ["mail.thread"]
    _order = "cycle_id, employee_id"
    _check_company_auto = True

    cycle_id = fields.Many2one(
        "mfg.appraisal.cycle", required=True, ondelete="cascade", index=True, check_company=True
    )
    company_id = fields.Many2one(related="cycle_id.company_id", store=True)
    employee_id = fields.Many2one("hr.employee", required=True, check_company=True, index=True)
    reason = fields.Selection(
        [
            ("probation", "Probation not ended"),
            ("leave", "3 or more leave requests or leave days in a month"),
            ("quality", "3 or more quality issues in a month"),
            ("unsafe", "Unsafe act"),
            ("no_sheet", "No appraisal sheet for the position"),
            ("other", "Other"),
        ],
        required=True,
        tracking=True,
    )
    source = fields.Selection(
        [("manual", "Recorded by HR"), ("computed", "Computed at launch")],
        default="manual",
        required=True,
        readonly=True,
    )
    note = fields.Text()

    _uniq = models.Constraint(
        "UNIQUE(cycle_id, employee_id, reason)", "This exclusion is already recorded."
    )

    # ------------------------------------------------------------------
    # Write policy: HR records manual exclusions while the cycle is a draft
    # ------------------------------------------------------------------
    def _check_hr_draft(self, cycles, fields_=()):
        if self.env.su:
            return
        if not self.env.user.has_group("mfg_appraisal.group_appraisal_hr"):
            raise UserError(self.env._("Only HR records exclusions."))
        refused = set(fields_) - policy.EXCLUSION_FIELDS
        if refused:
            raise UserError(
                self.env._(
                    "You may not set %(fields)s of an exclusion: only the launch computes them.",
                    fields=", ".join(sorted(refused)),
                )
            )
        if any(cycle.state != "draft" for cycle in cycles):
            raise UserError(
                self.env._("Exclusions change only while their cycle is a draft, before launch.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            cycle = self.env["mfg.appraisal.cycle"].browse(vals.get("cycle_id"))
            self._check_hr_draft(cycle, vals)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_hr_draft(self.cycle_id, vals)
            if any(exclusion.source == "computed" for exclusion in self):
                raise UserError(
                    self.env._("Computed exclusions are kept as the launch recorded them.")
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_hr_draft(self):
        self._check_hr_draft(self.cycle_id)

    # ------------------------------------------------------------------
    # Launch
    # ------------------------------------------------------------------
    @api.model
    def _exclude(self, cycle, employees, computed_for=None):
        """Record the computed exclusions of ``cycle`` for ``computed_for`` (default: every
        employee; the team-member rules of 第2条 apply to team members only) and return every
        excluded employee of ``employees`` (computed and manual), in a fixed number of
        queries."""
        if not cycle.apply_exclusions:
            return self.env["hr.employee"]
        computed_for = employees if computed_for is None else computed_for
        found = {}
        for employee in self._in_probation(cycle, computed_for):
            found.setdefault(employee.id, []).append(("probation", False))
        for reason, employee_ids in self._from_kpis(cycle, computed_for).items():
            for employee_id, note in employee_ids.items():
                found.setdefault(employee_id, []).append((reason, note))
        self._record(cycle, found)
        return cycle.exclusion_ids.employee_id & employees

    @api.model
    def _record(self, cycle, found):
        """Record computed exclusions ``found`` ({employee id: [(reason, note)]}) of ``cycle``
        that are not recorded yet, in one batch."""
        existing = {(e.employee_id.id, e.reason) for e in cycle.exclusion_ids}
        return self.sudo().create(
            [
                {
                    "cycle_id": cycle.id,
                    "employee_id": employee_id,
                    "reason": reason,
                    "source": "computed",
                    "note": note,
                }
                for employee_id, reasons in found.items()
                for reason, note in reasons
                if (employee_id, reason) not in existing
            ]
        )

    @api.model
    def _in_probation(self, cycle, employees):
        """Employees whose probation has not ended by the end of the cycle: still in probation
        the day after its last day, by the suite's one probation rule
        (``hr.employee._mfg_in_probation`` of ``mfg_org``)."""
        in_probation = self.env["hr.employee"]._mfg_in_probation(
            employees, cycle.date_end + timedelta(days=1)
        )
        return employees.filtered(lambda employee: in_probation[employee.id])

    @api.model
    def _from_kpis(self, cycle, employees):
        """{reason: {employee id: note}} from monthly KPI values of the cycle's months."""
        codes = {code: key for key, code in EXCLUSION_KPIS.items()}
        groups = (
            self.env["mfg.kpi.value"]
            .sudo()
            ._read_group(
                [
                    ("kpi_id.code", "in", list(codes)),
                    ("employee_id", "in", employees.ids),
                    ("period_id.kind", "=", "month"),
                    ("period_id.date_start", ">=", cycle.date_start),
                    ("period_id.date_end", "<=", cycle.date_end),
                    ("value", ">=", EXCLUSION_LIMIT),
                ],
                ["kpi_id", "employee_id", "period_id"],
            )
        )
        result = {}
        for kpi, employee, period in groups:
            reason = "quality" if codes[kpi.code] == "quality" else "leave"
            result.setdefault(reason, {})[employee.id] = self.env._(
                "%(kpi)s in %(period)s", kpi=kpi.name, period=period.name
            )
        return result
