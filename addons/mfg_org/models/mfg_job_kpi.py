# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

ORIGINS = [
    ("description", "Position Description"),
    ("performance", "Performance Sheet"),
    ("plan", "Semi-annual Plan"),
]


class MfgJobKpi(models.Model):
    """A KPI of a position, as listed by one of the requirement documents.

    ``origin`` tells which list the line belongs to: the position description's key KPIs
    (岗位说明书 关键业绩指标, no weights), the performance appraisal sheet of the position
    (工作业绩考核表, weighted), or the workshop director's semi-annual plan (绩效考核指标表, weighted).
    """

    _name = "mfg.job.kpi"
    _description = "Position KPI"
    _order = "job_id, origin, sequence, id"

    job_id = fields.Many2one(
        "hr.job", string="Position", required=True, ondelete="cascade", index=True
    )
    kpi_id = fields.Many2one(
        "mfg.kpi", string="KPI", required=True, ondelete="restrict", index=True
    )
    name = fields.Char(
        string="Name Here",
        translate=True,
        help="The KPI's name as this list writes it, when it differs from the library's (the "
        "library merged two names of one measure, e.g. 生产安全检查计划完成率 on the safety "
        "officer's sheet for 安全检查计划完成率). Printed on the position description.",
    )
    sequence = fields.Integer(default=10)
    origin = fields.Selection(
        ORIGINS,
        string="Listed In",
        required=True,
        default="description",
        help="Position Description: the key KPIs of the position description (unweighted). "
        "Performance Sheet: the weighted lines of the position's performance appraisal sheet. "
        "Semi-annual Plan: the weighted criteria of the workshop director's semi-annual plan.",
    )
    weight = fields.Float(
        digits=(5, 2),
        help="Weight of the KPI in its list, in percent (15 = 15%). 0 means the requirement "
        "documents give no weight.",
    )
    kpi_code = fields.Char(related="kpi_id.code", string="KPI Code")
    display_kpi_name = fields.Char(
        compute="_compute_display_kpi_name",
        string="KPI Name",
        compute_sudo=True,
        help="The name printed for this line: its own, else the library's.",
    )
    unit = fields.Selection(related="kpi_id.unit")
    direction = fields.Selection(related="kpi_id.direction")

    _job_kpi_origin_uniq = models.Constraint(
        "UNIQUE(job_id, kpi_id, origin)",
        "A KPI appears only once in each list of a position.",
    )

    @api.depends("name", "kpi_id.name")
    @api.depends_context("lang")
    def _compute_display_kpi_name(self):
        for line in self:
            line.display_kpi_name = line.name or line.kpi_id.name

    @api.constrains("weight")
    def _check_weight(self):
        for line in self:
            if not 0 <= line.weight <= 100:
                raise ValidationError(
                    self.env._(
                        "The weight of %(kpi)s for %(job)s must lie between 0 and 100%%.",
                        kpi=line.kpi_id.display_name,
                        job=line.job_id.display_name,
                    )
                )
