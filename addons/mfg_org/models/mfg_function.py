# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class MfgFunction(models.Model):
    """A function (职能) of the Production Management Department, with its sub-duties."""

    _name = "mfg.function"
    _description = "Department Function"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short reference of the function, e.g. F1.")
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    active = fields.Boolean(default=True)
    duty_ids = fields.One2many("mfg.duty", "function_id", string="Duties")
    duty_count = fields.Integer(compute="_compute_duty_count", string="Number of Duties")
    job_ids = fields.Many2many(
        "hr.job",
        "hr_job_mfg_function_rel",
        "function_id",
        "job_id",
        string="Positions",
        help="Positions that serve this function.",
    )

    @api.depends("duty_ids")
    def _compute_duty_count(self):
        counts = dict(
            self.env["mfg.duty"]._read_group(
                [("function_id", "in", self.ids)], ["function_id"], ["__count"]
            )
        )
        for function in self:
            function.duty_count = counts.get(function, 0)
