# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.addons.mfg_kpi.models.mfg_kpi import DIRECTIONS
from odoo.exceptions import ValidationError

from .. import scoring
from .common import RULE_KINDS, scoring_errors


class MfgAppraisalTemplateLine(models.Model):
    """A criterion of a sheet: weight, optional KPI, scoring rule and its parameters.

    Rule kinds (DESIGN §3): linear deduction ("target X, each S below/above deducts D points"),
    occurrence count (each occurrence deducts D; a major event may zero the line), bands
    (ranges of the actual value mapped to score ranges), qualitative levels (described levels
    with a score range each), direct rating (raters give 0-100, combined by role weights).
    """

    _name = "mfg.appraisal.template.line"
    _description = "Appraisal Template Line"
    _order = "template_id, section_sequence, sequence, id"

    section_id = fields.Many2one(
        "mfg.appraisal.template.section", required=True, ondelete="cascade", index=True
    )
    section_sequence = fields.Integer(
        related="section_id.sequence", store=True, string="Section Sequence"
    )
    template_id = fields.Many2one(
        related="section_id.template_id", store=True, index=True, precompute=True
    )
    company_id = fields.Many2one(related="template_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    dimension = fields.Char(
        translate=True, help="Group of the criterion on the sheet (考核项目 / 维度)."
    )
    name = fields.Char(required=True, translate=True)
    weight = fields.Float(required=True, digits=(5, 2), help="Weight in % of its section.")
    kpi_id = fields.Many2one("mfg.kpi", string="KPI", ondelete="restrict")
    kpi_scale = fields.Float(
        string="KPI Value Factor",
        default=1.0,
        digits=(16, 6),
        help="Factor from the KPI's unit to the unit the sheet states, applied when a KPI value "
        "prefills the line: 0.0001 turns yuan into 万元 (ten-thousand yuan), as the sheets "
        "state maintenance cost per output and development cost.",
    )
    kpi_code = fields.Char(
        string="KPI Code",
        help="When the line's KPI comes from a module that may not be installed (late arrivals "
        "and early departures from mfg_kpi_hr, …): its code. Launching links the KPI when it "
        "exists, so its values prefill the line.",
    )
    source_ids = fields.Many2many(
        "mfg.kpi.source",
        string="Data Sources",
        compute="_compute_source_ids",
        store=True,
        readonly=False,
    )
    target_text = fields.Char(
        string="Target (as on the sheet)", translate=True, help="e.g. '% or more', 'target 0'."
    )
    rule_kind = fields.Selection(RULE_KINDS, required=True, default="direct")
    direction = fields.Selection(
        DIRECTIONS, compute="_compute_direction", store=True, readonly=False
    )
    target = fields.Float(digits=(16, 4), help="X: the target value of a linear deduction.")
    step = fields.Float(
        digits=(16, 4),
        help="S: each S of gap deducts D points. On an occurrence count: N, each N occurrences "
        "deduct D points (每出现 N 次减 D 分; blank means 1).",
    )
    deduction = fields.Float(digits=(16, 4), help="D: points deducted per step or occurrence.")
    allowed = fields.Integer(help="Occurrences allowed before deductions start.")
    whole_steps = fields.Boolean(help="Count only whole steps of the gap.")
    major_event_zero = fields.Boolean(
        string="Major Event Zeroes the Line",
        help="A major event (serious loss or bad social impact) scores the line 0.",
    )
    band_ids = fields.One2many("mfg.appraisal.template.band", "line_id", copy=True)
    level_ids = fields.One2many("mfg.appraisal.template.level", "line_id", copy=True)
    rule_text = fields.Char(compute="_compute_rule_text", string="Scoring Rule")

    @api.depends("kpi_id")
    def _compute_source_ids(self):
        for line in self:
            line.source_ids = line.kpi_id.source_ids

    @api.depends("kpi_id")
    def _compute_direction(self):
        for line in self:
            line.direction = line.kpi_id.direction or line.direction or "higher"

    def _parameters_filled(self):
        """The linear/occurrence parameters are blank until the company fills them: a value
        of 0 for the step or the deduction means 'not filled'."""
        self.ensure_one()
        return {
            "target": self.target if (self.target or self.direction == "zero") else None,
            "step": self.step or None,
            "deduction": self.deduction or None,
        }

    @api.depends(
        "rule_kind", "target", "step", "deduction", "allowed", "direction", "major_event_zero"
    )
    @api.depends_context("lang")
    def _compute_rule_text(self):
        kinds = dict(self._fields["rule_kind"]._description_selection(self.env))
        for line in self:
            if line.rule_kind == "linear":
                text = self.env._(
                    "Target %(x)s, each %(s)s %(dir)s deducts %(d)s",
                    x=line.target,
                    s=line.step or "?",
                    dir=self.env._("below") if line.direction == "higher" else self.env._("above"),
                    d=line.deduction or "?",
                )
            elif line.rule_kind == "occurrence" and line.step > 1:
                text = self.env._(
                    "Target %(n)s, each %(per)s occurrences deduct %(d)s",
                    n=line.allowed,
                    per=int(line.step),
                    d=line.deduction or "?",
                )
            elif line.rule_kind == "occurrence":
                text = self.env._(
                    "Target %(n)s, each occurrence deducts %(d)s",
                    n=line.allowed,
                    d=line.deduction or "?",
                )
                if line.major_event_zero:
                    text += self.env._("; a major event scores 0")
            else:
                text = kinds.get(line.rule_kind, "")
            line.rule_text = text

    def _missing_parameters(self):
        """Human-readable list of lines whose rule parameters are still blank."""
        missing = []
        for line in self:
            names = []
            if line.rule_kind == "linear":
                params = line._parameters_filled()
                names = [
                    label
                    for key, label in (
                        ("target", self.env._("target X")),
                        ("step", self.env._("step S")),
                        ("deduction", self.env._("deduction D")),
                    )
                    if params[key] is None
                ]
            elif line.rule_kind == "occurrence" and not line.deduction:
                names = [self.env._("deduction D")]
            if names:
                missing.append(f"{line.name} ({', '.join(names)})")
        return missing

    def _check_rule_definition(self):
        """Bands and levels must be consistent (no overlap, no gap)."""
        for line in self:
            with scoring_errors(self.env):
                if line.rule_kind == "bands":
                    scoring.validate_bands(line._bands(), line.direction)
                elif line.rule_kind == "levels":
                    scoring.validate_levels(line._levels())
            if line.rule_kind == "occurrence" and line.step and line.step != int(line.step):
                raise ValidationError(
                    self.env._(
                        "Line %(line)s: deductions per N occurrences need a whole N.",
                        line=line.name,
                    )
                )

    def _bands(self):
        return [band._to_scoring() for band in self.band_ids]

    def _levels(self):
        return [level._to_scoring() for level in self.level_ids]

    def _rule_snapshot(self):
        """Everything needed to score the line later, frozen into the appraisal."""
        self.ensure_one()
        return {
            "kind": self.rule_kind,
            "direction": self.direction or "higher",
            "target": self.target,
            "step": self.step,
            "deduction": self.deduction,
            "allowed": self.allowed,
            "whole_steps": self.whole_steps,
            "kpi_scale": self.kpi_scale or 1.0,
            "major_event_zero": self.major_event_zero,
            "bands": [band._snapshot() for band in self.band_ids],
            "levels": [level._snapshot() for level in self.level_ids],
        }
