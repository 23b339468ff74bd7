# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class MfgJobKpi(models.Model):
    """A key KPI of a position, as its position description lists it (岗位说明书 关键业绩指标,
    unweighted).

    The weighted KPIs a position is appraised on are not kept here: they are the lines of the
    position's appraisal sheets (``mfg_appraisal``), shown on the position from there.
    """

    _name = "mfg.job.kpi"
    _description = "Position KPI"
    _order = "job_id, sequence, id"

    job_id = fields.Many2one(
        "hr.job", string="Position", required=True, ondelete="cascade", index=True
    )
    kpi_id = fields.Many2one(
        "mfg.kpi", string="KPI", required=True, ondelete="restrict", index=True
    )
    name = fields.Char(
        string="Name Here",
        translate=True,
        help="The KPI's name as the position description writes it, when it differs from the "
        "library's (the library merged two names of one measure). Printed on the position "
        "description.",
    )
    sequence = fields.Integer(default=10)
    kpi_code = fields.Char(related="kpi_id.code", string="KPI Code")
    display_kpi_name = fields.Char(
        compute="_compute_display_kpi_name",
        string="KPI Name",
        compute_sudo=True,
        help="The name printed for this line: its own, else the library's.",
    )
    unit = fields.Selection(related="kpi_id.unit")
    direction = fields.Selection(related="kpi_id.direction")

    _job_kpi_uniq = models.Constraint(
        "UNIQUE(job_id, kpi_id)",
        "A KPI appears only once in the KPIs of a position description.",
    )

    @api.depends("name", "kpi_id.name")
    @api.depends_context("lang")
    def _compute_display_kpi_name(self):
        for line in self:
            line.display_kpi_name = line.name or line.kpi_id.name
