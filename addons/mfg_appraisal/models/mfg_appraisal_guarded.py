# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MfgAppraisalGuarded(models.AbstractModel):
    """The parts of an appraisal (sections, lines, raters, ratings): created by the launch only,
    written within the write policy, never deleted by hand (``mfg.appraisal.guard``)."""

    _name = "mfg.appraisal.guarded"
    _inherit = ["mfg.appraisal.guard"]
    _description = "Appraisal Part Under the Write Policy"

    def _guard_appraisal(self):
        self.ensure_one()
        return self.sudo().appraisal_id

    def _guard_complete_vals(self, vals):
        """``vals`` as stored, once the caller's fields passed the policy (flags the model
        keeps itself, e.g. that a value was entered)."""
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        self._guard_check_create()
        return super().create(vals_list)

    def write(self, vals):
        self._guard_check_write(vals)
        return super().write(self._guard_complete_vals(vals))
