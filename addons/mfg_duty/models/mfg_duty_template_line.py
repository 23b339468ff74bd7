# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..periods import FREQUENCIES

EVIDENCE_KINDS = [
    ("none", "None"),
    ("photo", "Photo"),
    ("attachment", "Attachment"),
    ("record", "Linked record"),
]


class MfgDutyTemplateLine(models.Model):
    """One check of a checklist template: what to check, how often, and what proves it."""

    _name = "mfg.duty.template.line"
    _description = "Duty Checklist Item"
    _order = "template_id, sequence, id"
    _check_company_auto = True

    template_id = fields.Many2one(
        "mfg.duty.template", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True, index=True)
    job_id = fields.Many2one(related="template_id.job_id", string="Position")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    duty_id = fields.Many2one(
        "mfg.duty",
        index="btree_not_null",
        ondelete="set null",
        domain="[('job_id', '=', job_id)]",
        help="The duty of the position this check comes from.",
    )
    name = fields.Char(string="Check", required=True, translate=True)
    instructions = fields.Html(translate=True, help="How to do the check, what to look at.")
    frequency = fields.Selection(FREQUENCIES, required=True, default="daily")
    evidence = fields.Selection(
        EVIDENCE_KINDS,
        required=True,
        default="none",
        help="What a 'done' answer must carry: a photo, any attachment, or a link to a record "
        "(e.g. a maintenance request or an inspection).",
    )

    @api.model
    def _frequency_keys(self):
        return [key for key, _label in self._fields["frequency"].selection]

    @api.onchange("duty_id")
    def _onchange_duty_id(self):
        for line in self.filtered("duty_id"):
            line.name = line.name or line.duty_id.name
            if line.duty_id.frequency in self._frequency_keys():
                line.frequency = line.duty_id.frequency

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self.env["mfg.duty.run.item"].search_count([("line_id", "in", self.ids)], limit=1)
        if used:
            raise UserError(
                self.env._(
                    "This check was already used in generated checklists: archive it instead."
                )
            )

    def _copy_duty_name_translations(self):
        """Give the lines the names of their duties in every language (one query)."""
        if not self or not self.env["mfg.duty"]._fields["name"].translate:
            return
        self.env["mfg.duty"].flush_model(["name"])
        self.flush_recordset(["name", "duty_id"])
        self.env.cr.execute(
            SQL(
                """UPDATE mfg_duty_template_line line
                      SET name = duty.name
                     FROM mfg_duty duty
                    WHERE line.duty_id = duty.id AND line.id IN %s""",
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["name"])
