# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class QueueJob(models.Model):
    _inherit = "queue.job"

    mfg_batch_id = fields.Many2one(
        "mfg.job.batch", string="Background Work", readonly=True, index="btree_not_null"
    )
