# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models, tools
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import Provider
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
DUTY_COMPLETION_CODE = "DUTY_CHECKLIST_COMPLETION"
DELIVERIES = _lt("Duty checklists: reports and documents delivered")
DELIVERY_METHOD = "_provide_duty_delivery_timeliness"
# The library's timeliness KPIs of reports and documents (a checklist item of kind "delivery"
# linked to one of them computes it); a company links its own KPIs the same way.
DELIVERY_CODES = (
    "PROGRESS_REPORT_TIMELINESS",  # 生产进度报表提交及时率
    "DISPATCH_MINUTES_TIMELINESS",  # 调度会议纪要下发及时率
    "STATS_REPORT_TIMELINESS",  # 统计报表上报及时率
    "MARKET_REPORT_TIMELINESS",  # 供应市场调查报告及时提交率
    "DOCUMENT_TRANSFER_TIMELINESS",  # 单据传递及时率
    "PROCESS_ARCHIVING_TIMELINESS",  # 工艺技术资料归档及时率
    "PRODUCTION_STATS_TIMELINESS",  # 生产统计及时率
    "STATS_ARCHIVING_TIMELINESS",  # 统计资料归档及时率
    "SAFETY_DOCUMENT_TIMELINESS",  # 安全文件编制及时率
)


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = {
        DUTY_COMPLETION_CODE: Provider(
            _lt("Duty checklists"), "_provide_duty_checklist_completion"
        ),
        # A bridge with better data for one of them wins (fallback).
        **{code: Provider(DELIVERIES, DELIVERY_METHOD, fallback=True) for code in DELIVERY_CODES},
    }

    @api.model
    def _get_providers(self):
        """The registered providers, and the KPIs a checklist item delivers (a company's own
        timeliness KPIs linked to items of kind "delivery")."""
        providers = super()._get_providers()
        for code in self._duty_delivery_kpi_codes():
            providers.setdefault(
                code,
                {
                    "name": self.env._(DELIVERIES),
                    "method": DELIVERY_METHOD,
                    "variant": None,
                    "module": "mfg_duty",
                },
            )
        return providers

    @api.model
    def _mfg_providers_without_deliveries(self):
        """The providers computing KPIs from other records than delivered checklist items."""
        return {
            code: provider
            for code, provider in self._get_providers().items()
            if provider["method"] != DELIVERY_METHOD
        }

    @api.model
    @tools.ormcache()
    def _duty_delivery_kpi_codes(self):
        """Codes of the KPIs linked to active checklist items of kind "delivery" (cached; the
        items clear the cache when their link changes)."""
        groups = (
            self.env["mfg.duty.template.line"]
            .sudo()
            ._read_group(
                [("kind", "=", "delivery"), ("delivery_kpi_id", "!=", False)],
                ["delivery_kpi_id"],
            )
        )
        kpis = self.env["mfg.kpi"].sudo().browse([kpi.id for (kpi,) in groups])
        return tuple(sorted(set(kpis.mapped("code"))))

    @api.model
    def _provide_duty_checklist_completion(self, kpi, period):
        """Per employee: checked items / items of the checklists falling due in the period, in %.

        A checklist counts in the period containing its last day, so a week straddling two
        months counts once, in the month it ends. Checked = done, not applicable or problem
        found: reporting a problem is doing the check. An employee without checklists gets no
        value. One query whatever the number of employees.
        """
        base_domain = [
            ("company_id", "=", period.company_id.id),
            ("run_id.period_end", ">=", fields.Date.to_string(period.date_start)),
            ("run_id.period_end", "<=", fields.Date.to_string(period.date_end)),
        ]
        # The KPI counts every employee's items, whoever triggers the computation.
        groups = (
            self.env["mfg.duty.run.item"]
            .sudo()
            ._read_group(base_domain, ["employee_id", "result"], ["__count"])
        )
        counts = defaultdict(lambda: [0, 0])
        for employee, result, count in groups:
            counts[employee.id][1] += count
            if result != "pending":
                counts[employee.id][0] += count
        measures = []
        for employee_id, (checked, total) in sorted(counts.items()):
            measures.append(
                {
                    "subject_type": "employee",
                    "employee_id": employee_id,
                    "value": 100.0 * checked / total,
                    "numerator": checked,
                    "denominator": total,
                    "drill_model": "mfg.duty.run.item",
                    "drill_domain": [("employee_id", "=", employee_id), *base_domain],
                }
            )
        return measures

    @api.model
    def _provide_duty_delivery_timeliness(self, kpi, period):
        """Reports and documents delivered on time ÷ deliveries due × 100, per employee, the
        employee's department (a team or a workshop) and the company.

        The deliveries are the checklist items linked to ``kpi`` whose due day falls in the
        period; one is delivered on time when marked done by the end of its due day (company
        time zone). Due = not marked "not applicable", and delivered already or past its due
        day (an item still within its due day is left out until then). Two queries.
        """
        clock = self._clock(period)
        company = period.company_id
        groups = (
            self.env["mfg.duty.run.item"]
            .sudo()
            ._read_group(
                [
                    ("company_id", "=", company.id),
                    ("delivery_kpi_id", "=", kpi.id),
                    ("due_date", ">=", period.date_start),
                    ("due_date", "<=", period.date_end),
                    ("result", "!=", "na"),
                    "|",
                    ("due_date", "<", clock.today),
                    ("delivered_on_time", "=", True),
                ],
                ["employee_id", "delivered_on_time"],
                ["id:array_agg"],
            )
        )
        employees = (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search_fetch([("id", "in", [emp.id for emp, _on, _ids in groups])], ["department_id"])
        )
        departments = {employee.id: employee.department_id.id for employee in employees}
        tally = self._tally()
        for employee, on_time, ids in groups:
            subjects = {("company", company.id), ("employee", employee.id)}
            if departments.get(employee.id):
                subjects.add(("department", departments[employee.id]))
            tally.add(subjects, len(ids) if on_time else 0.0, len(ids), ids)
        return self._tally_measures(kpi, tally, "mfg.duty.run.item")
