# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .. import scoring
from .common import scoring_errors


class MfgAppraisalTemplateSection(models.Model):
    """A weighted section of a sheet (e.g. performance 70%, attitude and ability 30%).

    Its rater weights say which rater roles score its lines and how much each counts
    (the seed's attitude sheet: self 30%, direct superior 70%).
    """

    _name = "mfg.appraisal.template.section"
    _description = "Appraisal Template Section"
    _order = "template_id, sequence, id"

    template_id = fields.Many2one(
        "mfg.appraisal.template", required=True, ondelete="cascade", index=True
    )
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    weight = fields.Float(required=True, digits=(5, 2), help="Weight in % of the total score.")
    line_ids = fields.One2many(
        "mfg.appraisal.template.line", "section_id", string="Lines", copy=True
    )
    line_weight_total = fields.Float(compute="_compute_line_weight_total")
    rater_ids = fields.One2many(
        "mfg.appraisal.template.rater", "section_id", string="Rater Weights", copy=True
    )

    @api.depends("line_ids.weight")
    def _compute_line_weight_total(self):
        for section in self:
            section.line_weight_total = sum(section.line_ids.mapped("weight"))

    def _role_weights(self):
        """{role: weight} of the section; the direct superior alone when none is set."""
        self.ensure_one()
        return {r.role: r.weight for r in self.rater_ids} or {"superior": 100.0}

    def _check_rater_weights(self):
        for section in self.filtered("rater_ids"):
            with scoring_errors(self.env):
                scoring.check_weights(
                    section.rater_ids.mapped("weight"),
                    self.env._("the raters of section %(s)s", s=section.name),
                )
