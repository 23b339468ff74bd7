# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.tools import html2plaintext, plaintext2html

# A kiosk session never lasts longer than this, however busy the operator.
MAX_SESSION = timedelta(minutes=30)
# A logged-in user's session of the shop-floor screens closes after this long without a call.
LOGIN_IDLE = timedelta(minutes=30)
# Lines of a team member's sheet whose actual values the team leader enters on the kiosk.
VALUE_KINDS = ("linear", "occurrence")


class MfgShopfloorSession(models.Model):
    """An employee identified on a workshop kiosk, until they leave or the kiosk idles.

    The kiosk acts for this employee only: every record it reads or writes is checked against
    the session's employee. It is the evidence, in the records' chatter, of what an employee
    without a user account did on the kiosk.
    """

    _name = "mfg.shopfloor.session"
    _description = "Kiosk Session"
    _order = "date_start desc, id desc"
    _rec_name = "employee_id"

    department_id = fields.Many2one(
        "hr.department",
        string="Workshop",
        readonly=True,
        ondelete="cascade",
        help="The kiosk the employee used; empty when they signed in with their own login.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Logged-in User",
        readonly=True,
        ondelete="cascade",
        help="The user who opened the shop-floor screens with their own login (no kiosk).",
    )
    company_id = fields.Many2one("res.company", readonly=True, index=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, readonly=True, index=True, ondelete="cascade"
    )
    method = fields.Selection(
        [("badge", "Badge"), ("pin", "PIN"), ("login", "Login")],
        string="Identified By",
        required=True,
        readonly=True,
    )
    token = fields.Char(required=True, readonly=True, copy=False, groups="base.group_system")
    date_start = fields.Datetime(string="Started", required=True, readonly=True)
    last_activity = fields.Datetime(required=True, readonly=True)
    date_end = fields.Datetime(string="Ended", readonly=True)
    action_count = fields.Integer(string="Actions", readonly=True)

    _token_uniq = models.Constraint("UNIQUE(token)", "A kiosk session token is unique.")
    _where = models.Constraint(
        "CHECK((department_id IS NOT NULL AND method != 'login') OR "
        "(user_id IS NOT NULL AND method = 'login'))",
        "A kiosk session is opened on a workshop kiosk, or by a logged-in user.",
    )

    @api.model
    def _mfg_open(self, department, employee, method):
        now = fields.Datetime.now()
        return self.sudo().create(
            {
                "department_id": department.id,
                "company_id": department.company_id.id or employee.company_id.id,
                "employee_id": employee.id,
                "method": method,
                "token": secrets.token_urlsafe(24),
                "date_start": now,
                "last_activity": now,
            }
        )

    @api.model
    def _mfg_get(self, kiosk_token, session_token):
        """The open session of ``session_token`` on the kiosk of ``kiosk_token``, refreshed;
        AccessDenied when the kiosk or the session is unknown, closed or idle too long."""
        department = self.env["hr.department"]._mfg_kiosk_from_token(kiosk_token)
        if not department or not session_token or not isinstance(session_token, str):
            raise AccessDenied(self.env._("This kiosk session is closed."))
        session = self.sudo().search(
            [
                ("token", "=", session_token),
                ("department_id", "=", department.id),
                ("date_end", "=", False),
            ],
            limit=1,
        )
        now = fields.Datetime.now()
        idle = timedelta(seconds=department.mfg_kiosk_idle_seconds or 90)
        if (
            not session
            or session.last_activity + idle < now
            or session.date_start + MAX_SESSION < now
        ):
            if session:
                session.date_end = now
            raise AccessDenied(self.env._("This kiosk session is closed."))
        session.last_activity = now
        return session

    @api.model
    def _mfg_open_logged_in(self, employee):
        """A session for the logged-in user's own employee: the same screens as on a kiosk,
        acting as that user (the backend's rights and rules apply)."""
        now = fields.Datetime.now()
        return self.sudo().create(
            {
                "user_id": self.env.user.id,
                "company_id": employee.company_id.id,
                "employee_id": employee.id,
                "method": "login",
                "token": secrets.token_urlsafe(24),
                "date_start": now,
                "last_activity": now,
            }
        )

    @api.model
    def _mfg_get_logged_in(self, session_token):
        """The open session of ``session_token`` that the logged-in user opened, refreshed;
        AccessDenied otherwise (another user's, a kiosk's, closed or idle too long)."""
        user = self.env.user
        if not session_token or not isinstance(session_token, str) or user._is_public():
            raise AccessDenied(self.env._("This kiosk session is closed."))
        session = self.sudo().search(
            [
                ("token", "=", session_token),
                ("user_id", "=", user.id),
                ("method", "=", "login"),
                ("date_end", "=", False),
            ],
            limit=1,
        )
        now = fields.Datetime.now()
        if (
            not session
            or session.employee_id.user_id != user
            or session.last_activity + LOGIN_IDLE < now
        ):
            if session:
                session.date_end = now
            raise AccessDenied(self.env._("This kiosk session is closed."))
        session.last_activity = now
        return session

    def _mfg_close(self):
        self.sudo().filtered(lambda session: not session.date_end).date_end = fields.Datetime.now()

    def _mfg_count_action(self):
        self.ensure_one()
        self.sudo().action_count += 1

    def _mfg_as_employee(self, records):
        """``records`` in the environment the kiosk acts in for the session's employee: as
        their user when they have one (the backend's rights and rules apply as they are), else
        as superuser, every record having been checked to be the employee's own."""
        self.ensure_one()
        user = self.employee_id.sudo().user_id
        if user:
            return records.with_user(user).with_company(self.employee_id.company_id)
        return records.sudo()

    def _mfg_evidence(self):
        """How the kiosk identified the employee, for the chatter."""
        self.ensure_one()
        if self.method == "login":
            return self.env._(
                "on the shop-floor screens, logged in as %(user)s (session %(session)s at "
                "%(start)s)",
                user=self.user_id.login,
                session=self.id,
                start=fields.Datetime.to_string(self.date_start),
            )
        return self.env._(
            "on the kiosk of %(workshop)s (session %(session)s, identified by %(method)s at "
            "%(start)s)",
            workshop=self.department_id.display_name,
            session=self.id,
            method=dict(self._fields["method"]._description_selection(self.env))[self.method],
            start=fields.Datetime.to_string(self.date_start),
        )

    # ------------------------------------------------------------------
    # My results: KPIs and published appraisals
    # ------------------------------------------------------------------
    def _mfg_kpi_results(self, today):
        """The employee's KPI values of the last two periods up to ``today``, per KPI:
        ``[{kpi, unit, current, last, target, status}]`` (read in a fixed number of queries)."""
        self.ensure_one()
        Value = self.env["mfg.kpi.value"].sudo()
        values = Value.search(
            [
                ("employee_id", "=", self.employee_id.id),
                ("subject_type", "=", "employee"),
                ("period_date_start", "<=", today),
            ],
            order="period_date_start desc, id",
        )
        if not values:
            return {"periods": [], "kpis": []}
        kind = values[0].period_kind
        values = values.filtered(lambda value: value.period_kind == kind)
        periods = values.period_id.sorted("date_start", reverse=True)[:2]
        units = dict(Value._fields["unit"]._description_selection(self.env))
        statuses = dict(Value._fields["status"]._description_selection(self.env))
        rows = {}
        for value in values.filtered(lambda value: value.period_id in periods):
            row = rows.setdefault(
                value.kpi_id.id,
                {
                    "id": value.kpi_id.id,
                    "kpi": value.kpi_id.display_name,
                    "unit": units.get(value.unit, ""),
                    "current": None,
                    "last": None,
                    "target": None,
                    "status": "none",
                    "status_label": "",
                },
            )
            slot = "current" if value.period_id == periods[0] else "last"
            row[slot] = round(value.value, 2)
            if slot == "current" or row["target"] is None:
                row["target"] = round(value.target, 2) if value.status != "none" else None
                row["status"] = value.status
                row["status_label"] = statuses.get(value.status, "")
        self._mfg_team_ranks(rows, values.filtered(lambda value: value.period_id == periods[0]))
        return {
            "periods": [period.display_name for period in periods],
            "kpis": sorted(rows.values(), key=lambda row: row["kpi"]),
        }

    def _mfg_team_ranks(self, rows, own_values):
        """Where the company allows it, add to ``rows`` the employee's rank within their team
        (their department) on each KPI of ``own_values`` (current period): ``rank`` and
        ``rank_of`` only, never a colleague's value. One query for every KPI."""
        employee = self.employee_id.sudo()
        for row in rows.values():
            row.update(rank=None, rank_of=None, rank_label="")
        if not employee.company_id.mfg_kiosk_team_ranking or not employee.department_id:
            return
        if not own_values:
            return
        team = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("department_id", "=", employee.department_id.id),
                    ("company_id", "=", employee.company_id.id),
                ]
            )
        )
        others = (
            self.env["mfg.kpi.value"]
            .sudo()
            .search_fetch(
                [
                    ("employee_id", "in", team.ids),
                    ("subject_type", "=", "employee"),
                    ("period_id", "=", own_values[0].period_id.id),
                    ("kpi_id", "in", own_values.kpi_id.ids),
                ],
                ["kpi_id", "employee_id", "value"],
            )
        )
        by_kpi = {}
        for value in others:
            by_kpi.setdefault(value.kpi_id.id, []).append(value.value)
        for value in own_values:
            team_values = by_kpi.get(value.kpi_id.id, [])
            if value.kpi_id.direction == "higher":
                better = sum(1 for other in team_values if other > value.value)
            else:
                better = sum(1 for other in team_values if other < value.value)
            rows[value.kpi_id.id].update(
                rank=better + 1,
                rank_of=len(team_values),
                rank_label=self.env._(
                    "Rank %(rank)s of %(count)s in my team",
                    rank=better + 1,
                    count=len(team_values),
                ),
            )

    def _mfg_appraisal_results(self, today):
        """The employee's published appraisal results, newest first, with whether the kiosk
        may file an appeal (published, within the deadline, none open)."""
        self.ensure_one()
        Appraisal = self.env["mfg.appraisal"].sudo()
        appraisals = Appraisal.search(
            [
                ("employee_id", "=", self.employee_id.id),
                ("state", "in", ("published", "interview", "done")),
            ],
            order="date_published desc, id desc",
            limit=6,
        )
        grades = dict(Appraisal._fields["grade"]._description_selection(self.env))
        result = []
        for appraisal in appraisals:
            open_appeal = appraisal.appeal_ids.filtered(lambda appeal: appeal.state == "submitted")
            in_time = bool(appraisal.appeal_deadline and today <= appraisal.appeal_deadline)
            result.append(
                {
                    "id": appraisal.id,
                    "cycle": appraisal.cycle_id.display_name,
                    "score": round(appraisal.final_score, 2),
                    "grade": appraisal.grade or "",
                    "grade_label": grades.get(appraisal.grade, ""),
                    "appeal_deadline": fields.Date.to_string(appraisal.appeal_deadline)
                    if appraisal.appeal_deadline
                    else "",
                    "appeal_open": bool(open_appeal),
                    "can_appeal": in_time and not open_appeal,
                    "appeal_in_time": in_time,
                }
            )
        return result

    def _mfg_own_appraisal(self, appraisal_id):
        """The employee's own appraisal of ``appraisal_id`` (sudo), else AccessError."""
        if not isinstance(appraisal_id, int) or isinstance(appraisal_id, bool):
            raise AccessError(self.env._("This appraisal is not yours."))
        appraisal = self.env["mfg.appraisal"].sudo().browse(appraisal_id).exists()
        if not appraisal or appraisal.employee_id != self.employee_id:
            raise AccessError(self.env._("This appraisal is not yours."))
        return appraisal

    def _mfg_appeal(self, appraisal_id, reason):
        """File an appeal of the employee's own appraisal: as their user when they have one,
        else as the employee identified by this session (the appraisal decides the rest:
        published, within the deadline, not already open)."""
        self.ensure_one()
        appraisal = self._mfg_own_appraisal(appraisal_id)
        reason = reason if isinstance(reason, str) else ""
        user = appraisal.employee_user_id
        employee = self.employee_id.sudo()
        if not user:
            appeal = self.env["mfg.appraisal.appeal"]._employee_create(
                employee, appraisal, reason, self._mfg_evidence()
            )
            self._mfg_count_action()
            return appeal
        appeal = (
            self.env["mfg.appraisal.appeal"]
            .with_user(user)
            .with_company(appraisal.company_id)
            .create({"appraisal_id": appraisal.id, "reason": reason})
        )
        appraisal.message_post(
            body=self.env._(
                "Appeal filed by %(employee)s %(evidence)s.",
                employee=employee.name,
                evidence=self._mfg_evidence(),
            ),
            author_id=user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self._mfg_count_action()
        return appeal

    # ------------------------------------------------------------------
    # Rating: self-assessment and team members
    # ------------------------------------------------------------------
    def _mfg_open_raters(self):
        """The employee's open rater entries: of their user, or (without a user) their own
        self-assessment entry."""
        self.ensure_one()
        employee = self.employee_id.sudo()
        Rater = self.env["mfg.appraisal.rater"].sudo()
        if employee.user_id:
            domain = [("user_id", "=", employee.user_id.id)]
        else:
            domain = [("rater_employee_id", "=", employee.id), ("user_id", "=", False)]
        raters = Rater.search(domain + [("state", "=", "todo")], order="id")
        return raters.filtered(lambda rater: rater._window() == "open")

    @api.model
    def _mfg_levels(self, line):
        """The described levels of a line as frozen in its rule, worded in the kiosk's
        language (the appraisal keeps the sheet's labels in every installed language)."""
        rule = line._rule()
        frozen = rule.get("levels", [])
        labels = line._rule_labels(rule, "levels")
        return [
            {"name": label, "min": level["score_min"], "max": level["score_max"]}
            for label, level in zip(labels, frozen, strict=True)
        ]

    @api.model
    def _mfg_line_info(self, line):
        """Name, dimension or section, weight and levels of an appraisal line as frozen at
        launch, in the kiosk's language (the appraisal keeps the sheet's translations)."""
        return {
            "name": line.name,
            "section": line.dimension or line.section_id.name or "",
            "weight": line.weight,
            "levels": self._mfg_levels(line),
        }

    def _mfg_rater_tasks(self):
        """The employee's open rater entries (their self-assessment, the team members they
        rate), with the lines to score and, for the self-assessment, the self-report."""
        self.ensure_one()
        raters = self._mfg_open_raters()
        roles = dict(raters._fields["role"]._description_selection(self.env))
        return [
            {
                "id": rater.id,
                "appraisee": rater.appraisal_id.employee_id.name,
                "cycle": rater.appraisal_id.cycle_id.display_name,
                "role": rater.role,
                "role_label": roles.get(rater.role, ""),
                "self_report": html2plaintext(rater.appraisal_id.self_report or "")
                if rater.role == "self"
                else "",
                "lines": [
                    dict(
                        self._mfg_line_info(rating.line_id),
                        id=rating.id,
                        score=rating.score if rating.score_set else None,
                    )
                    for rating in rater.rating_ids.sorted(lambda r: (r.line_id.sequence, r.id))
                ],
            }
            for rater in raters
        ]

    def _mfg_rate(self, rater_id, scores, submit=False, self_report=None):
        """Save the scores of one of the employee's rater entries (and, for a
        self-assessment, the self-report) and, on ``submit``, hand them in (a self-assessment
        submits the appraisal's self-assessment step). As the employee's user through the
        appraisal's own write policy and actions; without a user, through the appraisal's
        entry points for an employee identified by a kiosk session (same policy)."""
        self.ensure_one()
        employee = self.employee_id.sudo()
        user = employee.user_id
        if not isinstance(rater_id, int) or isinstance(rater_id, bool):
            raise AccessError(self.env._("This rating is not yours."))
        rater = self.env["mfg.appraisal.rater"].sudo().browse(rater_id).exists()
        if not rater or rater not in self._mfg_open_raters():
            raise AccessError(self.env._("This rating is not yours."))
        if not isinstance(scores, list):
            raise UserError(self.env._("The scores could not be read."))
        if self_report is not None and (not isinstance(self_report, str) or rater.role != "self"):
            raise UserError(self.env._("The self-report could not be read."))
        ratings = {rating.id: rating for rating in rater.rating_ids}
        given = {}
        for entry in scores:
            rating = ratings.get(entry.get("id")) if isinstance(entry, dict) else None
            score = entry.get("score") if isinstance(entry, dict) else None
            if rating is None:
                raise AccessError(self.env._("This rating is not yours."))
            if score is None or score == "":
                continue
            if not isinstance(score, int | float) or isinstance(score, bool):
                raise UserError(self.env._("A score is a number from 0 to 100."))
            given[rating.id] = float(score)
        report = plaintext2html(self_report) if self_report is not None else None
        evidence = self._mfg_evidence()
        if not user:
            rater._employee_rate(employee, given, evidence)
            appraisal = rater.appraisal_id
            if report is not None or submit:
                appraisal._employee_self_assessment(
                    employee, evidence, self_report=report, submit=submit
                )
            self._mfg_count_action()
            return True
        as_user = rater.with_user(user).with_company(rater.company_id)
        for rating_id, score in given.items():
            ratings[rating_id].with_env(as_user.env).write({"score": score})
        if report is not None:
            as_user.appraisal_id.write({"self_report": report})
        if submit:
            if rater.role == "self":
                as_user.appraisal_id.action_submit_self()
            else:
                as_user.action_submit()
            rater.appraisal_id.message_post(
                body=self.env._(
                    "%(employee)s submitted their %(role)s scores %(evidence)s.",
                    employee=employee.name,
                    role=dict(rater._fields["role"]._description_selection(self.env))[rater.role],
                    evidence=evidence,
                ),
                author_id=user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        self._mfg_count_action()
        return True

    # ------------------------------------------------------------------
    # Team leader: actual values of the team members' sheets
    # ------------------------------------------------------------------
    def _mfg_value_appraisals(self):
        """The appraisals in rating whose appraiser is the employee's user (never their
        own): the ones whose actual values they enter."""
        self.ensure_one()
        user = self.employee_id.sudo().user_id
        if not user:
            return self.env["mfg.appraisal"]
        return (
            self.env["mfg.appraisal"]
            .sudo()
            .search(
                [
                    ("appraiser_id", "=", user.id),
                    ("state", "=", "rating"),
                    ("employee_user_id", "!=", user.id),
                ],
                order="employee_name, id",
            )
        )

    def _mfg_value_tasks(self):
        """Per appraisal to complete: its linear and occurrence lines, with their values."""
        self.ensure_one()
        appraisals = self._mfg_value_appraisals()
        # Read the lines of every appraisal, and their sections, at once.
        appraisals.line_ids.filtered(lambda line: line.rule_kind in VALUE_KINDS).section_id.read(
            ["name"]
        )
        tasks = []
        for appraisal in appraisals:
            lines = appraisal.line_ids.filtered(lambda line: line.rule_kind in VALUE_KINDS)
            if not lines:
                continue
            tasks.append(
                {
                    "id": appraisal.id,
                    "appraisee": appraisal.employee_id.name,
                    "cycle": appraisal.cycle_id.display_name,
                    "lines": [
                        dict(
                            self._mfg_line_info(line),
                            id=line.id,
                            kind=line.rule_kind,
                            rule=line.rule_text or "",
                            target=line.template_line_id.target_text or "",
                            from_kpi=bool(line.kpi_value_id),
                            value=line.actual_value if line.actual_set else None,
                            occurrences=line.occurrences if line.actual_set else None,
                            major_event=line.major_event,
                            score=round(line.score, 2) if line.score_set else None,
                        )
                        for line in lines
                    ],
                }
            )
        return tasks

    def _mfg_enter_values(self, appraisal_id, values):
        """Enter actual values of the lines of an appraisal the employee's user appraises, as
        that user: the appraisal's line policy decides (appraiser, in rating, the inputs of
        the line's rule kind)."""
        self.ensure_one()
        user = self.employee_id.sudo().user_id
        if not isinstance(appraisal_id, int) or isinstance(appraisal_id, bool):
            raise AccessError(self.env._("This appraisal is not yours to rate."))
        appraisal = self.env["mfg.appraisal"].sudo().browse(appraisal_id).exists()
        if not user or not appraisal or appraisal not in self._mfg_value_appraisals():
            raise AccessError(self.env._("This appraisal is not yours to rate."))
        if not isinstance(values, list):
            raise UserError(self.env._("The values could not be read."))
        lines = {
            line.id: line
            for line in appraisal.line_ids.filtered(lambda line: line.rule_kind in VALUE_KINDS)
        }
        Line = self.env["mfg.appraisal.line"].with_user(user).with_company(appraisal.company_id)
        written = False
        for entry in values:
            line = lines.get(entry.get("id")) if isinstance(entry, dict) else None
            if line is None:
                raise AccessError(self.env._("This appraisal is not yours to rate."))
            vals = {}
            for key in ("actual_value", "occurrences", "major_event"):
                if key not in entry or entry[key] is None or entry[key] == "":
                    continue
                value = entry[key]
                if key == "major_event":
                    if not isinstance(value, bool):
                        raise UserError(self.env._("The values could not be read."))
                elif key == "occurrences":
                    if not isinstance(value, int) or isinstance(value, bool):
                        raise UserError(self.env._("Occurrences are a whole number."))
                elif not isinstance(value, int | float) or isinstance(value, bool):
                    raise UserError(self.env._("A value is a number."))
                vals[key] = value
            if vals:
                Line.browse(line.id).write(vals)
                written = True
        if not written:
            return True
        appraisal.message_post(
            body=self.env._(
                "%(employee)s entered values %(evidence)s.",
                employee=self.employee_id.name,
                evidence=self._mfg_evidence(),
            ),
            author_id=user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self._mfg_count_action()
        return True

    # ------------------------------------------------------------------
    # Team leader: the team today
    # ------------------------------------------------------------------
    def _mfg_team_overview(self, today):
        """For an employee who leads others: each member's checklist completion today, the
        team's problems whose follow-up is still open, and who has not self-assessed."""
        self.ensure_one()
        leader = self.employee_id.sudo()
        members = self.env["hr.employee"].sudo().search([("id", "child_of", leader.id)]) - leader
        if not members:
            return {"members": [], "problems": [], "not_self_assessed": []}
        Run = self.env["mfg.duty.run"].sudo()
        runs = Run.search(
            [
                ("employee_id", "in", members.ids),
                ("period_start", "<=", today),
                ("period_end", ">=", today),
            ]
        )
        totals = {}
        for run in runs:
            checked, count = totals.get(run.employee_id.id, (0, 0))
            totals[run.employee_id.id] = (checked + run.checked_count, count + run.item_count)
        member_rows = []
        for member in members.sorted("name"):
            checked, count = totals.get(member.id, (0, 0))
            member_rows.append(
                {
                    "id": member.id,
                    "name": member.name,
                    "checked": checked,
                    "count": count,
                    "rate": round(100.0 * checked / count) if count else None,
                }
            )
        problems = (
            self.env["mfg.duty.run.item"]
            .sudo()
            .search(
                [
                    ("employee_id", "in", members.ids),
                    ("result", "=", "problem"),
                    ("run_id.period_end", ">=", today - timedelta(days=30)),
                ],
                order="checked_date desc, id desc",
                limit=50,
            )
            .filtered(lambda item: not item.followup_closed)
        )
        waiting = (
            self.env["mfg.appraisal"]
            .sudo()
            .search(
                [("employee_id", "in", members.ids), ("state", "=", "self_assessment")],
                order="employee_name, id",
            )
        )
        return {
            "members": member_rows,
            "problems": [
                {
                    "id": item.id,
                    "employee": item.employee_id.name,
                    "name": item.name,
                    "note": item.note or "",
                    "followup": item.followup_status or "",
                }
                for item in problems
            ],
            "not_self_assessed": [
                {
                    "id": appraisal.id,
                    "employee": appraisal.employee_id.name,
                    "cycle": appraisal.cycle_id.display_name,
                    "has_user": bool(appraisal.employee_user_id),
                }
                for appraisal in waiting
            ],
        }
