# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

OFFICER = "mfg_training.group_training_officer"
# Kept by the workflow: never given by a caller.
SYSTEM_FIELDS = {"state", "mfg_done_date", "mfg_on_time", "mfg_kind"}
# What the session is and when it is due: fixed once it has started (the KPIs count on them).
PLANNING_FIELDS = {"course_id", "mfg_plan_id", "mfg_planned_date", "company_id"}


class HrCourseSchedule(models.Model):
    _inherit = ["hr.course.schedule", "mail.activity.mixin"]
    _name = "hr.course.schedule"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    mfg_plan_id = fields.Many2one(
        "mfg.training.plan",
        string="Training Plan",
        index=True,
        check_company=True,
        ondelete="restrict",
        tracking=True,
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
        check_company=True,
        index=True,
        tracking=True,
        help="The department (workshop) the session trains: its manager follows it.",
    )
    mfg_kind = fields.Selection(
        string="Training Kind",
        related="course_id.mfg_kind",
        store=True,
        index=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Organiser",
        default=lambda self: self.env.user,
        index=True,
        tracking=True,
        help="Who organises the session: the session counts in their training KPIs.",
    )
    authorized_by = fields.Many2one(default=lambda self: self.env.user.employee_id)
    mfg_planned_date = fields.Date(
        string="Planned Date",
        default=fields.Date.context_today,
        index=True,
        tracking=True,
        help="When the session is due to be delivered, by the plan.",
    )
    mfg_done_date = fields.Date(
        string="Delivered On",
        readonly=True,
        copy=False,
        tracking=True,
        help="The day the session was completed.",
    )
    mfg_on_time = fields.Boolean(
        string="On Time",
        compute="_compute_mfg_on_time",
        store=True,
        help="Delivered on or before its planned date.",
    )
    mfg_attendee_count = fields.Integer(string="Attendees", compute="_compute_mfg_attendee_stats")
    mfg_passed_count = fields.Integer(string="Passed", compute="_compute_mfg_attendee_stats")

    @api.constrains("mfg_planned_date", "mfg_plan_id")
    def _check_mfg_planned_date(self):
        for session in self.filtered("mfg_plan_id"):
            plan = session.mfg_plan_id
            if not session.mfg_planned_date:
                raise ValidationError(
                    self.env._(
                        "Session %(session)s belongs to plan %(plan)s: give its planned date.",
                        session=session.name,
                        plan=plan.name,
                    )
                )
            if not plan.date_start <= session.mfg_planned_date <= plan.date_end:
                raise ValidationError(
                    self.env._(
                        "The planned date of session %(session)s lies outside the period of "
                        "plan %(plan)s (%(start)s to %(end)s).",
                        session=session.name,
                        plan=plan.name,
                        start=plan.date_start,
                        end=plan.date_end,
                    )
                )

    @api.depends("mfg_plan_id")
    def _compute_department_id(self):
        for session in self:
            if session.mfg_plan_id.department_id:
                session.department_id = session.mfg_plan_id.department_id
            elif not session.department_id:
                session.department_id = False

    @api.depends("mfg_done_date", "mfg_planned_date")
    def _compute_mfg_on_time(self):
        for session in self:
            session.mfg_on_time = bool(
                session.mfg_done_date
                and (
                    not session.mfg_planned_date
                    or session.mfg_done_date <= session.mfg_planned_date
                )
            )

    @api.depends("course_attendee_ids.result")
    def _compute_mfg_attendee_stats(self):
        for session in self:
            attendees = session.course_attendee_ids
            session.mfg_attendee_count = len(attendees)
            session.mfg_passed_count = len(attendees.filtered(lambda a: a.result == "passed"))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                refused = SYSTEM_FIELDS & set(vals)
                if refused:
                    self._mfg_refuse(refused)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            refused = SYSTEM_FIELDS & set(vals)
            if refused:
                self._mfg_refuse(refused)
            closed = self.filtered(lambda s: s.state in ("completed", "cancelled"))
            changed = set(vals) - {
                *self.env["mail.thread"]._fields,
                *self.env["mail.activity.mixin"]._fields,
            }
            started = self.filtered(
                lambda s: s.state in ("in_progress", "in_validation", "completed")
            )
            if started and PLANNING_FIELDS & set(vals):
                raise UserError(
                    self.env._(
                        "Session %(session)s has started: its course, plan and planned date are "
                        "fixed.",
                        session=started[0].name,
                    )
                )
            if closed and changed:
                raise UserError(
                    self.env._(
                        "Session %(session)s is closed: reopen it (back to draft) to change it.",
                        session=closed[0].name,
                    )
                )
        return super().write(vals)

    def _mfg_refuse(self, names):
        labels = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )
        raise UserError(
            self.env._(
                "The session's workflow keeps these fields; use its buttons: %(fields)s.",
                fields=labels,
            )
        )

    # ------------------------------------------------------------------
    # Workflow (the hr_course buttons, run by a training officer)
    # ------------------------------------------------------------------
    def _mfg_check_officer(self):
        if not self.env.su and not self.env.user.has_group(OFFICER):
            raise AccessError(self.env._("Only training officers move training sessions along."))
        self.check_access("write")

    def draft2waiting(self):
        self._mfg_check_officer()
        return super(HrCourseSchedule, self.sudo()).draft2waiting()

    def waiting2inprogress(self):
        self._mfg_check_officer()
        return super(HrCourseSchedule, self.sudo()).waiting2inprogress()

    def inprogress2validation(self):
        self._mfg_check_officer()
        return super(HrCourseSchedule, self.sudo()).inprogress2validation()

    def validation2complete(self):
        self._mfg_check_officer()
        result = None
        for session in self:
            # hr_course checks the whole set of attendees at once: check each session.
            result = super(HrCourseSchedule, session.sudo()).validation2complete()
        self.env["mfg.training.need"].sudo()._mfg_sessions_completed(self)
        return result

    def back2draft(self):
        self._mfg_check_officer()
        return super(HrCourseSchedule, self.sudo()).back2draft()

    def cancel_course(self):
        self._mfg_check_officer()
        return super(HrCourseSchedule, self.sudo()).cancel_course()

    def all_passed(self):
        self._mfg_check_officer()
        return super().all_passed()

    def _validation2complete_values(self):
        values = super()._validation2complete_values()
        values["mfg_done_date"] = fields.Date.context_today(self)
        return values

    def _back2draft_values(self):
        values = super()._back2draft_values()
        values["mfg_done_date"] = False
        return values

    def _mfg_check_attendees(self):
        """Sessions must have their attendees before they start."""
        for session in self:
            if not session.attendant_ids:
                raise UserError(
                    self.env._("Session %(session)s has no attendees.", session=session.name)
                )

    def _waiting2inprogress_values(self):
        self._mfg_check_attendees()
        return super()._waiting2inprogress_values()

    # ------------------------------------------------------------------
    # Results
    # ------------------------------------------------------------------
    def action_mfg_record_results(self, results):
        """Record attendance and exam results of this session's attendees at once.

        ``results``: a list of ``{"employee_id", "attended", "score", "result"}`` (all but the
        employee optional). A score without a result gives passed or failed by the course's
        pass score. Everything is checked before anything is written: an employee who is not
        an attendee of the session, a session not running, or a bad score refuses the whole
        call."""
        self.ensure_one()
        self._mfg_check_officer()
        if self.state not in ("in_progress", "in_validation"):
            raise UserError(
                self.env._(
                    "Results are recorded while session %(session)s is in progress or in "
                    "validation.",
                    session=self.name,
                )
            )
        attendees = {a.employee_id.id: a for a in self.course_attendee_ids}
        writes = []
        for entry in results:
            employee_id = entry.get("employee_id")
            attendee = attendees.get(employee_id)
            if not attendee:
                employee = self.env["hr.employee"].browse(employee_id).exists()
                raise UserError(
                    self.env._(
                        "%(employee)s is not enrolled in session %(session)s: enrol them before "
                        "recording a result.",
                        employee=employee.sudo().name or str(employee_id),
                        session=self.name,
                    )
                )
            vals = {key: entry[key] for key in ("attended", "score", "result") if key in entry}
            vals = {f"mfg_{key}" if key != "result" else key: value for key, value in vals.items()}
            if "mfg_score" in vals and "result" not in vals:
                vals["result"] = (
                    "passed" if vals["mfg_score"] >= self.course_id.mfg_pass_score else "failed"
                )
            writes.append((attendee, attendee._mfg_result_vals(vals)))
        for attendee, vals in writes:
            attendee._mfg_check_result_vals(vals)
        for attendee, vals in writes:
            attendee.write(vals)
        return True

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    @api.model
    def _cron_overdue_reminders(self):
        """A to-do for the organiser of each session past its planned date and not delivered
        (once per session: an open reminder is not repeated), created at once."""
        today = fields.Date.context_today(self)
        sessions = self.search_fetch(
            [
                ("mfg_planned_date", "<", today),
                ("state", "in", ("draft", "waiting_attendees", "in_progress", "in_validation")),
                ("user_id", "!=", False),
            ],
            ["name", "user_id", "mfg_planned_date"],
        )
        if not sessions:
            return
        todo = self.env.ref("mail.mail_activity_data_todo")
        reminded = {
            activity.res_id
            for activity in self.env["mail.activity"].search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", sessions.ids),
                    ("activity_type_id", "=", todo.id),
                    ("summary", "=", self._overdue_summary()),
                ],
                ["res_id"],
            )
        }
        model_id = self.env["ir.model"]._get_id(self._name)
        self.env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": session.id,
                    "activity_type_id": todo.id,
                    "summary": self._overdue_summary(),
                    "note": self.env._(
                        "Planned for %(date)s and not delivered yet: run it or plan it again.",
                        date=session.mfg_planned_date,
                    ),
                    "user_id": session.user_id.id,
                    "date_deadline": today,
                }
                for session in sessions
                if session.id not in reminded
            ]
        )

    @api.model
    def _overdue_summary(self):
        return self.env._("Overdue training session")
