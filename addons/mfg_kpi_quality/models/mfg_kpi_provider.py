# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models

INCOMING_PASS_CODE = "INCOMING_INSPECTION_PASS_RATE"
WIP_PASS_CODE = "WIP_QUALITY_PASS_RATE"
FINAL_PASS_CODE = "PRODUCT_QUALITY_PASS_RATE"
ACCEPTANCE_PASS_CODE = "ACCEPTANCE_PASS_RATE"
SAMPLING_PASS_CODE = "WORKSHOP_SAMPLING_PASS_RATE"
BATCH_PASS_CODE = "BATCH_PASS_RATE"
NC_HANDLING_CODE = "NONCONFORMING_HANDLING_RATE"
TIMELY_CODE = "INSPECTION_TIMELY_COMPLETION_RATE"
ON_TIME_CODE = "INSPECTION_ON_TIME_RATE"
ERROR_RATE_CODE = "INSPECTION_ERROR_RATE"
ERROR_COUNT_CODE = "INSPECTION_ERROR_COUNT"
ERROR_LOSS_CODE = "INSPECTION_ERROR_LOSS"
ISSUE_COUNT_CODE = "QUALITY_ISSUE_COUNT"

DONE_STATES = ("success", "failed")
INSPECTION_FIELDS = [
    "state",
    "date",
    "date_done",
    "mfg_deadline",
    "user",
    "mfg_kind",
    "mfg_employee_id",
    "mfg_department_id",
    "mfg_partner_id",
    "mfg_lot_id",
    "mfg_production_id",
    "mfg_move_id",
    "mfg_nc_closed_at",
    "mfg_error",
    "mfg_error_loss",
]


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"

    @api.model
    def _get_providers(self):
        providers = super()._get_providers()
        inspections = self.env._("Quality inspections")
        for code, method in (
            (INCOMING_PASS_CODE, "_provide_qc_incoming_pass_rate"),
            (WIP_PASS_CODE, "_provide_qc_in_process_pass_rate"),
            (FINAL_PASS_CODE, "_provide_qc_final_pass_rate"),
            (ACCEPTANCE_PASS_CODE, "_provide_qc_production_pass_rate"),
            (SAMPLING_PASS_CODE, "_provide_qc_production_pass_rate"),
            (BATCH_PASS_CODE, "_provide_qc_batch_pass_rate"),
            (NC_HANDLING_CODE, "_provide_qc_nonconforming_handling_rate"),
            (TIMELY_CODE, "_provide_qc_inspection_timeliness"),
            (ON_TIME_CODE, "_provide_qc_inspection_timeliness"),
            (ERROR_RATE_CODE, "_provide_qc_inspection_error_rate"),
            (ERROR_COUNT_CODE, "_provide_qc_inspection_error_count"),
            (ERROR_LOSS_CODE, "_provide_qc_inspection_error_loss"),
            (ISSUE_COUNT_CODE, "_provide_qc_quality_issue_count"),
        ):
            providers[code] = {"name": inspections, "method": method}
        return providers

    # ------------------------------------------------------------------
    # Common tools
    # ------------------------------------------------------------------
    @api.model
    def _qc_inspections(self, period, domain):
        """The inspections of the period's company matching ``domain`` (one query)."""
        return self.env["qc.inspection"].search_fetch(
            [("company_id", "=", period.company_id.id), *domain], INSPECTION_FIELDS, order="id"
        )

    @api.model
    def _qc_bounds(self, period):
        """UTC bounds of the period in the company's time zone, as domain strings."""
        start, end = self.env["hr.employee"]._mfg_quality_bounds(
            period.date_start, period.date_end, period.company_id
        )
        return fields.Datetime.to_string(start), fields.Datetime.to_string(end)

    @api.model
    def _qc_done_domain(self, period):
        """Inspections passed or failed during the period."""
        start, end = self._qc_bounds(period)
        return [("state", "in", DONE_STATES), ("date_done", ">=", start), ("date_done", "<", end)]

    @api.model
    def _qc_inspector_employees(self, inspections, company):
        """``{user id: employee}`` of the inspectors (``user``) in ``company``."""
        users = inspections.user
        if not users:
            return {}
        result = {}
        for employee in self.env["hr.employee"].search_fetch(
            [("user_id", "in", users.ids), ("company_id", "=", company.id)],
            ["user_id", "department_id"],
            order="id",
        ):
            result.setdefault(employee.user_id.id, employee)
        return result

    @api.model
    def _qc_keys(self, inspection, subjects, inspectors=None):
        """Subject keys of ``inspection``: ``subjects`` among accountable, inspector, partner."""
        keys = {("company", inspection.company_id.id)}
        if "accountable" in subjects:
            if inspection.mfg_employee_id:
                keys.add(("employee", inspection.mfg_employee_id.id))
            if inspection.mfg_department_id:
                keys.add(("department", inspection.mfg_department_id.id))
        if "inspector" in subjects:
            employee = (inspectors or {}).get(inspection.user.id)
            if employee:
                keys.add(("employee", employee.id))
                if employee.department_id:
                    keys.add(("department", employee.department_id.id))
        if "partner" in subjects and inspection.mfg_partner_id:
            keys.add(("record", inspection.mfg_partner_id.id))
        return keys

    @api.model
    def _qc_measures(self, kpi, period, rows, kind="rate", record_model="res.partner"):
        """Aggregate ``rows`` ``(keys, record ids, numerator, denominator)`` per subject.

        A KPI measured per employee keeps the employee subjects only. ``kind``: "rate"
        (num ÷ den × 100, none without denominator) or "sum" (num). The drill-down opens the
        inspections of the subject's rows.
        """
        employee_only = kpi.subject_level == "employee"
        totals = defaultdict(lambda: [0.0, 0.0, set()])
        for keys, ids, num, den in rows:
            for key in keys:
                if employee_only and key[0] != "employee":
                    continue
                total = totals[key]
                total[0] += num
                total[1] += den
                total[2].update(ids)
        measures = []
        for (subject_type, subject_id), (num, den, ids) in sorted(totals.items()):
            if kind == "sum":
                value = num
            elif not den:
                continue
            else:
                value = 100.0 * num / den
            measure = {
                "subject_type": subject_type,
                "value": round(value, 6),
                "numerator": round(num, 6),
                "denominator": round(den, 6),
                "drill_model": "qc.inspection",
                "drill_domain": [("id", "in", sorted(ids))],
            }
            if subject_type in ("employee", "department"):
                measure[f"{subject_type}_id"] = subject_id
            elif subject_type == "record":
                measure.update(res_model=record_model, res_id=subject_id)
            measures.append(measure)
        return measures

    @api.model
    def _qc_pass_rate(self, kpi, period, domain, subjects):
        inspections = self._qc_inspections(period, [*self._qc_done_domain(period), *domain])
        rows = [
            (
                self._qc_keys(inspection, subjects),
                [inspection.id],
                1 if inspection.state == "success" else 0,
                1,
            )
            for inspection in inspections
        ]
        return self._qc_measures(kpi, period, rows)

    # ------------------------------------------------------------------
    # Pass rates
    # ------------------------------------------------------------------
    @api.model
    def _provide_qc_incoming_pass_rate(self, kpi, period):
        """Incoming inspections passed ÷ incoming inspections done in the period × 100, for the
        company and per supplier."""
        return self._qc_pass_rate(kpi, period, [("mfg_kind", "=", "incoming")], {"partner"})

    @api.model
    def _provide_qc_in_process_pass_rate(self, kpi, period):
        """In-process inspections passed ÷ done × 100, per accountable employee and department."""
        return self._qc_pass_rate(kpi, period, [("mfg_kind", "=", "in_process")], {"accountable"})

    @api.model
    def _provide_qc_final_pass_rate(self, kpi, period):
        """Final inspections passed ÷ done × 100, per accountable employee and department."""
        return self._qc_pass_rate(kpi, period, [("mfg_kind", "=", "final")], {"accountable"})

    @api.model
    def _provide_qc_production_pass_rate(self, kpi, period):
        """Inspections of manufacturing orders passed ÷ done × 100 (products handed in by the
        production), per accountable employee and department."""
        return self._qc_pass_rate(
            kpi, period, [("mfg_production_id", "!=", False)], {"accountable"}
        )

    @api.model
    def _provide_qc_batch_pass_rate(self, kpi, period):
        """Production batches passed ÷ production batches inspected in the period × 100.

        Batch: the lot, else the manufacturing order. A batch passes when none of its
        inspections done in the period failed.
        """
        inspections = self._qc_inspections(
            period, [*self._qc_done_domain(period), ("mfg_production_id", "!=", False)]
        )
        batches = {}
        for inspection in inspections:
            key = (
                ("lot", inspection.mfg_lot_id.id)
                if inspection.mfg_lot_id
                else ("production", inspection.mfg_production_id.id)
            )
            batch = batches.setdefault(key, [set(), [], 1])
            batch[0] |= self._qc_keys(inspection, {"accountable"})
            batch[1].append(inspection.id)
            if inspection.state == "failed":
                batch[2] = 0
        rows = [(keys, ids, passed, 1) for keys, ids, passed in batches.values()]
        return self._qc_measures(kpi, period, rows)

    # ------------------------------------------------------------------
    # Nonconformity and quality issues
    # ------------------------------------------------------------------
    @api.model
    def _provide_qc_nonconforming_handling_rate(self, kpi, period):
        """Failed inspections of the period whose follow-up is closed ÷ failed inspections × 100,
        per inspector (and department) and accountable employee (and department)."""
        inspections = self._qc_inspections(
            period, [*self._qc_done_domain(period), ("state", "=", "failed")]
        )
        inspectors = self._qc_inspector_employees(inspections, period.company_id)
        rows = [
            (
                self._qc_keys(inspection, {"inspector", "accountable"}, inspectors),
                [inspection.id],
                1 if inspection.mfg_nc_closed_at else 0,
                1,
            )
            for inspection in inspections
        ]
        return self._qc_measures(kpi, period, rows)

    @api.model
    def _provide_qc_quality_issue_count(self, kpi, period):
        """Per accountable employee with inspections done in the period: the failed ones."""
        inspections = self._qc_inspections(
            period, [*self._qc_done_domain(period), ("mfg_employee_id", "!=", False)]
        )
        rows = [
            (
                {("employee", inspection.mfg_employee_id.id)},
                [inspection.id] if inspection.state == "failed" else [],
                1 if inspection.state == "failed" else 0,
                1,
            )
            for inspection in inspections
        ]
        return self._qc_measures(kpi, period, rows, kind="sum")

    # ------------------------------------------------------------------
    # Inspectors
    # ------------------------------------------------------------------
    @api.model
    def _provide_qc_inspection_timeliness(self, kpi, period):
        """Inspections due in the period done by their deadline ÷ inspections due × 100.

        Due: deadline (planned date + the company's inspection time limit) in the period; not
        planned-only or cancelled; inspections still open before their deadline are left out.
        Per inspector (and their department).
        """
        start, end = self._qc_bounds(period)
        domain = [
            ("state", "not in", ("plan", "canceled")),
            ("mfg_deadline", ">=", start),
            ("mfg_deadline", "<", end),
        ]
        inspections = self._qc_inspections(period, domain)
        inspectors = self._qc_inspector_employees(inspections, period.company_id)
        now = fields.Datetime.now()
        rows = []
        for inspection in inspections:
            done = inspection.state in DONE_STATES and inspection.date_done
            if not done and inspection.mfg_deadline >= now:
                continue
            in_time = bool(done and inspection.date_done <= inspection.mfg_deadline)
            rows.append(
                (
                    self._qc_keys(inspection, {"inspector"}, inspectors),
                    [inspection.id],
                    1 if in_time else 0,
                    1,
                )
            )
        return self._qc_measures(kpi, period, rows)

    @api.model
    def _qc_error_rows(self, period, value, errors_only):
        """Rows of the inspections done in the period, per inspector: ``value`` of the ones found
        wrong; the drill-down opens all of them, or the ones found wrong (``errors_only``)."""
        inspections = self._qc_inspections(period, self._qc_done_domain(period))
        inspectors = self._qc_inspector_employees(inspections, period.company_id)
        return [
            (
                self._qc_keys(inspection, {"inspector"}, inspectors),
                [inspection.id] if inspection.mfg_error or not errors_only else [],
                value(inspection) if inspection.mfg_error else 0,
                1,
            )
            for inspection in inspections
        ]

    @api.model
    def _provide_qc_inspection_error_rate(self, kpi, period):
        """Inspections done in the period later found wrong ÷ inspections done × 100, per
        inspector."""
        return self._qc_measures(kpi, period, self._qc_error_rows(period, lambda i: 1, False))

    @api.model
    def _provide_qc_inspection_error_count(self, kpi, period):
        """Per inspector with inspections done in the period: those later found wrong."""
        rows = self._qc_error_rows(period, lambda i: 1, True)
        return self._qc_measures(kpi, period, rows, "sum")

    @api.model
    def _provide_qc_inspection_error_loss(self, kpi, period):
        """Per inspector with inspections done in the period: the loss recorded on those later
        found wrong."""
        rows = self._qc_error_rows(period, lambda i: i.mfg_error_loss, True)
        return self._qc_measures(kpi, period, rows, "sum")
