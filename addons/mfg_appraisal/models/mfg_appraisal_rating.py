# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_repr

from .. import policy


class MfgAppraisalRating(models.Model):
    """One rater's score (0-100) on one direct-rating line."""

    _name = "mfg.appraisal.rating"
    _inherit = ["mfg.appraisal.guarded"]
    _description = "Appraisal Rating"
    _order = "line_id, rater_id"

    rater_id = fields.Many2one(
        "mfg.appraisal.rater", string="Rater Entry", required=True, ondelete="cascade", index=True
    )
    line_id = fields.Many2one("mfg.appraisal.line", required=True, ondelete="cascade", index=True)
    appraisal_id = fields.Many2one(
        related="rater_id.appraisal_id", store=True, index=True, precompute=True
    )
    role = fields.Selection(related="rater_id.role", store=True, precompute=True)
    user_id = fields.Many2one(related="rater_id.user_id", store=True, index=True, precompute=True)
    line_name = fields.Char(related="line_id.name", string="Criterion")
    section_name = fields.Char(related="line_id.section_id.name", string="Section")
    score = fields.Float(digits=(5, 2))
    score_set = fields.Boolean()
    # What the rater types: blank is "not scored yet", 0 is a score like any other.
    score_input = fields.Char(
        string="Your Score",
        compute="_compute_score_input",
        inverse="_inverse_score_input",
        help="0 to 100. Blank: not scored yet; 0 is a score like any other.",
    )
    comment = fields.Char()

    _uniq = models.Constraint("UNIQUE(rater_id, line_id)", "One score per rater and line.")

    @api.constrains("score")
    def _check_score(self):
        for rating in self:
            if not 0 <= rating.score <= 100:
                raise ValidationError(
                    self.env._(
                        "Score %(score)s on %(line)s is outside 0..100.",
                        score=rating.score,
                        line=rating.line_id.name,
                    )
                )

    @api.depends("score", "score_set")
    def _compute_score_input(self):
        for rating in self:
            rating.score_input = (
                float_repr(rating.score, 2).rstrip("0").rstrip(".") if rating.score_set else ""
            )

    def _inverse_score_input(self):
        # The caller's write of ``score_input`` passed the write policy (own open entry).
        for rating in self:
            text = (rating.score_input or "").strip().replace(",", ".")
            try:
                score = float(text) if text else None
            except ValueError:
                raise ValidationError(
                    self.env._(
                        "%(line)s: %(text)s is not a score (0-100). Leave it blank to score later.",
                        line=rating.line_id.name,
                        text=text,
                    )
                ) from None
            rating.sudo().write({"score": score or 0.0, "score_set": score is not None})

    # ------------------------------------------------------------------
    # Write policy: only the rater, on their own open entry
    # ------------------------------------------------------------------
    def _guard_allowed_fields(self):
        rater = self.sudo().rater_id
        return policy.allowed(
            policy.RATING, rater.with_env(self.env)._rater_roles(), rater._window()
        )

    def _guard_complete_vals(self, vals):
        if "score" in vals and "score_set" not in vals:
            return dict(vals, score_set=True)
        return vals
