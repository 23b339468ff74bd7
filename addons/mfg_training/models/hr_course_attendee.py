# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# What a training officer records on an attendee; everything else is kept by the system.
RESULT_FIELDS = {"result", "mfg_attended", "mfg_score", "mfg_certificate_ref"}
# Days ahead the daily reminder looks for certificates to renew (system parameter).
NOTICE_PARAM = "mfg_training.certificate_notice_days"
NOTICE_DAYS = 30
RENEWAL_ACTIVITY = "mfg_training.mail_activity_type_certificate_renewal"


class HrCourseAttendee(models.Model):
    _name = "hr.course.attendee"
    _inherit = ["hr.course.attendee", "mail.thread", "mail.activity.mixin"]

    company_id = fields.Many2one(
        related="course_schedule_id.company_id", store=True, index=True, string="Company"
    )
    department_id = fields.Many2one(
        "hr.department",
        compute="_compute_department_id",
        store=True,
        index=True,
        help="The attendee's department when enrolled.",
    )
    mfg_kind = fields.Selection(
        related="course_schedule_id.mfg_kind", store=True, string="Training Kind"
    )
    mfg_done_date = fields.Date(
        related="course_schedule_id.mfg_done_date", store=True, string="Delivered On"
    )
    mfg_attended = fields.Boolean(string="Attended")
    mfg_score = fields.Float(string="Exam Score", aggregator="avg")
    mfg_certificate_ref = fields.Char(string="Certificate No.")
    mfg_certificate_expiry = fields.Date(
        string="Certificate Expiry",
        compute="_compute_mfg_certificate_expiry",
        store=True,
        index=True,
        help="A passed attendee of a course that gives a certificate holds it until this day.",
    )

    _mfg_employee_session_uniq = models.Constraint(
        "UNIQUE(course_schedule_id, employee_id)",
        "An employee attends a session once.",
    )
    _mfg_score_range = models.Constraint(
        "CHECK(mfg_score >= 0 AND mfg_score <= 100)",
        "An exam score lies between 0 and 100.",
    )

    @api.constrains("employee_id", "course_schedule_id")
    def _check_mfg_enrolled(self):
        for attendee in self:
            if attendee.employee_id not in attendee.course_schedule_id.attendant_ids:
                raise ValidationError(
                    self.env._(
                        "%(employee)s is not enrolled in session %(session)s: enrol them before "
                        "recording a result.",
                        employee=attendee.employee_id.name,
                        session=attendee.course_schedule_id.name,
                    )
                )

    @api.depends("employee_id")
    def _compute_department_id(self):
        for attendee in self:
            attendee.department_id = attendee.employee_id.department_id

    @api.depends(
        "result",
        "course_schedule_id.end_date",
        "course_schedule_id.mfg_done_date",
        "course_schedule_id.course_id.mfg_certificate_months",
    )
    def _compute_mfg_certificate_expiry(self):
        for attendee in self:
            session = attendee.course_schedule_id
            months = session.course_id.mfg_certificate_months
            start = session.end_date or session.mfg_done_date
            if attendee.result == "passed" and months and start:
                attendee.mfg_certificate_expiry = start + relativedelta(months=months)
            else:
                attendee.mfg_certificate_expiry = False

    # ------------------------------------------------------------------
    # Certificate renewal reminders
    # ------------------------------------------------------------------
    @api.model
    def _mfg_notice_days(self):
        value = self.env["ir.config_parameter"].sudo().get_param(NOTICE_PARAM)
        try:
            return max(int(value), 0) if value else NOTICE_DAYS
        except ValueError:
            return NOTICE_DAYS

    @api.model
    def _cron_certificate_reminders(self):
        """One "certificate renewal" activity per certificate expiring within the notice days
        (system parameter ``mfg_training.certificate_notice_days``, default 30), for the
        employee's manager, else the organiser of the session, else a training officer of the
        company. Not for a certificate already renewed (a later pass of the same course valid
        beyond the notice days), nor repeated while one is open. Set-based: a fixed number of
        queries whatever the number of certificates."""
        today = fields.Date.context_today(self)
        limit = today + timedelta(days=self._mfg_notice_days())
        attendees = self.search_fetch(
            [
                ("result", "=", "passed"),
                ("mfg_certificate_expiry", ">=", today),
                ("mfg_certificate_expiry", "<=", limit),
                ("employee_id.active", "=", True),
            ],
            ["employee_id", "course_schedule_id", "company_id", "mfg_certificate_expiry"],
        )
        if not attendees:
            return self.browse()
        renewed = {
            (later.employee_id.id, later.course_schedule_id.course_id.id)
            for later in self.search_fetch(
                [
                    ("result", "=", "passed"),
                    ("employee_id", "in", attendees.employee_id.ids),
                    ("mfg_certificate_expiry", ">", limit),
                ],
                ["employee_id", "course_schedule_id"],
            )
        }
        activity_type = self.env.ref(RENEWAL_ACTIVITY)
        reminded = {
            activity.res_id
            for activity in self.env["mail.activity"].search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", attendees.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
        }
        officers = self.env.ref("mfg_training.group_training_officer").all_user_ids.filtered(
            lambda user: user.active and not user.share
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for attendee in attendees:
            employee = attendee.employee_id
            course = attendee.course_schedule_id.course_id
            if attendee.id in reminded or (employee.id, course.id) in renewed:
                continue
            user = (
                employee.parent_id.user_id
                or attendee.course_schedule_id.user_id
                or officers.filtered(lambda u, c=attendee.company_id: c in u.company_ids)[:1]
            )
            if not user:
                continue
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": attendee.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.env._("Certificate to renew: %(course)s", course=course.name),
                    "note": self.env._(
                        "The certificate %(ref)s of %(employee)s for %(course)s expires on "
                        "%(date)s: plan the renewal training.",
                        ref=attendee.mfg_certificate_ref or "",
                        employee=employee.name,
                        course=course.name,
                        date=attendee.mfg_certificate_expiry,
                    ),
                    "user_id": user.id,
                    "date_deadline": attendee.mfg_certificate_expiry,
                }
            )
        # Assignees find them in their activities (no e-mail per certificate). The names the
        # activities show are read at once, not one by one by mail.activity.
        Activity = self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True)
        self.sudo().with_context(mail_activity_quick_update=True).browse(
            [vals["res_id"] for vals in vals_list]
        ).mapped("display_name")
        return Activity.create(vals_list)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._mfg_result_vals(vals) for vals in vals_list]
        if not self.env.su:
            for vals in vals_list:
                refused = set(vals) - RESULT_FIELDS - {"employee_id", "course_schedule_id"}
                if refused:
                    self._mfg_refuse(refused)
        attendees = super().create(vals_list)
        if not self.env.su:
            for attendee, vals in zip(attendees, vals_list, strict=True):
                if set(vals) & RESULT_FIELDS:
                    attendee._mfg_check_result_vals(vals)
        return attendees

    def write(self, vals):
        if "mfg_score" in vals and "result" not in vals and vals["mfg_score"] is not False:
            # A score alone gives the result by the course's pass score.
            passing = self.filtered(
                lambda a: vals["mfg_score"] >= a.course_schedule_id.course_id.mfg_pass_score
            )
            if passing:
                passing.write({**vals, "result": "passed"})
            failing = self - passing
            return failing.write({**vals, "result": "failed"}) if failing else True
        vals = self._mfg_result_vals(vals)
        if not self.env.su:
            refused = set(vals) - RESULT_FIELDS
            if refused:
                self._mfg_refuse(refused)
            for attendee in self:
                attendee._mfg_check_result_vals(vals)
        return super().write(vals)

    def _mfg_refuse(self, names):
        labels = ", ".join(
            sorted(self._fields[name]._description_string(self.env) for name in names)
        )
        raise UserError(
            self.env._(
                "On an attendee only the attendance, score, result and certificate number are "
                "recorded; refused: %(fields)s.",
                fields=labels,
            )
        )

    def _mfg_check_result_vals(self, vals):
        """Results belong to a running session, and a result needs a presence."""
        self.ensure_one()
        session = self.course_schedule_id
        if session.state not in ("in_progress", "in_validation"):
            raise UserError(
                self.env._(
                    "Results are recorded while session %(session)s is in progress or in "
                    "validation.",
                    session=session.name,
                )
            )
        attended = vals.get("mfg_attended", self.mfg_attended)
        result = vals.get("result", self.result)
        if result == "absent" and vals.get("mfg_attended"):
            raise ValidationError(
                self.env._(
                    "%(employee)s cannot be both present and absent.",
                    employee=self.employee_id.name,
                )
            )
        if result in ("passed", "failed") and not attended:
            raise ValidationError(
                self.env._(
                    "%(employee)s did not attend session %(session)s: record them absent, not "
                    "%(result)s.",
                    employee=self.employee_id.name,
                    session=session.name,
                    result=dict(self._fields["result"]._description_selection(self.env))[result],
                )
            )
        score = vals.get("mfg_score")
        if score is not None and not 0 <= score <= 100:
            raise ValidationError(
                self.env._(
                    "The exam score of %(employee)s must lie between 0 and 100.",
                    employee=self.employee_id.name,
                )
            )

    @api.model
    def _mfg_result_vals(self, vals):
        """Passed or failed present the attendee; absent does not."""
        vals = dict(vals)
        if vals.get("result") in ("passed", "failed"):
            vals.setdefault("mfg_attended", True)
        elif vals.get("result") == "absent":
            vals.setdefault("mfg_attended", False)
        return vals
