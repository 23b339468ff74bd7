# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .common import APPRAISAL_SYSTEMS


class HrJob(models.Model):
    _inherit = "hr.job"

    mfg_appraisal_template_ids = fields.Many2many(
        "mfg.appraisal.template",
        "mfg_appraisal_template_job_rel",
        "job_id",
        "template_id",
        string="Appraisal Sheets",
    )
    mfg_appraisal_scope = fields.Selection(
        [(key, label) for key, label in APPRAISAL_SYSTEMS if key != "director_plan"],
        string="Appraised Under",
        help="The appraisal system whose cycles include this position (车间人员 第3条, 班组人员 "
        "第2条). Anyone in scope without a sheet gets a visible exclusion at launch.",
    )
