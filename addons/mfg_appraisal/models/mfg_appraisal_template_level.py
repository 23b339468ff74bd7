# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .. import scoring


class MfgAppraisalTemplateLevel(models.Model):
    """A described level of a qualitative criterion and its score range (e.g. 91-100 '…')."""

    _name = "mfg.appraisal.template.level"
    _description = "Appraisal Qualitative Level"
    _order = "line_id, sequence, id"

    line_id = fields.Many2one(
        "mfg.appraisal.template.line", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    name = fields.Text(required=True, translate=True)
    score_min = fields.Float(required=True, digits=(5, 2))
    score_max = fields.Float(required=True, digits=(5, 2))

    def _to_scoring(self):
        self.ensure_one()
        return scoring.Level(**self._snapshot())

    def _snapshot(self):
        self.ensure_one()
        return {"score_min": self.score_min, "score_max": self.score_max, "label": self.name}
