# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MfgAppraisalNote(models.Model):
    """A manager-only note on an appraisal: record rules keep it from the appraisee."""

    _name = "mfg.appraisal.note"
    _description = "Appraisal Manager Note"
    _order = "create_date desc, id desc"

    appraisal_id = fields.Many2one("mfg.appraisal", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    body = fields.Text(required=True)
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)
