# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .mfg_job_batch import STATES


class MfgJobBatchMixin(models.AbstractModel):
    """A record whose heavy work runs in the background (a KPI period, an appraisal cycle):
    its latest batch with the batch's state and progress, for its form."""

    _name = "mfg.job.batch.mixin"
    _description = "Follows Background Work"

    # The field of mfg.job.batch that points at the records of the inheriting model.
    _mfg_job_batch_field = None

    mfg_job_batch_id = fields.Many2one(
        "mfg.job.batch",
        string="Background Work",
        compute="_compute_mfg_job_batch_id",
        help="The latest work on this record run in the background.",
    )
    mfg_job_state = fields.Selection(
        STATES, string="Background State", compute="_compute_mfg_job_batch_id"
    )
    mfg_job_progress = fields.Float(
        string="Background Progress", compute="_compute_mfg_job_batch_id"
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_mfg_job_batch_id(self):
        """The latest batch the reader may read (its access rights and record rules: KPI
        managers the computations, HR the cycles' work, an appraiser or the production
        department the work they asked for, in their companies); nothing for the others, who
        do not follow background work (the form hides it from them too)."""
        Batch = self.env["mfg.job.batch"]
        field = self._mfg_job_batch_field
        latest = {}
        if self.ids and Batch.has_access("read"):
            latest = dict(Batch._read_group([(field, "in", self.ids)], [field], ["id:max"]))
        for record in self:
            batch = Batch.browse(latest.get(record._origin))
            record.mfg_job_batch_id = batch
            record.mfg_job_state = batch.state
            record.mfg_job_progress = batch.progress
