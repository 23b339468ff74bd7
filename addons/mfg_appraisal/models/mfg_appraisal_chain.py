# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MfgAppraisalChain(models.Model):
    """An approval chain: the tiers an appraisal goes through between review and publication.

    A sheet names its chain; the tier definitions of ``mfg.appraisal`` (base_tier_validation)
    select the appraisals of a chain by its code, e.g. ``[("approval_chain_id.code", "=",
    "hr_review")]``, and the approvers' read rules do the same. Adding a chain is data: a chain,
    its tier definitions, and the sheets pointing to it.
    """

    _name = "mfg.appraisal.chain"
    _description = "Appraisal Approval Chain"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable code the tier definitions and record rules select the chain's appraisals "
        "by.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    template_ids = fields.One2many(
        "mfg.appraisal.template", "approval_chain_id", string="Sheets", readonly=True
    )

    _code_uniq = models.Constraint("UNIQUE(code)", "An approval chain with this code exists.")
