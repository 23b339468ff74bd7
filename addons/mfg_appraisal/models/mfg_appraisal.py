# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext

from .. import policy, scoring
from .common import GRADES, scoring_errors
from .mfg_appraisal_line import RATING_OPEN_STATES

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

# Which pay a published result is the basis of, per (system, cycle kind): performance pay
# (车间人员 第12条1), quarterly and annual bonus (班组人员 第12条1-2), the director's year-end
# bonus (方案 一2).
PAYROLL_BASIS = {
    ("workshop_staff", "annual"): "performance_pay",
    ("team_member", "quarterly"): "quarterly_bonus",
    ("team_member", "annual"): "annual_bonus",
    ("director_plan", "semi_annual"): "year_end_bonus",
}

DISPOSITIONS = [
    ("renewal", "Renewal (续聘)"),
    ("dismissal", "Dismissal (解聘)"),
    ("promotion", "Promotion (提升)"),
    ("transfer", "Transfer (调转)"),
    ("training", "Training (培训)"),
]

# Months an appraiser must have led the appraisee, else the indirect superior is proposed.
APPRAISER_MIN_MONTHS = 6


class MfgAppraisal(models.Model):
    """The appraisal of one employee in one cycle."""

    _name = "mfg.appraisal"
    _description = "Appraisal"
    # The chatter in batches first: it overrides mail.thread's tracking and subscriptions.
    _inherit = [
        "mfg.appraisal.mail.batch",
        "mail.thread",
        "mail.activity.mixin",
        "tier.validation",
        "mfg.appraisal.guard",
    ]
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
    approval_chain_id = fields.Many2one(
        related="template_id.approval_chain_id", store=True, index=True
    )
    appraisal_system = fields.Selection(related="template_id.appraisal_system", store=True)
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
    review_adjustment = fields.Float(
        digits=(5, 2),
        tracking=True,
        help="复核调整: points added or removed by the reviewer holding the current approval "
        "tier, with a reason, within the sheet's limit.",
    )
    adjustment_reason = fields.Text(tracking=True)
    appeal_score = fields.Float(
        string="Corrected Score",
        digits=(5, 2),
        tracking=True,
        readonly=True,
        help="Final score set after publication by an accepted appeal or an HR manager's "
        "correction (with its reason in the chatter).",
    )
    # Not tracked: the chatter says the result once, at publication and on each later change
    # (appeal), never an intermediate value that would reveal one rater's score.
    final_score = fields.Float(
        compute="_compute_final", store=True, digits=(5, 2), aggregator="avg"
    )
    grade = fields.Selection(GRADES, compute="_compute_final", store=True)
    # Peer and subordinate scores: to the appraisee only as an aggregate above a minimum count.
    peer_average = fields.Float(compute="_compute_aggregates", digits=(5, 2))
    peer_count = fields.Integer(compute="_compute_aggregates")
    subordinate_average = fields.Float(compute="_compute_aggregates", digits=(5, 2))
    subordinate_count = fields.Integer(compute="_compute_aggregates")
    date_published = fields.Date(readonly=True, copy=False)
    appeal_deadline = fields.Date(compute="_compute_appeal_deadline", store=True)
    appeal_ids = fields.One2many("mfg.appraisal.appeal", "appraisal_id", string="Appeals")
    # The current user's own scores on the direct-rating lines (self, superior), scored on the
    # appraisal itself; each write goes through the rating's own write policy.
    my_rating_ids = fields.One2many(
        "mfg.appraisal.rating",
        compute="_compute_my_rating_ids",
        inverse="_inverse_my_rating_ids",
        string="My Scores",
    )
    # What the current user may do on this appraisal: the buttons shown (the server checks
    # each step again).
    user_is_appraisee = fields.Boolean(compute="_compute_user_roles")
    user_can_rate = fields.Boolean(compute="_compute_user_roles")
    user_can_follow_up = fields.Boolean(compute="_compute_user_roles")
    note_ids = fields.One2many("mfg.appraisal.note", "appraisal_id", string="Manager Notes")
    # 车间人员 第7条2: the year's irregular results are a main source of the annual appraisal.
    irregular_appraisal_ids = fields.Many2many(
        "mfg.appraisal",
        compute="_compute_irregular",
        string="Irregular Appraisals of the Year",
    )
    irregular_average = fields.Float(compute="_compute_irregular", digits=(5, 2))
    # Html fields cannot be tracked in Odoo 19: write() posts their new text in the chatter.
    interview_notes = fields.Html()
    improvement_plan = fields.Html()
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
    flag_demotion = fields.Boolean(string="Demotion or Reassignment", readonly=True, copy=False)
    flag_reward = fields.Boolean(string="Reward (Dynamic Wage)", readonly=True, copy=False)
    flag_penalty = fields.Boolean(string="Penalty (Dynamic Wage)", readonly=True, copy=False)
    payroll_basis = fields.Selection(
        [
            ("performance_pay", "Performance pay"),
            ("quarterly_bonus", "Quarterly bonus"),
            ("annual_bonus", "Annual bonus"),
            ("year_end_bonus", "Year-end bonus"),
        ],
        string="Basis For",
        readonly=True,
        copy=False,
        help="The pay this published result is the basis of, for payroll.",
    )
    training_end_date = fields.Date(
        string="Basic Training Ended",
        copy=False,
        tracking=True,
        help="When the basic skills training ordered by this result ended: a result still "
        "below 60 a month later raises the dismissal review (班组人员 第12条3).",
    )
    # 方案 七1: the production director's disposition, which HR then carries out.
    disposition = fields.Selection(DISPOSITIONS, tracking=True, copy=False)
    disposition_note = fields.Text(copy=False)
    disposition_by = fields.Many2one("res.users", readonly=True, copy=False)
    disposition_date = fields.Date(readonly=True, copy=False)
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

    def _compute_irregular(self):
        annual = self.filtered(lambda a: a.cycle_kind == "annual" and a.cycle_date_end)
        found = self.browse()
        if annual:
            found = self.sudo().search_fetch(
                [
                    ("employee_id", "in", annual.employee_id.ids),
                    ("cycle_kind", "=", "irregular"),
                    ("state", "in", ("published", "interview", "done")),
                    ("cycle_date_end", ">=", min(annual.mapped("cycle_id.date_start"))),
                    ("cycle_date_end", "<=", max(annual.mapped("cycle_date_end"))),
                ],
                ["employee_id", "cycle_date_end", "final_score"],
            )
        for appraisal in self:
            mine = found.filtered(
                lambda a, me=appraisal: a.employee_id == me.employee_id
                and me.cycle_id.date_start <= a.cycle_date_end <= me.cycle_date_end
            )
            appraisal.irregular_appraisal_ids = mine.with_env(self.env)
            scores = mine.mapped("final_score")
            appraisal.irregular_average = (
                scoring.round_score(sum(scores) / len(scores)) if scores else 0.0
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

    @api.depends_context("uid")
    @api.depends("rater_ids.rating_ids")
    def _compute_my_rating_ids(self):
        ratings = (
            self.env["mfg.appraisal.rating"]
            .sudo()
            .search_fetch(
                [("appraisal_id", "in", self._origin.ids), ("user_id", "=", self.env.uid)],
                ["appraisal_id"],
            )
        )
        by_appraisal = {}
        for rating in ratings:
            by_appraisal.setdefault(rating.appraisal_id.id, []).append(rating.id)
        Rating = self.env["mfg.appraisal.rating"]
        for appraisal in self:
            appraisal.my_rating_ids = Rating.browse(by_appraisal.get(appraisal._origin.id, []))

    def _inverse_my_rating_ids(self):
        """Written by ``write`` on the ratings themselves (``_write_my_ratings``)."""

    @api.depends_context("uid")
    @api.depends("employee_user_id", "appraiser_id", "company_id")
    def _compute_user_roles(self):
        user = self.env.user
        hr = self._is_hr()
        for appraisal in self:
            own = appraisal.employee_user_id == user
            manager = not own and (
                appraisal.appraiser_id == user or (hr and appraisal.company_id in user.company_ids)
            )
            appraisal.user_is_appraisee = own
            appraisal.user_can_rate = not own and appraisal.appraiser_id == user
            appraisal.user_can_follow_up = manager

    # ------------------------------------------------------------------
    # Write policy (policy.py) and access helpers
    # ------------------------------------------------------------------
    def _guard_appraisal(self):
        self.ensure_one()
        return self.sudo()

    def _guard_allowed_fields(self):
        appraisal = self.sudo()
        roles = self._guard_roles(appraisal)
        return policy.allowed(policy.APPRAISAL, roles, appraisal.state)

    def _current_reviews(self, user):
        """Pending approval reviews of this appraisal that ``user`` may decide."""
        self.ensure_one()
        return self.sudo().review_ids.filtered(
            lambda r: r.status == "pending" and user in r.reviewer_ids
        )

    def _is_hr(self):
        return self.env.user.has_group("mfg_appraisal.group_appraisal_hr")

    def _check_not_own(self):
        """Nobody acts on their own appraisal beyond the self-assessment and the appeal."""
        if self.env.su:
            return
        for appraisal in self:
            if appraisal.employee_user_id == self.env.user:
                raise UserError(
                    self.env._(
                        "You cannot take this step on your own appraisal (%(who)s).",
                        who=appraisal.employee_id.name,
                    )
                )

    def _check_appraiser(self, step):
        """The appraiser or HR, never on their own appraisal."""
        self._check_not_own()
        if self.env.su:
            return
        for appraisal in self:
            if appraisal.appraiser_id != self.env.user and not self._is_hr():
                raise UserError(
                    self.env._(
                        "Only the appraiser of %(who)s or HR may %(step)s.",
                        who=appraisal.employee_id.name,
                        step=step,
                    )
                )

    def _check_hr(self, step):
        self._check_not_own()
        if not self.env.su and not self._is_hr():
            raise UserError(self.env._("Only HR may %(step)s.", step=step))

    def _state_label(self, state):
        return dict(self._fields["state"]._description_selection(self.env)).get(state, state)

    def _check_state(self, *states):
        for appraisal in self:
            if appraisal.state not in states:
                raise UserError(
                    self.env._(
                        "The appraisal of %(who)s is %(state)s: this action needs it %(needed)s.",
                        who=appraisal.employee_id.name,
                        state=self._state_label(appraisal.state),
                        needed=" / ".join(self._state_label(s) for s in states),
                    )
                )

    @api.constrains("review_adjustment", "adjustment_reason")
    def _check_review_adjustment(self):
        for appraisal in self:
            if not appraisal.review_adjustment:
                continue
            limit = appraisal.template_id.sudo().max_review_adjustment
            if abs(appraisal.review_adjustment) > limit:
                raise ValidationError(
                    self.env._(
                        "The review adjustment of %(who)s must stay within ±%(limit)s points.",
                        who=appraisal.employee_id.name,
                        limit=limit,
                    )
                )
            if not (appraisal.adjustment_reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the reason of the review adjustment of %(who)s.",
                        who=appraisal.employee_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._guard_check_create()
        return super().create(vals_list)

    def write(self, vals):
        if "my_rating_ids" in vals:
            vals = dict(vals)
            self._write_my_ratings(vals.pop("my_rating_ids"))
            if not vals:
                return True
        if len(self) > 1:
            # A set read from another record's relation prefetches through that record's cache:
            # once the cache is cleared (an unlink does), each record would be read on its own.
            self = self.with_prefetch()  # pylint: disable=self-cls-assignment
        self._guard_check_write(vals)
        html_changes = [name for name in ("interview_notes", "improvement_plan") if name in vals]
        previous_appraiser = {a.id: a.appraiser_id for a in self} if "appraiser_id" in vals else {}
        was_open = {a.id: a.state in RATING_OPEN_STATES for a in self} if "state" in vals else {}
        left_rating = (
            self.filtered(lambda a: a.state == "rating")
            if "state" in vals and vals["state"] != "rating"
            else self.browse()
        )
        result = super().write(vals)
        if was_open:
            self._rating_window_changed(was_open)
        if left_rating:
            left_rating._drop_rater_activities()
        if "disposition" in vals:
            # Who decided and when: recorded by the system, never given by the caller.
            super(MfgAppraisal, self.sudo()).write(
                {
                    "disposition_by": self.env.uid if vals["disposition"] else False,
                    "disposition_date": vals["disposition"] and fields.Date.context_today(self),
                }
            )
        if html_changes:
            self._log_html_changes(html_changes)
        if previous_appraiser:
            self._move_appraiser_rater(previous_appraiser)
        return result

    def _write_my_ratings(self, commands):
        """The web client saves the user's own scores with the appraisal: each one is written
        on the rating itself, under the rating's write policy (own entry, open step)."""
        Rating = self.env["mfg.appraisal.rating"]
        own = Rating.sudo().search(
            [("appraisal_id", "in", self.ids), ("user_id", "=", self.env.uid)]
        )
        for command in commands or []:
            if command[0] == 1 and command[1] in own.ids:
                Rating.browse(command[1]).write(command[2])
            elif command[0] not in (4, 6) and not (command[0] == 1 and not command[2]):
                raise UserError(
                    self.env._("Only your own scores of this appraisal can be changed here.")
                )

    def _rating_window_changed(self, was_open):
        """The direct-rating lines of the appraisals whose state crossed RATING_OPEN_STATES
        (``was_open``: {id: open before}) show or hide their combined score: recompute them,
        and what derives from them (sections, totals), only for those."""
        crossed = self.filtered(
            lambda a: was_open.get(a.id) is not None
            and was_open[a.id] != (a.state in RATING_OPEN_STATES)
        )
        if crossed:
            lines = crossed.sudo().line_ids.filtered(lambda line: line.rule_kind == "direct")
            lines.modified(["rule"])

    def _log_html_changes(self, names):
        """Html fields cannot be tracked in Odoo 19: log their new text in the chatter (one
        note per appraisal, created together)."""
        entries = []
        for appraisal in self:
            parts = Markup()
            for name in names:
                label = self._fields[name]._description_string(self.env)
                text = html2plaintext(appraisal[name] or "") or self.env._("(emptied)")
                parts += Markup("<p><b>%s</b></p><p>%s</p>") % (label, text)
            entries.append((appraisal, parts, False))
        self.sudo()._batch_log(entries)

    def _move_appraiser_rater(self, previous):
        """HR changed the appraiser before rating: the superior's rater entry follows, for the
        whole set at once."""
        to_unlink = self.env["mfg.appraisal.rater"].sudo()
        moved = {}  # new appraiser id: rater entries moving to them
        to_create = self.browse()
        for appraisal in self.sudo():
            old = previous.get(appraisal.id)
            rater = appraisal.rater_ids.filtered(
                lambda r, old=old: r.role in ("superior", "indirect") and r.user_id == old
            )
            if rater and appraisal.appraiser_id:
                moved.setdefault(appraisal.appraiser_id.id, []).extend(rater.ids)
            elif rater:
                to_unlink |= rater
            elif appraisal.appraiser_id:
                to_create |= appraisal
        for user_id, rater_ids in moved.items():
            to_unlink.browse(rater_ids).write({"user_id": user_id, "role": "superior"})
        to_unlink.unlink()
        to_create._create_superior_rater()

    def _create_superior_rater(self):
        """A superior rater entry for the appraiser of each appraisal, with its rating rows."""
        appraisals = self.sudo()
        raters = (
            self.env["mfg.appraisal.rater"]
            .sudo()
            .create(
                [
                    {"appraisal_id": a.id, "user_id": a.appraiser_id.id, "role": "superior"}
                    for a in appraisals
                ]
            )
        )
        self.env["mfg.appraisal.rating"].sudo().create(
            [
                {"rater_id": rater.id, "line_id": line.id}
                for rater in raters
                for line in rater.appraisal_id.line_ids
                if line.rule_kind == "direct" and line.section_id._role_weights().get("superior")
            ]
        )

    # ------------------------------------------------------------------
    # Approval chain (tier.validation): reviews change only through these steps
    # ------------------------------------------------------------------
    def _get_under_validation_exceptions(self):
        return [
            *super()._get_under_validation_exceptions(),
            "review_adjustment",
            "adjustment_reason",
            "disposition",
            "disposition_note",
            "disposition_by",
            "disposition_date",
            "note_ids",
        ]

    def _check_reviewer(self):
        self._check_not_own()
        if self.env.su:
            return
        for appraisal in self:
            if appraisal.state != "review" or not appraisal._current_reviews(self.env.user):
                raise UserError(
                    self.env._(
                        "No approval step of the appraisal of %(who)s waits for you.",
                        who=appraisal.employee_id.name,
                    )
                )

    def validate_tier(self):
        self._check_reviewer()
        return super(MfgAppraisal, self.sudo()).validate_tier()

    def reject_tier(self):
        self._check_reviewer()
        return super(MfgAppraisal, self.sudo()).reject_tier()

    def _own_pending_tiers(self, tiers):
        """``tiers`` limited to this appraisal's pending reviews the current user decides."""
        self.ensure_one()
        mine = self._current_reviews(self.env.user)
        return (tiers & mine) if tiers else mine

    def _validate_tier(self, tiers=False):
        if not self.env.su:
            self._check_reviewer()
            tiers = self._own_pending_tiers(tiers)
        return super(MfgAppraisal, self.sudo())._validate_tier(tiers and tiers.sudo())

    def _rejected_tier(self, tiers=False):
        if not self.env.su:
            self._check_reviewer()
            tiers = self._own_pending_tiers(tiers)
        return super(MfgAppraisal, self.sudo())._rejected_tier(tiers and tiers.sudo())

    @api.model
    def _update_counter(self, review_counter):
        return super(MfgAppraisal, self.sudo())._update_counter(review_counter)

    def request_validation(self):
        """Create the approval reviews of the whole set at once (the framework searches the
        tier definitions and posts its notices once per record)."""
        if not self.env.su:
            raise UserError(
                self.env._("The approval chain starts when the appraiser submits the rating.")
            )
        if len(self) < 2:
            return super().request_validation()
        records = self.with_prefetch()
        # The definitions evaluated once for the set; need_validation (computed from the same
        # evaluation) is not computed again record by record.
        by_record = records._tier_definitions_by_record()
        vals_list = []
        requested = set()
        for record in records:
            definitions = by_record.get(record.id)
            if not definitions or record.review_ids or not record._check_state_from_condition():
                continue
            requested.add(record.id)
            for sequence, definition in enumerate(definitions, start=1):
                vals_list.append(record._prepare_tier_review_vals(definition, sequence))
        reviews = self.env["tier.review"].create(vals_list)
        self._promote_first_reviews(reviews)
        others = records.filtered(lambda r: r.id not in requested)
        if self._can_review_any(reviews, self.env.user) or any(others.mapped("can_review")):
            # The reviews are promoted already: the counter's promotion again is skipped.
            self.with_context(tier_validation_defer_compute_can_review=True)._update_counter(
                {"review_created": True}
            )
        notify = reviews.filtered(lambda r: r.definition_id.notify_on_create)
        if notify:
            self.browse(notify.mapped("res_id"))._notify_review_requested(notify)
        return reviews

    @api.model
    def _can_review_any(self, reviews, user):
        """Whether ``user`` can review one of the appraisals whose only reviews are
        ``reviews`` (just requested): the appraisals' ``can_review`` for them, read from the
        reviews in hand rather than computed appraisal by appraisal."""
        by_record = {}
        for review in reviews:
            if review.status in ("waiting", "pending"):
                by_record.setdefault(review.res_id, []).append(review)
        for open_reviews in by_record.values():
            mine = [r for r in open_reviews if user in r.reviewer_ids]
            if any(not r.approve_sequence for r in mine):
                return True
            sequences = [r.sequence for r in mine if r.approve_sequence]
            if sequences and min(sequences) <= min(r.sequence for r in open_reviews):
                return True
        return False

    @api.model
    def _promote_first_reviews(self, reviews):
        """The framework's promotion of the reviews that can be decided now (``waiting`` →
        ``pending``), for reviews just requested, in one write: it assigns each review's status
        on its own, and each assignment looks the appraisals' relation up again."""
        first = {}
        for review in reviews:
            if review.status in ("waiting", "pending"):
                key = review.res_id
                first[key] = min(first.get(key, review.sequence), review.sequence)
        promoted = reviews.filtered(
            lambda r: r.status == "waiting"
            and r.res_id
            and r._has_resource_model()
            and (not r.approve_sequence or r.sequence == first.get(r.res_id))
        )
        promoted.write({"status": "pending"})
        for review in promoted.filtered("definition_id.notify_on_pending"):
            review._notify_pending_status(review)
        reviews.flush_recordset(["status", "can_review"])

    def restart_validation(self):
        """Drop the approval reviews of the whole set at once; reviews whose definition
        notifies on restart keep the framework's one-by-one notice."""
        if not self.env.su:
            raise UserError(
                self.env._("Only HR restarts an approval chain, by sending the appraisal back.")
            )
        if len(self) < 2:
            return super().restart_validation()
        in_review = self.filtered(lambda r: r.state in self._state_from)
        noticed = self.browse(
            in_review.review_ids.filtered("definition_id.notify_on_restarted").mapped("res_id")
        )
        if noticed:
            super(MfgAppraisal, noticed).restart_validation()
        rest = in_review - noticed
        reviews = rest.review_ids
        update = any(r.status in ("waiting", "pending") for r in reviews) and any(
            rest.mapped("can_review")
        )
        reviews.unlink()
        if update:
            rest._update_counter({"review_deleted": True})
        return None

    def _approval_missing(self):
        """Text naming what the approval chain of this appraisal still waits for, or False."""
        self.ensure_one()
        return self._approval_missing_batch()[self.id]

    def _approval_missing_batch(self):
        """{appraisal id: text naming what its approval chain still waits for, or False}, for
        the whole set at once."""
        appraisals = self.sudo()
        appraisals.invalidate_recordset(["need_validation", "review_ids"])
        result = {}
        for appraisal in appraisals:
            if appraisal.need_validation:
                result[appraisal.id] = self.env._("the approval chain was never requested")
                continue
            waiting = appraisal.review_ids.filtered(lambda r: r.status != "approved")
            result[appraisal.id] = ", ".join(r._mfg_waiting_text() for r in waiting) or False
        return result

    # ------------------------------------------------------------------
    # Approval chain, set-based: tier definitions read once for the whole set
    # ------------------------------------------------------------------
    def _tier_definitions_by_record(self):
        """{appraisal id: applicable tier definitions, highest sequence first}, reading the
        definitions once and evaluating each one's domain on the whole set."""
        definitions = (
            self.env["tier.definition"]
            .with_context(active_test=True)
            .search([("model", "=", self._name)], order="sequence desc")
        )
        real = self.filtered(lambda r: isinstance(r.id, int))
        result = {record.id: [] for record in real}
        for definition in definitions:
            scope = real.filtered(
                lambda r, d=definition: not d.company_id or d.company_id == r._get_company()
            )
            for record in scope.evaluate_tier(definition) if scope else scope:
                result[record.id].append(definition)
        return result

    def _compute_need_validation(self):
        by_record = self._tier_definitions_by_record()
        for record in self:
            record.need_validation = bool(
                by_record.get(record.id)
                and not record.review_ids
                and record._check_state_from_condition()
            )

    def _tier_validation_check_write_remove_reviews(self, vals):
        """Reviews dropped by a state change (cancel, back before review) in one unlink for
        the whole set, not one per record."""
        if len(self) < 2:
            return super()._tier_validation_check_write_remove_reviews(vals)
        self.filtered(lambda r: r._allow_to_remove_reviews(vals)).review_ids.unlink()
        return None

    def _tier_validation_check_write_allowed(self, vals):
        """The framework's check reads the validation exceptions once per record: read them
        once per company and check only the records the check can refuse."""
        if len(self) < 2:
            return super()._tier_validation_check_write_allowed(vals)
        for _company, records in self.grouped(lambda r: r._get_company()).items():
            if records[:1]._get_validation_exceptions(add_base_exceptions=False):
                super(MfgAppraisal, records)._tier_validation_check_write_allowed(vals)
                continue
            # Without exceptions the check after validation never refuses; the one under
            # validation concerns records with reviews leaving no approval state.
            under = records.filtered(
                lambda r: r.review_ids and r._check_tier_state_transition(vals)
            )
            if under:
                super(MfgAppraisal, under)._tier_validation_check_write_allowed(vals)
        return None

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def action_submit_self(self):
        """The appraisee hands in the self-assessment: rating starts."""
        self._check_submit_self_role()
        self._to_rating()
        if len(self) == 1 and self.employee_user_id == self.env.user:
            return self._notify_done(
                self.env._(
                    "Your self-assessment is submitted: %(who)s rates you next.",
                    who=self.sudo().appraiser_id.name or self.env._("your appraiser"),
                )
            )
        return True

    def _check_submit_self_role(self):
        """The self-assessments are in their step, handed in by the appraisee or HR."""
        self._check_state("self_assessment")
        if not self.env.su:
            for appraisal in self:
                if appraisal.employee_user_id != self.env.user and not self._is_hr():
                    raise UserError(self.env._("Only the appraisee submits the self-assessment."))

    def _check_submit_self(self, on_behalf=False):
        """Every check of handing in these self-assessments (``_to_rating``), without doing
        it: for a submission run elsewhere (in background parts) refused at once."""
        self._check_submit_self_role()
        self.with_prefetch()._own_to_submit(on_behalf)._check_submit()

    def _own_to_submit(self, on_behalf=False):
        """The appraisees' own rater entries handed in with the self-assessment."""
        own = self.rater_ids.filtered(lambda r: r.role == "self" and r.state == "todo")
        # The kiosk entry of an appraisee without a user counts only when fully scored: left
        # unscored it stays open (not counted), it never blocks closing the step.
        own = own.filtered(
            lambda r: r.user_id
            or (r.sudo().rating_ids and all(r.sudo().rating_ids.mapped("score_set")))
        )
        if on_behalf:
            own = own.filtered(lambda r: all(r.sudo().rating_ids.mapped("score_set")))
        return own

    def _to_rating(self, on_behalf=False):
        """Self-assessment → rating. On behalf (HR), self-scores the appraisee left incomplete
        are not submitted: they do not count, as for any rater who does not answer."""
        appraisals = self.with_prefetch()  # its own ids, whatever cache it was read from
        appraisals._own_to_submit(on_behalf).action_submit()
        sudo = appraisals.sudo()
        if on_behalf:
            appraisals._batch_close_activities(
                sudo.activity_ids.filtered(
                    lambda a: a.user_id == sudo.browse(a.res_id).employee_user_id
                ),
                feedback=self.env._("Submitted on behalf by HR."),
            )
        sudo.write({"state": "rating"})
        sudo._schedule_rater_activities()

    def _notify_done(self, message):
        """A confirmation for the person who clicked, then the form reloads."""
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def _employee_self_assessment(self, employee, evidence, self_report=None, submit=False):
        """The self-assessment of ``employee``, an appraisee without a user identified by a
        verified workshop kiosk session (the caller checks the session; a private method, so
        never reachable through RPC, and nothing here is read from the context).

        The appraisee's rights of the write policy apply as for a user: their own appraisal,
        in self-assessment, the self-report only; ``submit`` hands it in (their self scores
        must be complete) and rating starts. The chatter records it as the employee, with the
        kiosk session (``evidence``).
        """
        self.ensure_one()
        appraisal = self.sudo()
        if appraisal.employee_id != employee or appraisal.employee_user_id or employee.user_id:
            raise AccessError(self.env._("This appraisal is not yours."))
        appraisal._check_state("self_assessment")
        allowed = policy.allowed(policy.APPRAISAL, {"appraisee"}, appraisal.state)
        if self_report is not None:
            if "self_report" not in allowed:
                raise AccessError(self.env._("This appraisal is not yours."))
            appraisal.self_report = self_report
        author = employee.work_contact_id.id
        if submit:
            own = appraisal.rater_ids.filtered(
                lambda r: r.role == "self" and r.rater_employee_id == employee
            )
            if not own or any(not rater._rater_roles(employee) for rater in own):
                raise AccessError(self.env._("This appraisal is not yours."))
            missing = own.rating_ids.filtered(lambda r: not r.score_set)
            if missing:
                raise UserError(
                    self.env._(
                        "Score every line before submitting; missing: %(lines)s.",
                        lines=", ".join(missing.mapped("line_name")),
                    )
                )
            own.action_submit()
            appraisal.action_submit_self()
            body = self.env._(
                "%(employee)s submitted their self-assessment %(evidence)s.",
                employee=employee.name,
                evidence=evidence,
            )
        elif self_report is not None:
            body = self.env._(
                "%(employee)s wrote their self-report %(evidence)s.",
                employee=employee.name,
                evidence=evidence,
            )
        else:
            return True
        appraisal.message_post(
            body=body, author_id=author, message_type="comment", subtype_xmlid="mail.mt_note"
        )
        return True

    def _missing_lines(self):
        """Lines of this appraisal that cannot be scored yet."""
        self.ensure_one()
        return self.sudo().line_ids.filtered(lambda line: line._score_now()[1] is None)

    def _refuse_missing_lines(self, missing):
        """Refuse to close the rating of this appraisal while ``missing`` lines have no
        score."""
        if missing:
            raise UserError(
                self.env._(
                    "Score every line of %(who)s first; missing: %(lines)s.",
                    who=self.employee_id.name,
                    lines=", ".join(missing.mapped("name")),
                )
            )

    def _superiors_to_submit(self):
        """The appraisers' own rater entries, handed in with the rating."""
        return (
            self.sudo()
            .with_prefetch()
            .rater_ids.filtered(
                lambda r: r.role in ("superior", "indirect")
                and r.user_id == r.appraisal_id.appraiser_id
                and r.state == "todo"
            )
        )

    def _check_submit_rating(self):
        """Every check of ``action_submit_rating`` without doing it: for a submission run
        elsewhere (in background parts) refused at once. The lines are checked as they will
        be once the appraisers' entries are handed in: a direct-rating line weighing the
        superior needs a superior's score, submitted or handed in now."""
        self._check_state("rating")
        self._check_appraiser(self.env._("submit the rating"))
        superiors = self._superiors_to_submit()
        superiors.with_env(self.env)._check_submit()
        for appraisal in self.sudo().with_prefetch():
            missing = appraisal.line_ids.filtered(
                lambda line: (
                    not any(
                        rating.rater_id.role in ("superior", "indirect")
                        and (rating.rater_id.state == "submitted" or rating.rater_id in superiors)
                        for rating in line.rating_ids
                    )
                    if line.rule_kind == "direct"
                    and line.section_id._role_weights().get("superior")
                    else line._score_now()[1] is None
                )
            )
            appraisal._refuse_missing_lines(missing)

    def action_submit_rating(self):
        """The appraiser closes the rating: every line scored; the review chain starts."""
        self._check_state("rating")
        self._check_appraiser(self.env._("submit the rating"))
        sudo = self.sudo().with_prefetch()  # its own ids, whatever cache it was read from
        sudo._superiors_to_submit().with_env(self.env).action_submit()
        for appraisal in self:
            missing = appraisal._missing_lines()
            appraisal._refuse_missing_lines(missing)
        sudo.write({"state": "review"})
        # need_validation has no dependencies: drop values computed before the state change.
        sudo.invalidate_recordset(["need_validation", "review_ids"])
        sudo.request_validation()
        self._batch_close_activities(
            sudo.activity_ids.filtered(lambda a: a.user_id == self.env.user)
        )
        return self._warn_tier_gaps()

    def action_publish(self):
        """HR publishes reviewed appraisals, once their approval chain is validated."""
        self._check_publish()
        today = fields.Date.context_today(self)
        self.sudo().write({"state": "published", "date_published": today})
        self._apply_results()
        self._log_results(self.env._("Result published"))
        self._schedule_activities(
            [
                (a, a.employee_user_id, self.env._("Your appraisal result is published"))
                for a in self
            ]
        )
        return True

    def _check_publish(self):
        """Raise unless HR may publish these appraisals now: reviewed, approvals complete."""
        self._check_hr(self.env._("publish appraisal results"))
        self._check_state("review")
        missing = self._approval_missing_batch()
        for appraisal in self:
            if missing.get(appraisal.id):
                raise UserError(
                    self.env._(
                        "The approval of %(who)s is not complete yet: waiting for %(missing)s.",
                        who=appraisal.employee_id.name,
                        missing=missing[appraisal.id],
                    )
                )

    def _log_results(self, title, old_scores=None):
        """One chatter note per appraisal with its final result (and the previous one)."""
        grades = dict(self._fields["grade"]._description_selection(self.env))
        bodies = {}
        for appraisal in self.sudo():
            text = self.env._(
                "%(title)s: final score %(score)s, grade %(grade)s.",
                title=title,
                score=f"{appraisal.final_score:.2f}",
                grade=grades.get(appraisal.grade, "—"),
            )
            if old_scores and appraisal.id in old_scores:
                text += " " + self.env._(
                    "Before: %(score)s.", score=f"{old_scores[appraisal.id]:.2f}"
                )
            if appraisal.result_note:
                text += "\n" + appraisal.result_note
            bodies[appraisal.id] = Markup("<p>%s</p>") % text
        self.sudo()._message_log_batch(bodies)

    def _apply_corrected_score(self, score, title):
        """A published result changes (accepted appeal): the final score, then everything
        derived from it (grade, bonus tier and amount, result flags), logged in the chatter."""
        old = {appraisal.id: appraisal.final_score for appraisal in self}
        self.sudo().write({"appeal_score": score})
        self._apply_results()
        self._log_results(title, old)

    def action_start_interview(self):
        self._check_state("published")
        self._check_appraiser(self.env._("start the interview"))
        self.sudo().write({"state": "interview"})
        return True

    def action_done(self):
        self._check_state("interview", "published")
        self._check_appraiser(self.env._("close the appraisal"))
        if any(a.grade == "fail" and not a.improvement_plan for a in self):
            raise UserError(self.env._("A failing appraisal needs an improvement plan."))
        self.sudo().write({"state": "done"})
        return True

    def action_cancel(self):
        self._check_hr(self.env._("cancel appraisals"))
        self._check_state("draft", "self_assessment", "rating", "review")
        self.sudo().write({"state": "cancelled"})
        return True

    def action_back_to_rating(self):
        """HR sends a reviewed appraisal back to its appraiser (the chain starts again)."""
        self._check_hr(self.env._("send appraisals back"))
        self._check_state("review")
        sudo = self.sudo().with_prefetch()  # its own ids, whatever cache it was read from
        sudo.restart_validation()
        sudo.rater_ids.filtered(lambda r: r.user_id == r.appraisal_id.appraiser_id).write(
            {"state": "todo", "date_submitted": False}
        )
        sudo.write({"state": "rating", "review_adjustment": 0.0, "adjustment_reason": False})
        # The raters who had not handed in their scores rate again: their to-dos, dropped when
        # the rating closed, are back on their entries.
        sudo._schedule_rater_activities(sudo._all_raters()._rates_on_entry())
        return True

    def action_open_correction(self):
        """HR manager's tracked correction of a published result."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct the Result"),
            "res_model": "mfg.appraisal.correction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    def action_appeal(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Appeal: %(who)s, %(cycle)s", who=self.employee_id.name, cycle=self.cycle_id.name
            ),
            "res_model": "mfg.appraisal.appeal",
            "view_mode": "form",
            "target": "new",
            "context": {"default_appraisal_id": self.id},
        }

    # ------------------------------------------------------------------
    # HR bulk actions (appraisal list)
    # ------------------------------------------------------------------
    def action_submit_on_behalf(self, reason):
        """HR hands in the current step for the people who did not: the self-assessment for
        the appraisee, the rating for the appraiser. The reason is logged on each appraisal."""
        reason = self._check_submit_on_behalf(reason)
        appraisals = self.with_prefetch()
        sudo = appraisals.sudo()
        steps = {
            "self_assessment": self.env._("self-assessment"),
            "rating": self.env._("rating"),
        }
        self._batch_log(
            [
                (
                    appraisal,
                    self.env._(
                        "%(step)s submitted on behalf of %(who)s by %(by)s. Reason: %(reason)s",
                        step=steps[appraisal.state],
                        who=(
                            appraisal.employee_id.name
                            if appraisal.state == "self_assessment"
                            else appraisal.appraiser_id.name or "-"
                        ),
                        by=self.env.user.name,
                        reason=reason,
                    ),
                    False,
                )
                for appraisal in sudo
            ]
        )
        selfs = appraisals.filtered(lambda a: a.state == "self_assessment")
        ratings = appraisals - selfs
        if ratings:
            ratings.action_submit_rating()
        if selfs:
            selfs._to_rating(on_behalf=True)
        return True

    def _check_submit_on_behalf(self, reason):
        """HR, a reason, appraisals in a step handed in on behalf: returns the reason."""
        self._check_hr(self.env._("submit on behalf"))
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason for submitting on behalf."))
        self._check_state("self_assessment", "rating")
        return reason

    def _waiting_for(self):
        """{(appraisal id, user id)} of the people each appraisal waits for now."""
        waiting = set()
        for appraisal in self.sudo():
            if appraisal.state == "self_assessment" and appraisal.employee_user_id:
                waiting.add((appraisal.id, appraisal.employee_user_id.id))
            elif appraisal.state == "rating":
                for rater in appraisal.rater_ids:
                    if rater.role != "self" and rater.state == "todo":
                        waiting.add((appraisal.id, rater.user_id.id))
            elif appraisal.state == "review":
                for review in appraisal.review_ids:
                    if review.status == "pending":
                        waiting.update((appraisal.id, user.id) for user in review.reviewer_ids)
        return waiting

    def action_remind(self):
        """Remind the people the selected appraisals wait for: their open to-do is notified
        again, or a to-do is created for those without one."""
        self._check_hr(self.env._("send reminders"))
        appraisals = self.with_prefetch()
        waiting = appraisals._waiting_for()
        if not waiting:
            raise UserError(
                self.env._("The selected appraisals wait for nobody: there is nobody to remind.")
            )
        sudo = appraisals.sudo()
        # The raters who rate through their entry are reminded there (``_rates_on_entry``).
        entries = {
            (rater.appraisal_id.id, rater.user_id.id): rater
            for rater in sudo._all_raters()._rates_on_entry()
            if rater.state == "todo" and rater.appraisal_id.state == "rating"
        }
        raters = self.env["mfg.appraisal.rater"].sudo().union(*entries.values())
        appraisal_of = {rater.id: rater.appraisal_id.id for rater in raters}
        pending = sudo.activity_ids.filtered(
            lambda a: (a.res_id, a.user_id.id) in waiting
            and (a.res_id, a.user_id.id) not in entries
        )
        pending_entries = raters._own_todos()
        covered = {(a.res_id, a.user_id.id) for a in pending} | {
            (appraisal_of[a.res_id], a.user_id.id) for a in pending_entries
        }
        self._batch_notify_activities(pending)
        raters._batch_notify_activities(pending_entries)
        users = self.env["res.users"].sudo().browse(sorted({user for _a, user in waiting}))
        todo = {}
        for appraisal_id, user_id in sorted(waiting - covered):
            record = entries.get((appraisal_id, user_id)) or sudo.browse(appraisal_id)
            todo.setdefault(record._name, []).append(
                (
                    record,
                    users.browse(user_id),
                    self.env._(
                        "Reminder: the appraisal of %(who)s waits for you",
                        who=sudo.browse(appraisal_id).employee_id.name,
                    ),
                )
            )
        self._schedule_activities(todo.get(self._name, []))
        raters._schedule_activities(todo.get(raters._name, []))
        names = {}
        for appraisal_id, user_id in waiting:
            names.setdefault(appraisal_id, []).append(users.browse(user_id).name)
        self._batch_log(
            [
                (
                    appraisal,
                    self.env._(
                        "Reminder sent by %(by)s to %(who)s.",
                        by=self.env.user.name,
                        who=", ".join(sorted(names.get(appraisal.id, []))),
                    ),
                    False,
                )
                for appraisal in sudo
                if appraisal.id in names
            ]
        )
        return self._notify_done(self.env._("%(count)s reminder(s) sent.", count=len(waiting)))

    def action_print_sheets(self):
        """The appraisal sheets of the selection, in one PDF."""
        return self.env.ref("mfg_appraisal.mfg_appraisal_action_report").report_action(self)

    # ------------------------------------------------------------------
    # Activities (batch)
    # ------------------------------------------------------------------
    def _schedule_rater_activities(self, raters=None):
        """The rating to-dos of the open rater entries of these appraisals (``raters``: some
        of them; default all), self-assessments aside. Each lands where its rater rates
        (``mfg.appraisal.rater.action_open_rating``): the appraiser on the appraisal, the others
        (peers, subordinates…, who may not open the appraisal) on their own rater entry."""
        if raters is None:
            raters = self._all_raters()
        raters = raters.filtered(lambda r: r.role != "self" and r.state == "todo")
        on_entry = raters._rates_on_entry()
        deadline = self[:1].cycle_id.date_rating_deadline
        self._schedule_activities(
            [
                (rater.appraisal_id, rater.user_id, rater._rating_summary())
                for rater in raters - on_entry
            ],
            deadline,
        )
        on_entry._schedule_activities(
            [(rater, rater.user_id, rater._rating_summary()) for rater in on_entry], deadline
        )

    def _all_raters(self):
        """Every rater entry of these appraisals, as superuser, in one query. Not through
        ``rater_ids``: the entries read by a user who sees only some of them (the appraisee who
        hands in, their own entry) stay cached for the superuser too."""
        return self.env["mfg.appraisal.rater"].sudo().search([("appraisal_id", "in", self.ids)])

    def _drop_rater_activities(self):
        """These appraisals left rating: the open to-dos of their raters on their rater entries
        go, there is nothing left to rate there (``action_back_to_rating`` brings them back)."""
        self._all_raters()._own_todos().unlink()

    # ------------------------------------------------------------------
    # Launch (set-based)
    # ------------------------------------------------------------------
    @api.model
    def _launch_cycle(self, cycle):
        """Create the appraisals of ``cycle``: participants, exclusions, frozen sheets, raters,
        KPI prefill and activities, in a number of queries that does not grow with headcount."""
        return self._launch_create(cycle, self._launch_scope(cycle))

    @api.model
    def _launch_scope(self, cycle):
        """The people ``cycle`` appraises, after its checks and exclusions (recorded): raises
        when there is nobody or a sheet is incomplete. The first half of a launch; the second,
        ``_launch_create``, may run for the people in parts."""
        employees = self._cycle_participants(cycle)
        templates = self._templates_by_job(cycle, employees)
        # In scope without a sheet: a visible exclusion naming the position, never silence.
        without = employees.filtered(lambda e: e.job_id not in templates)
        if without == employees:
            raise UserError(
                self.env._(
                    "No active %(kind)s sheet for the positions: %(jobs)s.",
                    kind=dict(cycle._fields["kind"]._description_selection(self.env))[cycle.kind],
                    jobs=", ".join(without.job_id.mapped("name")) or "-",
                )
            )
        self.env["mfg.appraisal.exclusion"]._record(
            cycle,
            {
                employee.id: [
                    (
                        "no_sheet",
                        self.env._("No active sheet for %(job)s", job=employee.job_id.name or "-"),
                    )
                ]
                for employee in without
            },
        )
        employees -= without
        templates_used = self.env["mfg.appraisal.template"].union(
            *(templates[job] for job in employees.job_id)
        )
        # The team-member exclusion rules (第2条) are computed only for people appraised on a
        # team-member sheet; exclusions HR recorded by hand apply to anyone.
        team = employees.filtered(
            lambda e: (cycle.template_id or templates[e.job_id]).team_exclusions
        )
        excluded = self.env["mfg.appraisal.exclusion"]._exclude(cycle, employees, team)
        employees -= excluded
        if not employees:
            raise UserError(self.env._("Nobody is left to appraise in %(c)s.", c=cycle.name))
        # Everything the launch needs, checked at once (before any background part): one
        # error lists every problem; an HR manager's option grants the missing groups first.
        appraisers, _notes = self._appraisers(cycle, employees)
        people = self._launch_people(cycle, employees, appraisers, templates)
        if cycle.grant_groups:
            self._grant_launch_groups(cycle, people)
        self._raise_launch_problems(
            cycle,
            self._launch_problems(cycle, templates_used, people),
            groups_missing=bool(people["users"] or people["appraisers"]),
        )
        return employees

    @api.model
    def _launch_create(self, cycle, employees):
        """Create the appraisals of ``employees`` (in the scope of ``cycle``, see
        ``_launch_scope``) with their frozen sheets, raters, KPI prefill and activities. People
        who already have an appraisal in the cycle are left out, so running it again for the
        same people (a retried background job) creates nothing twice."""
        employees -= (
            self.sudo()
            .search([("cycle_id", "=", cycle.id), ("employee_id", "in", employees.ids)])
            .employee_id
        )
        if not employees:
            return self.browse()
        templates = self._templates_by_job(cycle, employees)
        templates_used = self.env["mfg.appraisal.template"].union(
            *(templates[job] for job in employees.job_id)
        )
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
        # Created as the system once HR's launch was checked: nobody creates appraisals by hand.
        quiet = self.sudo().with_context(tracking_disable=True, mail_create_nolog=True)
        appraisals = quiet.create(vals_list)
        # Sections, then lines, each in one batch.
        sections_vals, lines_of_section = [], []
        for appraisal in appraisals:
            for section in frozen[appraisal.template_id]:
                vals = {k: v for k, v in section.items() if k != "lines"}
                sections_vals.append(dict(vals, appraisal_id=appraisal.id))
                lines_of_section.append(section["lines"])
        sections = quiet.env["mfg.appraisal.section"].create(sections_vals)
        # The lines are created with their KPI values (prefill), in one batch.
        kpis = {
            line["kpi_id"]
            for sections_of in frozen.values()
            for section in sections_of
            for line in section["lines"]
            if line.get("kpi_id") and line.get("rule_kind") != "direct"
        }
        prefill = self._kpi_prefill(
            cycle, kpis, employees.ids, [d.id for d in employees.department_id]
        )
        quiet.env["mfg.appraisal.line"].create(
            [
                dict(
                    line,
                    section_id=section.id,
                    appraisal_id=section.appraisal_id.id,
                    **self._kpi_prefill_vals(
                        line,
                        section.appraisal_id.employee_id.id,
                        section.appraisal_id.department_id.id,
                        prefill,
                    ),
                )
                for section, lines in zip(sections, lines_of_section, strict=True)
                for line in lines
            ]
        )
        appraisals._create_raters(employees)
        appraisals._schedule_activities(
            [
                (a, a.employee_user_id, self.env._("Fill in your self-assessment"))
                for a in appraisals
            ],
            cycle.date_indicators_fixed,
        )
        return appraisals.with_env(self.env)

    @api.model
    def _cycle_templates(self, cycle):
        """Active sheets of the cycle's company that serve its kind (and its system)."""
        domain = [("state", "=", "active"), ("company_id", "=", cycle.company_id.id)]
        if cycle.appraisal_system:
            domain.append(("appraisal_system", "=", cycle.appraisal_system))
        domain.append(("cycle_kind_ids.code", "=", cycle.kind))
        return self.env["mfg.appraisal.template"].search(domain)

    @api.model
    def _cycle_participants(self, cycle):
        """Who the cycle appraises: its positions, else its sheet's, else the positions its
        system appraises (with or without a sheet), else every position with a sheet."""
        domain = [("company_id", "=", cycle.company_id.id)]
        if cycle.job_ids:
            domain.append(("job_id", "in", cycle.job_ids.ids))
        elif cycle.template_id.job_ids:
            domain.append(("job_id", "in", cycle.template_id.job_ids.ids))
        else:
            jobs = self._cycle_templates(cycle).job_ids
            if cycle.appraisal_system in ("workshop_staff", "team_member"):
                jobs |= self.env["hr.job"].search(
                    [("mfg_appraisal_scope", "=", cycle.appraisal_system)]
                )
            domain.append(("job_id", "in", jobs.ids))
        if cycle.department_ids:
            domain.append(("department_id", "child_of", cycle.department_ids.ids))
        return self.env["hr.employee"].sudo().search(domain)

    @api.model
    def _templates_by_job(self, cycle, employees):
        """{position: sheet} for the positions of ``employees`` that have an active sheet of
        the cycle's kind and system."""
        if cycle.template_id:
            return {job: cycle.template_id for job in employees.job_id}
        by_job = {}
        for template in self._cycle_templates(cycle):
            for job in template.job_ids:
                by_job.setdefault(job, template)
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
            indirect = superior.parent_id.user_id
            if superior and changed and changed.date() > limit and indirect:
                appraisers[employee.id] = indirect.id
                notes[employee.id] = self.env._(
                    "Indirect superior proposed: %(s)s leads %(e)s for less than six months.",
                    s=superior.name,
                    e=employee.name,
                )
            elif superior.user_id:
                appraisers[employee.id] = superior.user_id.id
            elif indirect:
                appraisers[employee.id] = indirect.id
                notes[employee.id] = self.env._(
                    "Indirect superior proposed: the direct superior %(s)s has no login.",
                    s=superior.name,
                )
            else:
                notes[employee.id] = self.env._(
                    "No appraiser: %(e)s has no superior with a login. HR assigns the appraiser.",
                    e=employee.name,
                )
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
            else:
                # Without a login, the appraisee self-assesses on a workshop kiosk.
                rater_vals.append(
                    {
                        "appraisal_id": appraisal.id,
                        "rater_employee_id": appraisal.employee_id.id,
                        "role": "self",
                    }
                )
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

    @api.model
    def _kpi_prefill(self, cycle, kpi_ids, employee_ids, department_ids):
        """The KPI values of the cycle's KPI period for ``kpi_ids`` of these employees and
        departments, whatever their status (one value per subject and period: locked, else
        confirmed or draft, which the line marks "not locked"), read in one query: {(kpi id, "e", employee id) or (kpi id, "d",
        department id): value}."""
        if not kpi_ids or not cycle.kpi_period_id:
            return {}
        values = (
            self.env["mfg.kpi.value"]
            .sudo()
            .search_fetch(
                [
                    ("kpi_id", "in", list(kpi_ids)),
                    ("period_id", "=", cycle.kpi_period_id.id),
                    "|",
                    ("employee_id", "in", list(employee_ids)),
                    ("department_id", "in", list(department_ids)),
                ],
                ["kpi_id", "employee_id", "department_id", "value", "state"],
            )
        )
        by_key = {}
        for value in values:
            if value.employee_id:
                by_key[(value.kpi_id.id, "e", value.employee_id.id)] = value
            else:
                by_key[(value.kpi_id.id, "d", value.department_id.id)] = value
        return by_key

    @api.model
    def _kpi_prefill_vals(self, line, employee_id, department_id, by_key):
        """Values prefilling a KPI line (``line``: its values as created) of the appraisal of
        ``employee_id`` in ``department_id``: the actual value from the KPI value of the employee,
        else of the department, with its status; {} when there is none."""
        kpi_id = line.get("kpi_id")
        if not kpi_id or line.get("rule_kind") == "direct":
            return {}
        value = by_key.get((kpi_id, "e", employee_id)) or by_key.get((kpi_id, "d", department_id))
        if not value:
            return {}
        # In the unit the sheet states (e.g. 万元 for a KPI measured in yuan).
        scale = json.loads(line.get("rule") or "{}").get("kpi_scale") or 1.0
        vals = {
            "kpi_value_id": value.id,
            "kpi_value_state": value.state,
            "kpi_prefill_value": value.value * scale,
            "actual_value": value.value * scale,
            "actual_set": True,
        }
        if line.get("rule_kind") == "occurrence":
            vals["occurrences"] = int(value.value)
        return vals

    # ------------------------------------------------------------------
    # Results application (flags for people to decide)
    # ------------------------------------------------------------------
    def _apply_results(self):
        """Bonus tiers and result flags from this and the previous appraisals of each employee
        in the same appraisal system, read in one query."""
        history = self.sudo().search_fetch(
            [
                ("employee_id", "in", self.employee_id.ids),
                ("state", "in", ("published", "interview", "done")),
                ("id", "not in", self.ids),
            ],
            [
                "employee_id",
                "appraisal_system",
                "cycle_kind",
                "cycle_date_end",
                "final_score",
                "grade",
                "flag_basic_training",
                "training_end_date",
            ],
            order="cycle_date_end desc",
        )
        past = {}
        for appraisal in history:
            past.setdefault(appraisal.employee_id.id, []).append(appraisal)
        # One write per distinct result (a few combinations of flags), not per appraisal.
        groups = {}
        for appraisal in self.sudo():
            same_system = [
                a
                for a in past.get(appraisal.employee_id.id, [])
                if a.appraisal_system == appraisal.appraisal_system
            ]
            vals = appraisal._results(same_system)
            groups.setdefault(tuple(sorted(vals.items())), []).append(appraisal.id)
        for vals, ids in groups.items():
            self.sudo().browse(ids).write(dict(vals))

    def _results(self, past):
        """Flags of this appraisal given the employee's earlier appraisals."""
        self.ensure_one()
        history = [
            (
                a.cycle_kind,
                a.cycle_date_end,
                a.final_score,
                a.grade,
                a.training_end_date if a.flag_basic_training else None,
            )
            for a in past
        ]
        vals = self._result_flags(
            self.cycle_kind,
            self.cycle_date_end,
            self.final_score,
            self.grade,
            history,
            system=self.appraisal_system,
        )
        vals["payroll_basis"] = PAYROLL_BASIS.get((self.appraisal_system, self.cycle_kind), False)
        if self.cycle_kind == "quarterly" and self.appraisal_system in (None, False, "team_member"):
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
    def _result_flags(self, kind, date_end, score, grade, history, system=None):
        """Result flags of an appraisal of ``kind`` ending ``date_end`` with ``score`` and
        ``grade``, given ``history``: (kind, end date, score, grade[, end of basic training])
        of the employee's other published appraisals of the same system. Each system follows
        its own articles (``system`` None: a sheet of no system gets every rule):

        - workshop staff (车间人员 第12条): 2 consecutive annual 优秀 → promotion priority;
          irregular 不合格 → interview with an improvement plan; 3 consecutive irregular
          不合格 → the annual result is 不合格 and demotion / reassignment; 2 consecutive
          annual 不合格 → dismissal review;
        - team members (班组人员 第12条): annual above 90 → promotion training; 2 consecutive
          quarters below 60 → basic skills training; still failing a month after that
          training → dismissal review;
        - director plan (方案 七2): 优秀 rewarded, 不及格 penalised (dynamic wage)."""
        workshop = system in (None, False, "workshop_staff")
        team = system in (None, False, "team_member")
        before = sorted((h for h in history if h[1] < date_end), key=lambda h: h[1], reverse=True)
        same_kind = [h for h in before if h[0] == kind]
        previous_grade = same_kind[0][3] if same_kind else None
        previous_score = same_kind[0][2] if same_kind else None
        vals = dict.fromkeys(
            (
                "flag_promotion",
                "flag_interview",
                "flag_forced_fail",
                "flag_demotion",
                "flag_dismissal_review",
                "flag_training",
                "flag_basic_training",
                "flag_reward",
                "flag_penalty",
            ),
            False,
        )
        notes = []
        _ = self.env._
        if kind == "annual" and workshop:
            if grade == "excellent" and previous_grade == "excellent":
                vals["flag_promotion"] = True
                notes.append(_("Two consecutive annual Excellent: promotion priority."))
            irregular = [h for h in before if h[0] == "irregular" and h[1].year == date_end.year]
            if len(irregular) >= 3 and all(h[3] == "fail" for h in irregular[:3]):
                vals["flag_forced_fail"] = vals["flag_demotion"] = True
                notes.append(
                    _(
                        "Three consecutive irregular Fail: the annual result is Fail; demotion "
                        "or reassignment may follow."
                    )
                )
            failing = grade == "fail" or vals["flag_forced_fail"]
            if failing and previous_grade == "fail":
                vals["flag_dismissal_review"] = True
                notes.append(_("Two consecutive annual Fail: dismissal review."))
        if kind == "annual" and team and score >= 90:
            vals["flag_training"] = True
            notes.append(_("Annual score of 90 or more: promotion training eligible."))
        if kind == "irregular" and workshop and grade == "fail":
            vals["flag_interview"] = True
            notes.append(_("Irregular Fail: interview with an improvement plan."))
        if (
            kind == "quarterly"
            and team
            and score < 60
            and previous_score is not None
            and previous_score < 60
        ):
            vals["flag_basic_training"] = True
            notes.append(
                _(
                    "Two consecutive quarters below 60: basic skills training; dismissal review "
                    "if still failing a month after it."
                )
            )
        if team and score < 60:
            trained = [
                h[4]
                for h in before
                if len(h) > 4 and h[4] and h[4] + relativedelta(months=1) <= date_end
            ]
            if trained:
                vals["flag_dismissal_review"] = True
                notes.append(
                    _("Still below 60 a month after the basic skills training: dismissal review.")
                )
        if system == "director_plan":
            if grade == "excellent":
                vals["flag_reward"] = True
                notes.append(_("Excellent: reward under the dynamic wage rules."))
            elif grade == "fail":
                vals["flag_penalty"] = True
                notes.append(_("Fail: penalty under the dynamic wage rules."))
        vals["result_note"] = "\n".join(notes) or False
        return vals
