# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Command

from ..periods import FREQUENCIES, FREQUENCY_ORDER, period_label, periods_between

_logger = logging.getLogger(__name__)

RUN_STATES = [
    ("todo", "To Do"),
    ("in_progress", "In Progress"),
    ("overdue", "Overdue"),
    ("done", "Done"),
]
OVERDUE_ACTIVITY = "mfg_duty.mail_activity_type_duty_overdue"


class MfgDutyRun(models.Model):
    """The checklist of one employee for one period, generated from a template."""

    _name = "mfg.duty.run"
    _description = "Duty Checklist"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "period_start desc, template_id, employee_id, id"
    _check_company_auto = True
    _rec_names_search = ["template_id", "employee_id", "period_label"]
    # Employees and their superiors comment and schedule activities on checklists they can read.
    _mail_post_access = "read"

    template_id = fields.Many2one(
        "mfg.duty.template",
        required=True,
        readonly=True,
        index=True,
        # A template with checklists cannot be deleted (_unlink_except_used) but at uninstall.
        ondelete="cascade",
        check_company=True,
    )
    employee_id = fields.Many2one(
        "hr.employee", required=True, readonly=True, index=True, check_company=True
    )
    job_id = fields.Many2one("hr.job", string="Position", readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    frequency = fields.Selection(FREQUENCIES, required=True, readonly=True)
    period_start = fields.Date(required=True, readonly=True, index=True)
    period_end = fields.Date(required=True, readonly=True, index=True)
    period_label = fields.Char(
        string="Period", compute="_compute_period_label", store=True, precompute=True
    )
    deadline = fields.Date(
        required=True, index=True, tracking=True, help="Last day to complete the checklist."
    )
    item_ids = fields.One2many("mfg.duty.run.item", "run_id", string="Items")
    state = fields.Selection(
        RUN_STATES,
        compute="_compute_progress",
        store=True,
        index=True,
        tracking=True,
        help="Done once every item has an answer; overdue when its deadline passed before.",
    )
    is_overdue = fields.Boolean(
        string="Was Overdue",
        readonly=True,
        copy=False,
        help="The deadline passed before the checklist was complete.",
    )
    date_done = fields.Datetime(string="Completed On", compute="_compute_progress", store=True)
    item_count = fields.Integer(string="Items Count", compute="_compute_progress", store=True)
    checked_count = fields.Integer(
        string="Checked",
        compute="_compute_progress",
        store=True,
        help="Items answered: done, not applicable or problem found.",
    )
    problem_count = fields.Integer(string="Problems", compute="_compute_progress", store=True)
    completion_rate = fields.Float(
        compute="_compute_progress",
        store=True,
        aggregator="avg",
        digits=(5, 2),
        help="Share of the items answered (done, not applicable or problem found), in %.",
    )
    can_answer = fields.Boolean(
        compute="_compute_permissions",
        help="The current user may answer the items: their own checklist, one of a team member "
        "without a user account, or any as a manager.",
    )
    can_manage = fields.Boolean(compute="_compute_permissions")

    _key_uniq = models.Constraint(
        "UNIQUE(template_id, employee_id, frequency, period_start)",
        "An employee has one checklist per template, frequency and period.",
    )
    _period_check = models.Constraint(
        "CHECK(period_end >= period_start)",
        "A checklist period cannot end before it starts.",
    )

    @api.depends("frequency", "period_start")
    def _compute_period_label(self):
        for run in self:
            run.period_label = (
                period_label(run.frequency, run.period_start)
                if run.frequency and run.period_start
                else False
            )

    @api.depends("item_ids.result", "is_overdue")
    def _compute_progress(self):
        now = fields.Datetime.now()
        for run in self:
            results = run.item_ids.mapped("result")
            pending = results.count("pending")
            checked = len(results) - pending
            run.item_count = len(results)
            run.checked_count = checked
            run.problem_count = results.count("problem")
            run.completion_rate = 100.0 * checked / len(results) if results else 0.0
            if results and not pending:
                run.state = "done"
            elif run.is_overdue:
                run.state = "overdue"
            elif checked:
                run.state = "in_progress"
            else:
                run.state = "todo"
            run.date_done = (run.date_done or now) if run.state == "done" else False

    @api.depends("employee_id.user_id")
    @api.depends_context("uid")
    def _compute_permissions(self):
        manager = self.env.user.has_group("mfg_duty.group_duty_manager")
        # Own checklists, those of team members without a user account, or all for managers.
        answerable = self.filtered(lambda run: isinstance(run.id, int))._filtered_access("write")
        for run in self:
            run.can_manage = manager
            run.can_answer = run in answerable

    @api.depends("template_id.name", "employee_id.name", "period_label")
    def _compute_display_name(self):
        for run in self:
            run.display_name = " · ".join(
                part
                for part in (run.template_id.name, run.employee_id.name, run.period_label)
                if part
            )

    def write(self, vals):
        if not self.env.su and not self.env.user.has_group("mfg_duty.group_duty_manager"):
            mail_fields = set(self.env["mail.thread"]._fields) | set(
                self.env["mail.activity.mixin"]._fields
            )
            forbidden = set(vals) - {"item_ids"} - mail_fields
            if forbidden:
                raise AccessError(
                    self.env._(
                        "Only duty checklist managers change a checklist itself; "
                        "you answer its items."
                    )
                )
        return super().write(vals)

    # ------------------------------------------------------------------
    # Generation (set-based)
    # ------------------------------------------------------------------
    @api.model
    def _generate(self, date_from, date_to, templates=None):
        """Create every missing checklist of ``templates`` (default: all active ones) for the
        periods that share a day with [date_from, date_to].

        A checklist is created for each employee of the template's company holding its
        position, each frequency of its active items and each period of that frequency.
        Existing checklists are left alone, so running it again creates nothing. The number of
        queries does not depend on the number of employees or periods (apart from the ORM
        inserting rows by batches of 100). Returns the new checklists.
        """
        if templates is None:
            templates = self.env["mfg.duty.template"].search([("active", "=", True)])
        templates = templates.filtered("active")
        if not templates or date_to < date_from:
            return self.browse()
        lines = self.env["mfg.duty.template.line"].search_fetch(
            [("template_id", "in", templates.ids)], ["template_id", "frequency", "sequence"]
        )
        lines_by_key = defaultdict(list)
        for line in lines:
            lines_by_key[line.template_id.id, line.frequency].append(line)
        periods = {
            frequency: periods_between(frequency, date_from, date_to)
            for frequency in {frequency for __, frequency in lines_by_key}
        }
        if not periods:
            return self.browse()
        employees = self.env["hr.employee"].search_fetch(
            [
                ("job_id", "in", templates.job_id.ids),
                ("company_id", "in", templates.company_id.ids),
            ],
            ["job_id", "company_id"],
            order="id",
        )
        holders = defaultdict(list)
        for employee in employees:
            holders[employee.job_id.id, employee.company_id.id].append(employee.id)
        starts = [start for bounds in periods.values() for start, __ in bounds]
        # The keys of every existing checklist, whoever may read it: only to skip them.
        existing = self.sudo().search_fetch(
            [
                ("template_id", "in", templates.ids),
                ("period_start", ">=", min(starts)),
                ("period_start", "<=", max(starts)),
            ],
            ["template_id", "employee_id", "frequency", "period_start"],
        )
        keys = {
            (run.template_id.id, run.employee_id.id, run.frequency, run.period_start)
            for run in existing
        }
        vals_list = []
        for template in templates:
            for employee_id in holders.get((template.job_id.id, template.company_id.id), []):
                for frequency in FREQUENCY_ORDER:
                    template_lines = lines_by_key.get((template.id, frequency))
                    if not template_lines:
                        continue
                    for start, end in periods[frequency]:
                        key = (template.id, employee_id, frequency, start)
                        if key in keys:
                            continue
                        keys.add(key)
                        vals_list.append(
                            {
                                "template_id": template.id,
                                "employee_id": employee_id,
                                "job_id": template.job_id.id,
                                "company_id": template.company_id.id,
                                "frequency": frequency,
                                "period_start": start,
                                "period_end": end,
                                "deadline": end,
                                "item_ids": [
                                    Command.create({"line_id": line.id, "sequence": line.sequence})
                                    for line in template_lines
                                ],
                            }
                        )
        if not vals_list:
            return self.browse()
        return self.with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        ).create(vals_list)

    # ------------------------------------------------------------------
    # Overdue checklists
    # ------------------------------------------------------------------
    @api.model
    def _mark_overdue(self, today=None):
        """Flag the unfinished checklists whose deadline passed and tell the employee and the
        superior with one activity each. A checklist is flagged once, so running it again
        schedules nothing new. Returns the checklists flagged now."""
        today = today or fields.Date.context_today(self)
        runs = self.search([("state", "in", ("todo", "in_progress")), ("deadline", "<", today)])
        if not runs:
            return runs
        runs.write({"is_overdue": True})
        runs._schedule_overdue_activities(today)
        self._close_superseded_reminders()
        return runs

    def _schedule_overdue_activities(self, today):
        activity_type = self.env.ref(OVERDUE_ACTIVITY)
        existing = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id", "user_id"],
            )
        )
        scheduled = {(activity.res_id, activity.user_id.id) for activity in existing}
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for run in self:
            for user in run.employee_id.user_id | run._get_superior_user():
                if (run.id, user.id) in scheduled:
                    continue
                scheduled.add((run.id, user.id))
                vals_list.append(
                    {
                        "res_model_id": model_id,
                        "res_id": run.id,
                        "activity_type_id": activity_type.id,
                        "user_id": user.id,
                        "date_deadline": today,
                        "automated": True,
                    }
                )
        return self.env["mail.activity"].create(vals_list)

    @api.model
    def _close_superseded_reminders(self):
        """A missed checklist's reminder stays on the to-do lists (the employee's and the
        superior's) until a later checklist of the same duty (template, employee, frequency)
        is missed too: then only the latest one is listed, the older reminders are closed as
        superseded. The checklists stay overdue, and may still be completed late."""
        activity_type = self.env.ref(OVERDUE_ACTIVITY)
        reminders = (
            self.env["mail.activity"]
            .sudo()
            .search_fetch(
                [("res_model", "=", self._name), ("activity_type_id", "=", activity_type.id)],
                ["res_id"],
            )
        )
        runs = self.sudo().browse(sorted(set(reminders.mapped("res_id")))).exists()
        runs.fetch(["template_id", "employee_id", "frequency", "period_start"])
        latest = {}
        for run in runs:
            key = (run.template_id.id, run.employee_id.id, run.frequency)
            latest[key] = max(latest.get(key, run.period_start), run.period_start)
        stale_ids = {
            run.id
            for run in runs
            if run.period_start < latest[run.template_id.id, run.employee_id.id, run.frequency]
        }
        stale = reminders.filtered(lambda activity: activity.res_id in stale_ids)
        if stale:
            stale.action_feedback(
                feedback=self.env._(
                    "Superseded: a later checklist of the same duty is overdue as well."
                )
            )
        return stale

    def _get_superior_user(self):
        """The user of the employee's superior: the manager, else the department's manager.

        Read from the public employee profiles, which every internal user may read.
        """
        self.ensure_one()
        Public = self.env["hr.employee.public"]
        employee = Public.browse(self.employee_id.id)
        superior = employee.parent_id
        if not superior or superior == employee:
            superior = Public.browse(employee.department_id.manager_id.id)
        if not superior or superior == employee:
            return self.env["res.users"]
        return superior.user_id

    def _close_overdue_activities(self):
        """Mark the overdue reminders of the checklists completed since then as done."""
        finished = self.filtered(lambda run: run.state == "done" and run.is_overdue)
        if finished:
            finished.activity_feedback(
                [OVERDUE_ACTIVITY], feedback=self.env._("The checklist is complete.")
            )

    # ------------------------------------------------------------------
    # Scheduled job
    # ------------------------------------------------------------------
    @api.model
    def _cron_generate(self):
        """Daily job: create the checklists of today's periods, flag the overdue ones."""
        today = fields.Date.context_today(self)
        created = self._generate(today, today)
        overdue = self._mark_overdue(today)
        _logger.info("Duty checklists: %s generated, %s newly overdue", len(created), len(overdue))
        return created, overdue
