# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import Provider
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
SURVEYS = _lt("Satisfaction surveys")
# The library's satisfaction scores (满意度评分), each measured by the survey rule of its KPI.
SATISFACTION_CODES = (
    "TECHNICAL_SERVICE_SATISFACTION",  # 技术服务满意度
    "EMPLOYEE_SATISFACTION",  # 员工满意度评分
    "TEAM_COLLABORATION_SATISFACTION",  # 团队协作满意度
    "SUPPLIER_SATISFACTION",  # 供应商满意度
    "FIVE_S_SATISFACTION",  # 5S管理推行效果满意度评分
    "EMERGENCY_HANDLING_SATISFACTION",  # 上级领导对突发情况处理的满意度评分
)


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = {
        code: Provider(SURVEYS, "_provide_survey_satisfaction") for code in SATISFACTION_CODES
    }

    @api.model
    def _provide_survey_satisfaction(self, kpi, period):
        """Average score (0–100) of the completed answers of the KPI's campaigns of the period
        (campaigns of periods within it: the quarter's campaign counts in its year), per subject
        rated (employee or department) and for the company; a subject with fewer completed
        answers than its rule's minimum gets no value. Two queries."""
        company = period.company_id
        groups = (
            self.env["survey.user_input"]
            .sudo()
            ._read_group(
                [
                    ("mfg_campaign_id.kpi_id", "=", kpi.id),
                    ("mfg_campaign_id.company_id", "=", company.id),
                    ("mfg_campaign_id.period_id.date_start", ">=", period.date_start),
                    ("mfg_campaign_id.period_id.date_end", "<=", period.date_end),
                    ("state", "=", "done"),
                    ("test_entry", "=", False),
                ],
                ["mfg_subject_employee_id", "mfg_subject_department_id"],
                ["scoring_percentage:sum", "__count", "id:array_agg"],
            )
        )
        rule = self.env["mfg.kpi.survey.rule"].sudo().with_context(active_test=False)
        rule = rule.search_fetch(
            [("kpi_id", "=", kpi.id), ("company_id", "=", company.id)], ["min_responses"], limit=1
        )
        minimum = rule.min_responses if rule else 1
        tally = self._tally()
        for employee, department, total, count, ids in groups:
            subjects = {("company", company.id)}
            if employee:
                subjects.add(("employee", employee.id))
            if department:
                subjects.add(("department", department.id))
            tally.add(subjects, total, count, ids)
        kept = self._tally()
        for subject, (total, count, ids) in tally.rows().items():
            if count >= minimum:
                kept.add([subject], total, count, ids)
        return self._tally_measures(kpi, kept, "survey.user_input", kind="ratio")
