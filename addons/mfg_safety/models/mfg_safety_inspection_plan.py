# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.mfg_duty.periods import periods_between
from odoo.addons.mfg_org.models.mfg_duty import PERIODIC_FREQUENCIES
from odoo.exceptions import ValidationError


class MfgSafetyInspectionPlan(models.Model):
    """A recurring safety inspection of an area: who inspects, how often, with which checklist.
    The plan generates one inspection per period of its frequency."""

    _name = "mfg.safety.inspection.plan"
    _description = "Safety Inspection Plan"
    _inherit = ["mail.thread"]
    _order = "area_id, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    area_id = fields.Many2one(
        "mfg.safety.area", required=True, check_company=True, index=True, tracking=True
    )
    mfg_department_id = fields.Many2one(related="area_id.mfg_department_id", store=True)
    inspector_id = fields.Many2one(
        "res.users",
        string="Inspector",
        required=True,
        default=lambda self: self.env.user,
        tracking=True,
        index=True,
    )
    frequency = fields.Selection(
        PERIODIC_FREQUENCIES, required=True, default="weekly", tracking=True
    )
    template_id = fields.Many2one(
        "mfg.duty.template",
        string="Checklist",
        check_company=True,
        help="Duty checklist template whose items the inspector answers during the "
        "inspection (optional).",
    )
    date_start = fields.Date(
        string="Start", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End", tracking=True)
    inspection_ids = fields.One2many("mfg.safety.inspection", "plan_id", string="Inspections")
    inspection_count = fields.Integer(compute="_compute_inspection_count")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for plan in self:
            if plan.date_end and plan.date_end < plan.date_start:
                raise ValidationError(
                    self.env._("%(plan)s: the plan ends before it starts.", plan=plan.name)
                )

    def _compute_inspection_count(self):
        counts = dict(
            self.env["mfg.safety.inspection"]._read_group(
                [("plan_id", "in", self.ids)], ["plan_id"], ["__count"]
            )
        )
        for plan in self:
            plan.inspection_count = counts.get(plan, 0)

    def _generate_inspections(self, date_from, date_to):
        """Create the missing inspections of the plans for the periods sharing a day with
        [date_from, date_to], in a fixed number of queries. Returns them."""
        plans = self.filtered("active")
        if not plans or date_to < date_from:
            return self.env["mfg.safety.inspection"]
        existing = {
            (inspection.plan_id.id, inspection.date_planned)
            for inspection in self.env["mfg.safety.inspection"]
            .sudo()
            .search_fetch([("plan_id", "in", plans.ids)], ["plan_id", "date_planned"])
        }
        vals_list = []
        for plan in plans:
            for start, end in periods_between(plan.frequency, date_from, date_to):
                if start < plan.date_start or (plan.date_end and start > plan.date_end):
                    continue
                if (plan.id, start) in existing:
                    continue
                vals_list.append(
                    {
                        "plan_id": plan.id,
                        "company_id": plan.company_id.id,
                        "area_id": plan.area_id.id,
                        "mfg_department_id": plan.area_id.mfg_department_id.id,
                        "mfg_team_id": plan.area_id.mfg_team_id.id,
                        "inspector_id": plan.inspector_id.id,
                        "date_planned": start,
                        "date_deadline": end,
                    }
                )
        return (
            self.env["mfg.safety.inspection"]
            .sudo()
            .with_context(mail_create_nolog=True, tracking_disable=True)
            .create(vals_list)
        )

    def action_generate(self):
        """Plan the inspections of the current and the next month."""
        today = fields.Date.context_today(self)
        first = today.replace(day=1)
        self._generate_inspections(first, first + relativedelta(months=2, days=-1))
        return self.action_open_inspections()

    def action_open_inspections(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mfg_safety.mfg_safety_inspection_action"
        )
        action["domain"] = [("plan_id", "in", self.ids)]
        action["views"] = [(False, "list"), (False, "form"), (False, "calendar")]
        action["context"] = {"default_plan_id": self[:1].id}
        return action

    @api.model
    def _cron_generate(self):
        today = fields.Date.context_today(self)
        first = today.replace(day=1)
        self.search([("active", "=", True)])._generate_inspections(
            first, first + relativedelta(months=2, days=-1)
        )
