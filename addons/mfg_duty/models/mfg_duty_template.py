# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError


class MfgDutyTemplate(models.Model):
    """The checklist of a position: the recurring checks its holders tick, period after period."""

    _name = "mfg.duty.template"
    _description = "Duty Checklist Template"
    _inherit = ["mail.thread"]
    _order = "job_id, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    job_id = fields.Many2one(
        "hr.job",
        string="Position",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
        tracking=True,
        help="Every employee holding this position gets the checklist.",
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    description = fields.Html(translate=True)
    line_ids = fields.One2many("mfg.duty.template.line", "template_id", string="Items", copy=True)
    line_count = fields.Integer(compute="_compute_counts", string="Item Count")
    run_count = fields.Integer(compute="_compute_counts")
    employee_count = fields.Integer(
        compute="_compute_counts", help="Employees of the company holding the position."
    )

    def _compute_counts(self):
        runs = dict(
            self.env["mfg.duty.run"]._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        employees = {
            (job.id, company.id): count
            for job, company, count in self.env["hr.employee.public"]._read_group(
                [("job_id", "in", self.job_id.ids), ("company_id", "in", self.company_id.ids)],
                ["job_id", "company_id"],
                ["__count"],
            )
        }
        for template in self:
            template.line_count = len(template.line_ids)
            template.run_count = runs.get(template, 0)
            template.employee_count = employees.get((template.job_id.id, template.company_id.id), 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self.env["mfg.duty.run"].search_count([("template_id", "in", self.ids)], limit=1)
        if used:
            raise UserError(
                self.env._(
                    "Checklists were already generated from this template: archive it instead."
                )
            )

    def action_generate_lines(self):
        """Add one item per recurring duty of the position that the template does not have yet.

        Duties of frequency "event" (done when something happens, e.g. a power cut) have no
        period, so they never become checklist items; they stay on the position description.
        The item names are copied with all their translations.
        """
        lines = self.env["mfg.duty.template.line"]
        vals_list = []
        for template in self:
            known = set(template.with_context(active_test=False).line_ids.duty_id.ids)
            duties = template.job_id.mfg_duty_ids.filtered(
                lambda d, known=known: d.frequency in lines._frequency_keys() and d.id not in known
            )
            vals_list += [
                {
                    "template_id": template.id,
                    "duty_id": duty.id,
                    "name": duty.name,
                    "frequency": duty.frequency,
                    "sequence": duty.sequence,
                }
                for duty in duties.sorted(lambda d: (d.sequence, d.id))
            ]
        if not vals_list:
            return True
        new_lines = lines.create(vals_list)
        new_lines._copy_duty_name_translations()
        return True

    def action_generate_runs(self):
        """Generate the checklists of the current periods now (the daily job does it too)."""
        today = fields.Date.context_today(self)
        runs = self.env["mfg.duty.run"]._generate(today, today, templates=self)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if runs else "info",
                "message": self.env._("%(count)s checklists generated.", count=len(runs)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_open_runs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("mfg_duty.mfg_duty_run_action")
        action["domain"] = [("template_id", "=", self.id)]
        action["context"] = {}
        return action
