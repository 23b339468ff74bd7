# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MfgAppraisalOnBehalfWizard(models.TransientModel):
    """HR submits the current step (self-assessment or rating) of the selected appraisals for
    the people who did not, with a reason logged on each appraisal."""

    _name = "mfg.appraisal.on.behalf.wizard"
    _description = "Submit Appraisals on Behalf"

    appraisal_ids = fields.Many2many("mfg.appraisal", string="Appraisals", readonly=True)
    appraisal_count = fields.Integer(compute="_compute_appraisal_count")
    reason = fields.Text(required=True)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("active_model") == "mfg.appraisal":
            values["appraisal_ids"] = [(6, 0, self.env.context.get("active_ids") or [])]
        return values

    @api.depends("appraisal_ids")
    def _compute_appraisal_count(self):
        for wizard in self:
            wizard.appraisal_count = len(wizard.appraisal_ids)

    def action_apply(self):
        self.ensure_one()
        result = self.appraisal_ids.action_submit_on_behalf(self.reason)
        if isinstance(result, dict) and result.get("tag") == "display_notification":
            # Taken in the background (see mfg_queue_job): the user is told, then the dialog
            # closes.
            result["params"]["next"] = {"type": "ir.actions.act_window_close"}
            return result
        return {"type": "ir.actions.act_window_close"}
