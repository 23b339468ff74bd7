# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class MfgJobMappingLine(models.TransientModel):
    """One seed position and the existing job of the company that will stand for it."""

    _name = "mfg.job.mapping.line"
    _description = "Position Mapping Line"
    _order = "sequence, id"

    mapping_id = fields.Many2one("mfg.job.mapping", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="mapping_id.company_id")
    key = fields.Char(required=True, readonly=True)
    sequence = fields.Integer(related="seed_job_id.sequence")
    seed_job_id = fields.Many2one("hr.job", string="Seed Position", required=True, readonly=True)
    current_job_id = fields.Many2one(
        "hr.job",
        string="Now",
        readonly=True,
        help="The position standing for the seed position in the company today.",
    )
    job_id = fields.Many2one(
        "hr.job",
        string="Existing Position",
        domain="[('company_id', 'in', [company_id, False])]",
        help="The company's job that takes the seed position's place: the suite's position is "
        "merged into it (duties, KPIs, sheets, employees, XML id). Empty: the suite's position "
        "is kept, or created in the company.",
    )
    operation = fields.Selection(
        [
            ("keep", "Kept"),
            ("merge", "Merge into the existing position"),
            ("link", "Existing position takes the seed's data"),
            ("create", "Create in the company"),
        ],
        compute="_compute_operation",
    )

    @api.depends("job_id", "current_job_id")
    def _compute_operation(self):
        for line in self:
            if line.job_id and line.job_id == line.current_job_id:
                line.operation = "keep"
            elif line.job_id:
                line.operation = "merge" if line.current_job_id else "link"
            else:
                line.operation = "keep" if line.current_job_id else "create"
