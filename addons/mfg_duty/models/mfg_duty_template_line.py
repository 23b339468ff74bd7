# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..periods import FREQUENCIES

EVIDENCE_KINDS = [
    ("none", "None"),
    ("photo", "Photo"),
    ("attachment", "Attachment"),
    ("record", "Linked record"),
]
ITEM_KINDS = [
    ("check", "Check"),
    ("delivery", "Report or document delivered"),
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
    kind = fields.Selection(
        ITEM_KINDS,
        required=True,
        default="check",
        help="A check, or a report or document the employee delivers by a due day: its "
        "timeliness KPI counts the deliveries made on time.",
    )
    delivery_kpi_id = fields.Many2one(
        "mfg.kpi",
        string="Timeliness KPI",
        index="btree_not_null",
        ondelete="restrict",
        domain="[('unit', '=', 'percent')]",
        help="The KPI whose value is the share of these deliveries made on time (a percentage "
        "KPI of the library, or one of your own).",
    )
    due_days = fields.Integer(
        string="Due (days after the period)",
        default=0,
        help="When the delivery is due: 0 = on the last day of the checklist's period (the "
        "day itself for a daily item), 3 = three days after it.",
    )

    _due_days_check = models.Constraint(
        "CHECK(due_days >= 0)", "A delivery cannot be due before its period ends."
    )

    @api.constrains("kind", "delivery_kpi_id")
    def _check_delivery_kpi(self):
        Provider = self.env["mfg.kpi.provider"]
        other = Provider._mfg_providers_without_deliveries()
        for line in self:
            if line.kind != "delivery":
                if line.delivery_kpi_id:
                    raise ValidationError(
                        self.env._(
                            "Only a delivered report or document has a timeliness KPI (“%(item)s”).",
                            item=line.name,
                        )
                    )
                continue
            kpi = line.delivery_kpi_id
            if not kpi:
                raise ValidationError(
                    self.env._(
                        "Choose the timeliness KPI of the delivery “%(item)s”.", item=line.name
                    )
                )
            if kpi.unit != "percent":
                raise ValidationError(
                    self.env._(
                        "The timeliness KPI of “%(item)s” must be a percentage: %(kpi)s is not.",
                        item=line.name,
                        kpi=kpi.display_name,
                    )
                )
            if kpi.code in other:
                raise ValidationError(
                    self.env._(
                        "%(kpi)s is computed from other records (%(provider)s): choose a KPI the "
                        "checklists may compute.",
                        kpi=kpi.display_name,
                        provider=other[kpi.code]["name"],
                    )
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

    @api.onchange("kind")
    def _onchange_kind(self):
        for line in self.filtered(lambda ln: ln.kind != "delivery"):
            line.delivery_kpi_id = False

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        if lines.filtered("delivery_kpi_id"):
            self.env.registry.clear_cache()  # the KPIs the checklists compute
        return lines

    def write(self, vals):
        linked = bool(self.filtered("delivery_kpi_id"))
        result = super().write(vals)
        if {"delivery_kpi_id", "kind", "active"} & set(vals) and (
            linked or self.filtered("delivery_kpi_id")
        ):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        linked = bool(self.filtered("delivery_kpi_id"))
        result = super().unlink()
        if linked:
            self.env.registry.clear_cache()
        return result

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
