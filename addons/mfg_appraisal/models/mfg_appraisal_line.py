# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import policy, scoring
from .common import RULE_KINDS, scoring_errors

# Appraisal states in which the combination of direct ratings is withheld: raters submit one by
# one, and a score that moved with each submission would reveal each rater's score.
RATING_OPEN_STATES = ("draft", "self_assessment", "rating")


class MfgAppraisalLine(models.Model):
    """A criterion of one appraisal: the sheet's rule frozen at launch, the actual value and the
    scores. Later edits of the sheet never change it."""

    _name = "mfg.appraisal.line"
    _description = "Appraisal Line"
    _inherit = ["mail.thread", "mfg.appraisal.guarded"]
    _order = "appraisal_id, section_sequence, sequence, id"

    section_id = fields.Many2one(
        "mfg.appraisal.section", required=True, ondelete="cascade", index=True
    )
    # Precomputed: set in the insert of a batch of lines, not by an update after each batch.
    section_sequence = fields.Integer(
        related="section_id.sequence", store=True, precompute=True, string="Section Sequence"
    )
    appraisal_id = fields.Many2one(
        "mfg.appraisal", required=True, ondelete="cascade", index=True, readonly=True
    )
    state = fields.Selection(related="appraisal_id.state")
    template_line_id = fields.Many2one("mfg.appraisal.template.line", ondelete="set null")
    sequence = fields.Integer()
    dimension = fields.Char()
    name = fields.Char(required=True)
    weight = fields.Float(digits=(5, 2))
    kpi_id = fields.Many2one("mfg.kpi", string="KPI")
    kpi_value_id = fields.Many2one("mfg.kpi.value", string="KPI Value", readonly=True)
    rule_kind = fields.Selection(RULE_KINDS, required=True)
    rule = fields.Text(help="The scoring rule (JSON) frozen from the sheet.")
    rule_text = fields.Char(string="Scoring Rule")
    source_text = fields.Char(
        string="Data Source", help="资料来源 / 数据来源 of the criterion, frozen from the sheet."
    )
    actual_value = fields.Float(digits=(16, 4), tracking=True)
    actual_set = fields.Boolean(help="An actual value is known (entered or from a KPI).")
    occurrences = fields.Integer(tracking=True)
    major_event = fields.Boolean(tracking=True)
    level_number = fields.Integer(
        string="Level",
        tracking=True,
        help="The chosen level of a qualitative criterion: 1 = the first (best) level.",
    )
    level_name = fields.Char(compute="_compute_level_name")
    rated_score = fields.Float(
        digits=(5, 2),
        tracking=True,
        help="Score chosen by the appraiser inside the band or level range.",
    )
    rated_set = fields.Boolean()
    rating_ids = fields.One2many("mfg.appraisal.rating", "line_id", string="Ratings")
    suggested_score = fields.Float(
        compute="_compute_scores", store=True, digits=(5, 2), precompute=True
    )
    # Not tracked: see RATING_OPEN_STATES.
    score = fields.Float(compute="_compute_scores", store=True, digits=(5, 2), precompute=True)
    score_set = fields.Boolean(compute="_compute_scores", store=True, precompute=True)
    comment = fields.Text()

    def _rule(self):
        return json.loads(self.rule or "{}")

    def _compute_level_name(self):
        for line in self:
            levels = line._rule().get("levels", [])
            index = line.level_number - 1
            line.level_name = levels[index]["label"] if 0 <= index < len(levels) else ""

    @api.depends(
        "rule",
        "actual_value",
        "actual_set",
        "occurrences",
        "major_event",
        "level_number",
        "rated_score",
        "rated_set",
        "rating_ids.score",
        "rating_ids.rater_id.state",
        # Not "appraisal_id.state": every state change of a cohort would recompute all its
        # lines. The appraisal's write marks its direct-rating lines for recomputation when
        # the state crosses RATING_OPEN_STATES (``_rating_window_changed``).
    )
    def _compute_scores(self):
        for line in self:
            if line.rule_kind == "direct" and line.appraisal_id.state in RATING_OPEN_STATES:
                line.suggested_score = line.score = 0.0
                line.score_set = False
                continue
            with scoring_errors(self.env):
                suggested, score = line._score_now()
            line.suggested_score = suggested or 0.0
            line.score_set = score is not None
            line.score = score if score is not None else 0.0

    def _score_now(self):
        """(suggested score, final score) of the line from its inputs; None when unknown."""
        self.ensure_one()
        rule = self._rule()
        kind = self.rule_kind
        if kind == "linear":
            if not self.actual_set:
                return None, None
            value = scoring.linear_deduction(
                self.actual_value,
                rule.get("target") or 0.0,
                rule.get("step"),
                rule.get("deduction"),
                rule.get("direction", "higher"),
                whole_steps=rule.get("whole_steps", False),
            )
            return value, value
        if kind == "occurrence":
            if not self.actual_set:
                return None, None
            value = scoring.occurrence_count(
                self.occurrences,
                rule.get("deduction"),
                allowed=rule.get("allowed", 0),
                major_event=bool(self.major_event and rule.get("major_event_zero")),
                per=int(rule.get("step") or 1),
            )
            return value, value
        if kind == "bands":
            if not self.actual_set:
                return None, None
            bands = [scoring.Band(**band) for band in rule.get("bands", [])]
            suggested = scoring.band_score(
                bands, self.actual_value, rule.get("direction", "higher")
            )
            return suggested, (self.rated_score if self.rated_set else suggested)
        if kind == "levels":
            return None, (self.rated_score if self.rated_set and self.level_number > 0 else None)
        # direct rating: raters' submitted scores combined by the section's role weights
        scores = {}
        for rating in self.sudo().rating_ids.filtered(lambda r: r.rater_id.state == "submitted"):
            # The indirect superior rates in the superior's place (appraiser under 6 months).
            role = "superior" if rating.rater_id.role == "indirect" else rating.rater_id.role
            scores.setdefault(role, []).append(rating.score)
        # Peers and subordinates count only as a group of at least the sheet's minimum: one
        # colleague's score is never singled out.
        minimum = self.sudo().appraisal_id.template_id.min_aggregate_raters
        weights = dict(self.section_id._role_weights())
        for role in ("peer", "subordinate"):
            if len(scores.get(role, ())) < minimum:
                scores.pop(role, None)
                # Their share is part of the superior side (第7条(3) next to the seed's
                # self 30 / superior 70 table): it goes back to the superior, not to self.
                if weights.get(role) and weights.get("superior"):
                    weights["superior"] += weights.pop(role)
        if not scores.get("superior") and weights.get("superior"):
            return None, None
        value = scoring.combine_raters(scores, weights, redistribute=True)
        return value, value

    @api.constrains("rated_score", "rated_set", "level_number", "actual_value", "actual_set")
    def _check_rated_score(self):
        for line in self:
            rule = line._rule()
            with scoring_errors(self.env):
                if line.rule_kind == "bands" and line.rated_set and line.actual_set:
                    bands = [scoring.Band(**band) for band in rule.get("bands", [])]
                    band = scoring.find_band(bands, line.actual_value)
                    scoring.check_band_override(band, line.rated_score)
                elif line.rule_kind == "levels" and line.rated_set:
                    levels = [scoring.Level(**level) for level in rule.get("levels", [])]
                    scoring.check_level_score(levels, line.level_number - 1, line.rated_score)
                elif line.rule_kind in ("linear", "occurrence", "bands") and line.actual_set:
                    line._score_now()
            if line.rule_kind == "occurrence" and line.occurrences < 0:
                raise ValidationError(
                    self.env._("Occurrences of %(line)s cannot be negative.", line=line.name)
                )

    def _compute_display_name(self):
        for line in self:
            line.display_name = line.name

    # ------------------------------------------------------------------
    # Write policy
    # ------------------------------------------------------------------
    def _guard_allowed_fields(self):
        appraisal = self._guard_appraisal()
        roles = self._guard_roles(appraisal)
        return policy.line_allowed(roles, appraisal.state, self.rule_kind)

    def _guard_complete_vals(self, vals):
        if {"actual_value", "occurrences", "major_event"} & set(vals) and "actual_set" not in vals:
            vals = dict(vals, actual_set=True)
        if {"rated_score", "level_number"} & set(vals) and "rated_set" not in vals:
            vals = dict(vals, rated_set=True)
        return vals

    def _write_prefill(self, vals):
        """KPI values written into the lines by the system (launch, refresh)."""
        return self.sudo().with_context(tracking_disable=True).write(vals)
