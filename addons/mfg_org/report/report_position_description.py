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
        origins = self.env["mfg.job.kpi"]._fields["origin"]._description_selection(self.env)
        # The KPI library may be closed to the reader (e.g. a plain employee printing the
        # description of their own position): the KPI names are read as superuser, the
        # position and its KPI lines with the reader's rights.
        kpi_sections = {}
        for job in jobs:
            sections = []
            for origin, label in origins:
                lines = job.mfg_kpi_line_ids.filtered(lambda line, o=origin: line.origin == o)
                if lines:
                    sections.append(
                        {
                            "label": label,
                            "weighted": any(lines.mapped("weight")),
                            "lines": [(line.display_kpi_name, line.weight) for line in lines],
                        }
                    )
            kpi_sections[job.id] = sections
        return {
            "doc_ids": docids,
            "doc_model": "hr.job",
            "docs": jobs,
            "kpi_sections": kpi_sections,
        }
