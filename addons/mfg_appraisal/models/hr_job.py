# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class HrJob(models.Model):
    _inherit = "hr.job"

    mfg_appraisal_template_ids = fields.Many2many(
        "mfg.appraisal.template",
        "mfg_appraisal_template_job_rel",
        "job_id",
        "template_id",
        string="Appraisal Sheets",
    )
