# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import plaintext2html

from .. import policy

STATES = [
    ("reported", "Reported"),
    ("assigned", "Assigned"),
    ("rectified", "Rectified"),
    ("verified", "Verified"),
    ("cancelled", "Cancelled"),
]
SEVERITIES = [("general", "General"), ("major", "Major")]
OVERDUE_ACTIVITY = "mfg_safety.mail_activity_type_hazard_overdue"
# Set by the actions only.
SYSTEM_FIELDS = {
    "state",
    "reported_by_id",
    "date_reported",
    "date_assigned",
    "date_rectified",
    "verified_by_id",
    "date_verified",
}
# What the reporter describes while the hazard is reported.
REPORTER_FIELDS = {
    "name",
    "description",
    "location",
    "area_id",
    "equipment_id",
    "severity",
    "image_1920",
    "mfg_department_id",
    "mfg_team_id",
    "inspection_id",
    "company_id",
}
# What the person responsible fills in while rectifying.
RESPONSIBLE_FIELDS = {"rectification", "image_after"}
# Who rectifies what by when: the officer or the workshop manager decides.
ASSIGN_FIELDS = {"responsible_id", "date_deadline"}


class MfgSafetyHazard(models.Model):
    """A safety hazard (隐患) found on the floor, by an inspection or by a checklist: assigned to
    a person responsible with a rectification deadline, rectified, then verified by a safety
    officer."""

    _name = "mfg.safety.hazard"
    _description = "Safety Hazard"
    _inherit = ["mfg.owned.mixin", "mail.thread", "mail.activity.mixin", "image.mixin"]
    _order = "date_reported desc, id desc"
    _check_company_auto = True

    ref = fields.Char(string="Reference", readonly=True, copy=False, default="/")
    name = fields.Char(string="Hazard", required=True, tracking=True)
    description = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    area_id = fields.Many2one(
        "mfg.safety.area", required=True, check_company=True, index=True, tracking=True
    )
    location = fields.Char(help="Where exactly in the area.")
    equipment_id = fields.Many2one("maintenance.equipment", check_company=True, tracking=True)
    severity = fields.Selection(SEVERITIES, required=True, default="general", tracking=True)
    inspection_id = fields.Many2one(
        "mfg.safety.inspection", check_company=True, index=True, ondelete="set null"
    )
    reported_by_id = fields.Many2one(
        "res.users",
        string="Reported By",
        default=lambda self: self.env.user,
        readonly=True,
        index=True,
    )
    date_reported = fields.Datetime(
        string="Reported On", default=fields.Datetime.now, readonly=True, index=True
    )
    responsible_id = fields.Many2one("res.users", string="Responsible", tracking=True, index=True)
    date_deadline = fields.Date(string="Rectify By", tracking=True, index=True)
    date_assigned = fields.Datetime(string="Assigned On", readonly=True, copy=False)
    rectification = fields.Text(string="Rectification Done")
    image_after = fields.Image(string="Photo After", max_width=1024, max_height=1024)
    date_rectified = fields.Datetime(string="Rectified On", readonly=True, copy=False)
    verified_by_id = fields.Many2one("res.users", string="Verified By", readonly=True, copy=False)
    date_verified = fields.Datetime(string="Verified On", readonly=True, copy=False)
    state = fields.Selection(
        STATES, default="reported", required=True, readonly=True, tracking=True, index=True
    )
    is_overdue = fields.Boolean(
        string="Overdue",
        compute="_compute_is_overdue",
        search="_search_is_overdue",
        help="Not rectified and past its rectification deadline.",
    )

    @api.depends("state", "date_deadline")
    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for hazard in self:
            hazard.is_overdue = bool(
                hazard.state in ("reported", "assigned")
                and hazard.date_deadline
                and hazard.date_deadline < today
            )

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on Overdue."))
        domain = [
            ("state", "in", ("reported", "assigned")),
            ("date_deadline", "<", fields.Date.context_today(self)),
        ]
        if (operator == "=") == value:
            return domain
        return ["!", "&", *domain]

    # ------------------------------------------------------------------
    # Write policy
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            manager = policy.is_manager(self.env)
            allowed = REPORTER_FIELDS | (ASSIGN_FIELDS if manager else set())
            for vals in vals_list:
                policy.refuse_fields(
                    self.env, self.env._("a new hazard"), policy.set_fields(vals), allowed
                )
        areas = self.env["mfg.safety.area"].browse(
            [vals["area_id"] for vals in vals_list if vals.get("area_id")]
        )
        by_id = {area.id: area for area in areas}
        sequence = self.env["ir.sequence"].sudo()
        for vals in vals_list:
            area = by_id.get(vals.get("area_id"))
            if area and not vals.get("mfg_department_id"):
                vals.update(area._mfg_owner_vals())
            if vals.get("ref", "/") == "/":
                vals["ref"] = sequence.next_by_code("mfg.safety.hazard") or "/"
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            officer = policy.is_officer(self.env)
            manager = policy.is_manager(self.env)
            user = self.env.user
            for hazard in self:
                label = hazard.display_name
                if hazard.state in ("verified", "cancelled"):
                    policy.refuse_fields(self.env, label, vals, ())
                allowed = set()
                if officer:
                    allowed = REPORTER_FIELDS | ASSIGN_FIELDS | RESPONSIBLE_FIELDS
                else:
                    if hazard.state == "reported" and hazard.reported_by_id == user:
                        allowed |= REPORTER_FIELDS
                    if manager and hazard.state in ("reported", "assigned"):
                        allowed |= ASSIGN_FIELDS
                    if hazard.state == "assigned" and hazard.responsible_id == user:
                        allowed |= RESPONSIBLE_FIELDS
                policy.refuse_fields(self.env, label, vals, allowed)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _check_states(self, states, action):
        for hazard in self:
            if hazard.state not in states:
                raise UserError(
                    self.env._(
                        "%(hazard)s is %(state)s: it cannot be %(action)s.",
                        hazard=hazard.display_name,
                        state=dict(self._fields["state"]._description_selection(self.env))[
                            hazard.state
                        ],
                        action=action,
                    )
                )

    def action_assign(self):
        """Give the rectification to the person responsible, with its deadline."""
        if not policy.is_manager(self.env):
            raise UserError(
                self.env._("Only a safety officer or a workshop manager assigns a rectification.")
            )
        self._check_states(("reported", "assigned"), self.env._("assigned"))
        for hazard in self:
            if not (hazard.responsible_id and hazard.date_deadline):
                raise UserError(
                    self.env._(
                        "Choose the person responsible and the rectification deadline of "
                        "%(hazard)s before assigning it.",
                        hazard=hazard.display_name,
                    )
                )
        self.sudo().write({"state": "assigned", "date_assigned": fields.Datetime.now()})
        for hazard in self:
            hazard.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=hazard.date_deadline,
                user_id=hazard.responsible_id.id,
                summary=self.env._("Rectify: %(hazard)s", hazard=hazard.name),
            )
        return True

    def action_rectify(self):
        """The person responsible reports the rectification as done."""
        self._check_states(("assigned",), self.env._("marked rectified"))
        officer = policy.is_officer(self.env)
        for hazard in self:
            if hazard.responsible_id != self.env.user and not officer:
                raise UserError(
                    self.env._(
                        "Only %(user)s, responsible for %(hazard)s, or a safety officer reports "
                        "its rectification.",
                        user=hazard.responsible_id.name,
                        hazard=hazard.display_name,
                    )
                )
            if not (hazard.rectification or "").strip():
                raise UserError(
                    self.env._(
                        "Describe the rectification done on %(hazard)s.",
                        hazard=hazard.display_name,
                    )
                )
        self.sudo().write({"state": "rectified", "date_rectified": fields.Datetime.now()})
        self.sudo().activity_feedback(["mail.mail_activity_data_todo", OVERDUE_ACTIVITY])
        return True

    def action_verify(self):
        """The safety officer checks the rectification on the spot and accepts it."""
        policy.require_officer(self.env, self.env._("verify a rectification"))
        for hazard in self:
            if hazard.state != "rectified":
                raise UserError(
                    self.env._(
                        "%(hazard)s cannot be verified: its rectification is not reported done "
                        "yet.",
                        hazard=hazard.display_name,
                    )
                )
        self.sudo().write(
            {
                "state": "verified",
                "verified_by_id": self.env.user.id,
                "date_verified": fields.Datetime.now(),
            }
        )
        return True

    def action_reject(self):
        """The rectification does not remove the hazard: back to the person responsible."""
        policy.require_officer(self.env, self.env._("reject a rectification"))
        self._check_states(("rectified",), self.env._("sent back"))
        self.sudo().write({"state": "assigned", "date_rectified": False})
        for hazard in self:
            hazard.message_post(
                body=self.env._("Rectification rejected: the hazard is still there."),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_cancel(self):
        policy.require_officer(self.env, self.env._("cancel a hazard"))
        self._check_states(("reported", "assigned"), self.env._("cancelled"))
        self.sudo().write({"state": "cancelled"})
        self.sudo().activity_unlink(["mail.mail_activity_data_todo", OVERDUE_ACTIVITY])
        return True

    # ------------------------------------------------------------------
    # Overdue reminders
    # ------------------------------------------------------------------
    @api.model
    def _cron_overdue(self):
        """An overdue activity for the person responsible (else the area's officer) of every
        overdue hazard without one, in a fixed number of queries."""
        hazards = self.search([("is_overdue", "=", True)])
        if not hazards:
            return
        activity_type = self.env.ref(OVERDUE_ACTIVITY)
        flagged = set(
            self.env["mail.activity"]
            .search_fetch(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", hazards.ids),
                    ("activity_type_id", "=", activity_type.id),
                ],
                ["res_id"],
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id(self._name)
        vals_list = []
        for hazard in hazards:
            user = hazard.responsible_id or hazard.area_id.officer_id or hazard.reported_by_id
            if hazard.id in flagged or not user:
                continue
            vals_list.append(
                {
                    "res_model_id": model_id,
                    "res_id": hazard.id,
                    "activity_type_id": activity_type.id,
                    "automated": True,
                    "user_id": user.id,
                    "date_deadline": fields.Date.context_today(self),
                    "summary": self.env._("Overdue rectification: %(hazard)s", hazard=hazard.name),
                    "note": plaintext2html(hazard.description or ""),
                }
            )
        self.env["mail.activity"].sudo().create(vals_list)

    @api.depends("ref", "name")
    def _compute_display_name(self):
        for hazard in self:
            hazard.display_name = (
                f"{hazard.ref} {hazard.name}" if hazard.ref and hazard.ref != "/" else hazard.name
            )
