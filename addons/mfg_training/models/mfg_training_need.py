# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

OFFICER = "mfg_training.group_training_officer"
# Appraisal flag -> training it asks for (班组人员 第12条3).
FLAG_KINDS = {"flag_basic_training": "basic", "flag_training": "promotion"}


class MfgTrainingNeed(models.Model):
    _name = "mfg.training.need"
    _description = "Training Proposal"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    employee_id = fields.Many2one(
        "hr.employee", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="employee_id.company_id", store=True, index=True)
    department_id = fields.Many2one(related="employee_id.department_id", store=True, index=True)
    appraisal_id = fields.Many2one(
        "mfg.appraisal", readonly=True, index=True, ondelete="cascade", string="Appraisal"
    )
    kind = fields.Selection(
        [("basic", "Basic skills training"), ("promotion", "Promotion training")],
        required=True,
        readonly=True,
    )
    reason = fields.Text(readonly=True)
    session_id = fields.Many2one(
        "hr.course.schedule",
        string="Session",
        check_company=True,
        tracking=True,
        domain="[('state', 'in', ('draft', 'waiting_attendees')), ('company_id', '=', company_id)]",
    )
    state = fields.Selection(
        [
            ("proposed", "Proposed"),
            ("enrolled", "Enrolled"),
            ("done", "Trained"),
            ("cancelled", "Cancelled"),
        ],
        default="proposed",
        required=True,
        readonly=True,
        tracking=True,
    )
    done_date = fields.Date(string="Trained On", readonly=True)

    _appraisal_kind_uniq = models.Constraint(
        "UNIQUE(appraisal_id, kind)", "An appraisal proposes each training once."
    )

    @api.depends("employee_id", "kind")
    def _compute_display_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for need in self:
            need.display_name = f"{labels.get(need.kind, '')} · {need.employee_id.name or ''}"

    # ------------------------------------------------------------------
    # CRUD: proposals come from the appraisals; people choose the session.
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise UserError(
                self.env._("Training proposals are made by the appraisal results, not by hand.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            allowed = {"session_id", *self.env["mail.thread"]._fields}
            allowed |= set(self.env["mail.activity.mixin"]._fields)
            if set(vals) - allowed:
                raise UserError(
                    self.env._("On a training proposal only the session is chosen by hand.")
                )
            if not self.env.user.has_group(OFFICER):
                raise UserError(self.env._("Only training officers enrol employees."))
            if self.filtered(lambda n: n.state != "proposed"):
                raise UserError(self.env._("Only a proposed training changes its session."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_enrol(self):
        """Enrol each employee in the session chosen on their proposal."""
        if not self.env.su and not self.env.user.has_group(OFFICER):
            raise UserError(self.env._("Only training officers enrol employees."))
        self.check_access("write")
        for need in self:
            if need.state != "proposed":
                raise UserError(self.env._("Only a proposed training is enrolled."))
            if not need.session_id:
                raise UserError(
                    self.env._(
                        "Choose the session %(employee)s is to attend.",
                        employee=need.employee_id.name,
                    )
                )
            if need.session_id.state not in ("draft", "waiting_attendees"):
                raise UserError(
                    self.env._(
                        "Session %(session)s has started: choose a session not yet started.",
                        session=need.session_id.name,
                    )
                )
        for need in self.sudo():
            need.session_id.write({"attendant_ids": [fields.Command.link(need.employee_id.id)]})
            need.write({"state": "enrolled"})

    def action_cancel(self):
        if not self.env.su and not self.env.user.has_group(OFFICER):
            raise UserError(self.env._("Only training officers cancel training proposals."))
        self.check_access("write")
        if self.filtered(lambda n: n.state == "done"):
            raise UserError(self.env._("A training already done is not cancelled."))
        self.sudo().write({"state": "cancelled"})

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    @api.model
    def _mfg_propose(self, appraisals):
        """Propose the trainings the appraisals' flags ask for (once per appraisal and kind);
        withdraw proposals whose flag was cleared by a later application of the results."""
        appraisals = appraisals.sudo()
        existing = self.sudo().search_fetch(
            [("appraisal_id", "in", appraisals.ids)], ["appraisal_id", "kind", "state"]
        )
        have = {(need.appraisal_id.id, need.kind): need for need in existing}
        to_create, withdrawn = [], self.browse()
        for appraisal in appraisals:
            for flag, kind in FLAG_KINDS.items():
                need = have.get((appraisal.id, kind))
                if appraisal[flag] and not need:
                    to_create.append(
                        {
                            "employee_id": appraisal.employee_id.id,
                            "appraisal_id": appraisal.id,
                            "kind": kind,
                            "reason": appraisal.result_note,
                        }
                    )
                elif not appraisal[flag] and need and need.state == "proposed":
                    withdrawn |= need
        if withdrawn:
            withdrawn.sudo().write({"state": "cancelled"})
        if not to_create:
            return self.browse()
        # Proposed in bulk when a cycle is published (thousands at once): no "created" note
        # and no follower per proposal; the proposal names its appraisal and reason, and the
        # one who published is not made to follow every employee's training.
        return (
            self.sudo()
            .with_context(mail_create_nolog=True, mail_create_nosubscribe=True)
            .create(to_create)
        )

    @api.model
    def _mfg_sessions_completed(self, sessions):
        """Enrolled proposals of completed sessions: trained when the employee attended (a
        basic skills training then dates the appraisal's end of training), else proposed
        again."""
        needs = self.sudo().search([("session_id", "in", sessions.ids), ("state", "=", "enrolled")])
        for need in needs:
            session = need.session_id
            attendee = session.course_attendee_ids.filtered(
                lambda a, need=need: a.employee_id == need.employee_id
            )
            if attendee.mfg_attended:
                day = session.end_date or session.mfg_done_date
                need.write({"state": "done", "done_date": day})
                if need.kind == "basic" and need.appraisal_id:
                    need.appraisal_id.write({"training_end_date": day})
            else:
                need.write({"state": "proposed", "session_id": False})
                need.message_post(
                    body=self.env._(
                        "%(employee)s did not attend session %(session)s: choose another one.",
                        employee=need.employee_id.name,
                        session=session.name,
                    )
                )
