# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import policy

STATES = [
    ("reported", "Reported"),
    ("investigation", "Under Investigation"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
KINDS = [
    ("injury", "Work injury"),
    ("safety", "Safety accident"),
    ("quality", "Quality accident"),
]
# Safety accidents in the KPIs: work injuries and the other safety accidents.
SAFETY_KINDS = ("injury", "safety")
SEVERITIES = [("minor", "Minor"), ("serious", "Serious"), ("major", "Major")]
SYSTEM_FIELDS = {"state", "date_report", "date_closed", "ref", "reported_by_id"}
# What whoever records an accident describes (a workshop manager or a safety officer).
RECORD_FIELDS = {
    "name",
    "kind",
    "severity",
    "date",
    "area_id",
    "place",
    "mfg_department_id",
    "mfg_team_id",
    "employee_ids",
    "injured_count",
    "injury_days",
    "direct_loss",
    "indirect_loss",
    "description",
    "company_id",
    "investigator_id",
    "report_due",
    "handling_deadline",
}
# What the investigator writes during the investigation.
INVESTIGATOR_FIELDS = {"report", "cause", "corrective_actions"}


class MfgSafetyIncident(models.Model):
    """An accident (安全事故): a work injury (工伤), another safety accident, or a quality accident
    of production; investigated, reported by its due date, corrected and closed."""

    _name = "mfg.safety.incident"
    _description = "Safety Incident"
    _inherit = ["mfg.owned.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    ref = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    name = fields.Char(string="Accident", required=True, tracking=True)
    kind = fields.Selection(KINDS, required=True, default="injury", tracking=True, index=True)
    severity = fields.Selection(SEVERITIES, required=True, default="minor", tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Datetime(
        string="Occurred On", required=True, default=fields.Datetime.now, index=True, tracking=True
    )
    area_id = fields.Many2one("mfg.safety.area", check_company=True, index=True)
    place = fields.Char(help="Where it happened, in words.")
    employee_ids = fields.Many2many(
        "hr.employee", string="People Involved", check_company=True, tracking=True
    )
    injured_count = fields.Integer(string="People Injured", tracking=True)
    injury_days = fields.Float(
        string="Injury Days Lost", tracking=True, help="Working days lost through the injuries."
    )
    direct_loss = fields.Monetary(tracking=True, help="Direct economic loss.")
    indirect_loss = fields.Monetary(tracking=True, help="Indirect economic loss.")
    total_loss = fields.Monetary(compute="_compute_total_loss", store=True)
    description = fields.Html(string="What Happened")
    reported_by_id = fields.Many2one(
        "res.users", string="Recorded By", default=lambda self: self.env.user, readonly=True
    )
    investigator_id = fields.Many2one("res.users", string="Investigator", tracking=True, index=True)
    report_due = fields.Date(string="Report Due", tracking=True)
    report = fields.Html(string="Investigation Report")
    cause = fields.Text()
    date_report = fields.Datetime(string="Report Submitted On", readonly=True, copy=False)
    corrective_actions = fields.Text()
    handling_deadline = fields.Date(string="Handle By", tracking=True)
    date_closed = fields.Datetime(string="Closed On", readonly=True, copy=False)
    state = fields.Selection(
        STATES, default="reported", required=True, readonly=True, tracking=True, index=True
    )
    unsafe_act_ids = fields.One2many("mfg.safety.unsafe.act", "incident_id", string="Unsafe Acts")
    report_on_time = fields.Boolean(compute="_compute_on_time")
    handled_on_time = fields.Boolean(compute="_compute_on_time")

    @api.constrains("direct_loss", "indirect_loss", "injury_days", "injured_count")
    def _check_figures(self):
        for incident in self:
            if incident.direct_loss < 0 or incident.indirect_loss < 0:
                raise ValidationError(
                    self.env._("The economic loss of an accident cannot be negative.")
                )
            if incident.injury_days < 0 or incident.injured_count < 0:
                raise ValidationError(
                    self.env._("People injured and injury days cannot be negative.")
                )

    @api.constrains("kind", "injured_count")
    def _check_injury(self):
        for incident in self:
            if incident.kind == "injury" and incident.injured_count < 1:
                raise ValidationError(
                    self.env._("A work injury injures at least one person: enter how many.")
                )

    @api.depends("direct_loss", "indirect_loss")
    def _compute_total_loss(self):
        for incident in self:
            incident.total_loss = incident.direct_loss + incident.indirect_loss

    @api.depends("date_report", "report_due", "date_closed", "handling_deadline")
    def _compute_on_time(self):
        for incident in self:
            tz_day = fields.Datetime.context_timestamp
            incident.report_on_time = bool(
                incident.date_report
                and incident.report_due
                and tz_day(incident, incident.date_report).date() <= incident.report_due
            )
            incident.handled_on_time = bool(
                incident.date_closed
                and incident.handling_deadline
                and tz_day(incident, incident.date_closed).date() <= incident.handling_deadline
            )

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
            if not policy.is_manager(self.env):
                raise UserError(
                    self.env._("Only a safety officer or a workshop manager records accidents.")
                )
            for vals in vals_list:
                policy.refuse_fields(
                    self.env,
                    self.env._("a new accident"),
                    policy.set_fields(vals),
                    RECORD_FIELDS,
                )
        areas = self.env["mfg.safety.area"].browse(
            [vals["area_id"] for vals in vals_list if vals.get("area_id")]
        )
        by_id = {area.id: area for area in areas}
        sequence = self.env["ir.sequence"].sudo()
        companies = {
            company.id: company
            for company in self.env["res.company"].browse(
                {vals.get("company_id") or self.env.company.id for vals in vals_list}
            )
        }
        for vals in vals_list:
            area = by_id.get(vals.get("area_id"))
            if area and not vals.get("mfg_department_id"):
                vals.update(area._mfg_owner_vals())
            company = companies[vals.get("company_id") or self.env.company.id]
            day = fields.Datetime.to_datetime(vals.get("date") or fields.Datetime.now()).date()
            vals.setdefault("report_due", day + timedelta(days=company.mfg_safety_report_days))
            vals.setdefault(
                "handling_deadline", day + timedelta(days=company.mfg_safety_handling_days)
            )
            if vals.get("ref", "/") == "/":
                vals["ref"] = sequence.next_by_code("mfg.safety.incident") or "/"
        # People involved are linked as the system: recording an accident needs no HR access
        # (the fields were checked above).
        people = [vals.pop("employee_ids", None) for vals in vals_list]
        incidents = super().create(vals_list)
        for incident, employees in zip(incidents, people, strict=True):
            if employees:
                incident.sudo().write({"employee_ids": employees})
        return incidents

    def write(self, vals):
        if not self.env.su:
            officer = policy.is_officer(self.env)
            manager = policy.is_manager(self.env)
            for incident in self:
                label = incident.display_name
                if incident.state in ("closed", "cancelled"):
                    policy.refuse_fields(self.env, label, vals, ())
                allowed = set()
                if officer:
                    allowed = RECORD_FIELDS | INVESTIGATOR_FIELDS
                else:
                    if manager and incident.state == "reported":
                        allowed |= RECORD_FIELDS
                    if (
                        incident.state == "investigation"
                        and incident.investigator_id == self.env.user
                    ):
                        allowed |= INVESTIGATOR_FIELDS
                policy.refuse_fields(self.env, label, vals, allowed)
            if "employee_ids" in vals:
                vals = dict(vals)
                super(MfgSafetyIncident, self.sudo()).write(
                    {"employee_ids": vals.pop("employee_ids")}
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_investigate(self):
        policy.require_officer(self.env, self.env._("start an investigation"))
        for incident in self:
            if incident.state != "reported":
                raise UserError(
                    self.env._("%(name)s is not waiting for an investigation.", name=incident.ref)
                )
            if not incident.investigator_id:
                raise UserError(
                    self.env._("Choose the investigator of %(name)s first.", name=incident.ref)
                )
        self.sudo().write({"state": "investigation"})
        for incident in self:
            incident.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=incident.report_due,
                user_id=incident.investigator_id.id,
                summary=self.env._("Investigation report: %(name)s", name=incident.name),
            )
        return True

    def action_submit_report(self):
        for incident in self:
            if incident.investigator_id != self.env.user and not policy.is_officer(self.env):
                raise UserError(
                    self.env._(
                        "Only the investigator or a safety officer submits the report of "
                        "%(name)s.",
                        name=incident.ref,
                    )
                )
            if incident.state != "investigation":
                raise UserError(
                    self.env._("%(name)s is not under investigation.", name=incident.ref)
                )
            if incident.date_report:
                raise UserError(
                    self.env._("The report of %(name)s is already submitted.", name=incident.ref)
                )
            if not incident.report or not incident.cause:
                raise UserError(
                    self.env._(
                        "Write the investigation report and the cause of %(name)s before "
                        "submitting it.",
                        name=incident.ref,
                    )
                )
        self.sudo().write({"date_report": fields.Datetime.now()})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_close(self):
        policy.require_officer(self.env, self.env._("close an accident"))
        for incident in self:
            if incident.state != "investigation" or not incident.date_report:
                raise UserError(
                    self.env._(
                        "%(name)s is closed only after its investigation report is submitted.",
                        name=incident.ref,
                    )
                )
            if not (incident.corrective_actions or "").strip():
                raise UserError(
                    self.env._(
                        "Record the corrective actions of %(name)s before closing it.",
                        name=incident.ref,
                    )
                )
        self.sudo().write({"state": "closed", "date_closed": fields.Datetime.now()})
        return True

    def action_cancel(self):
        policy.require_officer(self.env, self.env._("cancel an accident record"))
        if any(incident.state == "closed" for incident in self):
            raise UserError(self.env._("A closed accident cannot be cancelled."))
        self.sudo().write({"state": "cancelled"})
        return True

    def action_print(self):
        return self.env.ref("mfg_safety.mfg_safety_incident_report_action").report_action(self)

    @api.model
    def action_mfg_safety_kpis(self):
        """The safety KPIs of the current month and quarter, computed now: a safety officer
        sees the accidents just recorded move the accident count and loss."""
        policy.require_officer(self.env, self.env._("compute the safety KPIs"))
        periods, kpis = self.env["mfg.kpi.provider"]._sft_compute_now(self.env.company)
        action = self.env["ir.actions.act_window"]._for_xml_id("mfg_kpi.mfg_kpi_value_action")
        action["domain"] = [("period_id", "in", periods.ids), ("kpi_id", "in", kpis.ids)]
        action["context"] = {}
        action["name"] = self.env._("Safety KPIs")
        action["view_mode"] = "list,pivot,graph,form"
        action["views"] = [
            (self.env.ref("mfg_safety.mfg_safety_kpi_value_view_list").id, "list"),
            (False, "pivot"),
            (False, "graph"),
            (False, "form"),
        ]
        return action

    @api.depends("ref", "name")
    def _compute_display_name(self):
        for incident in self:
            incident.display_name = (
                f"{incident.ref} {incident.name}"
                if incident.ref and incident.ref != "/"
                else incident.name
            )
