# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command

from .. import policy

STATES = [
    ("planned", "Planned"),
    ("in_progress", "In Progress"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]
# What the inspector fills in; everything else is the plan's or the actions'.
INSPECTOR_FIELDS = {"note"}
SYSTEM_FIELDS = {"state", "date_done", "run_id"}


class MfgSafetyInspection(models.Model):
    """One safety inspection of an area: planned by a plan (or by hand), carried out by the
    inspector, optionally as a duty checklist run; its findings are hazards."""

    _name = "mfg.safety.inspection"
    _description = "Safety Inspection"
    _inherit = ["mfg.owned.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date_planned desc, id desc"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    plan_id = fields.Many2one(
        "mfg.safety.inspection.plan", check_company=True, index=True, ondelete="set null"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    area_id = fields.Many2one("mfg.safety.area", required=True, check_company=True, index=True)
    inspector_id = fields.Many2one(
        "res.users",
        string="Inspector",
        required=True,
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
    )
    date_planned = fields.Date(
        string="Planned On", required=True, default=fields.Date.context_today, index=True
    )
    date_deadline = fields.Date(string="Due By", required=True, default=fields.Date.context_today)
    date_done = fields.Datetime(string="Done On", readonly=True, copy=False)
    state = fields.Selection(
        STATES, default="planned", required=True, readonly=True, tracking=True, index=True
    )
    run_id = fields.Many2one("mfg.duty.run", string="Checklist", readonly=True, copy=False)
    note = fields.Text(string="Findings")
    hazard_ids = fields.One2many("mfg.safety.hazard", "inspection_id", string="Hazards")
    hazard_count = fields.Integer(compute="_compute_hazard_count")

    @api.constrains("date_planned", "date_deadline")
    def _check_dates(self):
        for inspection in self:
            if inspection.date_deadline < inspection.date_planned:
                raise ValidationError(
                    self.env._("An inspection cannot be due before it is planned.")
                )

    @api.depends("plan_id.name", "area_id.name", "date_planned")
    def _compute_name(self):
        for inspection in self:
            label = inspection.plan_id.name or inspection.area_id.name or ""
            inspection.name = f"{label} {inspection.date_planned or ''}".strip()

    def _compute_hazard_count(self):
        counts = dict(
            self.env["mfg.safety.hazard"]._read_group(
                [("inspection_id", "in", self.ids)], ["inspection_id"], ["__count"]
            )
        )
        for inspection in self:
            inspection.hazard_count = counts.get(inspection, 0)

    @api.onchange("area_id")
    def _onchange_area_id(self):
        if self.area_id:
            self.mfg_department_id = self.area_id.mfg_department_id
            self.mfg_team_id = self.area_id.mfg_team_id

    # ------------------------------------------------------------------
    # Write policy
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            policy.require_officer(self.env, self.env._("plan an inspection"))
            for vals in vals_list:
                policy.refuse_fields(
                    self.env,
                    self.env._("a new inspection"),
                    policy.set_fields(vals) & SYSTEM_FIELDS,
                    (),
                )
        areas = self.env["mfg.safety.area"].browse(
            [vals["area_id"] for vals in vals_list if vals.get("area_id")]
        )
        owners = {area.id: area for area in areas}
        for vals in vals_list:
            area = owners.get(vals.get("area_id"))
            if area and "mfg_department_id" not in vals:
                vals.update(area._mfg_owner_vals())
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            for inspection in self:
                if inspection.state in ("done", "cancelled"):
                    policy.refuse_fields(self.env, inspection.display_name, vals, ())
                if policy.is_officer(self.env):
                    policy.refuse_fields(
                        self.env, inspection.display_name, set(vals) & SYSTEM_FIELDS, ()
                    )
                elif inspection.inspector_id == self.env.user:
                    policy.refuse_fields(self.env, inspection.display_name, vals, INSPECTOR_FIELDS)
                else:
                    policy.refuse_fields(self.env, inspection.display_name, vals, ())
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_inspector(self):
        for inspection in self:
            if inspection.inspector_id != self.env.user and not policy.is_officer(self.env):
                raise UserError(
                    self.env._(
                        "Only the inspector %(user)s or a safety officer carries out %(name)s.",
                        user=inspection.inspector_id.name,
                        name=inspection.display_name,
                    )
                )

    def action_start(self):
        """Start the inspection: its checklist (when the plan has one) is created for the
        inspector."""
        self._check_inspector()
        for inspection in self:
            if inspection.state != "planned":
                raise UserError(
                    self.env._("%(name)s is not planned any more.", name=inspection.display_name)
                )
        self._create_runs()
        self.sudo().write({"state": "in_progress"})
        return True

    def _create_runs(self):
        to_run = self.filtered(lambda i: i.plan_id.template_id and not i.run_id)
        if not to_run:
            return
        Provider = self.env["mfg.kpi.provider"]
        employees = {
            company: Provider._user_employees(
                to_run.filtered(lambda i, c=company: i.company_id == c).inspector_id.ids, company
            )
            for company in to_run.company_id
        }
        for inspection in to_run:
            employee = employees[inspection.company_id].get(inspection.inspector_id.id)
            if not employee:
                raise UserError(
                    self.env._(
                        "%(user)s has no employee in %(company)s to answer the checklist of "
                        "%(name)s.",
                        user=inspection.inspector_id.name,
                        company=inspection.company_id.name,
                        name=inspection.display_name,
                    )
                )
            template = inspection.plan_id.template_id
            run = (
                self.env["mfg.duty.run"]
                .sudo()
                .with_context(mail_create_nolog=True, tracking_disable=True)
                .create(
                    {
                        "template_id": template.id,
                        "employee_id": employee[0],
                        "job_id": template.job_id.id,
                        "company_id": inspection.company_id.id,
                        "frequency": inspection.plan_id.frequency,
                        "period_start": inspection.date_planned,
                        "period_end": inspection.date_deadline,
                        "deadline": inspection.date_deadline,
                        "item_ids": [
                            Command.create({"line_id": line.id, "sequence": line.sequence})
                            for line in template.line_ids
                        ],
                    }
                )
            )
            inspection.sudo().run_id = run

    def action_done(self):
        self._check_inspector()
        for inspection in self:
            if inspection.state not in ("planned", "in_progress"):
                raise UserError(
                    self.env._(
                        "%(name)s is already done or cancelled.", name=inspection.display_name
                    )
                )
            if inspection.run_id and inspection.run_id.state != "done":
                raise UserError(
                    self.env._(
                        "Answer every item of the checklist of %(name)s before closing the "
                        "inspection.",
                        name=inspection.display_name,
                    )
                )
        self.sudo().write({"state": "done", "date_done": fields.Datetime.now()})
        return True

    def action_cancel(self):
        policy.require_officer(self.env, self.env._("cancel an inspection"))
        if any(inspection.state == "done" for inspection in self):
            raise UserError(self.env._("A done inspection cannot be cancelled."))
        self.sudo().write({"state": "cancelled"})
        return True

    def action_new_hazard(self):
        """Record a hazard found by this inspection."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mfg.safety.hazard",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_inspection_id": self.id,
                "default_area_id": self.area_id.id,
                "default_company_id": self.company_id.id,
            },
        }

    def action_open_hazards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mfg_safety.mfg_safety_hazard_action"
        )
        action["domain"] = [("inspection_id", "=", self.id)]
        action["context"] = {"default_inspection_id": self.id, "default_area_id": self.area_id.id}
        return action

    def action_open_run(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mfg.duty.run",
            "res_id": self.run_id.id,
            "view_mode": "form",
        }
