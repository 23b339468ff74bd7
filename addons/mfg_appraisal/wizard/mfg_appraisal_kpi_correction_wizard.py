# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Appraisal states in which an HR manager may correct a KPI line: until the rating is submitted.
CORRECTION_STATES = ("draft", "self_assessment", "rating")


class MfgAppraisalKpiCorrectionWizard(models.TransientModel):
    """HR manager's tracked correction of the value a KPI gave one appraisal line (e.g. a locked
    value known to be wrong): the KPI value itself stays locked; the line takes the corrected
    value with its reason, logged on the appraisal, and refreshing the KPI values leaves it
    alone."""

    _name = "mfg.appraisal.kpi.correction.wizard"
    _description = "KPI Line Correction"

    line_id = fields.Many2one("mfg.appraisal.line", required=True, readonly=True)
    rule_kind = fields.Selection(related="line_id.rule_kind")
    kpi_id = fields.Many2one(related="line_id.kpi_id")
    kpi_value_state = fields.Selection(related="line_id.kpi_value_state")
    current_value = fields.Float(related="line_id.actual_value", digits=(16, 4))
    current_occurrences = fields.Integer(related="line_id.occurrences")
    new_value = fields.Float(string="Corrected Value", digits=(16, 4))
    new_occurrences = fields.Integer(string="Corrected Occurrences")
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        line = self.env["mfg.appraisal.line"].browse(values.get("line_id"))
        if line:
            values.setdefault("new_value", line.actual_value)
            values.setdefault("new_occurrences", line.occurrences)
        return values

    def action_apply(self):
        self.ensure_one()
        line = self.line_id
        if not self.env.user.has_group("mfg_appraisal.group_appraisal_hr_manager"):
            raise UserError(self.env._("Only an HR manager corrects the KPI value of a line."))
        appraisal = line.sudo().appraisal_id
        if appraisal.company_id not in self.env.user.company_ids:
            raise UserError(self.env._("Only an HR manager corrects the KPI value of a line."))
        appraisal.with_env(self.env)._check_not_own()
        if appraisal.state not in CORRECTION_STATES:
            raise UserError(
                self.env._(
                    "The appraisal of %(who)s is %(state)s: KPI lines are corrected until the "
                    "rating is submitted; after that, HR sends it back to rating first.",
                    who=appraisal.employee_id.name,
                    state=appraisal._state_label(appraisal.state),
                )
            )
        if not line.kpi_id or line.rule_kind not in ("linear", "occurrence", "bands"):
            raise UserError(
                self.env._("Line %(line)s takes no KPI value to correct.", line=line.name)
            )
        reason = (self.reason or "").strip()
        if not reason:
            raise ValidationError(self.env._("Give the reason of the correction."))
        if line.rule_kind == "occurrence":
            if self.new_occurrences < 0:
                raise ValidationError(self.env._("Occurrences cannot be negative."))
            before, after = line.occurrences, self.new_occurrences
            vals = {"occurrences": after, "actual_value": float(after)}
        else:
            before, after = line.actual_value, self.new_value
            vals = {"actual_value": after}
        line.sudo().write(
            dict(vals, actual_set=True, kpi_corrected=True, kpi_correction_reason=reason)
        )
        appraisal._message_log_batch(
            {
                appraisal.id: Markup("<p>%s</p>")
                % self.env._(
                    "%(user)s corrected the KPI value of %(line)s: %(before)s → %(after)s "
                    "(%(kpi)s, value %(status)s). Reason: %(reason)s",
                    user=self.env.user.name,
                    line=line.name,
                    before=before,
                    after=after,
                    kpi=line.kpi_id.name,
                    status=dict(
                        line._fields["kpi_value_state"]._description_selection(self.env)
                    ).get(line.kpi_value_state, "-"),
                    reason=reason,
                )
            }
        )
        return {"type": "ir.actions.act_window_close"}
