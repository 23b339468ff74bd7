# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import Provider
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
INSPECTIONS = _lt("Quality inspections")

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
    "mfg_late_complaint_date",
]
# Pass rate variant -> (inspections counted, their subjects besides the company).
PASS_RATES = {
    "incoming": ([("mfg_kind", "=", "incoming")], {"partner"}),
    "in_process": ([("mfg_kind", "=", "in_process")], {"accountable"}),
    "final": ([("mfg_kind", "=", "final")], {"accountable"}),
    "production": ([("mfg_production_id", "!=", False)], {"accountable"}),
}


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = {
        "INCOMING_INSPECTION_PASS_RATE": Provider(INSPECTIONS, "_provide_qc_pass_rate", "incoming"),
        "WIP_QUALITY_PASS_RATE": Provider(INSPECTIONS, "_provide_qc_pass_rate", "in_process"),
        "PRODUCT_QUALITY_PASS_RATE": Provider(INSPECTIONS, "_provide_qc_pass_rate", "final"),
        "ACCEPTANCE_PASS_RATE": Provider(INSPECTIONS, "_provide_qc_pass_rate", "production"),
        "WORKSHOP_SAMPLING_PASS_RATE": Provider(INSPECTIONS, "_provide_qc_pass_rate", "production"),
        "SAMPLING_PASS_RATE": Provider(INSPECTIONS, "_provide_qc_pass_rate", "production"),
        "BATCH_PASS_RATE": Provider(INSPECTIONS, "_provide_qc_batch_pass_rate"),
        "NONCONFORMING_HANDLING_RATE": Provider(
            INSPECTIONS, "_provide_qc_nonconforming_handling_rate"
        ),
        "INSPECTION_TIMELY_COMPLETION_RATE": Provider(
            INSPECTIONS, "_provide_qc_inspection_timeliness"
        ),
        "INSPECTION_ON_TIME_RATE": Provider(INSPECTIONS, "_provide_qc_inspection_timeliness"),
        "INSPECTION_ERROR_RATE": Provider(INSPECTIONS, "_provide_qc_inspection_errors", "rate"),
        "INSPECTION_ERROR_COUNT": Provider(INSPECTIONS, "_provide_qc_inspection_errors", "count"),
        "INSPECTION_ERROR_LOSS": Provider(INSPECTIONS, "_provide_qc_inspection_errors", "loss"),
        "QUALITY_ISSUE_COUNT": Provider(INSPECTIONS, "_provide_qc_quality_issue_count"),
        "LATE_INSPECTION_COMPLAINT_COUNT": Provider(
            INSPECTIONS, "_provide_qc_late_complaint_count"
        ),
    }

    # ------------------------------------------------------------------
    # Common tools
    # ------------------------------------------------------------------
    @api.model
    def _qc_inspections(self, period, domain, done=True):
        """The inspections of the period's company matching ``domain`` (one query); ``done``:
        only those passed or failed during the period."""
        if done:
            clock = self._clock(period)
            domain = [
                ("state", "in", DONE_STATES),
                ("date_done", ">=", clock.start),
                ("date_done", "<", clock.end),
                *domain,
            ]
        return self.env["qc.inspection"].search_fetch(
            [("company_id", "=", period.company_id.id), *domain], INSPECTION_FIELDS, order="id"
        )

    @api.model
    def _qc_subjects(self, inspection, roles, inspectors=None):
        """Subjects of ``inspection``: the company, and its ``roles`` among "accountable" (the
        accountable employee and department), "inspector" (the inspector's employee and
        department, from ``inspectors`` = ``_user_employees``) and "partner"."""
        subjects = {("company", inspection.company_id.id)}
        if "accountable" in roles:
            if inspection.mfg_employee_id:
                subjects.add(("employee", inspection.mfg_employee_id.id))
            if inspection.mfg_department_id:
                subjects.add(("department", inspection.mfg_department_id.id))
        if "inspector" in roles:
            employee_id, department_id = (inspectors or {}).get(inspection.user.id, (None, None))
            if employee_id:
                subjects.add(("employee", employee_id))
            if department_id:
                subjects.add(("department", department_id))
        if "partner" in roles and inspection.mfg_partner_id:
            subjects.add(("record", "res.partner", inspection.mfg_partner_id.id))
        return subjects

    @api.model
    def _qc_inspectors(self, period, inspections):
        """The inspectors (``user``) of ``inspections`` as employees of the period's company."""
        return self._user_employees(inspections.user.ids, period.company_id)

    # ------------------------------------------------------------------
    # Pass rates
    # ------------------------------------------------------------------
    @api.model
    def _provide_qc_pass_rate(self, kpi, period):
        """Inspections passed ÷ inspections done in the period × 100, by variant: incoming
        (for the company and per supplier), in-process or final, or of manufacturing orders
        (products handed in by the production) — those three per accountable employee and
        department."""
        domain, roles = PASS_RATES[self._variant(kpi)]
        tally = self._tally()
        for inspection in self._qc_inspections(period, domain):
            passed = 1 if inspection.state == "success" else 0
            tally.add(self._qc_subjects(inspection, roles), passed, 1, [inspection.id])
        return self._tally_measures(kpi, tally, "qc.inspection")

    @api.model
    def _provide_qc_batch_pass_rate(self, kpi, period):
        """Production batches passed ÷ production batches inspected in the period × 100.

        Batch: the lot, else the manufacturing order. A batch passes when none of its
        inspections done in the period failed.
        """
        batches = {}
        for inspection in self._qc_inspections(period, [("mfg_production_id", "!=", False)]):
            key = (
                ("lot", inspection.mfg_lot_id.id)
                if inspection.mfg_lot_id
                else ("production", inspection.mfg_production_id.id)
            )
            batch = batches.setdefault(key, [set(), [], 1])
            batch[0] |= self._qc_subjects(inspection, {"accountable"})
            batch[1].append(inspection.id)
            if inspection.state == "failed":
                batch[2] = 0
        tally = self._tally()
        for subjects, ids, passed in batches.values():
            tally.add(subjects, passed, 1, ids)
        return self._tally_measures(kpi, tally, "qc.inspection")

    # ------------------------------------------------------------------
    # Nonconformity and quality issues
    # ------------------------------------------------------------------
    @api.model
    def _provide_qc_nonconforming_handling_rate(self, kpi, period):
        """Failed inspections of the period whose follow-up is closed ÷ failed inspections × 100,
        per inspector (and department) and accountable employee (and department)."""
        inspections = self._qc_inspections(period, [("state", "=", "failed")])
        inspectors = self._qc_inspectors(period, inspections)
        tally = self._tally()
        for inspection in inspections:
            tally.add(
                self._qc_subjects(inspection, {"inspector", "accountable"}, inspectors),
                1 if inspection.mfg_nc_closed_at else 0,
                1,
                [inspection.id],
            )
        return self._tally_measures(kpi, tally, "qc.inspection")

    @api.model
    def _provide_qc_quality_issue_count(self, kpi, period):
        """Per accountable employee with inspections done in the period: the failed ones."""
        tally = self._tally()
        for inspection in self._qc_inspections(period, [("mfg_employee_id", "!=", False)]):
            failed = inspection.state == "failed"
            tally.add(
                {("employee", inspection.mfg_employee_id.id)},
                1 if failed else 0,
                1,
                [inspection.id] if failed else [],
            )
        return self._tally_measures(kpi, tally, "qc.inspection", kind="sum")

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
        clock = self._clock(period)
        inspections = self._qc_inspections(
            period,
            [
                ("state", "not in", ("plan", "canceled")),
                ("mfg_deadline", ">=", clock.start),
                ("mfg_deadline", "<", clock.end),
            ],
            done=False,
        )
        inspectors = self._qc_inspectors(period, inspections)
        tally = self._tally()
        for inspection in inspections:
            done = inspection.state in DONE_STATES and inspection.date_done
            if not done and inspection.mfg_deadline >= clock.now:
                continue
            in_time = bool(done and inspection.date_done <= inspection.mfg_deadline)
            tally.add(
                self._qc_subjects(inspection, {"inspector"}, inspectors),
                1 if in_time else 0,
                1,
                [inspection.id],
            )
        return self._tally_measures(kpi, tally, "qc.inspection")

    @api.model
    def _provide_qc_inspection_errors(self, kpi, period):
        """Per inspector, of the inspections done in the period, those later found wrong, by
        variant: their share × 100 (``rate``, the drill-down opens every inspection done), their
        number (``count``) or the loss recorded on them (``loss``)."""
        variant = self._variant(kpi)
        inspections = self._qc_inspections(period, [])
        inspectors = self._qc_inspectors(period, inspections)
        tally = self._tally()
        for inspection in inspections:
            value = 0
            if inspection.mfg_error:
                value = inspection.mfg_error_loss if variant == "loss" else 1
            tally.add(
                self._qc_subjects(inspection, {"inspector"}, inspectors),
                value,
                1,
                [inspection.id] if inspection.mfg_error or variant == "rate" else [],
            )
        kind = "rate" if variant == "rate" else "sum"
        return self._tally_measures(kpi, tally, "qc.inspection", kind=kind)

    @api.model
    def _provide_qc_late_complaint_count(self, kpi, period):
        """Complaints about late inspections recorded with a day in the period, per inspector
        (and their department, and the company)."""
        inspections = self._qc_inspections(
            period,
            [
                ("mfg_late_complaint", "=", True),
                ("mfg_late_complaint_date", ">=", period.date_start),
                ("mfg_late_complaint_date", "<=", period.date_end),
            ],
            done=False,
        )
        inspectors = self._qc_inspectors(period, inspections)
        tally = self._tally()
        for inspection in inspections:
            tally.add(
                self._qc_subjects(inspection, {"inspector"}, inspectors), 1, 0, [inspection.id]
            )
        return self._tally_measures(kpi, tally, "qc.inspection", kind="sum")
