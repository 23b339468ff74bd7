# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

import pytz

from odoo import api, fields, models
from odoo.tools.safe_eval import safe_eval

INTACT_CODE = "EQUIPMENT_INTACT_RATE"
BREAKDOWN_CODE = "EQUIPMENT_BREAKDOWN_RATE"
FAILURE_CODE = "EQUIPMENT_FAILURE_RATE"
PLAN_COMPLETION_CODE = "MAINTENANCE_PLAN_COMPLETION_RATE"
COVERAGE_CODE = "MAINTENANCE_COVERAGE_RATE"
PLAN_COVERAGE_CODE = "MAINTENANCE_PLAN_COVERAGE_RATE"
FAULT_REPAIR_CODE = "FAULT_REPAIR_TIMELINESS"
EMERGENCY_REPAIR_CODE = "EMERGENCY_REPAIR_TIMELINESS"
CHECK_COUNT_CODE = "EQUIPMENT_CHECK_COUNT"
COST_CODE = "MAINTENANCE_COST"
COST_PER_OUTPUT_CODE = "MAINTENANCE_COST_PER_OUTPUT"
FILE_ARCHIVING_CODE = "EQUIPMENT_FILE_ARCHIVING_RATE"
RECORD_ACCURACY_CODE = "REPAIR_RECORD_ACCURACY"

TEAM_MODEL = "maintenance.team"


