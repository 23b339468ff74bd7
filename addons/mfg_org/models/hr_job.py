# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

LEVELS = [
    ("company", "Company"),
    ("department", "Department"),
    ("workshop", "Workshop"),
    ("team", "Team"),
]


class HrJob(models.Model):
    """Positions (岗位) of the production organisation: reporting line, duties and KPIs."""

    _inherit = "hr.job"
    _rec_names_search = ["name", "mfg_aliases"]

    mfg_is_production = fields.Boolean(
        string="Production Organisation",
        help="The position belongs to the organisation of the Production Management Suite.",
    )
    mfg_level = fields.Selection(LEVELS, string="Level", index=True)
    mfg_parent_job_id = fields.Many2one(
        "hr.job",
        string="Reports To",
        index=True,
        ondelete="set null",
        domain="[('id', '!=', id)]",
        help="The position this position reports to.",
    )
    mfg_child_job_ids = fields.One2many(
        "hr.job", "mfg_parent_job_id", string="Subordinate Positions"
    )
    mfg_function_ids = fields.Many2many(
        "mfg.function",
        "hr_job_mfg_function_rel",
        "job_id",
        "function_id",
        string="Functions",
        help="Department functions the position serves.",
    )
    mfg_duty_ids = fields.One2many("mfg.duty", "job_id", string="Duties")
    mfg_kpi_line_ids = fields.One2many(
        "mfg.job.kpi",
        "job_id",
        string="KPI Lines",
        help="The key KPIs of the position description (unweighted). The weighted KPIs the "
        "position is appraised on are the lines of its appraisal sheets.",
    )
    mfg_kpi_ids = fields.Many2many(
        "mfg.kpi",
        string="KPIs",
        compute="_compute_mfg_kpi_ids",
        search="_search_mfg_kpi_ids",
        help="Every KPI of the position, whatever list it comes from (position description, "
        "appraisal sheets).",
    )
    mfg_aliases = fields.Char(
        string="Aliases",
        translate=True,
        help="Other names of the position in the requirement documents, separated by commas "
        "(e.g. 工艺技术员 for 生产技术员). Searching a position by name also searches its aliases.",
    )
    mfg_duty_count = fields.Integer(compute="_compute_mfg_counts", string="Number of Duties")
    mfg_kpi_count = fields.Integer(compute="_compute_mfg_counts", string="Number of KPIs")

    @api.constrains("mfg_parent_job_id")
    def _check_mfg_parent_job_id(self):
        for job in self:
            if job.mfg_parent_job_id == job:
                raise ValidationError(
                    self.env._("The position %(job)s cannot report to itself.", job=job.name)
                )
        if self._has_cycle("mfg_parent_job_id"):
            raise ValidationError(
                self.env._(
                    "Reporting loop: %(jobs)s would (indirectly) report to themselves. "
                    "Choose another “Reports To” position.",
                    jobs=", ".join(self.mapped("name")),
                )
            )

    @api.depends("mfg_kpi_line_ids.kpi_id")
    def _compute_mfg_kpi_ids(self):
        for job in self:
            job.mfg_kpi_ids = job._mfg_kpis()

    def _search_mfg_kpi_ids(self, operator, value):
        return Domain("mfg_kpi_line_ids.kpi_id", operator, value)

    @api.depends("mfg_duty_ids", "mfg_kpi_ids")
    def _compute_mfg_counts(self):
        duty_counts = dict(
            self.env["mfg.duty"]._read_group([("job_id", "in", self.ids)], ["job_id"], ["__count"])
        )
        for job in self:
            job.mfg_duty_count = duty_counts.get(job, 0)
            job.mfg_kpi_count = len(job.mfg_kpi_ids)

    def action_print_position_description(self):
        return self.env.ref("mfg_org.action_report_position_description").report_action(self)

    def _mfg_kpis(self):
        """The KPIs of the position, whatever list they come from. Here the position
        description's; the appraisal module adds those of the position's sheets."""
        self.ensure_one()
        return self.mfg_kpi_line_ids.kpi_id

    def _mfg_kpi_sections(self):
        """The KPI lists printed on the position description (岗位说明书) of the position:
        ``[{"label": str, "weighted": bool, "lines": [(name, weight in %)]}]``. Here the key
        KPIs of the position description; the appraisal module adds the weighted lines of the
        position's sheets. The position's lines are read with the reader's rights, the KPI names
        as superuser (``display_kpi_name``)."""
        self.ensure_one()
        if not self.mfg_kpi_line_ids:
            return []
        return [
            {
                "label": self.env._("Position Description"),
                "weighted": False,
                "lines": [(line.display_kpi_name, 0.0) for line in self.mfg_kpi_line_ids],
            }
        ]
