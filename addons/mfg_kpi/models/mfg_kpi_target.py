# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MfgKpiTarget(models.Model):
    """The target of a KPI for a subject (or for everybody), optionally for one period.

    Colour thresholds: a value reaching ``target`` is green; one reaching ``threshold_warning``
    (between the target and it) is amber; anything worse is red.
    """

    _name = "mfg.kpi.target"
    _description = "KPI Target"
    _order = "kpi_id, period_id desc, id"
    _check_company_auto = True

    kpi_id = fields.Many2one("mfg.kpi", required=True, ondelete="cascade", index=True)
    direction = fields.Selection(related="kpi_id.direction")
    unit = fields.Selection(related="kpi_id.unit")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    period_id = fields.Many2one(
        "mfg.kpi.period",
        check_company=True,
        help="Leave empty for a target valid in every period.",
    )
    employee_id = fields.Many2one(
        "hr.employee", check_company=True, help="Leave empty for the company-wide target."
    )
    department_id = fields.Many2one("hr.department", check_company=True)
    target = fields.Float(required=True, digits=(16, 4))
    threshold_warning = fields.Float(
        string="Warning Threshold",
        digits=(16, 4),
        help="Between the target and this value the KPI shows amber; beyond it, red.",
    )
    note = fields.Char()

    @api.constrains("target", "threshold_warning", "kpi_id")
    def _check_thresholds(self):
        for rec in self:
            if not rec.threshold_warning:
                continue
            worse_is_lower = rec.kpi_id.direction == "higher"
            if (worse_is_lower and rec.threshold_warning > rec.target) or (
                not worse_is_lower and rec.threshold_warning < rec.target
            ):
                raise ValidationError(
                    _(
                        "The warning threshold of %(kpi)s must lie on the worse side of its target.",
                        kpi=rec.kpi_id.display_name,
                    )
                )

    def _status_of(self, value):
        """'green', 'amber' or 'red' for ``value`` against this target."""
        self.ensure_one()
        higher = self.kpi_id.direction == "higher"
        reached = value >= self.target if higher else value <= self.target
        if reached:
            return "green"
        if self.threshold_warning:
            warned = value >= self.threshold_warning if higher else value <= self.threshold_warning
            if warned:
                return "amber"
        return "red"
