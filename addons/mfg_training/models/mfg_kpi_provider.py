# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import Provider
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
SESSIONS = _lt("Training sessions")
RESULTS = _lt("Training attendance and results")
SESSION_MODEL = "hr.course.schedule"
ATTENDEE_MODEL = "hr.course.attendee"


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = {
        "WORKSHOP_TRAINING_PLAN_COMPLETION_RATE": Provider(
            SESSIONS, "_provide_trn_plan_completion", "workshop"
        ),
        "SAFETY_TRAINING_PLAN_RATE": Provider(SESSIONS, "_provide_trn_plan_completion", "safety"),
        "EQUIPMENT_TRAINING_PLAN_RATE": Provider(
            SESSIONS, "_provide_trn_plan_completion", "equipment"
        ),
        "NEW_EMPLOYEE_TRAINING_PLAN_RATE": Provider(
            SESSIONS, "_provide_trn_plan_completion", "new_employee"
        ),
        "PROCESS_TRAINING_ON_TIME_RATE": Provider(SESSIONS, "_provide_trn_on_time", "process"),
        "SKILL_TRAINING_PASS_RATE": Provider(RESULTS, "_provide_trn_pass_rate", "skill"),
        "SAFETY_TRAINING_COVERAGE": Provider(RESULTS, "_provide_trn_coverage", "safety"),
    }

    # ------------------------------------------------------------------
    # Sessions planned in the period
    # ------------------------------------------------------------------
    @api.model
    def _trn_due_sessions(self, kind, period, clock):
        """Sessions of ``kind`` of the company planned in the period and not cancelled, whose
        planned day is over or that are delivered already (a session still due later in a
        running period is left out)."""
        return self.env[SESSION_MODEL].search_fetch(
            [
                ("company_id", "=", period.company_id.id),
                ("mfg_kind", "=", kind),
                ("mfg_planned_date", ">=", fields.Date.to_string(period.date_start)),
                ("mfg_planned_date", "<=", fields.Date.to_string(period.date_end)),
                ("state", "!=", "cancelled"),
                "|",
                ("mfg_planned_date", "<", fields.Date.to_string(clock.today)),
                ("state", "=", "completed"),
            ],
            [
                "state",
                "mfg_planned_date",
                "mfg_done_date",
                "department_id",
                "user_id",
                "mfg_plan_id",
            ],
            order="id",
        )

    @api.model
    def _trn_session_measures(self, kpi, period, sessions, counted):
        """One figure per session for the company, its department and its organiser's
        employee: ``counted(session)`` (1 or 0) over 1."""
        company = period.company_id
        employees = self._user_employees(set(sessions.user_id.ids), company)
        tally = self._tally()
        for session in sessions:
            subjects = {("company", company.id)}
            if session.department_id:
                subjects.add(("department", session.department_id.id))
            if session.user_id.id in employees:
                subjects.add(("employee", employees[session.user_id.id][0]))
            tally.add(subjects, 1.0 if counted(session) else 0.0, 1.0, [session.id])
        return self._tally_measures(kpi, tally, SESSION_MODEL)

    @api.model
    def _provide_trn_plan_completion(self, kpi, period):
        """Sessions of the kind delivered by the end of the period ÷ sessions of the kind
        planned in the period × 100."""
        clock = self._clock(period)
        sessions = self._trn_due_sessions(self._variant(kpi), period, clock)
        last_day = clock.last_day
        return self._trn_session_measures(
            kpi,
            period,
            sessions,
            lambda s: s.state == "completed" and s.mfg_done_date <= last_day,
        )

    @api.model
    def _provide_trn_on_time(self, kpi, period):
        """Sessions of the kind delivered on or before their planned day ÷ sessions of the
        kind planned in the period × 100."""
        clock = self._clock(period)
        sessions = self._trn_due_sessions(self._variant(kpi), period, clock)
        return self._trn_session_measures(
            kpi,
            period,
            sessions,
            lambda s: s.state == "completed" and s.mfg_done_date <= s.mfg_planned_date,
        )

    # ------------------------------------------------------------------
    # Attendees
    # ------------------------------------------------------------------
    @api.model
    def _trn_delivered_domain(self, kind, period, clock):
        return [
            ("company_id", "=", period.company_id.id),
            ("mfg_kind", "=", kind),
            ("course_schedule_id.state", "=", "completed"),
            ("mfg_done_date", ">=", fields.Date.to_string(period.date_start)),
            ("mfg_done_date", "<=", fields.Date.to_string(clock.last_day)),
        ]

    @api.model
    def _provide_trn_pass_rate(self, kpi, period):
        """Exams passed ÷ exams taken (attendees passed or failed) in sessions of the kind
        delivered in the period × 100, per attendee."""
        clock = self._clock(period)
        attendees = self.env[ATTENDEE_MODEL].search_fetch(
            [
                *self._trn_delivered_domain(self._variant(kpi), period, clock),
                ("result", "in", ("passed", "failed")),
            ],
            ["employee_id", "department_id", "result"],
            order="id",
        )
        company = period.company_id
        tally = self._tally()
        for attendee in attendees:
            subjects = {("company", company.id), ("employee", attendee.employee_id.id)}
            if attendee.department_id:
                subjects.add(("department", attendee.department_id.id))
            passed = 1.0 if attendee.result == "passed" else 0.0
            tally.add(subjects, passed, 1.0, [attendee.id])
        return self._tally_measures(kpi, tally, ATTENDEE_MODEL)

    @api.model
    def _provide_trn_coverage(self, kpi, period):
        """Employees required to be trained who attended a delivered session of the kind in
        the period ÷ employees required to be trained × 100.

        Required: the active employees of the company in the scope (department and its
        sub-departments, positions) of a training plan with a session of the kind planned in
        the period."""
        kind = self._variant(kpi)
        clock = self._clock(period)
        company = period.company_id
        sessions = self._trn_due_sessions(kind, period, clock).filtered("mfg_plan_id")
        plans = sessions.mfg_plan_id
        if not plans:
            return []
        plans.fetch(["department_id", "job_ids"])
        departments = (
            self.env["hr.department"]
            .with_context(active_test=False)
            .search_fetch([("company_id", "in", [company.id, False])], ["parent_path"])
        )
        paths = {department.id: department.parent_path for department in departments}
        scopes = [(paths.get(plan.department_id.id), set(plan.job_ids.ids)) for plan in plans]
        employees = self.env["hr.employee"].search_fetch(
            [("company_id", "=", company.id)], ["department_id", "job_id"], order="id"
        )
        required = {}
        for employee in employees:
            path = paths.get(employee.department_id.id) or ""
            for plan_path, jobs in scopes:
                if plan_path and not path.startswith(plan_path):
                    continue
                if jobs and employee.job_id.id not in jobs:
                    continue
                required[employee.id] = employee.department_id.id
                break
        if not required:
            return []
        trained = self.env[ATTENDEE_MODEL]._read_group(
            [
                *self._trn_delivered_domain(kind, period, clock),
                ("mfg_attended", "=", True),
                ("employee_id", "in", list(required)),
            ],
            ["employee_id"],
        )
        trained_ids = {employee.id for (employee,) in trained}
        tally = self._tally()
        for employee_id, department_id in required.items():
            # A department counts the people of its teams too (every department above theirs).
            subjects = {("company", company.id)}
            subjects.update(
                ("department", int(ancestor))
                for ancestor in (paths.get(department_id) or "").split("/")
                if ancestor
            )
            tally.add(subjects, 1.0 if employee_id in trained_ids else 0.0, 1.0, [employee_id])
        return self._tally_measures(
            kpi, tally, "hr.employee", drill_extra=[("active", "in", [True, False])]
        )