def _days(first, last):
    return max((last - first).days + 1, 0)


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"

    @api.model
    def _get_providers(self):
        providers = super()._get_providers()
        equipment = self.env._("Equipment and breakdowns")
        requests = self.env._("Maintenance requests")
        for code, name, method in (
            (INTACT_CODE, equipment, "_provide_mnt_intact_rate"),
            (BREAKDOWN_CODE, equipment, "_provide_mnt_breakdown_rate"),
            (FAILURE_CODE, equipment, "_provide_mnt_failure_rate"),
            (COVERAGE_CODE, requests, "_provide_mnt_coverage_rate"),
            (PLAN_COVERAGE_CODE, equipment, "_provide_mnt_plan_coverage_rate"),
            (PLAN_COMPLETION_CODE, requests, "_provide_mnt_plan_completion_rate"),
            (FAULT_REPAIR_CODE, requests, "_provide_mnt_fault_repair_timeliness"),
            (EMERGENCY_REPAIR_CODE, requests, "_provide_mnt_emergency_repair_timeliness"),
            (CHECK_COUNT_CODE, requests, "_provide_mnt_check_count"),
            (COST_CODE, requests, "_provide_mnt_cost"),
            (COST_PER_OUTPUT_CODE, requests, "_provide_mnt_cost_per_output"),
            (FILE_ARCHIVING_CODE, requests, "_provide_mnt_file_archiving_rate"),
            (RECORD_ACCURACY_CODE, requests, "_provide_mnt_record_accuracy"),
        ):
            providers[code] = {"name": name, "method": method}
        return providers

    # ------------------------------------------------------------------
    # Common tools
    # ------------------------------------------------------------------
    @api.model
    def _mnt_clock(self, period):
        """Period bounds in the company's time zone: (tz, start UTC, end UTC, now UTC, last day).

        Datetimes are naive UTC like the database; the end is exclusive. ``last day`` is the
        last day of the period already begun (today for a running period).
        """
        tz = period._company_tz(period.company_id)
        start, end = period._utc_bounds()
        now = fields.Datetime.now()
        today = pytz.utc.localize(now).astimezone(tz).date()
        return tz, start, end, now, min(period.date_end, today)

    @api.model
    def _mnt_local_date(self, tz, value):
        return pytz.utc.localize(value).astimezone(tz).date()

    @api.model
    def _mnt_measures(self, kpi, period, rows, drill_model, kind="rate"):
        """Aggregate per subject the rows ``{"id", "users", "team", "num", "den"}``.

        Subjects: the employees of the row's users (in the period's company); unless the KPI
        is measured per employee, also the maintenance team and the company. ``kind``: "rate"
        (num ÷ den × 100, no value without denominator), "ratio" (num ÷ den) or "sum" (num).
        The drill-down opens the rows' records of the subject.
        """
        company = period.company_id
        employee_only = kpi.subject_level == "employee"
        user_ids = {user_id for row in rows for user_id in row["users"] if user_id}
        employee_of_user = {}
        if user_ids:
            for employee in self.env["hr.employee"].search_fetch(
                [("user_id", "in", list(user_ids)), ("company_id", "=", company.id)],
                ["user_id"],
                order="id",
            ):
                employee_of_user.setdefault(employee.user_id.id, employee.id)
        totals = defaultdict(lambda: [0.0, 0.0, set()])
        for row in rows:
            keys = {
                ("employee", employee_of_user[u]) for u in row["users"] if u in employee_of_user
            }
            if not employee_only:
                keys.add(("company", company.id))
                if row.get("team"):
                    keys.add(("record", row["team"]))
            for key in keys:
                total = totals[key]
                total[0] += row["num"]
                total[1] += row["den"]
                total[2].add(row["id"])
        measures = []
        drill_prefix = (
            [("active", "in", [True, False])] if drill_model == "maintenance.equipment" else []
        )
        for (subject_type, subject_id), (num, den, ids) in sorted(totals.items()):
            if kind == "sum":
                value = num
            elif not den:
                continue
            else:
                value = num / den * (100.0 if kind == "rate" else 1.0)
            measure = {
                "subject_type": subject_type,
                "value": round(value, 6),
                "numerator": round(num, 6),
                "denominator": round(den, 6),
                "drill_model": drill_model,
                "drill_domain": [*drill_prefix, ("id", "in", sorted(ids))],
            }
            if subject_type == "employee":
                measure["employee_id"] = subject_id
            elif subject_type == "record":
                measure.update(res_model=TEAM_MODEL, res_id=subject_id)
            measures.append(measure)
        return measures

    @api.model
    def _mnt_equipment_in_service(self, period, last_day):
        """Equipment of the company in service during the period, with its days of service.

        In service on a day: effective date on or before it and not scrapped before it
        (archived equipment counts only with a scrap date). Returns ``{equipment: (first, last)}``
        for the days from the period start to ``last_day``.
        """
        start = period.date_start
        equipment = (
            self.env["maintenance.equipment"]
            .with_context(active_test=False)
            .search_fetch(
                [
                    ("company_id", "=", period.company_id.id),
                    ("effective_date", "<=", fields.Date.to_string(last_day)),
                    "|",
                    "&",
                    ("active", "=", True),
                    ("scrap_date", "=", False),
                    ("scrap_date", ">=", fields.Date.to_string(start)),
                ],
                [
                    "effective_date",
                    "scrap_date",
                    "technician_user_id",
                    "mfg_admin_user_id",
                    "maintenance_team_id",
                ],
                order="id",
            )
        )
        service = {}
        for item in equipment:
            first = max(start, item.effective_date)
            last = min(last_day, item.scrap_date or last_day)
            if first <= last:
                service[item] = (first, last)
        return service

    @api.model
    def _mnt_equipment_row(self, item, num, den):
        return {
            "id": item.id,
            "users": [item.technician_user_id.id, item.mfg_admin_user_id.id],
            "team": item.maintenance_team_id.id,
            "num": num,
            "den": den,
        }

    @api.model
    def _mnt_breakdowns(self, period, equipment, start_utc, end_utc):
        """Breakdowns (corrective requests, not cancelled) of ``equipment`` open in the period."""
        if not equipment:
            return self.env["maintenance.request"]
        return self.env["maintenance.request"].search_fetch(
            [
                ("company_id", "=", period.company_id.id),
                ("maintenance_type", "=", "corrective"),
                ("archive", "=", False),
                ("equipment_id", "in", [item.id for item in equipment]),
                ("mfg_reported_at", "<", fields.Datetime.to_string(end_utc)),
                "|",
                ("mfg_done_at", "=", False),
                ("mfg_done_at", ">=", fields.Datetime.to_string(start_utc)),
            ],
            ["equipment_id", "mfg_reported_at", "mfg_done_at"],
            order="mfg_reported_at, id",
        )

    @api.model
    def _mnt_down_days(self, tz, breakdowns, service, now):
        """``{equipment id: set of local dates}`` on which a breakdown was open, in service."""
        down = defaultdict(set)
        bounds = {item.id: days for item, days in service.items()}
        for request in breakdowns:
            first, last = bounds[request.equipment_id.id]
            day = max(first, self._mnt_local_date(tz, request.mfg_reported_at))
            end = min(last, self._mnt_local_date(tz, request.mfg_done_at or now))
            while day <= end:
                down[request.equipment_id.id].add(day)
                day += timedelta(days=1)
        return down

    # ------------------------------------------------------------------
    # Equipment KPIs
    # ------------------------------------------------------------------
    @api.model
    def _provide_mnt_intact_rate(self, kpi, period):
        """Equipment-days without an open breakdown ÷ equipment-days in service × 100."""
        tz, start_utc, end_utc, now, last_day = self._mnt_clock(period)
        service = self._mnt_equipment_in_service(period, last_day)
        breakdowns = self._mnt_breakdowns(period, service, start_utc, end_utc)
        down = self._mnt_down_days(tz, breakdowns, service, now)
        rows = []
        for item, (first, last) in service.items():
            days = _days(first, last)
            rows.append(self._mnt_equipment_row(item, days - len(down[item.id]), days))
        return self._mnt_measures(kpi, period, rows, "maintenance.equipment")

    @api.model
    def _provide_mnt_breakdown_rate(self, kpi, period):
        """Equipment with a breakdown open in the period ÷ equipment in service × 100."""
        tz, start_utc, end_utc, now, last_day = self._mnt_clock(period)
        service = self._mnt_equipment_in_service(period, last_day)
        breakdowns = self._mnt_breakdowns(period, service, start_utc, end_utc)
        down = self._mnt_down_days(tz, breakdowns, service, now)
        rows = [self._mnt_equipment_row(item, 1 if down[item.id] else 0, 1) for item in service]
        return self._mnt_measures(kpi, period, rows, "maintenance.equipment")

    @api.model
    def _provide_mnt_failure_rate(self, kpi, period):
        """Breakdown downtime hours ÷ hours in service × 100.

        Downtime: from the report to the end of the repair (or now), overlapping breakdowns of
        one machine counted once. Hours in service: days in service × 24 (calendar time: in
        Odoo equipment has no running schedule).
        """
        tz, start_utc, end_utc, now, last_day = self._mnt_clock(period)
        service = self._mnt_equipment_in_service(period, last_day)
        breakdowns = self._mnt_breakdowns(period, service, start_utc, end_utc)
        spans = defaultdict(list)
        for request in breakdowns:
            begin = max(request.mfg_reported_at, start_utc)
            end = min(request.mfg_done_at or now, end_utc, now)
            if begin < end:
                spans[request.equipment_id.id].append((begin, end))
        rows = []
        for item, (first, last) in service.items():
            hours, cursor = 0.0, None
            for begin, end in sorted(spans[item.id]):
                if cursor and begin < cursor:
                    begin = cursor
                if begin < end:
                    hours += (end - begin).total_seconds() / 3600.0
                    cursor = end
            rows.append(self._mnt_equipment_row(item, hours, _days(first, last) * 24.0))
        return self._mnt_measures(kpi, period, rows, "maintenance.equipment")

    @api.model
    def _provide_mnt_plan_coverage_rate(self, kpi, period):
        """Equipment in service covered by an active maintenance plan ÷ equipment in service."""
        _tz, _start, _end, _now, last_day = self._mnt_clock(period)
        service = self._mnt_equipment_in_service(period, last_day)
        if not service:
            return []
        plans = self.env["maintenance.plan"].search_fetch(
            [
                ("company_id", "in", [period.company_id.id, False]),
                ("interval", ">", 0),
                "|",
                ("equipment_id", "in", [item.id for item in service]),
                ("generate_with_domain", "=", True),
            ],
            ["equipment_id", "generate_with_domain", "generate_domain"],
        )
        covered = set(plans.equipment_id.ids)
        equipment = (
            self.env["maintenance.equipment"].union(*service).with_context(active_test=False)
        )
        for plan in plans.filtered(lambda p: p.generate_with_domain and not p.equipment_id):
            domain = safe_eval(plan.generate_domain or "[]", plan._get_eval_context())
            covered.update(equipment.filtered_domain(domain).ids)
        rows = [
            self._mnt_equipment_row(item, 1 if item.id in covered else 0, 1) for item in service
        ]
        return self._mnt_measures(kpi, period, rows, "maintenance.equipment")

    # ------------------------------------------------------------------
    # Preventive maintenance
    # ------------------------------------------------------------------
    @api.model
    def _mnt_preventive_due(self, period):
        """Preventive requests (not cancelled) due in the period, with their due date and state.

        Due date: the scheduled date (local), else the request date. Done on schedule: done
        (``mfg_done_at``, local date) at most the company's grace days after the due date.
        Requests not done whose due date plus grace is not yet past are left out.
        Returns ``[(request, due date, on schedule)]``.
        """
        tz, start_utc, end_utc, now, _last_day = self._mnt_clock(period)
        company = period.company_id
        start, end = (
            fields.Date.to_string(period.date_start),
            fields.Date.to_string(period.date_end),
        )
        requests = self.env["maintenance.request"].search_fetch(
            [
                ("company_id", "=", company.id),
                ("maintenance_type", "=", "preventive"),
                ("archive", "=", False),
                "|",
                "&",
                ("schedule_date", ">=", fields.Datetime.to_string(start_utc)),
                ("schedule_date", "<", fields.Datetime.to_string(end_utc)),
                "&",
                ("schedule_date", "=", False),
                "&",
                ("request_date", ">=", start),
                ("request_date", "<=", end),
            ],
            [
                "schedule_date",
                "request_date",
                "mfg_done_at",
                "user_id",
                "equipment_id",
                "maintenance_team_id",
                "maintenance_kind_id",
            ],
            order="id",
        )
        grace = timedelta(days=company.mfg_preventive_grace_days or 0)
        today = self._mnt_local_date(tz, now)
        result = []
        for request in requests:
            due = (
                self._mnt_local_date(tz, request.schedule_date)
                if request.schedule_date
                else request.request_date
            )
            done = request.mfg_done_at and self._mnt_local_date(tz, request.mfg_done_at)
            if not done and due + grace >= today:
                continue
            result.append((request, due, bool(done and done <= due + grace)))
        return result

    @api.model
    def _mnt_request_row(self, request, num, den):
        technician = request.user_id or request.equipment_id.technician_user_id
        return {
            "id": request.id,
            "users": [technician.id, request.equipment_id.mfg_admin_user_id.id],
            "team": request.maintenance_team_id.id,
            "num": num,
            "den": den,
        }

    @api.model
    def _provide_mnt_plan_completion_rate(self, kpi, period):
        """Preventive requests done on schedule ÷ preventive requests due in the period × 100."""
        rows = [
            self._mnt_request_row(request, 1 if on_time else 0, 1)
            for request, _due, on_time in self._mnt_preventive_due(period)
        ]
        return self._mnt_measures(kpi, period, rows, "maintenance.request")

    @api.model
    def _provide_mnt_coverage_rate(self, kpi, period):
        """Equipment whose preventive requests due in the period were all done on schedule ÷
        equipment with preventive requests due in the period × 100."""
        by_equipment = {}
        for request, _due, on_time in self._mnt_preventive_due(period):
            if not request.equipment_id:
                continue
            row = by_equipment.setdefault(
                request.equipment_id, self._mnt_equipment_row(request.equipment_id, 1, 1)
            )
            if not on_time:
                row["num"] = 0
        return self._mnt_measures(kpi, period, list(by_equipment.values()), "maintenance.equipment")

    # ------------------------------------------------------------------
    # Repairs
    # ------------------------------------------------------------------
    @api.model
    def _mnt_repair_rows(self, period, limit_hours, min_priority=None):
        """Breakdowns reported in the period, repaired within ``limit_hours`` of the report.

        Counted: the breakdowns done, and those still open past their time limit (open ones
        still within it are left out). In time: done no later than report + limit.
        """
        _tz, start_utc, end_utc, now, _last_day = self._mnt_clock(period)
        domain = [
            ("company_id", "=", period.company_id.id),
            ("maintenance_type", "=", "corrective"),
            ("archive", "=", False),
            ("mfg_reported_at", ">=", fields.Datetime.to_string(start_utc)),
            ("mfg_reported_at", "<", fields.Datetime.to_string(end_utc)),
        ]
        if min_priority is not None:
            domain.append(("priority", ">=", min_priority))
        requests = self.env["maintenance.request"].search_fetch(
            domain,
            [
                "mfg_reported_at",
                "mfg_done_at",
                "user_id",
                "equipment_id",
                "maintenance_team_id",
                "priority",
            ],
            order="id",
        )
        limit = timedelta(hours=limit_hours or 0.0)
        rows = []
        for request in requests:
            deadline = request.mfg_reported_at + limit
            if not request.mfg_done_at and deadline >= now:
                continue
            in_time = bool(request.mfg_done_at and request.mfg_done_at <= deadline)
            rows.append(self._mnt_request_row(request, 1 if in_time else 0, 1))
        return rows

    @api.model
    def _provide_mnt_fault_repair_timeliness(self, kpi, period):
        """Breakdowns repaired within the repair time limit ÷ breakdowns reported × 100."""
        rows = self._mnt_repair_rows(period, period.company_id.mfg_repair_limit_hours)
        return self._mnt_measures(kpi, period, rows, "maintenance.request")

    @api.model
    def _provide_mnt_emergency_repair_timeliness(self, kpi, period):
        """Emergency breakdowns (priority ≥ the emergency priority) repaired within the emergency
        time limit ÷ emergency breakdowns reported × 100."""
        company = period.company_id
        rows = self._mnt_repair_rows(
            period, company.mfg_emergency_repair_hours, company.mfg_emergency_priority or "3"
        )
        return self._mnt_measures(kpi, period, rows, "maintenance.request")

    # ------------------------------------------------------------------
    # Work done in the period: checks, costs, records
    # ------------------------------------------------------------------
    @api.model
    def _mnt_done_requests(self, period, extra_domain=None):
        _tz, start_utc, end_utc, _now, _last_day = self._mnt_clock(period)
        return self.env["maintenance.request"].search_fetch(
            [
                ("company_id", "=", period.company_id.id),
                ("archive", "=", False),
                ("mfg_done_at", ">=", fields.Datetime.to_string(start_utc)),
                ("mfg_done_at", "<", fields.Datetime.to_string(end_utc)),
                *(extra_domain or []),
            ],
            [
                "maintenance_type",
                "mfg_done_at",
                "mfg_filed_at",
                "mfg_record_complete",
                "mfg_record_error",
                "mfg_cost",
                "user_id",
                "equipment_id",
                "maintenance_team_id",
            ],
            order="id",
        )

    @api.model
    def _provide_mnt_check_count(self, kpi, period):
        """Preventive requests of the check kinds (all kinds if none set) done in the period."""
        extra = [("maintenance_type", "=", "preventive")]
        kinds = period.company_id.mfg_check_kind_ids
        if kinds:
            extra.append(("maintenance_kind_id", "in", kinds.ids))
        rows = [
            self._mnt_request_row(request, 1, 1)
            for request in self._mnt_done_requests(period, extra)
        ]
        return self._mnt_measures(kpi, period, rows, "maintenance.request", kind="sum")

    @api.model
    def _provide_mnt_cost(self, kpi, period):
        """Sum of the maintenance cost of the requests done in the period."""
        rows = [
            self._mnt_request_row(request, request.mfg_cost, 1)
            for request in self._mnt_done_requests(period)
        ]
        return self._mnt_measures(kpi, period, rows, "maintenance.request", kind="sum")

    @api.model
    def _provide_mnt_cost_per_output(self, kpi, period):
        """Maintenance cost of the requests done in the period ÷ the company's output quantity.

        The output is the company-level value, for the same period, of the company's output
        KPI (default: the manual KPI MAINTENANCE_OUTPUT_QUANTITY). No output: no value.
        """
        company = period.company_id
        output_kpi = company.mfg_output_kpi_id or self.env.ref(
            "mfg_kpi_maintenance.kpi_maintenance_output_quantity", raise_if_not_found=False
        )
        if not output_kpi:
            return []
        output = self.env["mfg.kpi.value"].search_fetch(
            [
                ("kpi_id", "=", output_kpi.id),
                ("period_id", "=", period.id),
                ("subject_type", "=", "company"),
            ],
            ["value"],
            limit=1,
        )
        if not output or output.value <= 0:
            return []
        rows = [
            self._mnt_request_row(request, request.mfg_cost, output.value)
            for request in self._mnt_done_requests(period)
        ]
        measures = self._mnt_measures(kpi, period, rows, "maintenance.request", kind="sum")
        for measure in measures:
            measure["value"] = round(measure["numerator"] / output.value, 6)
            measure["denominator"] = output.value
        return measures

    @api.model
    def _provide_mnt_file_archiving_rate(self, kpi, period):
        """Requests done in the period whose record was complete within the filing limit ÷
        requests done in the period × 100 (records still within the limit are left out)."""
        _tz, _start, _end, now, _last_day = self._mnt_clock(period)
        limit = timedelta(days=period.company_id.mfg_record_filing_days or 0)
        rows = []
        for request in self._mnt_done_requests(period):
            deadline = request.mfg_done_at + limit
            if not request.mfg_filed_at and deadline >= now:
                continue
            on_time = bool(request.mfg_filed_at and request.mfg_filed_at <= deadline)
            rows.append(self._mnt_request_row(request, 1 if on_time else 0, 1))
        return self._mnt_measures(kpi, period, rows, "maintenance.request")

    @api.model
    def _provide_mnt_record_accuracy(self, kpi, period):
        """Requests done in the period with a complete record not found inaccurate ÷ requests
        done in the period × 100."""
        rows = [
            self._mnt_request_row(
                request,
                1 if request.mfg_record_complete and not request.mfg_record_error else 0,
                1,
            )
            for request in self._mnt_done_requests(period)
        ]
        return self._mnt_measures(kpi, period, rows, "maintenance.request")
