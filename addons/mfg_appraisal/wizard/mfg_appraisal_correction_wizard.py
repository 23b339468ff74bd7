# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class MfgAppraisalCorrectionWizard(models.TransientModel):
    """HR manager's tracked correction of a published result (a data error found after
    publication): the new final score with its reason; grade, bonus and flags follow."""

    _name = "mfg.appraisal.correction.wizard"
    _description = "Appraisal Result Correction"

    appraisal_id = fields.Many2one("mfg.appraisal", required=True, readonly=True)
    current_score = fields.Float(related="appraisal_id.final_score", digits=(5, 2))
    new_score = fields.Float(required=True, digits=(5, 2))
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        appraisal = self.env["mfg.appraisal"].browse(values.get("appraisal_id"))
        if appraisal:
            values.setdefault("new_score", appraisal.final_score)
        return values

    def action_apply(self):
        self.ensure_one()
        appraisal = self.appraisal_id
        if not self.env.user.has_group("mfg_appraisal.group_appraisal_hr_manager"):
            raise UserError(self.env._("Only an HR manager corrects a published result."))
        appraisal._check_not_own()
        appraisal._check_state("published", "interview", "done")
        if not (self.reason or "").strip():
            raise ValidationError(self.env._("Give the reason of the correction."))
        if not 0 < self.new_score <= 100:
            raise ValidationError(self.env._("The corrected score is between 0 and 100."))
        appraisal._apply_corrected_score(
            self.new_score,
            self.env._("Corrected by HR (%(reason)s)", reason=self.reason.strip()),
        )
        return {"type": "ir.actions.act_window_close"}
