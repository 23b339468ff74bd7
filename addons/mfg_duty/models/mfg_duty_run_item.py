# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import plaintext2html

RESULTS = [
    ("pending", "To Check"),
    ("done", "Done"),
    ("na", "Not Applicable"),
    ("problem", "Problem Found"),
]
PROBLEM_ACTIVITY = "mfg_duty.mail_activity_type_duty_problem"
# Models a checklist answer may link to as evidence or follow-up (when installed).
REFERENCE_MODELS = (
    "maintenance.request",
    "maintenance.equipment",
    "qc.inspection",
    "mrp.production",
    "mrp.workorder",
    "stock.picking",
    "stock.lot",
    "purchase.order",
    "product.product",
    "hr.employee",
    "res.partner",
)


class MfgDutyRunItem(models.Model):
    """The answer of an employee to one check of their checklist."""

    _name = "mfg.duty.run.item"
    _description = "Duty Checklist Answer"
    _order = "run_id, sequence, id"
    _check_company_auto = True

    # Fields the employee answering the checklist may change; the rest is the system's.
    _ANSWER_FIELDS = frozenset(
        {"result", "note", "attachment_ids", "evidence_ref", "followup_kind"}
    )
    # Set by the system only, whoever writes: who answered and when (the timeliness of a
    # delivery is measured on it), and what the delivery counts for.
    _SYSTEM_FIELDS = frozenset(
        {"checked_by_id", "checked_date", "delivery_kpi_id", "due_date", "delivered_on_time"}
    )

    run_id = fields.Many2one(
        "mfg.duty.run",
        string="Checklist",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    line_id = fields.Many2one(
        "mfg.duty.template.line",
        string="Template Item",
        required=True,
        readonly=True,
        index=True,
        # An item in use cannot be deleted (mfg.duty.template.line) but at uninstall.
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    name = fields.Char(related="line_id.name", string="Check")
    instructions = fields.Html(related="line_id.instructions")
    evidence = fields.Selection(related="line_id.evidence", string="Evidence Required")
    employee_id = fields.Many2one(related="run_id.employee_id", store=True, index=True)
    company_id = fields.Many2one(related="run_id.company_id", store=True, index=True)
    period_label = fields.Char(related="run_id.period_label", string="Period")
    deadline = fields.Date(related="run_id.deadline")
    run_state = fields.Selection(related="run_id.state", string="Checklist Status")
    result = fields.Selection(RESULTS, required=True, default="pending", index=True)
    kind = fields.Selection(related="line_id.kind", string="Item Kind")
    delivery_kpi_id = fields.Many2one(
        "mfg.kpi",
        string="Timeliness KPI",
        compute="_compute_delivery",
        store=True,
        index="btree_not_null",
        help="The KPI counting this report or document delivered on time.",
    )
    due_date = fields.Date(
        string="Due On",
        compute="_compute_delivery",
        store=True,
        index="btree_not_null",
        help="Last day to deliver the report or document.",
    )
    delivered_on_time = fields.Boolean(
        compute="_compute_delivered_on_time",
        store=True,
        help="Marked done by the end of its due day (company time zone).",
    )
    note = fields.Text(help="What you saw; required when a problem is found.")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "mfg_duty_run_item_ir_attachment_rel",
        "item_id",
        "attachment_id",
        string="Photos and Files",
    )
    evidence_ref = fields.Reference(
        selection="_selection_reference_models",
        string="Linked Record",
        help="The record that proves the check (an inspection, a maintenance request, …).",
    )
    checked_by_id = fields.Many2one("res.users", readonly=True)
    checked_date = fields.Datetime(string="Checked On", readonly=True)
    followup_kind = fields.Selection(
        selection="_get_followup_kinds",
        string="Follow-up",
        help="What to raise for the problem found.",
    )
    followup_ref = fields.Reference(
        selection="_selection_reference_models", string="Follow-up Record", readonly=True
    )
    followup_date = fields.Datetime(string="Follow-up Raised On", readonly=True)
    followup_status = fields.Char(
        compute="_compute_followup_status",
        string="Follow-up Status",
        help="Where the follow-up of the problem stands (its stage or state).",
    )
    followup_closed = fields.Boolean(
        compute="_compute_followup_status",
        string="Follow-up Closed",
        help="The follow-up record is finished (done, closed or cancelled).",
    )

    @api.model
    def _selection_reference_models(self):
        """Records that prove a check or follow a problem up, among the installed models."""
        installed = [name for name in REFERENCE_MODELS if name in self.env]
        models_ = self.env["ir.model"].sudo().search([("model", "in", installed)], order="name")
        return [(model.model, model.name) for model in models_]

    @api.depends("line_id.kind", "line_id.delivery_kpi_id", "line_id.due_days", "run_id.period_end")
    def _compute_delivery(self):
        for item in self:
            line = item.line_id
            delivery = line.kind == "delivery" and item.run_id.period_end
            item.delivery_kpi_id = line.delivery_kpi_id if delivery else False
            item.due_date = (
                item.run_id.period_end + timedelta(days=line.due_days) if delivery else False
            )

    @api.depends("result", "checked_date", "due_date")
    def _compute_delivered_on_time(self):
        Period = self.env["mfg.kpi.period"]
        for item in self:
            if item.result != "done" or not item.due_date or not item.checked_date:
                item.delivered_on_time = False
                continue
            tz = Period._company_tz(item.company_id)
            day = pytz.utc.localize(item.checked_date).astimezone(tz).date()
            item.delivered_on_time = day <= item.due_date

    @api.depends("followup_ref", "followup_date")
    def _compute_followup_status(self):
        """The follow-up's stage or state, read for all the items' records at once."""
        self.followup_status = False
        self.followup_closed = False
        by_model = {}
        for item in self.filtered("followup_ref"):
            by_model.setdefault(item.followup_ref._name, []).append(item)
        for model, items in by_model.items():
            # The person who raised it sees where it stands, whatever their rights on it.
            records = self.env[model].sudo().browse([item.followup_ref.id for item in items])
            states = self._followup_states(records.exists())
            for item in items:
                status, closed = states.get(item.followup_ref.id, (self.env._("Deleted"), True))
                item.followup_status, item.followup_closed = status, closed
        for item in self.filtered(lambda i: i.followup_date and not i.followup_ref):
            item.followup_status = self.env._("Activity scheduled")

    @api.model
    def _followup_states(self, records):
        """``{id: (status label, closed)}`` of follow-up ``records`` of one model; a bridge
        that raises records of its model gives their stage or state."""
        return {record.id: (record.display_name, False) for record in records}

    def _problem_summary(self):
        """A one-line title for the problem found: the first line of its description (cut to
        80 characters), or the check when it has none."""
        self.ensure_one()
        line = next((ln.strip() for ln in (self.note or "").splitlines() if ln.strip()), "")
        return (line[:79] + "…" if len(line) > 80 else line) or self.name

    @api.model
    def _get_followup_kinds(self):
        """Follow-ups a problem can raise: ``[(kind, label)]``.

        A bridge adds a kind and implements ``_create_followup_<kind>()`` returning the record
        it creates, e.g. in a maintenance bridge::

            def _get_followup_kinds(self):
                return super()._get_followup_kinds() + [
                    ("maintenance", self.env._("Maintenance request"))
                ]

            def _create_followup_maintenance(self):
                return self.env["maintenance.request"].create({...})
        """
        return [("activity", self.env._("Activity for the superior"))]

    @api.constrains("result", "note", "attachment_ids", "evidence_ref")
    def _check_answer(self):
        for item in self:
            if item.result == "problem" and not (item.note or "").strip():
                raise ValidationError(
                    self.env._("Describe the problem found for “%(item)s”.", item=item.name)
                )
            if item.result == "done":
                message = item._missing_evidence_message()
                if message:
                    raise ValidationError(message)

    def _missing_evidence_message(self):
        self.ensure_one()
        if self.evidence == "photo" and not any(
            (attachment.mimetype or "").startswith("image/") for attachment in self.attachment_ids
        ):
            return self.env._(
                "Attach a photo to “%(item)s” before marking it done.", item=self.name
            )
        if self.evidence == "attachment" and not self.attachment_ids:
            return self.env._("Attach a file to “%(item)s” before marking it done.", item=self.name)
        if self.evidence == "record" and not self.evidence_ref:
            return self.env._(
                "Link the record that proves “%(item)s” before marking it done.", item=self.name
            )
        return False

    def write(self, vals):
        if not self.env.su and set(vals) & self._SYSTEM_FIELDS:
            raise AccessError(
                self.env._(
                    "%(fields)s of a checklist answer are recorded by the system.",
                    fields=", ".join(
                        sorted(
                            self._fields[name].string for name in set(vals) & self._SYSTEM_FIELDS
                        )
                    ),
                )
            )
        if (
            not self.env.su
            and set(vals) - self._ANSWER_FIELDS
            and not self.env.user.has_group("mfg_duty.group_duty_manager")
        ):
            raise AccessError(
                self.env._("You may only answer the items of a checklist, not change them.")
            )
        if "result" in vals:
            pending = vals["result"] == "pending"
            vals = dict(
                vals,
                checked_by_id=False if pending else self.env.uid,
                checked_date=False if pending else fields.Datetime.now(),
            )
        result = super().write(vals)
        if "result" in vals:
            self.run_id._close_overdue_activities()
        return result

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _set_result(self, result):
        self.write({"result": result})
        return True

    def action_mark_done(self):
        return self._set_result("done")

    def action_mark_na(self):
        return self._set_result("na")

    def action_reset(self):
        return self._set_result("pending")

    def action_mark_problem(self):
        """Record a problem; without a description yet, open the item to describe it."""
        self.ensure_one()
        if (self.note or "").strip():
            return self._set_result("problem")
        return self.action_open()

    def action_open(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("mfg_duty.mfg_duty_run_item_view_form").id, "form")],
            "target": "new",
        }

    def action_raise_followup(self):
        self.ensure_one()
        if not self.followup_kind:
            raise UserError(self.env._("Choose the follow-up to raise."))
        record = self._create_followup(self.followup_kind)
        if record and record._name != "mail.activity":
            return {
                "type": "ir.actions.act_window",
                "res_model": record._name,
                "res_id": record.id,
                "view_mode": "form",
                "target": "current",
            }
        return True

    # ------------------------------------------------------------------
    # Follow-ups
    # ------------------------------------------------------------------
    def _create_followup(self, kind):
        """Raise a follow-up of ``kind`` for the problem of this item; returns its record."""
        self.ensure_one()
        kinds = dict(self._get_followup_kinds())
        method = getattr(self, f"_create_followup_{kind}", None)
        if kind not in kinds or method is None:
            raise UserError(self.env._("Unknown follow-up %(kind)s.", kind=kind))
        if self.result != "problem":
            raise UserError(self.env._("Only a problem found raises a follow-up."))
        if self.followup_date:
            raise UserError(self.env._("A follow-up was already raised for this problem."))
        self.check_access("write")
        record = method()
        vals = {"followup_kind": kind, "followup_date": fields.Datetime.now()}
        if record and record._name != "mail.activity":
            vals["followup_ref"] = f"{record._name},{record.id}"
        # System fields, after checking the user may answer this item.
        self.sudo().write(vals)
        self.run_id.message_post(
            body=self.env._(
                "Follow-up raised for “%(item)s”: %(kind)s.", item=self.name, kind=kinds[kind]
            ),
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        return record

    def _create_followup_activity(self):
        run = self.run_id
        superior = run._get_superior_user()
        if not superior:
            raise UserError(
                self.env._(
                    "%(employee)s has no superior with a user account to follow the problem up.",
                    employee=run.employee_id.name,
                )
            )
        return run.activity_schedule(
            PROBLEM_ACTIVITY,
            user_id=superior.id,
            summary=self.name,
            note=plaintext2html(self.note or ""),
        )
