# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import scoring
from .common import GRADES, scoring_errors

STATES = [
    ("draft", "Draft"),
    ("self_assessment", "Self-assessment"),
    ("rating", "Rating"),
    ("review", "Review"),
    ("published", "Published"),
    ("interview", "Interview"),
    ("done", "Done"),
    ("cancelled", "Cancelled"),
]

# Months an appraiser must have led the appraisee, else the indirect superior is proposed.
APPRAISER_MIN_MONTHS = 6


class MfgAppraisal(models.Model):
    """The appraisal of one employee in one cycle."""

    _name = "mfg.appraisal"
    _description = "Appraisal"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "cycle_date_end desc, employee_name, id"
    _check_company_auto = True
    _rec_name = "employee_name"

    # tier.validation: review → published goes through the approval chain.
    _state_from = ["review"]
    _state_to = ["published", "interview", "done"]
    _cancel_state = "cancelled"
    _tier_validation_manual_config = False

    cycle_id = fields.Many2one(
        "mfg.appraisal.cycle", required=True, ondelete="restrict", index=True, check_company=True
    )
    cycle_kind = fields.Selection(related="cycle_id.kind", store=True)
    cycle_date_end = fields.Date(related="cycle_id.date_end", store=True)
    company_id = fields.Many2one(related="cycle_id.company_id", store=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, check_company=True, tracking=True
    )
    employee_name = fields.Char(related="employee_id.name", store=True, string="Employee Name")
    employee_user_id = fields.Many2one(
        "res.users", string="Employee User", index=True, help="Login of the appraisee."
    )
    job_id = fields.Many2one("hr.job", string="Position", index=True)
    department_id = fields.Many2one("hr.department", index=True)
    template_id = fields.Many2one("mfg.appraisal.template", string="Sheet", required=True)
    template_code = fields.Char(related="template_id.code", store=True)
    appraiser_id = fields.Many2one(
        "res.users",
        string="Appraiser",
        index=True,
        tracking=True,
        help="Direct superior; the indirect superior when the direct one has led the "
        "appraisee for less than six months.",
    )
    appraiser_note = fields.Char(readonly=True)
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, index=True)
    section_ids = fields.One2many("mfg.appraisal.section", "appraisal_id", string="Sections")
    line_ids = fields.One2many("mfg.appraisal.line", "appraisal_id", string="Lines")
    rater_ids = fields.One2many("mfg.appraisal.rater", "appraisal_id", string="Raters")
    self_report = fields.Html(string="Self-report", help="述职: duties, targets, achievements.")
    achievements = fields.Html()
    total_score = fields.Float(
        compute="_compute_total", store=True, digits=(5, 2), string="Computed Score"
    )
    score_complete = fields.Boolean(compute="_compute_total", store=True)
    review_adjustment = fields.Float(digits=(5, 2), tracking=True)
    adjustment_reason = fields.Text(tracking=True)
    appeal_score = fields.Float(
        digits=(5, 2), tracking=True, readonly=True, help="Score set by HR on an accepted appeal."
    )
    final_score = fields.Float(
        compute="_compute_final", store=True, digits=(5, 2), tracking=True, aggregator="avg"
    )
    grade = fields.Selection(GRADES, compute="_compute_final", store=True, tracking=True)
    # Peer and subordinate scores: to the appraisee only as an aggregate above a minimum count.
    peer_average = fields.Float(compute="_compute_aggregates", digits=(5, 2))
    peer_count = fields.Integer(compute="_compute_aggregates")
    subordinate_average = fields.Float(compute="_compute_aggregates", digits=(5, 2))
    subordinate_count = fields.Integer(compute="_compute_aggregates")
    date_published = fields.Date(readonly=True, copy=False)
    appeal_deadline = fields.Date(compute="_compute_appeal_deadline", store=True)
    appeal_ids = fields.One2many("mfg.appraisal.appeal", "appraisal_id", string="Appeals")
    note_ids = fields.One2many("mfg.appraisal.note", "appraisal_id", string="Manager Notes")
    interview_notes = fields.Html(tracking=True)
    improvement_plan = fields.Html(tracking=True)
    # Results application (flags for people to decide on).
    bonus_tier = fields.Selection(
        [
            ("tier_1", "90 and above"),
            ("tier_2", "80 to 89.99"),
            ("tier_3", "70 to 79.99"),
            ("none", "No bonus"),
            ("watch", "Probation watch"),
        ],
        readonly=True,
        copy=False,
    )
    bonus_amount = fields.Monetary(readonly=True, copy=False)
    currency_id = fields.Many2one(related="company_id.currency_id")
    flag_promotion = fields.Boolean(string="Promotion Priority", readonly=True, copy=False)
    flag_interview = fields.Boolean(string="Improvement Interview", readonly=True, copy=False)
    flag_forced_fail = fields.Boolean(
        string="Annual Fail (3 Irregular Fails)", readonly=True, copy=False
    )
    flag_dismissal_review = fields.Boolean(string="Dismissal Review", readonly=True, copy=False)
    flag_training = fields.Boolean(string="Promotion Training Eligible", readonly=True, copy=False)
    flag_basic_training = fields.Boolean(string="Basic Skills Training", readonly=True, copy=False)
    result_note = fields.Text(readonly=True, copy=False)

    _employee_cycle_uniq = models.Constraint(
        "UNIQUE(cycle_id, employee_id)", "An employee is appraised once per cycle."
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("section_ids.score", "section_ids.score_complete", "section_ids.weight")
    def _compute_total(self):
        for appraisal in self:
            sections = appraisal.section_ids
            complete = bool(sections) and all(sections.mapped("score_complete"))
            appraisal.score_complete = complete
            appraisal.total_score = (
                scoring.weighted_total([(s.score, s.weight) for s in sections], "the sections")
                if complete
                else 0.0
            )

    @api.depends(
        "total_score",
        "score_complete",
        "review_adjustment",
        "appeal_score",
        "cycle_id.threshold_excellent",
        "cycle_id.threshold_good",
        "cycle_id.threshold_pass",
        "flag_forced_fail",
    )
    def _compute_final(self):
        for appraisal in self:
            if not appraisal.score_complete:
                appraisal.final_score = 0.0
                appraisal.grade = False
                continue
            score = appraisal.appeal_score or scoring.round_score(
                min(100.0, max(0.0, appraisal.total_score + appraisal.review_adjustment))
            )
            appraisal.final_score = score
            appraisal.grade = (
                "fail"
                if appraisal.flag_forced_fail
                else scoring.grade_for(score, appraisal.cycle_id._thresholds())
            )

    @api.depends("date_published", "cycle_id.appeal_days")
    def _compute_appeal_deadline(self):
        for appraisal in self:
            appraisal.appeal_deadline = appraisal.date_published and (
                appraisal.date_published + timedelta(days=appraisal.cycle_id.appeal_days)
            )

    def _compute_aggregates(self):
        ratings = (
            self.env["mfg.appraisal.rating"]
            .sudo()
            ._read_group(
                [
                    ("appraisal_id", "in", self.ids),
                    ("role", "in", ("peer", "subordinate")),
                    ("rater_id.state", "=", "submitted"),
                ],
                ["appraisal_id", "role"],
                ["score:avg", "rater_id:count_distinct"],
            )
        )
        data = {(a.id, role): (avg, count) for a, role, avg, count in ratings}
        for appraisal in self:
            minimum = appraisal.template_id.sudo().min_aggregate_raters
            for role, avg_field, count_field in (
                ("peer", "peer_average", "peer_count"),
                ("subordinate", "subordinate_average", "subordinate_count"),
            ):
                avg, count = data.get((appraisal.id, role), (0.0, 0))
                appraisal[count_field] = count
                appraisal[avg_field] = scoring.round_score(avg) if count >= minimum else 0.0

    # ------------------------------------------------------------------
    # Access helpers
    # ------------------------------------------------------------------
    def _is_hr(self):
        return self.env.user.has_group("mfg_appraisal.group_appraisal_hr")

    def _check_can_score(self, lines):
        """Only the appraiser (or HR) scores the rule-based lines, and only while rating."""
        for appraisal in self:
            if appraisal.state not in ("rating", "review"):
                raise UserError(
                    self.env._(
                        "Scores of %(who)s can only change while the appraisal is being rated.",
                        who=appraisal.employee_id.name,
                    )
                )
            if appraisal.appraiser_id != self.env.user and not self._is_hr():
                raise UserError(
                    self.env._(
                        "Only the appraiser of %(who)s or HR scores this sheet.",
                        who=appraisal.employee_id.name,
                    )
                )

    def _check_state(self, *states):
        labels = dict(STATES)
        for appraisal in self:
            if appraisal.state not in states:
                raise UserError(
                    self.env._(
                        "The appraisal of %(who)s is %(state)s: this action needs it %(needed)s.",
                        who=appraisal.employee_id.name,
                        state=labels[appraisal.state],
                        needed=" / ".join(labels[s] for s in states),
                    )
                )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_submit_self(self):
        """The appraisee hands in the self-assessment: rating starts."""
        self._check_state("self_assessment")
        for appraisal in self:
            if appraisal.employee_user_id != self.env.user and not self._is_hr():
                raise UserError(self.env._("Only the appraisee submits the self-assessment."))
        own = self.rater_ids.filtered(lambda r: r.role == "self" and r.state == "todo")
        own.action_submit()
        self.sudo().write({"state": "rating"})
        self.sudo()._schedule_rater_activities()
        return True

    def action_submit_rating(self):
        """The appraiser closes the rating: every line scored; the review chain starts."""
        self._check_state("rating")
        for appraisal in self:
            if appraisal.appraiser_id != self.env.user and not self._is_hr():
                raise UserError(
                    self.env._(
                        "Only the appraiser of %(who)s submits the rating.",
                        who=appraisal.employee_id.name,
                    )
                )
            superior = appraisal.rater_ids.filtered(
                lambda r, a=appraisal: r.role in ("superior", "indirect")
                and r.user_id == a.appraiser_id
            )
            superior.filtered(lambda r: r.state == "todo").action_submit()
            missing = appraisal.line_ids.filtered(lambda line: not line.score_set)
            if missing:
                raise UserError(
                    self.env._(
                        "Score every line of %(who)s first; missing: %(lines)s.",
                        who=appraisal.employee_id.name,
                        lines=", ".join(missing.mapped("name")),
                    )
                )
            if appraisal.review_adjustment and not appraisal.adjustment_reason:
                raise ValidationError(self.env._("Give the reason of the review adjustment."))
        sudo = self.sudo()
        sudo.write({"state": "review"})
        # need_validation has no dependencies: drop values computed before the state change.
        sudo.invalidate_recordset(["need_validation", "review_ids"])
        sudo.request_validation()
        sudo.activity_ids.filtered(lambda a: a.user_id == self.env.user).action_feedback()
        return True

    def action_publish(self):
        """HR publishes reviewed appraisals (after the approval chain, when there is one)."""
        if not self._is_hr():
            raise UserError(self.env._("Only HR publishes appraisal results."))
        self._check_state("review")
        pending = self.filtered(
            lambda a: any(review.status != "approved" for review in a.sudo().review_ids)
        )
        if pending:
            raise UserError(
                self.env._(
                    "The approval of %(who)s is not complete yet.",
                    who=", ".join(pending.mapped("employee_id.name")),
                )
            )
        today = fields.Date.context_today(self)
        # As superuser: the approval reviews are not all readable by the publishing officer.
        # (need_validation has no dependencies: drop a value computed before the reviews.)
        self.invalidate_recordset(["need_validation", "review_ids"])
        self.sudo().write({"state": "published", "date_published": today})
        self._apply_results()
        self._schedule_activities(
            [
                (a, a.employee_user_id, self.env._("Your appraisal result is published"))
                for a in self
            ]
        )
        return True

    def action_start_interview(self):
        self._check_state("published")
        self._check_appraiser()
        self.write({"state": "interview"})
        return True

    def action_done(self):
        self._check_state("interview", "published")
        self._check_appraiser()
        if any(a.grade == "fail" and not a.improvement_plan for a in self):
            raise UserError(self.env._("A failing appraisal needs an improvement plan."))
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        if not self._is_hr():
            raise UserError(self.env._("Only HR cancels appraisals."))
        self._check_state("draft", "self_assessment", "rating", "review")
        self.write({"state": "cancelled"})
        return True

    def action_back_to_rating(self):
        """HR sends a reviewed appraisal back to its appraiser."""
        if not self._is_hr():
            raise UserError(self.env._("Only HR sends appraisals back."))
        self._check_state("review")
        self.restart_validation()
        self.rater_ids.filtered(lambda r: r.user_id == r.appraisal_id.appraiser_id).write(
            {"state": "todo"}
        )
        self.write({"state": "rating"})
        return True

    def _check_appraiser(self):
        for appraisal in self:
            if appraisal.appraiser_id != self.env.user and not self._is_hr():
                raise UserError(self.env._("Only the appraiser or HR records the interview."))

    def action_appeal(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mfg.appraisal.appeal",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    # ------------------------------------------------------------------
    # Activities (batch)
    # ------------------------------------------------------------------
    def _schedule_activities(self, todo, deadline=None):
        """Create activities in one batch: ``todo`` is a list of (appraisal, user, summary)."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model_id = self.env["ir.model"]._get_id(self._name)
        vals = [
            {
                "res_model_id": model_id,
                "res_id": appraisal.id,
                "user_id": user.id,
                "activity_type_id": activity_type.id,
                "summary": summary,
                "date_deadline": deadline or fields.Date.context_today(self),
            }
            for appraisal, user, summary in todo
            if user
        ]
        return self.env["mail.activity"].sudo().create(vals)

    def _schedule_rater_activities(self):
        todo = [
            (
                rater.appraisal_id,
                rater.user_id,
                self.env._("Rate %(who)s", who=rater.employee_id.name),
            )
            for rater in self.rater_ids
            if rater.role != "self" and rater.state == "todo"
        ]
        deadline = self[:1].cycle_id.date_rating_deadline
        return self._schedule_activities(todo, deadline)

    # ------------------------------------------------------------------
    # Launch (set-based)
    # ------------------------------------------------------------------
    @api.model
    def _launch_cycle(self, cycle):
        """Create the appraisals of ``cycle``: participants, exclusions, frozen sheets, raters,
        KPI prefill and activities, in a number of queries that does not grow with headcount."""
        employees = self._cycle_participants(cycle)
        templates = self._templates_by_job(cycle, employees)
        templates_used = self.env["mfg.appraisal.template"].union(*templates.values())
        templates_used._check_complete(require_parameters=True)
        excluded = self.env["mfg.appraisal.exclusion"]._exclude(cycle, employees)
        employees -= excluded
        if not employees:
            raise UserError(self.env._("Nobody is left to appraise in %(c)s.", c=cycle.name))
        appraisers, notes = self._appraisers(cycle, employees)
        frozen = {template: template._frozen_sections() for template in templates_used}
        vals_list = []
        for employee in employees:
            template = cycle.template_id or templates[employee.job_id]
            vals_list.append(
                {
                    "cycle_id": cycle.id,
                    "employee_id": employee.id,
                    "employee_user_id": employee.user_id.id,
                    "job_id": employee.job_id.id,
                    "department_id": employee.department_id.id,
                    "template_id": template.id,
                    "appraiser_id": appraisers.get(employee.id, False),
                    "appraiser_note": notes.get(employee.id, False),
                    "state": "self_assessment",
                }
            )
        quiet = self.with_context(tracking_disable=True, mail_create_nolog=True)
        appraisals = quiet.create(vals_list)
        # Sections, then lines, each in one batch.
        sections_vals, lines_of_section = [], []
        for appraisal in appraisals:
            for section in frozen[appraisal.template_id]:
                vals = {k: v for k, v in section.items() if k != "lines"}
                sections_vals.append(dict(vals, appraisal_id=appraisal.id))
                lines_of_section.append(section["lines"])
        sections = quiet.env["mfg.appraisal.section"].create(sections_vals)
        quiet.env["mfg.appraisal.line"].create(
            [
                dict(line, section_id=section.id, appraisal_id=section.appraisal_id.id)
                for section, lines in zip(sections, lines_of_section, strict=True)
                for line in lines
            ]
        )
        appraisals._create_raters(employees)
        appraisals._prefill_kpis(cycle)
        appraisals._schedule_activities(
            [
                (a, a.employee_user_id, self.env._("Fill in your self-assessment"))
                for a in appraisals
            ],
            cycle.date_indicators_fixed,
        )
        return appraisals

    @api.model
    def _cycle_participants(self, cycle):
        domain = [("company_id", "=", cycle.company_id.id)]
        if cycle.job_ids:
            domain.append(("job_id", "in", cycle.job_ids.ids))
        elif cycle.template_id:
            domain.append(("job_id", "in", cycle.template_id.job_ids.ids))
        else:
            templates = self.env["mfg.appraisal.template"].search(
                [("state", "=", "active"), ("company_id", "=", cycle.company_id.id)]
            )
            domain.append(("job_id", "in", templates.job_ids.ids))
        if cycle.department_ids:
            domain.append(("department_id", "child_of", cycle.department_ids.ids))
        return self.env["hr.employee"].sudo().search(domain)

    @api.model
    def _templates_by_job(self, cycle, employees):
        if cycle.template_id:
            return {job: cycle.template_id for job in employees.job_id}
        templates = self.env["mfg.appraisal.template"].search(
            [
                ("state", "=", "active"),
                ("company_id", "=", cycle.company_id.id),
                ("job_ids", "in", employees.job_id.ids),
            ]
        )
        by_job = {}
        for template in templates:
            if cycle.kind not in template._kinds():
                continue
            for job in template.job_ids:
                by_job.setdefault(job, template)
        missing = employees.job_id.filtered(lambda j: j not in by_job)
        if missing:
            raise UserError(
                self.env._(
                    "No active %(kind)s sheet for the positions: %(jobs)s.",
                    kind=dict(cycle._fields["kind"]._description_selection(self.env))[cycle.kind],
                    jobs=", ".join(missing.mapped("name")),
                )
            )
        return by_job

    @api.model
    def _appraisers(self, cycle, employees):
        """{employee id: appraiser user id} and notes: the direct superior, or the indirect one
        when the direct superior has led the employee for less than six months (the last change
        of the employee's manager is read from the chatter tracking, one query)."""
        limit = cycle.date_end - timedelta(days=APPRAISER_MIN_MONTHS * 30)
        field = self.env["ir.model.fields"]._get("hr.employee", "parent_id")
        changes = (
            self.env["mail.tracking.value"]
            .sudo()
            ._read_group(
                [
                    ("field_id", "=", field.id),
                    ("mail_message_id.model", "=", "hr.employee"),
                    ("mail_message_id.res_id", "in", employees.ids),
                ],
                ["mail_message_id.res_id"],
                ["create_date:max"],
            )
        )
        last_change = dict(changes)
        appraisers, notes = {}, {}
        for employee in employees:
            superior = employee.parent_id
            changed = last_change.get(employee.id)
            if superior and changed and changed.date() > limit and superior.parent_id.user_id:
                appraisers[employee.id] = superior.parent_id.user_id.id
                notes[employee.id] = self.env._(
                    "Indirect superior proposed: %(s)s leads %(e)s for less than six months.",
                    s=superior.name,
                    e=employee.name,
                )
            else:
                appraisers[employee.id] = superior.user_id.id
        return appraisers, notes

    def _create_raters(self, employees):
        """Self, appraiser, and peers and subordinates where the sheet has such roles."""
        self.env.flush_all()
        sections = self.env["mfg.appraisal.section"].search_fetch(
            [("appraisal_id", "in", self.ids)], ["appraisal_id", "role_weights"]
        )
        roles_of = {}
        for section in sections:
            roles_of.setdefault(section.appraisal_id.id, set()).update(
                role for role, weight in section._role_weights().items() if weight
            )
        by_parent = {}
        for employee in employees:
            by_parent.setdefault(employee.parent_id.id, self.env["hr.employee"])
            by_parent[employee.parent_id.id] |= employee
        children = (
            self.env["hr.employee"]
            .sudo()
            ._read_group(
                [("parent_id", "in", employees.ids), ("user_id", "!=", False)],
                ["parent_id"],
                ["user_id:array_agg"],
            )
        )
        subordinate_users = {parent.id: users for parent, users in children}
        rater_vals = []
        for appraisal in self:
            roles = roles_of.get(appraisal.id, set())
            raters = set()
            if appraisal.employee_user_id:
                raters.add((appraisal.employee_user_id.id, "self"))
            if appraisal.appraiser_id:
                role = "superior" if not appraisal.appraiser_note else "indirect"
                raters.add((appraisal.appraiser_id.id, role))
            employee = appraisal.employee_id
            if "peer" in roles:
                for peer in by_parent.get(employee.parent_id.id, []):
                    if peer != employee and peer.user_id:
                        raters.add((peer.user_id.id, "peer"))
            if "subordinate" in roles:
                for user_id in subordinate_users.get(employee.id, []):
                    raters.add((user_id, "subordinate"))
            for user_id, role in sorted(raters):
                rater_vals.append({"appraisal_id": appraisal.id, "user_id": user_id, "role": role})
        raters = self.env["mfg.appraisal.rater"].create(rater_vals)
        # One rating row per rater and direct-rating line of the sections weighting its role.
        lines = self.env["mfg.appraisal.line"].search_fetch(
            [("appraisal_id", "in", self.ids), ("rule_kind", "=", "direct")],
            ["appraisal_id", "section_id"],
        )
        lines_of = {}
        for line in lines:
            lines_of.setdefault(line.appraisal_id.id, []).append(line)
        rating_vals = []
        for rater in raters:
            role = "superior" if rater.role == "indirect" else rater.role
            for line in lines_of.get(rater.appraisal_id.id, []):
                if line.section_id._role_weights().get(role):
                    rating_vals.append({"rater_id": rater.id, "line_id": line.id})
        self.env["mfg.appraisal.rating"].create(rating_vals)
        return raters

    def _prefill_kpis(self, cycle):
        """Actual values of KPI lines from the locked KPI values of the cycle's period."""
        lines = self.env["mfg.appraisal.line"].search(
            [
                ("appraisal_id", "in", self.ids),
                ("kpi_id", "!=", False),
                ("rule_kind", "!=", "direct"),
            ]
        )
        if not lines:
            return
        values = (
            self.env["mfg.kpi.value"]
            .sudo()
            .search_fetch(
                [
                    ("kpi_id", "in", lines.kpi_id.ids),
                    ("state", "=", "locked"),
                    ("company_id", "=", cycle.company_id.id),
                    ("period_id.date_start", "=", cycle.date_start),
                    ("period_id.date_end", "=", cycle.date_end),
                    "|",
                    ("employee_id", "in", self.employee_id.ids),
                    ("department_id", "in", self.department_id.ids),
                ],
                ["kpi_id", "employee_id", "department_id", "value"],
            )
        )
        by_key = {}
        for value in values:
            key = (
                (value.kpi_id.id, "e", value.employee_id.id)
                if value.employee_id
                else (
                    value.kpi_id.id,
                    "d",
                    value.department_id.id,
                )
            )
            by_key[key] = value
        for line in lines:
            appraisal = line.appraisal_id
            value = by_key.get((line.kpi_id.id, "e", appraisal.employee_id.id)) or by_key.get(
                (line.kpi_id.id, "d", appraisal.department_id.id)
            )
            if value:
                vals = {"kpi_value_id": value.id, "actual_value": value.value, "actual_set": True}
                if line.rule_kind == "occurrence":
                    vals["occurrences"] = int(value.value)
                line.with_context(tracking_disable=True)._write_prefill(vals)

    # ------------------------------------------------------------------
    # Results application (flags for people to decide)
    # ------------------------------------------------------------------
    def _apply_results(self):
        """Bonus tiers and result flags from this and the previous appraisals of each employee,
        read in one query."""
        history = self.sudo().search_fetch(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("state", "in", ("published", "interview", "done")),
                ("id", "not in", self.ids),
            ],
            ["employee_id", "cycle_kind", "cycle_date_end", "final_score", "grade"],
            order="cycle_date_end desc",
        )
        past = {}
        for appraisal in history:
            past.setdefault(appraisal.employee_id.id, []).append(appraisal)
        for appraisal in self.sudo():
            appraisal.write(appraisal._results(past.get(appraisal.employee_id.id, [])))

    def _results(self, past):
        """Flags of this appraisal given the employee's earlier appraisals."""
        self.ensure_one()
        history = [(a.cycle_kind, a.cycle_date_end, a.final_score, a.grade) for a in past]
        vals = self._result_flags(
            self.cycle_kind, self.cycle_date_end, self.final_score, self.grade, history
        )
        if self.cycle_kind == "quarterly":
            cycle = self.cycle_id
            with scoring_errors(self.env):
                tier = scoring.bonus_tier(
                    self.final_score,
                    {
                        "tier_1": cycle.bonus_tier_1,
                        "tier_2": cycle.bonus_tier_2,
                        "tier_3": cycle.bonus_tier_3,
                    },
                )
            vals.update(bonus_tier=tier.code, bonus_amount=tier.amount)
        return vals

    @api.model
    def _result_flags(self, kind, date_end, score, grade, history):
        """Result flags (第12条 of both systems) of an appraisal of ``kind`` ending ``date_end``
        with ``score`` and ``grade``, given ``history``: (kind, end date, score, grade) of the
        employee's other published appraisals."""
        before = sorted((h for h in history if h[1] < date_end), key=lambda h: h[1], reverse=True)
        same_kind = [h for h in before if h[0] == kind]
        previous_grade = same_kind[0][3] if same_kind else None
        previous_score = same_kind[0][2] if same_kind else None
        vals = dict.fromkeys(
            (
                "flag_promotion",
                "flag_interview",
                "flag_forced_fail",
                "flag_dismissal_review",
                "flag_training",
                "flag_basic_training",
            ),
            False,
        )
        notes = []
        if kind == "annual":
            if grade == "excellent" and previous_grade == "excellent":
                vals["flag_promotion"] = True
                notes.append(self.env._("Two consecutive annual Excellent: promotion priority."))
            irregular = [h for h in before if h[0] == "irregular" and h[1].year == date_end.year]
            if len(irregular) >= 3 and all(h[3] == "fail" for h in irregular[:3]):
                vals["flag_forced_fail"] = True
                notes.append(
                    self.env._("Three consecutive irregular Fail: the annual result is Fail.")
                )
            failing = grade == "fail" or vals["flag_forced_fail"]
            if failing and previous_grade == "fail":
                vals["flag_dismissal_review"] = True
                notes.append(self.env._("Two consecutive annual Fail: dismissal review."))
            if score >= 90:
                vals["flag_training"] = True
                notes.append(self.env._("Annual score of 90 or more: promotion training eligible."))
        elif kind == "irregular" and grade == "fail":
            vals["flag_interview"] = True
            notes.append(self.env._("Irregular Fail: interview with an improvement plan."))
        elif (
            kind == "quarterly"
            and score < 60
            and previous_score is not None
            and previous_score < 60
        ):
            vals["flag_basic_training"] = True
            notes.append(
                self.env._(
                    "Two consecutive quarters below 60: basic skills training; dismissal review "
                    "if still failing a month after it."
                )
            )
        vals["result_note"] = "\n".join(notes) or False
        return vals
