# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, float_repr

from .. import policy, scoring
from .common import RULE_KINDS, scoring_errors

# Appraisal states in which the combination of direct ratings is withheld: raters submit one by
# one, and a score that moved with each submission would reveal each rater's score.
RATING_OPEN_STATES = ("draft", "self_assessment", "rating")


def _number(value):
    """A number as people write it: 100, 97.5 (no trailing zeros)."""
    return float_repr(float(value or 0.0), 4).rstrip("0").rstrip(".")


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
    # Translatable: frozen from the sheet in every installed language (_freeze_translations).
    dimension = fields.Char(translate=True)
    name = fields.Char(required=True, translate=True)
    weight = fields.Float(digits=(5, 2))
    kpi_id = fields.Many2one("mfg.kpi", string="KPI")
    kpi_value_id = fields.Many2one("mfg.kpi.value", string="KPI Value", readonly=True)
    # Set by the prefill (launch, refresh) only: the status the KPI value had when it filled
    # the line. Anything but "locked" is shown as "not locked": the value may still change.
    kpi_value_state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("locked", "Locked")],
        string="KPI Value Status",
        readonly=True,
        help="Status of the KPI value when it filled the line: a value not locked yet may "
        "still change; HR refreshes the KPI values until rating starts.",
    )
    kpi_prefill_value = fields.Float(
        string="KPI Value as Prefilled",
        digits=(16, 4),
        readonly=True,
        help="The value the KPI gave the line (in the sheet's unit), kept when an HR manager "
        "corrects the line.",
    )
    kpi_corrected = fields.Boolean(
        string="KPI Value Corrected",
        readonly=True,
        tracking=True,
        help="An HR manager corrected the value the KPI gave this line (the KPI value itself "
        "stays locked); refreshing the KPI values leaves the line alone.",
    )
    kpi_correction_reason = fields.Text(string="Correction Reason", readonly=True, tracking=True)
    rule_kind = fields.Selection(RULE_KINDS, required=True)
    rule = fields.Text(help="The scoring rule (JSON) frozen from the sheet.")
    rule_text = fields.Char(string="Scoring Rule", translate=True)
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
    level_name = fields.Char(compute="_compute_level_name", string="Level Description")
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
    # What the rater types: text, so that "no data" (blank) and 0 (a value like any other) are
    # two different entries. They write the stored numbers and their "known" flag.
    actual_input = fields.Char(
        string="Actual",
        compute="_compute_inputs",
        inverse="_inverse_actual_input",
        help="The actual value. Blank means no data yet; 0 is a value like any other.",
    )
    occurrences_input = fields.Char(
        string="Occurrence Count",
        compute="_compute_inputs",
        inverse="_inverse_occurrences_input",
        help="How many times it happened. Blank means no data yet; 0 (none) is a value.",
    )
    score_status = fields.Char(
        string="Status",
        compute="_compute_score_status",
        help="Why the line has no score yet (no data, no level chosen, raters pending).",
    )
    rule_detail = fields.Text(
        string="Rule Details",
        compute="_compute_rule_detail",
        help="The scoring rule in full, with every band and level.",
    )

    def _rule(self):
        return json.loads(self.rule or "{}")

    def _rule_labels(self, rule, kind):
        """Labels of the rule's ``kind`` ("levels" or "bands") in the user's language: frozen
        from the sheet in every installed language (``_freeze_translations``), else as frozen."""
        labels = rule.get("labels", {}).get(self.env.lang or "en_US", {}).get(kind)
        frozen = [item.get("label") or "" for item in rule.get(kind, [])]
        return labels if labels and len(labels) == len(frozen) else frozen

    @api.depends("rule", "level_number")
    @api.depends_context("lang")
    def _compute_level_name(self):
        for line in self:
            labels = line._rule_labels(line._rule(), "levels")
            index = line.level_number - 1
            line.level_name = labels[index] if 0 <= index < len(labels) else ""

    @api.depends("actual_value", "actual_set", "occurrences")
    def _compute_inputs(self):
        for line in self:
            known = line.actual_set
            line.actual_input = _number(line.actual_value) if known else ""
            line.occurrences_input = str(line.occurrences) if known else ""

    def _parse_input(self, text, integer=False):
        """The number typed in ``text`` (None when blank); a clear error when it is none."""
        text = (text or "").strip().rstrip("%").strip()
        if not text:
            return None
        cleaned = text.replace(" ", "")
        cleaned = cleaned.replace(",", "") if "." in cleaned else cleaned.replace(",", ".")
        try:
            value = float(cleaned)
        except ValueError:
            value = None
        if value is None or (integer and value != int(value)):
            raise ValidationError(
                self.env._(
                    "%(line)s: %(text)s is not a %(kind)s. Leave it blank when there is no data.",
                    line=self.name,
                    text=text,
                    kind=self.env._("whole number") if integer else self.env._("number"),
                )
            )
        return int(value) if integer else value

    def _inverse_actual_input(self):
        # The caller's write of ``actual_input`` passed the write policy: the stored value and
        # its flag follow as the system (tracked under the caller's name).
        for line in self:
            value = line._parse_input(line.actual_input)
            line.sudo().write(
                {"actual_value": value or 0.0, "actual_set": value is not None}
                if line.rule_kind != "occurrence"
                else {}
            )

    def _inverse_occurrences_input(self):
        for line in self:
            value = line._parse_input(line.occurrences_input, integer=True)
            if line.rule_kind == "occurrence":
                line.sudo().write(
                    {
                        "occurrences": value or 0,
                        "actual_set": value is not None,
                    }
                )

    @api.depends_context("lang")
    @api.depends("rule_kind", "score_set", "actual_set", "level_number", "rated_set", "state")
    def _compute_score_status(self):
        for line in self:
            if line.score_set:
                status = ""
            elif line.rule_kind == "direct":
                status = self.env._("Awaiting raters")
            elif line.rule_kind == "levels":
                status = (
                    self.env._("Give the score in the level")
                    if line.level_number
                    else self.env._("Choose a level")
                )
            elif not line.actual_set:
                status = self.env._("No data")
            else:
                status = self.env._("Not scored")
            line.score_status = status

    @api.depends("rule", "rule_text", "rule_kind")
    @api.depends_context("lang")
    def _compute_rule_detail(self):
        for line in self:
            rule = line._rule()
            parts = [line.rule_text or ""]
            if line.rule_kind == "bands":
                labels = line._rule_labels(rule, "bands")
                for band, label in zip(rule.get("bands", []), labels, strict=True):
                    band_obj = scoring.Band(**band)
                    parts.append(
                        self.env._(
                            "%(range)s → %(low)s–%(high)s",
                            range=label or band_obj.interval(),
                            low=_number(band_obj.score_min),
                            high=_number(band_obj.score_max),
                        )
                    )
            elif line.rule_kind == "levels":
                labels = line._rule_labels(rule, "levels")
                for index, (level, label) in enumerate(
                    zip(rule.get("levels", []), labels, strict=True), start=1
                ):
                    parts.append(
                        self.env._(
                            "%(n)s. %(low)s–%(high)s %(label)s",
                            n=index,
                            low=_number(level.get("score_min", 0)),
                            high=_number(level.get("score_max", 0)),
                            label=label,
                        )
                    )
            line.rule_detail = "\n".join(part for part in parts if part)

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

    @api.onchange("actual_input", "occurrences_input")
    def _onchange_inputs(self):
        """The score follows the typed value on screen, before saving."""
        for line in self:
            try:
                if line.rule_kind == "occurrence":
                    value = line._parse_input(line.occurrences_input, integer=True)
                    line.occurrences = value or 0
                else:
                    value = line._parse_input(line.actual_input)
                    line.actual_value = value or 0.0
            except ValidationError as error:
                return {"warning": {"title": self.env._("Not a number"), "message": str(error)}}
            line.actual_set = value is not None
        return None

    @api.onchange("level_number")
    def _onchange_level_number(self):
        """Choosing a level proposes the top of its score range (the rater may lower it)."""
        for line in self.filtered(lambda ln: ln.rule_kind == "levels"):
            levels = line._rule().get("levels", [])
            index = line.level_number - 1
            if 0 <= index < len(levels):
                level = levels[index]
                if not level["score_min"] <= line.rated_score <= level["score_max"]:
                    line.rated_score = level["score_max"]

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

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._freeze_translations()
        return lines

    def _freeze_translations(self):
        """Freeze the sheet's wording in every installed language, not only the launcher's: the
        name, group and scoring rule of lines created from a sheet line (where they are the
        sheet's) and the name of their sections. A fixed number of queries for any batch."""
        lines = self.filtered("template_line_id")
        langs = [code for code, _label in self.env["res.lang"].get_installed()]
        if not lines or len(langs) < 2:
            return
        lang = self.env.lang or "en_US"
        cr = self.env.cr
        self.flush_recordset(["name", "dimension", "rule_text", "rule"])
        lines.section_id.flush_recordset(["name"])
        # Names and groups: the sheet's stored translations.
        same = "COALESCE(l.{0}->>%(lang)s, l.{0}->>'en_US') = COALESCE(t.{0}->>%(lang)s, t.{0}->>'en_US')"
        cr.execute(
            SQL(
                """UPDATE mfg_appraisal_line l
                      SET name = CASE WHEN %(same_name)s THEN t.name ELSE l.name END,
                          dimension = CASE WHEN %(same_dimension)s THEN t.dimension
                                           ELSE l.dimension END
                     FROM mfg_appraisal_template_line t
                    WHERE t.id = l.template_line_id AND l.id = ANY(%(ids)s)""",
                same_name=SQL(same.format("name"), lang=lang),
                same_dimension=SQL(same.format("dimension"), lang=lang),
                ids=lines.ids,
            )
        )
        # Section names, from the sheet section of their lines.
        sheet_section = {line.section_id.id: line.template_line_id.section_id.id for line in lines}
        cr.execute(
            SQL(
                """UPDATE mfg_appraisal_section s SET name = ts.name
                     FROM (VALUES %(pairs)s) AS v(section_id, sheet_section_id)
                     JOIN mfg_appraisal_template_section ts ON ts.id = v.sheet_section_id
                    WHERE s.id = v.section_id
                      AND COALESCE(s.name->>%(lang)s, s.name->>'en_US')
                        = COALESCE(ts.name->>%(lang)s, ts.name->>'en_US')""",
                pairs=SQL(", ").join(SQL("(%s, %s)", *pair) for pair in sheet_section.items()),
                lang=lang,
            )
        )
        # Scoring rules: the sheet line's text (computed, not stored) in each language.
        sheet_lines = lines.template_line_id
        texts = {
            code: dict(
                zip(
                    sheet_lines.ids,
                    sheet_lines.with_context(lang=code).mapped("rule_text"),
                    strict=False,
                )
            )
            for code in langs
        }
        rows = [
            SQL(
                "(%s, %s::jsonb)",
                line.id,
                json.dumps({code: texts[code][line.template_line_id.id] for code in langs}),
            )
            for line in lines
            if line.rule_text and line.rule_text == texts[lang].get(line.template_line_id.id)
        ]
        if rows:
            cr.execute(
                SQL(
                    """UPDATE mfg_appraisal_line l SET rule_text = l.rule_text || v.texts
                         FROM (VALUES %s) AS v(id, texts) WHERE l.id = v.id""",
                    SQL(", ").join(rows),
                )
            )
        # Labels of qualitative levels and bands, frozen in the rule in the launcher's language:
        # the sheet's labels in every language beside them, where they are the sheet's.
        labelled = lines.filtered(lambda ln: ln.rule_kind in ("levels", "bands"))
        if labelled:
            sheet_lines = labelled.template_line_id
            sheet_labels = {
                code: {
                    sheet_line.id: {
                        "levels": sheet_line.level_ids.mapped("name"),
                        "bands": [band.label or "" for band in sheet_line.band_ids],
                    }
                    for sheet_line in sheet_lines.with_context(lang=code)
                }
                for code in langs
            }
            rows = []
            for line in labelled:
                rule = line._rule()
                kind = line.rule_kind
                sheet_line = line.template_line_id.id
                if [item.get("label") or "" for item in rule.get(kind, [])] != sheet_labels[lang][
                    sheet_line
                ][kind]:
                    continue
                rule["labels"] = {
                    code: {kind: sheet_labels[code][sheet_line][kind]} for code in langs
                }
                rows.append(SQL("(%s, %s)", line.id, json.dumps(rule)))
            if rows:
                cr.execute(
                    SQL(
                        """UPDATE mfg_appraisal_line l SET rule = v.rule
                             FROM (VALUES %s) AS v(id, rule) WHERE l.id = v.id""",
                        SQL(", ").join(rows),
                    )
                )
        lines.invalidate_recordset(["name", "dimension", "rule_text", "rule"])
        lines.section_id.invalidate_recordset(["name"])

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

    def action_open_kpi_correction(self):
        """HR manager's tracked correction of the KPI value of this line."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct the KPI Value"),
            "res_model": "mfg.appraisal.kpi.correction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_line_id": self.id},
        }
