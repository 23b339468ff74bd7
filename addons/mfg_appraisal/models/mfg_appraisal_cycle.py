# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

import psycopg2
from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.addons.mfg_kpi.models.mfg_kpi_period import KIND_MONTHS
from odoo.exceptions import UserError, ValidationError

from .. import policy, scoring
from .common import APPRAISAL_SYSTEMS, CYCLE_KINDS, GRADES, scoring_errors

# The KPI period kinds whose bounds a cycle's dates may span exactly, shortest first.
KPI_PERIOD_KINDS = tuple(KIND_MONTHS)


def default_milestones(kind, date_start, date_end, system=None):
    """The seed's schedule for a cycle of ``kind`` (of ``system``) covering
    ``date_start``..``date_end``.

    Workshop staff annual (车间人员 第4条, 第7条): launch Jan 4, indicators fixed by Jan 6,
    results published by Jan 15.
    Director semi-annual (方案 四): H1 in the first half of July, H2 in the first half of January.
    Team members (班组人员 第10条): quarterly and annual within 10 days after the period.
    """
    after = date_end + timedelta(days=1)
    if kind in ("quarterly", "annual") and system == "team_member":
        return {
            "date_launch": after,
            "date_indicators_fixed": after + timedelta(days=2),
            "date_rating_deadline": after + timedelta(days=7),
            "date_publication_deadline": after + timedelta(days=9),
        }
    if kind == "annual":
        return {
            "date_launch": after.replace(day=4),
            "date_indicators_fixed": after.replace(day=6),
            "date_rating_deadline": after.replace(day=12),
            "date_publication_deadline": after.replace(day=15),
        }
    if kind == "semi_annual":
        return {
            "date_launch": after,
            "date_indicators_fixed": after + timedelta(days=2),
            "date_rating_deadline": after + timedelta(days=10),
            "date_publication_deadline": after + timedelta(days=14),
        }
    if kind == "quarterly":
        return {
            "date_launch": after,
            "date_indicators_fixed": after + timedelta(days=2),
            "date_rating_deadline": after + timedelta(days=7),
            "date_publication_deadline": after + timedelta(days=9),
        }
    today = fields.Date.today()
    return {
        "date_launch": today,
        "date_indicators_fixed": today,
        "date_rating_deadline": today + timedelta(days=10),
        "date_publication_deadline": today + timedelta(days=14),
    }


