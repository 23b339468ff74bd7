# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import models
from odoo.tools import format_date

# Result flags of an appraisal, in the order they are listed.
FLAGS = (
    "flag_promotion",
    "flag_interview",
    "flag_forced_fail",
    "flag_dismissal_review",
    "flag_training",
    "flag_basic_training",
)


class MfgAppraisalCycleXlsx(models.AbstractModel):
    """Spreadsheet of a cycle: one row per appraisal (employee, position, department, each
    section score, total, final score, grade, bonus, flags), then one row per exclusion."""

    _name = "report.mfg_appraisal.cycle_xlsx"
    _inherit = "report.report_xlsx.abstract"
    _description = "Appraisal Cycle Spreadsheet"

    def generate_xlsx_report(self, workbook, data, cycles):
        styles = {
            "title": workbook.add_format({"bold": True, "font_size": 13}),
            "header": workbook.add_format(
                {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True}
            ),
            "text": workbook.add_format({"border": 1}),
            "score": workbook.add_format({"border": 1, "num_format": "0.00"}),
            "money": workbook.add_format({"border": 1, "num_format": "#,##0.00"}),
        }
        for cycle in cycles:
            self._write_cycle(workbook, styles, cycle)

    def _selection(self, model, field):
        return dict(self.env[model]._fields[field]._description_selection(self.env))

    def _write_cycle(self, workbook, styles, cycle):
        _ = self.env._
        sheet = workbook.add_worksheet(re.sub(r"[\[\]:*?/\\]", "-", cycle.name)[:31])
        appraisals = cycle.appraisal_ids.sorted(
            lambda a: (a.department_id.name or "", a.employee_name or "", a.id)
        )
        sections = []
        for section in appraisals.section_ids.sorted(lambda s: (s.sequence, s.id)):
            if section.name not in sections:
                sections.append(section.name)
        headers = [
            _("Employee"),
            _("Position"),
            _("Department"),
            _("Sheet"),
            _("State"),
            *sections,
            _("Computed score"),
            _("Review adjustment"),
            _("Final score"),
            _("Grade"),
            _("Bonus tier"),
            _("Bonus"),
            _("Flags"),
        ]
        sheet.write(0, 0, cycle.name, styles["title"])
        sheet.write(
            1,
            0,
            _(
                "Period: %(start)s – %(end)s",
                start=format_date(self.env, cycle.date_start),
                end=format_date(self.env, cycle.date_end),
            ),
        )
        sheet.write_row(3, 0, headers, styles["header"])
        sheet.freeze_panes(4, 1)
        states = self._selection("mfg.appraisal", "state")
        grades = self._selection("mfg.appraisal", "grade")
        tiers = self._selection("mfg.appraisal", "bonus_tier")
        flag_labels = {
            name: self.env["mfg.appraisal"]._fields[name]._description_string(self.env)
            for name in FLAGS
        }
        row = 4
        for appraisal in appraisals:
            by_name = {s.name: s for s in appraisal.section_ids}
            values = [
                (appraisal.employee_name or "", "text"),
                (appraisal.job_id.name or "", "text"),
                (appraisal.department_id.name or "", "text"),
                (appraisal.template_id.name or "", "text"),
                (states.get(appraisal.state, ""), "text"),
            ]
            for name in sections:
                section = by_name.get(name)
                complete = section and section.score_complete
                values.append((section.score if complete else "", "score"))
            complete = appraisal.score_complete
            values += [
                (appraisal.total_score if complete else "", "score"),
                (appraisal.review_adjustment or "", "score"),
                (appraisal.final_score if complete else "", "score"),
                (grades.get(appraisal.grade, ""), "text"),
                (tiers.get(appraisal.bonus_tier, ""), "text"),
                (appraisal.bonus_amount or "", "money"),
                (", ".join(flag_labels[f] for f in FLAGS if appraisal[f]), "text"),
            ]
            for col, (value, style) in enumerate(values):
                sheet.write(row, col, value, styles[style])
            row += 1
        reasons = self._selection("mfg.appraisal.exclusion", "reason")
        flags_col = len(headers) - 1
        for exclusion in cycle.exclusion_ids:
            employee = exclusion.employee_id
            sheet.write(row, 0, employee.name or "", styles["text"])
            sheet.write(row, 1, employee.job_id.name or "", styles["text"])
            sheet.write(row, 2, employee.department_id.name or "", styles["text"])
            sheet.write(row, 4, _("Excluded"), styles["text"])
            reason = reasons.get(exclusion.reason, "")
            if exclusion.note:
                reason = f"{reason}: {exclusion.note}"
            sheet.write(row, flags_col, reason, styles["text"])
            row += 1
        sheet.set_column(0, 3, 22)
        sheet.set_column(4, len(headers) - 2, 12)
        sheet.set_column(flags_col, flags_col, 40)
