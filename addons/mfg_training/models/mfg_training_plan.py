# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

OFFICER = "mfg_training.group_training_officer"
# The library KPIs the training records answer (see mfg.kpi.provider in this module).
TRAINING_KPI_CODES = (
    "WORKSHOP_TRAINING_PLAN_COMPLETION_RATE",
    "PROCESS_TRAINING_ON_TIME_RATE",
    "SKILL_TRAINING_PASS_RATE",
    "SAFETY_TRAINING_PLAN_RATE",
    "EQUIPMENT_TRAINING_PLAN_RATE",
    "SAFETY_TRAINING_COVERAGE",
    "NEW_EMPLOYEE_TRAINING_PLAN_RATE",
)


class MfgTrainingPlan(models.Model):
    _name = "mfg.training.plan"
    _description = "Training Plan"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    department_id = fields.Many2one(
        "hr.department",
        check_company=True,
        index=True,
        tracking=True,
        help="The department (workshop) the plan trains; empty: the whole company.",
    )
    job_ids = fields.Many2many(
        "hr.job",
        string="Positions",
        check_company=True,
        help="The positions the plan trains; empty: every position of the department.",
    )
    date_start = fields.Date(string="From", required=True, tracking=True)
    date_end = fields.Date(string="To", required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Training Officer",
        default=lambda self: self.env.user,
        tracking=True,
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("confirmed", "Confirmed"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        copy=False,
    )
    session_ids = fields.One2many("hr.course.schedule", "mfg_plan_id", string="Sessions")
    note = fields.Html()
    session_count = fields.Integer(string="Planned Sessions", compute="_compute_progress")
    delivered_count = fields.Integer(string="Delivered Sessions", compute="_compute_progress")
    completion_rate = fields.Float(
        string="Completion (%)",
        compute="_compute_progress",
        help="Sessions delivered ÷ sessions planned (cancelled sessions left out) × 100.",
    )

    _date_order = models.Constraint(
        "CHECK(date_start <= date_end)", "A training plan ends on or after its start."
    )

    @api.depends("session_ids.state")
    def _compute_progress(self):
        groups = self.env["hr.course.schedule"]._read_group(
            [("mfg_plan_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["mfg_plan_id", "state"],
            ["__count"],
        )
        planned, delivered = {}, {}
        for plan, state, count in groups:
            planned[plan.id] = planned.get(plan.id, 0) + count
            if state == "completed":
                delivered[plan.id] = delivered.get(plan.id, 0) + count
        for plan in self:
            plan.session_count = planned.get(plan.id, 0)
            plan.delivered_count = delivered.get(plan.id, 0)
            plan.completion_rate = (
                plan.delivered_count / plan.session_count * 100.0 if plan.session_count else 0.0
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any("state" in vals for vals in vals_list):
            raise UserError(self.env._("A training plan starts as a draft."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and "state" in vals:
            raise UserError(self.env._("Use the plan's buttons to change its state."))
        if not self.env.su and {"date_start", "date_end"} & set(vals):
            closed = self.filtered(lambda p: p.state in ("closed", "cancelled"))
            if closed:
                raise UserError(
                    self.env._("Plan %(plan)s is closed: its period is fixed.", plan=closed[0].name)
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_officer(self):
        if not self.env.su and not self.env.user.has_group(OFFICER):
            raise UserError(self.env._("Only training officers confirm or close training plans."))
        self.check_access("write")

    def action_confirm(self):
        self._check_officer()
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("Only a draft plan is confirmed."))
            if not plan.session_ids:
                raise ValidationError(
                    self.env._("Plan %(plan)s has no session to confirm.", plan=plan.name)
                )
        self.sudo().write({"state": "confirmed"})

    def action_close(self):
        self._check_officer()
        if self.filtered(lambda p: p.state != "confirmed"):
            raise UserError(self.env._("Only a confirmed plan is closed."))
        self.sudo().write({"state": "closed"})

    def action_cancel(self):
        self._check_officer()
        if self.filtered(lambda p: p.state == "closed"):
            raise UserError(self.env._("A closed plan is not cancelled."))
        self.sudo().write({"state": "cancelled"})

    def action_draft(self):
        self._check_officer()
        self.sudo().write({"state": "draft"})

    def action_view_sessions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mfg_training.hr_course_schedule_action"
        )
        action["domain"] = [("mfg_plan_id", "=", self.id)]
        action["context"] = {
            "default_mfg_plan_id": self.id,
            "default_company_id": self.company_id.id,
        }
        return action

    def action_view_kpis(self):
        """The training KPIs of the months of the plan, computed now (a system task: the
        values keep their own access rules)."""
        self.ensure_one()
        self._check_officer()
        Period = self.env["mfg.kpi.period"].sudo()
        periods = Period.browse()
        month = self.date_start + relativedelta(day=1)
        while month <= self.date_end:
            periods |= Period._get_or_create("month", month, self.company_id)
            month += relativedelta(months=1)
        kpis = self.env["mfg.kpi"].sudo().search([("code", "in", TRAINING_KPI_CODES)])
        self.env["mfg.kpi.provider"].sudo()._compute_periods(
            periods.filtered(lambda p: p.state == "open"), kpis
        )
        action = self.env["ir.actions.act_window"]._for_xml_id("mfg_kpi.mfg_kpi_value_action")
        action["domain"] = [("period_id", "in", periods.ids), ("kpi_id", "in", kpis.ids)]
        action["context"] = {}
        action["name"] = self.env._("Training KPIs")
        return action