class MfgAppraisalCycle(models.Model):
    """An appraisal campaign: who is appraised, on which sheet, for which period, by when."""

    _name = "mfg.appraisal.cycle"
    _description = "Appraisal Cycle"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_end desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    kind = fields.Selection(CYCLE_KINDS, required=True, default="annual", tracking=True)
    appraisal_system = fields.Selection(
        APPRAISAL_SYSTEMS,
        string="Appraisal System",
        tracking=True,
        help="Whom the cycle appraises when no position is chosen: the positions appraised under "
        "this system (workshop staff, team members) or, for the director plan, its sheets' "
        "positions. Its rules (exclusions, result flags, distribution policy) apply.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_start = fields.Date(string="Period Start", required=True)
    date_end = fields.Date(string="Period End", required=True)
    kpi_period_id = fields.Many2one(
        "mfg.kpi.period",
        string="KPI Period",
        readonly=True,
        copy=False,
        index=True,
        check_company=True,
        ondelete="set null",
        help="The KPI period of the cycle's dates: the appraisals' KPI lines are prefilled with "
        "its locked values. Set when the cycle is created and when it is launched.",
    )
    date_launch = fields.Date(string="Launch")
    date_indicators_fixed = fields.Date(string="Indicators Fixed By")
    date_rating_deadline = fields.Date(string="Rating Deadline")
    date_publication_deadline = fields.Date(string="Publication Deadline")
    date_published = fields.Date(readonly=True, copy=False)
    appeal_days = fields.Integer(default=5, help="Days after publication to appeal.")
    appeal_decision_days = fields.Integer(default=15, help="Days HR has to decide an appeal.")
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("running", "Running"),
            ("published", "Published"),
            ("closed", "Closed"),
            ("cancelled", "Cancelled"),
        ],
        default="draft",
        required=True,
        readonly=True,  # the actions move it: the form sends no state (refused on create)
        tracking=True,
        copy=False,
    )
    job_ids = fields.Many2many("hr.job", string="Positions", check_company=True)
    department_ids = fields.Many2many("hr.department", string="Departments", check_company=True)
    template_id = fields.Many2one(
        "mfg.appraisal.template",
        string="Sheet",
        check_company=True,
        help="Leave empty to use, for each position, the active sheet assigned to it.",
    )
    apply_exclusions = fields.Boolean(
        default=lambda self: True,
        help="Apply the team-member exclusion rules (第2条) to the people appraised on a "
        "team-member sheet: probation, 3+ leaves or leave days, 3+ quality issues in a month of "
        "the period, an unsafe act. Other sheets (workshop staff, director plan) keep everyone.",
    )
    allow_without_login = fields.Boolean(
        string="Appraise People Without a Login",
        help="People in scope without a login are appraised all the same: HR closes their "
        "self-assessment or they fill it in at the shop-floor kiosk. Otherwise the launch lists "
        "them as a problem. Ticked for team-member cycles (operators often have no login).",
    )
    grant_groups = fields.Boolean(
        string="Grant the Appraisal Groups at Launch",
        tracking=True,
        help="HR managers only: at launch, the logins of the people in scope get the suite's "
        "employee group and their appraisers the appraiser group (logged on the cycle), so "
        "that nobody receives a to-do they cannot open.",
    )
    appraisal_ids = fields.One2many("mfg.appraisal", "cycle_id", string="Appraisals")
    irregular_count = fields.Integer(
        compute="_compute_irregular",
        string="Irregular Appraisals in the Year",
        help="Irregular appraisals launched in the year of this workshop-staff cycle (annual or "
        "irregular): 车间人员 第4条 asks for at least three a year; their results feed the "
        "annual one.",
    )
    irregular_warning = fields.Char(compute="_compute_irregular")
    exclusion_ids = fields.One2many("mfg.appraisal.exclusion", "cycle_id", string="Exclusions")
    appraisal_count = fields.Integer(compute="_compute_progress")
    done_count = fields.Integer(compute="_compute_progress")
    progress = fields.Float(compute="_compute_progress")
    # Grades and the distribution policy (第11条); calibration may move the cut scores.
    threshold_excellent = fields.Float(default=85.0, digits=(5, 2), tracking=True)
    threshold_good = fields.Float(default=75.0, digits=(5, 2), tracking=True)
    threshold_pass = fields.Float(default=60.0, digits=(5, 2), tracking=True)
    policy_excellent_max = fields.Float(string="Excellent at Most (%)", default=10.0)
    policy_good_min = fields.Float(string="Good at Least (%)", default=60.0)
    policy_fail_target = fields.Float(string="Fail About (%)", default=5.0)
    calibration_reason = fields.Text(tracking=True, readonly=True, copy=False)
    # Team bonus tiers (第12条).
    currency_id = fields.Many2one(related="company_id.currency_id")
    bonus_tier_1 = fields.Monetary(string="Bonus for 90 and Above")
    bonus_tier_2 = fields.Monetary(string="Bonus for 80 to 89.99")
    bonus_tier_3 = fields.Monetary(string="Bonus for 70 to 79.99")

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for cycle in self:
            if cycle.date_end < cycle.date_start:
                raise ValidationError(
                    self.env._("Cycle %(c)s ends before it starts.", c=cycle.name)
                )

    @api.constrains("appeal_days", "appeal_decision_days")
    def _check_appeal_days(self):
        for cycle in self:
            if cycle.appeal_days < 1 or cycle.appeal_decision_days < 1:
                raise ValidationError(
                    self.env._(
                        "Cycle %(c)s: the appeal period and HR's decision period are at least "
                        "one day.",
                        c=cycle.name,
                    )
                )

    @api.constrains("threshold_excellent", "threshold_good", "threshold_pass")
    def _check_thresholds(self):
        for cycle in self:
            with scoring_errors(self.env):
                scoring.check_thresholds(cycle._thresholds())

    @api.depends("appraisal_ids.state")
    def _compute_progress(self):
        groups = self.env["mfg.appraisal"]._read_group(
            [("cycle_id", "in", self.ids), ("state", "!=", "cancelled")],
            ["cycle_id", "state"],
            ["__count"],
        )
        totals, done = {}, {}
        for cycle, state, count in groups:
            totals[cycle] = totals.get(cycle, 0) + count
            if state in ("published", "interview", "done"):
                done[cycle] = done.get(cycle, 0) + count
        for cycle in self:
            cycle.appraisal_count = totals.get(cycle, 0)
            cycle.done_count = done.get(cycle, 0)
            cycle.progress = (
                100.0 * cycle.done_count / cycle.appraisal_count if totals.get(cycle) else 0.0
            )

    @api.depends("kind", "appraisal_system", "date_end", "company_id")
    def _compute_irregular(self):
        # The annual cycle of a year, and the irregular ones themselves (the production
        # department follows its count from its own menu).
        counted = self.filtered(
            lambda c: c.kind in ("annual", "irregular")
            and c.appraisal_system in (False, "workshop_staff")
            and c.date_end
        )
        groups = {}
        if counted:
            years = {cycle.date_end.year for cycle in counted}
            groups = {
                (company.id, system, day.year): count
                for company, system, day, count in self.sudo()._read_group(
                    [
                        ("kind", "=", "irregular"),
                        ("state", "in", ("running", "published", "closed")),
                        ("company_id", "in", counted.company_id.ids),
                        ("date_end", ">=", date(min(years), 1, 1)),
                        ("date_end", "<=", date(max(years), 12, 31)),
                    ],
                    ["company_id", "appraisal_system", "date_end:year"],
                    ["__count"],
                )
            }
        for cycle in self:
            if cycle not in counted:
                cycle.irregular_count = 0
                cycle.irregular_warning = False
                continue
            year = cycle.date_end.year
            count = sum(
                n
                for (company, system, y), n in groups.items()
                if company == cycle.company_id.id
                and y == year
                and system in (False, cycle.appraisal_system)
            )
            cycle.irregular_count = count
            cycle.irregular_warning = (
                self.env._(
                    "Only %(n)s irregular appraisals in %(year)s: 车间人员 第4条 asks for at "
                    "least three a year, and their results are a main source of the annual one.",
                    n=count,
                    year=year,
                )
                if count < 3
                else False
            )

    @api.onchange("kind", "date_start", "date_end", "appraisal_system")
    def _onchange_schedule(self):
        if self.kind and self.date_start and self.date_end:
            self.update(
                default_milestones(self.kind, self.date_start, self.date_end, self.appraisal_system)
            )

    @api.onchange("appraisal_system")
    def _onchange_allow_without_login(self):
        if self.state == "draft":
            self.allow_without_login = self.appraisal_system == "team_member"

    @api.model_create_multi
    def create(self, vals_list):
        if any("kind" not in vals for vals in vals_list):
            # The kind the record will get (e.g. ``default_kind`` of the irregular inspections'
            # menu): the runner's check and the schedule below read it.
            default_kind = self.default_get(["kind"]).get("kind")
            for vals in vals_list:
                vals.setdefault("kind", default_kind)
        if not self.env.su:
            if any(vals.get("grant_groups") for vals in vals_list):
                self._check_grant_groups()
            for vals in vals_list:
                self._check_runner([vals["kind"]])
                self._refuse_fields(set(vals) - policy.CYCLE_CONFIG)
        for vals in vals_list:
            # Operators (team members) often have no desk login: the kiosk or HR records
            # their self-assessment.
            vals.setdefault("allow_without_login", vals.get("appraisal_system") == "team_member")
            if vals.get("date_start") and vals.get("date_end") and not vals.get("date_launch"):
                milestones = default_milestones(
                    vals.get("kind", "annual"),
                    fields.Date.to_date(vals["date_start"]),
                    fields.Date.to_date(vals["date_end"]),
                    vals.get("appraisal_system"),
                )
                for key, value in milestones.items():
                    vals.setdefault(key, value)
        cycles = super().create(vals_list)
        cycles._link_kpi_period()
        return cycles

    def write(self, vals):
        if not self.env.su:
            if "grant_groups" in vals:
                self._check_grant_groups()
            self._check_runner([*self.mapped("kind"), vals.get("kind", "irregular")])
            for cycle in self:
                allowed = policy.allowed(policy.CYCLE, {"hr"}, cycle.state)
                self._refuse_fields(set(vals) - allowed - policy.MAIL_FIELDS, cycle)
        result = super().write(vals)
        if {"date_start", "date_end", "company_id"} & set(vals):
            self.filtered(lambda c: c.state == "draft")._link_kpi_period()
        return result

    def _link_kpi_period(self, create=True):
        """Link each cycle to the KPI period of its dates: the month, quarter, half-year or
        year its dates span exactly (created when missing unless ``create`` is False), else an
        existing period with exactly its dates (e.g. a custom one), else none."""
        periods = self.env["mfg.kpi.period"].sudo()
        for cycle in self:
            period = periods.browse()
            for kind in KPI_PERIOD_KINDS:
                bounds = periods._bounds(kind, cycle.date_start)
                if bounds == (cycle.date_start, cycle.date_end):
                    if create:
                        period = periods._get_or_create(kind, cycle.date_start, cycle.company_id)
                    break
            if not period:
                period = periods.search(
                    [
                        ("company_id", "=", cycle.company_id.id),
                        ("date_start", "=", cycle.date_start),
                        ("date_end", "=", cycle.date_end),
                    ],
                    limit=1,
                )
            if cycle.kpi_period_id != period:
                cycle.sudo().kpi_period_id = period

    def _refuse_fields(self, names, cycle=None):
        if not names:
            return
        labels = ", ".join(sorted(self._fields[n]._description_string(self.env) for n in names))
        if cycle:
            state = dict(self._fields["state"]._description_selection(self.env))[cycle.state]
            message = self.env._(
                "You may not change %(fields)s of cycle %(c)s while it is %(state)s: the cycle's "
                "actions and the calibration change them.",
                fields=labels,
                c=cycle.name,
                state=state,
            )
        else:
            message = self.env._(
                "You may not set %(fields)s on a new cycle: the cycle's actions set them.",
                fields=labels,
            )
        raise UserError(message)

    def _thresholds(self):
        self.ensure_one()
        return scoring.GradeThresholds(
            excellent=self.threshold_excellent,
            good=self.threshold_good,
            passing=self.threshold_pass,
        )

    def _policy(self):
        self.ensure_one()
        return scoring.DistributionPolicy(
            max_excellent_percent=self.policy_excellent_max,
            min_good_percent=self.policy_good_min,
            fail_percent=self.policy_fail_target,
        )

    def _grade_labels(self):
        return dict(GRADES)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_hr(self):
        if not self.env.user.has_group("mfg_appraisal.group_appraisal_hr"):
            raise UserError(self.env._("Only HR runs appraisal cycles."))

    def _check_runner(self, kinds):
        """HR runs every cycle; the production department also runs the irregular ones
        (车间人员 第4条: 不定期考核由生产部视具体情况而定)."""
        if self.env.user.has_group("mfg_appraisal.group_appraisal_hr"):
            return
        production = self.env.user.has_group("mfg_appraisal.group_appraisal_production")
        if not production or any(kind != "irregular" for kind in kinds):
            raise UserError(
                self.env._(
                    "Only HR runs appraisal cycles; the production department runs the "
                    "irregular ones."
                )
            )

    def _check_state(self, *states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        for cycle in self:
            if cycle.state not in states:
                raise UserError(
                    self.env._(
                        "Cycle %(c)s is %(state)s: this action needs it %(needed)s.",
                        c=cycle.name,
                        state=labels[cycle.state],
                        needed=" / ".join(labels[s] for s in states),
                    )
                )

    def _check_grant_groups(self):
        if not self.env.user.has_group("mfg_appraisal.group_appraisal_hr_manager"):
            raise UserError(
                self.env._(
                    "Only an HR manager grants the appraisal groups at launch: ask one to tick "
                    "the option, or give the people their groups first."
                )
            )

    def action_launch(self):
        """Create every appraisal of the cycle in one set-based pass, after checking
        everything it needs at once (one error lists every problem). Deadlines run from the
        day of the launch; the KPI prefill and the approval chains are reported (chatter and
        a notification)."""
        self._check_runner(self.mapped("kind"))
        self._lock_rows()
        self._check_state("draft")
        if not self.env.su and any(self.mapped("grant_groups")):
            self._check_grant_groups()
        self._link_kpi_period()
        today = fields.Date.context_today(self)
        Appraisal = self.env["mfg.appraisal"]
        notes, warn = [], False
        for cycle in self:
            cycle._schedule_from_launch(today)
            appraisals = cycle.env["mfg.appraisal"]._launch_cycle(cycle)
            if cycle.kind == "annual" and cycle.irregular_warning:
                cycle.sudo().message_post(body=cycle.irregular_warning)
            body, cycle_warn = cycle._launch_report(appraisals)
            if body:
                notes.append(body)
            warn = warn or cycle_warn
        self.sudo().write({"state": "running"})
        if warn:
            return Appraisal._notification(
                self.env._("Cycle launched, with warnings"), Markup("").join(notes), "warning"
            )
        return True

    def _launch_report(self, appraisals):
        """Post the KPI prefill and approval-chain report of the cycle's launched
        ``appraisals`` in its chatter; returns (the report, whether it warns)."""
        self.ensure_one()
        body, nothing = appraisals._kpi_prefill_report()
        gaps = appraisals._tier_gap_text(appraisals._tier_gaps())
        if gaps:
            body = (body or Markup()) + Markup("<ul>%s</ul>") % Markup("").join(
                Markup("<li>%s</li>") % gap for gap in gaps
            )
        if body:
            self.sudo().message_post(body=body)
        return body, bool(nothing or gaps)

    def _schedule_from_launch(self, today):
        """Deadlines from the day of the launch and the schedule (the seed's, or the cycle's
        own offsets from its planned launch), never from the period end: a cycle launched
        after its planned day keeps the days its schedule gives, and none starts overdue.
        Launched on or before the planned day, the calendar stays as planned."""
        self.ensure_one()
        planned = self.date_launch
        if planned and today <= planned:
            return
        seed = default_milestones(self.kind, self.date_start, self.date_end, self.appraisal_system)
        keys = ("date_indicators_fixed", "date_rating_deadline", "date_publication_deadline")
        vals = {"date_launch": today}
        for key in keys:
            if planned and self[key] and self[key] >= planned:
                days = (self[key] - planned).days
            else:
                days = max(0, (seed[key] - seed["date_launch"]).days)
            vals[key] = max(today + timedelta(days=days), self[key] or today)
        self.sudo().write(vals)
        if planned:
            labels = {key: self._fields[key]._description_string(self.env) for key in keys}
            self.sudo().message_post(
                body=self.env._(
                    "Launched %(days)s days after the planned %(planned)s: the schedule runs "
                    "from today. %(dates)s.",
                    days=(today - planned).days,
                    planned=planned,
                    dates="; ".join(f"{labels[key]} {vals[key]}" for key in keys),
                )
            )

    def action_refresh_kpi(self):
        """Fill the KPI lines of the cycle's appraisals again from the current KPI values,
        for the appraisals whose rating has not started."""
        self._check_runner(self.mapped("kind"))
        self._check_state("running")
        appraisals = self.sudo().appraisal_ids.filtered(
            lambda a: a.state in ("draft", "self_assessment")
        )
        if not appraisals:
            raise UserError(
                self.env._(
                    "Rating has started for every appraisal of %(c)s: the KPI values can no "
                    "longer be refreshed. An HR manager may correct a KPI line, with a reason.",
                    c=", ".join(self.mapped("name")),
                )
            )
        return self.env["mfg.appraisal"]._refresh_and_report(appraisals)

    def _lock_rows(self):
        """Take the cycles' rows for this transaction: a second launch (or publication) of the
        same cycle waits for none and is told, instead of failing on a duplicate."""
        if not self.ids:
            return
        try:
            self.env.cr.execute(
                "SELECT id FROM mfg_appraisal_cycle WHERE id IN %s FOR NO KEY UPDATE NOWAIT",
                [tuple(self.ids)],
            )
        except psycopg2.errors.LockNotAvailable as error:
            raise UserError(
                self.env._(
                    "Someone else is launching or publishing %(c)s right now: try again in a "
                    "moment.",
                    c=", ".join(self.mapped("name")),
                )
            ) from error
        self.invalidate_recordset(["state"])

    def action_publish(self):
        """Publish every reviewed appraisal of the cycle."""
        self._publish_check().action_publish()
        self._publish_done()
        return True

    def _publish_check(self):
        """The checks of a publication (HR, the cycles' rows, state, nothing left unreviewed,
        approvals complete): returns the reviewed appraisals to publish."""
        self._check_hr()
        self._lock_rows()
        self._check_state("running")
        appraisals = self.appraisal_ids.filtered(lambda a: a.state == "review")
        waiting = self.appraisal_ids.filtered(
            lambda a: a.state in ("draft", "self_assessment", "rating")
        )
        if waiting:
            raise UserError(
                self.env._(
                    "%(n)s appraisals are not reviewed yet (e.g. %(who)s).",
                    n=len(waiting),
                    who=waiting[0].employee_id.name,
                )
            )
        appraisals._check_publish()
        return appraisals

    def _publish_done(self):
        """The cycles are published (their appraisals are)."""
        self.sudo().write({"state": "published", "date_published": fields.Date.context_today(self)})

    def action_close(self):
        self._check_hr()
        self._check_state("published")
        self.sudo().write({"state": "closed"})
        return True

    def _check_cancel(self):
        """HR cancels any cycle; the production department its irregular ones, as long as no
        result of theirs is published (published results are HR's)."""
        self._check_runner(self.mapped("kind"))
        if self.env.user.has_group("mfg_appraisal.group_appraisal_hr"):
            return
        # One published result is enough to refuse: no need to read the cycle's appraisals.
        published = (
            self.env["mfg.appraisal"]
            .sudo()
            .search(
                [("cycle_id", "in", self.ids), ("state", "in", ("published", "interview", "done"))],
                limit=1,
            )
        )
        if published:
            raise UserError(
                self.env._(
                    "Results of %(c)s are published (e.g. %(who)s): only HR cancels the cycle "
                    "now.",
                    c=published.cycle_id.name,
                    who=published.employee_id.name,
                )
            )

    def action_cancel(self):
        self._check_cancel()
        self._check_state("draft", "running")
        self.sudo().appraisal_ids.filtered(lambda a: a.state != "done").write(
            {"state": "cancelled"}
        )
        self.sudo().write({"state": "cancelled"})
        return True

    def action_open_appraisals(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("mfg_appraisal.mfg_appraisal_action")
        action["domain"] = [("cycle_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    def action_open_calibration(self):
        self.ensure_one()
        self._check_hr()
        if self.appraisal_system not in (False, "workshop_staff"):
            systems = dict(self._fields["appraisal_system"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "The grade distribution policy (Excellent at most 10%%, Good at least 60%%, "
                    "Fail about 5%%) is the workshop-staff system's (车间人员 第11条): cycles of "
                    "%(system)s are not calibrated.",
                    system=systems[self.appraisal_system],
                )
            )
        wizard = self.env["mfg.appraisal.calibration.wizard"].create({"cycle_id": self.id})
        return {
            "type": "ir.actions.act_window",
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
            "name": self.env._("Calibrate %(c)s", c=self.name),
        }

    # ------------------------------------------------------------------
    # Scheduled creation
    # ------------------------------------------------------------------
    @api.model
    def _scheduled_period(self, kind, today):
        """The period a cycle of ``kind`` scheduled around ``today`` covers, or None."""
        if kind == "annual" and today.month == 1:
            return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)
        if kind == "semi_annual" and today.month == 7:
            return date(today.year, 1, 1), date(today.year, 6, 30)
        if kind == "semi_annual" and today.month == 1:
            return date(today.year - 1, 7, 1), date(today.year - 1, 12, 31)
        if kind == "quarterly" and today.month in (1, 4, 7, 10):
            start = today.replace(day=1) - relativedelta(months=3)
            return start, today.replace(day=1) - timedelta(days=1)
        return None

    @api.model
    def _cron_create_cycles(self):
        """Create the draft cycles the seed's schedule calls for (once each), per company,
        appraisal system and kind that has an active sheet: each cycle carries its system, so
        it launches as created, over the people that system appraises."""
        today = fields.Date.context_today(self)
        templates = self.env["mfg.appraisal.template"].search(
            [("state", "=", "active"), ("appraisal_system", "!=", False)]
        )
        existing = {
            (c.company_id.id, c.appraisal_system, c.kind, c.date_start)
            for c in self.search([("date_end", ">=", today - timedelta(days=400))])
        }
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        systems = dict(self._fields["appraisal_system"]._description_selection(self.env))
        served = {}
        for template in templates:
            key = (template.company_id, template.appraisal_system)
            served.setdefault(key, set()).update(template._kinds())
        to_create = []
        for (company, system), company_kinds in sorted(
            served.items(), key=lambda item: (item[0][0].id, item[0][1])
        ):
            for kind in ("annual", "semi_annual", "quarterly"):
                period = kind in company_kinds and self._scheduled_period(kind, today)
                if not period or (company.id, system, kind, period[0]) in existing:
                    continue
                to_create.append(
                    {
                        "name": f"{systems[system]}: {kinds[kind]} "
                        f"{period[0]:%Y-%m} – {period[1]:%Y-%m}",
                        "kind": kind,
                        "appraisal_system": system,
                        "company_id": company.id,
                        "date_start": period[0],
                        "date_end": period[1],
                    }
                )
        return self.create(to_create)
