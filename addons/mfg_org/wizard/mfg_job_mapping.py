# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class MfgJobMapping(models.TransientModel):
    """Map a company's existing positions onto the suite's seed positions, or create the
    missing ones (the seed organisation instantiated in the company)."""

    _name = "mfg.job.mapping"
    _description = "Map Positions onto the Seed Organisation"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    department_id = fields.Many2one(
        "hr.department",
        string="Production Department",
        domain="[('company_id', 'in', [company_id, False])]",
        help="An existing department of the company that takes the place of the suite's "
        "production department (生产管理部). Empty: the suite's department (created in the "
        "company when missing).",
    )
    line_ids = fields.One2many(
        "mfg.job.mapping.line",
        "mapping_id",
        string="Positions",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )

    @api.depends("company_id")
    def _compute_line_ids(self):
        Job = self.env["hr.job"]
        for mapping in self:
            mapping.line_ids = [fields.Command.clear()]
            if not mapping.company_id:
                continue
            seeds = Job._mfg_seed_positions()
            current = Job._mfg_company_positions(mapping.company_id, seeds)
            proposal = Job._mfg_propose_mapping(mapping.company_id)
            mapping.line_ids = [
                fields.Command.create(
                    {
                        "key": key,
                        "seed_job_id": seed.id,
                        "current_job_id": current.get(key, Job).id,
                        "job_id": (proposal.get(key) or Job).id,
                    }
                )
                for key, seed in seeds.items()
            ]

    @api.model_create_multi
    def create(self, vals_list):
        Company = self.env["res.company"]
        for vals in vals_list:
            company = Company.browse(vals.get("company_id")) or self.env.company
            self.env["hr.job"]._mfg_check_mapping_rights(company)
        return super().create(vals_list)

    def action_apply(self):
        """Merge, link or create the positions as the lines say; then show them."""
        self.ensure_one()
        positions = self.env["hr.job"]._mfg_apply_mapping(
            self.company_id,
            {line.key: line.job_id for line in self.line_ids if line.job_id},
            self.department_id,
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Production Positions of %(company)s", company=self.company_id.name),
            "res_model": "hr.job",
            "view_mode": "list,form",
            "views": [(self.env.ref("mfg_org.hr_job_view_list").id, "list"), (False, "form")],
            "domain": [("id", "in", [job.id for job in positions.values()])],
            "context": {"allowed_company_ids": self.env.companies.ids},
        }

    def action_instantiate(self):
        """Create the seed organisation in the company as it is: every seed position not
        mapped yet is copied, with the production department."""
        self.ensure_one()
        self.line_ids.filtered(lambda line: line.job_id != line.current_job_id).job_id = False
        return self.action_apply()
