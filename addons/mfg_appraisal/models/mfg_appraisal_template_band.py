# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import scoring


class MfgAppraisalTemplateBand(models.Model):
    """A band of actual values and the score range it maps to (e.g. 95% <= A < 100% -> 81-90).

    Half-open [low, high) by default; the seed's exact-value bands (A = 100%) are closed points.
    """

    _name = "mfg.appraisal.template.band"
    _description = "Appraisal Scoring Band"
    _order = "line_id, sequence, id"

    line_id = fields.Many2one(
        "mfg.appraisal.template.line", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(default=10)
    label = fields.Char(translate=True)
    low = fields.Float(digits=(16, 4))
    low_unbounded = fields.Boolean(string="No Lower Bound")
    low_inclusive = fields.Boolean(default=True)
    high = fields.Float(digits=(16, 4))
    high_unbounded = fields.Boolean(string="No Upper Bound")
    high_inclusive = fields.Boolean(default=False)
    score_min = fields.Float(required=True, digits=(5, 2))
    score_max = fields.Float(required=True, digits=(5, 2))

    @api.constrains("score_min", "score_max")
    def _check_scores(self):
        for band in self:
            if not 0 <= band.score_min <= band.score_max <= 100:
                raise ValidationError(
                    self.env._(
                        "Band %(band)s: scores must satisfy 0 <= minimum <= maximum <= 100.",
                        band=band.label or band.id,
                    )
                )

    def _to_scoring(self):
        self.ensure_one()
        return scoring.Band(**self._snapshot())

    def _snapshot(self):
        self.ensure_one()
        return {
            "low": None if self.low_unbounded else self.low,
            "high": None if self.high_unbounded else self.high,
            "low_inclusive": self.low_inclusive,
            "high_inclusive": self.high_inclusive,
            "score_min": self.score_min,
            "score_max": self.score_max,
            "label": self.label or "",
        }
