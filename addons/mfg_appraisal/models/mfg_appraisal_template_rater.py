# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .common import RATER_ROLES


class MfgAppraisalTemplateRater(models.Model):
    """The weight of one rater role in the scores of a section."""

    _name = "mfg.appraisal.template.rater"
    _description = "Appraisal Rater Role Weight"
    _order = "section_id, id"

    section_id = fields.Many2one(
        "mfg.appraisal.template.section", required=True, ondelete="cascade", index=True
    )
    role = fields.Selection(RATER_ROLES, required=True)
    weight = fields.Float(required=True, digits=(5, 2))

    _role_uniq = models.Constraint(
        "UNIQUE(section_id, role)", "A rater role appears once per section."
    )
