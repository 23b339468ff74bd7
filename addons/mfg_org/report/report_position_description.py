# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class ReportPositionDescription(models.AbstractModel):
    """Values of the position description (岗位说明书) report."""

    _name = "report.mfg_org.report_position_description"
    _description = "Position Description Report"

    @api.model
    def _get_report_values(self, docids, data=None):
        jobs = self.env["hr.job"].browse(docids)
        jobs.check_access("read")
        # The KPI library may be closed to the reader (e.g. a plain employee printing the
        # description of their own position): each list reads its names as superuser, the
        # position and its lines with the reader's rights.
        kpi_sections = {job.id: job._mfg_kpi_sections() for job in jobs}
        return {
            "doc_ids": docids,
            "doc_model": "hr.job",
            "docs": jobs,
            "kpi_sections": kpi_sections,
        }
