# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessDenied, AccessError, UserError

# A kiosk session never lasts longer than this, however busy the operator.
MAX_SESSION = timedelta(minutes=30)


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
        "hr.department", string="Workshop", required=True, readonly=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="department_id.company_id", store=True)
    employee_id = fields.Many2one(
        "hr.employee", required=True, readonly=True, index=True, ondelete="cascade"
    )
    method = fields.Selection(
        [("badge", "Badge"), ("pin", "PIN")],
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

    @api.model
    def _mfg_open(self, department, employee, method):
        now = fields.Datetime.now()
        return self.sudo().create(
            {
                "department_id": department.id,
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
        return {
            "periods": [period.display_name for period in periods],
            "kpis": sorted(rows.values(), key=lambda row: row["kpi"]),
        }

    def _mfg_appraisal_results(self, today):
        """The employee's published appraisal results, newest first, with whether the kiosk
        may file an appeal (the backend lets only the appraisee's user appeal)."""
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
                    "can_appeal": bool(appraisal.employee_user_id) and in_time and not open_appeal,
                    "appeal_in_time": in_time,
                }
            )
        return result

    def _mfg_appeal(self, appraisal_id, reason):
        """File an appeal of the employee's own appraisal, as their user (the backend decides
        the rest: published, within the deadline, not already open)."""
        self.ensure_one()
        if not isinstance(appraisal_id, int) or isinstance(appraisal_id, bool):
            raise AccessError(self.env._("This appraisal is not yours."))
        appraisal = self.env["mfg.appraisal"].sudo().browse(appraisal_id).exists()
        if not appraisal or appraisal.employee_id != self.employee_id:
            raise AccessError(self.env._("This appraisal is not yours."))
        user = appraisal.employee_user_id
        if not user:
            raise UserError(
                self.env._(
                    "Appeals are filed by the appraisee's user account: ask HR to file it "
                    "with you."
                )
            )
        appeal = (
            self.env["mfg.appraisal.appeal"]
            .with_user(user)
            .with_company(appraisal.company_id)
            .create(
                {"appraisal_id": appraisal.id, "reason": reason if isinstance(reason, str) else ""}
            )
        )
        appraisal.message_post(
            body=self.env._(
                "Appeal filed by %(employee)s %(evidence)s.",
                employee=self.employee_id.name,
                evidence=self._mfg_evidence(),
            ),
            author_id=user.partner_id.id,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        self._mfg_count_action()
        return appeal

    # ------------------------------------------------------------------
    # Rating: self-assessment and team members, as the employee's user
    # ------------------------------------------------------------------
    def _mfg_rater_tasks(self):
        """The open rater entries of the employee's user (their self-assessment, the team
        members they rate), with the lines to score. Raters are users in the appraisal
        backend: an employee without a user has none."""
        self.ensure_one()
        user = self.employee_id.sudo().user_id
        if not user:
            return []
        raters = (
            self.env["mfg.appraisal.rater"]
            .sudo()
            .search([("user_id", "=", user.id), ("state", "=", "todo")], order="id")
            .filtered(lambda rater: rater._window() == "open")
        )
        roles = dict(raters._fields["role"]._description_selection(self.env))
        return [
            {
                "id": rater.id,
                "appraisee": rater.appraisal_id.employee_id.name,
                "cycle": rater.appraisal_id.cycle_id.display_name,
                "role": rater.role,
                "role_label": roles.get(rater.role, ""),
                "lines": [
                    {
                        "id": rating.id,
                        # The sheet's wording, in the kiosk's language when it is translated.
                        "name": rating.line_id.template_line_id.name or rating.line_name,
                        "section": rating.line_id.template_line_id.dimension
                        or rating.section_name
                        or "",
                        "weight": rating.line_id.weight,
                        "score": rating.score if rating.score_set else None,
                    }
                    for rating in rater.rating_ids.sorted(lambda r: (r.line_id.sequence, r.id))
                ],
            }
            for rater in raters
        ]

    def _mfg_rate(self, rater_id, scores, submit=False):
        """Save the scores of one of the employee's rater entries and, on ``submit``, hand
        them in (a self-assessment submits the appraisal's self-assessment step) — all as the
        employee's user, through the appraisal's own write policy and actions."""
        self.ensure_one()
        user = self.employee_id.sudo().user_id
        if not isinstance(rater_id, int) or isinstance(rater_id, bool):
            raise AccessError(self.env._("This rating is not yours."))
        rater = self.env["mfg.appraisal.rater"].sudo().browse(rater_id).exists()
        if not user or not rater or rater.user_id != user:
            raise AccessError(self.env._("This rating is not yours."))
        if not isinstance(scores, list):
            raise UserError(self.env._("The scores could not be read."))
        ratings = {rating.id: rating for rating in rater.rating_ids}
        as_user = rater.with_user(user).with_company(rater.company_id)
        for entry in scores:
            rating = ratings.get(entry.get("id")) if isinstance(entry, dict) else None
            score = entry.get("score") if isinstance(entry, dict) else None
            if rating is None:
                raise AccessError(self.env._("This rating is not yours."))
            if score is None or score == "":
                continue
            if not isinstance(score, int | float) or isinstance(score, bool):
                raise UserError(self.env._("A score is a number from 0 to 100."))
            rating.with_env(as_user.env).write({"score": float(score)})
        if submit:
            if rater.role == "self":
                as_user.appraisal_id.action_submit_self()
            else:
                as_user.action_submit()
            rater.appraisal_id.message_post(
                body=self.env._(
                    "%(employee)s submitted their %(role)s scores %(evidence)s.",
                    employee=self.employee_id.name,
                    role=dict(rater._fields["role"]._description_selection(self.env))[rater.role],
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
