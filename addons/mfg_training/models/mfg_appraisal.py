# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MfgAppraisal(models.Model):
    _inherit = "mfg.appraisal"

    mfg_training_need_ids = fields.One2many(
        "mfg.training.need", "appraisal_id", string="Training Proposals", readonly=True
    )

    def _apply_results(self):
        """The result flags that ask for training propose the enrolment (班组人员 第12条3)."""
        result = super()._apply_results()
        self.env["mfg.training.need"]._mfg_propose(self)
        return result
