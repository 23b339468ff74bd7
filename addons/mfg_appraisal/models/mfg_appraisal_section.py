# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models

from .. import scoring


class MfgAppraisalSection(models.Model):
    """A section of one appraisal, frozen from its sheet at launch."""

    _name = "mfg.appraisal.section"
    _inherit = ["mfg.appraisal.guarded"]
    _description = "Appraisal Section"
    _order = "appraisal_id, sequence, id"

    appraisal_id = fields.Many2one("mfg.appraisal", required=True, ondelete="cascade", index=True)
    # Translatable: frozen from the sheet in every installed language (see the line's
    # _freeze_translations).
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer()
    weight = fields.Float(digits=(5, 2))
    role_weights = fields.Text(help="Rater role weights (JSON) frozen from the sheet.")
    line_ids = fields.One2many("mfg.appraisal.line", "section_id", string="Lines")
    score = fields.Float(compute="_compute_score", store=True, digits=(5, 2))
    score_complete = fields.Boolean(compute="_compute_score", store=True)

    @api.depends("line_ids.score", "line_ids.score_set", "line_ids.weight")
    def _compute_score(self):
        for section in self:
            lines = section.line_ids
            complete = bool(lines) and all(lines.mapped("score_set"))
            section.score_complete = complete
            section.score = (
                scoring.weighted_total([(line.score, line.weight) for line in lines])
                if complete
                else 0.0
            )

    # ------------------------------------------------------------------
    # Write policy
    # ------------------------------------------------------------------
    def _guard_allowed_fields(self):
        return set()  # frozen at launch: nobody writes a section

    def _role_weights(self):
        self.ensure_one()
        return json.loads(self.role_weights or "{}") or {"superior": 100.0}
