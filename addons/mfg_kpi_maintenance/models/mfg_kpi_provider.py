# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import Provider
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)
EQUIPMENT = _lt("Equipment and breakdowns")
REQUESTS = _lt("Maintenance requests")
TEAM_MODEL = "maintenance.team"
# The drill-down of equipment KPIs opens the scrapped (archived) equipment counted too.
WITH_ARCHIVED = [("active", "in", [True, False])]
# A ledger entry needs an inspection (preventive request done) within this many days.
LEDGER_INSPECTION_DAYS = 365


def _days(first, last):
    return max((last - first).days + 1, 0)


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = {
        "EQUIPMENT_INTACT_RATE": Provider(EQUIPMENT, "_provide_mnt_intact_rate"),
        "EQUIPMENT_BREAKDOWN_RATE": Provider(EQUIPMENT, "_provide_mnt_breakdown_rate"),
        "EQUIPMENT_FAILURE_RATE": Provider(EQUIPMENT, "_provide_mnt_failure_rate"),
        "MAINTENANCE_COVERAGE_RATE": Provider(REQUESTS, "_provide_mnt_coverage_rate"),
        "MAINTENANCE_PLAN_COVERAGE_RATE": Provider(EQUIPMENT, "_provide_mnt_plan_coverage_rate"),
        "MAINTENANCE_PLAN_COMPLETION_RATE": Provider(REQUESTS, "_provide_mnt_plan_completion_rate"),
        "FAULT_REPAIR_TIMELINESS": Provider(REQUESTS, "_provide_mnt_repair_timeliness", "fault"),
        "EMERGENCY_REPAIR_TIMELINESS": Provider(
            REQUESTS, "_provide_mnt_repair_timeliness", "emergency"
        ),
        "EQUIPMENT_CHECK_COUNT": Provider(REQUESTS, "_provide_mnt_check_count"),
        "MAINTENANCE_COST": Provider(REQUESTS, "_provide_mnt_cost"),
        # Reads the company's output value: computed after the other KPIs are stored.
        "MAINTENANCE_COST_PER_OUTPUT": Provider(
            REQUESTS, "_provide_mnt_cost_per_output", reads_values=True
        ),
        "EQUIPMENT_FILE_ARCHIVING_RATE": Provider(REQUESTS, "_provide_mnt_file_archiving_rate"),
        "REPAIR_RECORD_ACCURACY": Provider(REQUESTS, "_provide_mnt_record_accuracy"),
        "INSPECTION_TOOL_INTACT_RATE": Provider(EQUIPMENT, "_provide_mnt_intact_rate", "tools"),
        "EQUIPMENT_LEDGER_ACCURACY": Provider(EQUIPMENT, "_provide_mnt_ledger_accuracy"),
    }

    # ------------------------------------------------------------------
    # Common tools
    # ------------------------------------------------------------------
    @api.model
    def _mnt_tally(self, period, rows):
        """A ``Tally`` of the rows ``{"id", "users", "team", "num", "den"}``: each row counts
        once for the company, its maintenance team and the employees of its users (in the
        period's company)."""
        company = period.company_id
        employees = self._user_employees(
            {user_id for row in rows for user_id in row["users"]}, company
        )
        tally = self._tally()
        for row in rows:
            subjects = {("company", company.id)}
            subjects.update(("employee", employees[u][0]) for u in row["users"] if u in employees)
            if row.get("team"):
                subjects.add(("record", TEAM_MODEL, row["team"]))
            tally.add(subjects, row["num"], row["den"], [row["id"]])
        return tally

    @api.model
    def _mnt_equipment_measures(self, kpi, period, rows):
        return self._tally_measures(
            kpi,
            self._mnt_tally(period, rows),
            "maintenance.equipment",
            drill_extra=WITH_ARCHIVED,
        )

    @api.model
    def _mnt_request_measures(self, kpi, period, rows, kind="rate"):
        return self._tally_measures(
            kpi, self._mnt_tally(period, rows), "maintenance.request", kind=kind
        )

    @api.model
    def _mnt_equipment_in_service(self, period, clock):
        """Equipment of the company in service during the period, with its days of service.

        In service on a day: effective date on or before it and not scrapped before it
        (archived equipment counts only with a scrap date). Returns ``{equipment: (first, last)}``
        for the days from the period start to the clock's last day.
        """
        start, last_day = period.date_start, clock.last_day
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
                    "category_id",
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
    def _mnt_breakdowns(self, period, equipment, clock):
        """Breakdowns (corrective requests, not cancelled) of ``equipment`` open in the period."""
        if not equipment:
            return self.env["maintenance.request"]
        return self.env["maintenance.request"].search_fetch(
            [
                ("company_id", "=", period.company_id.id),
                ("maintenance_type", "=", "corrective"),
                ("archive", "=", False),
                ("equipment_id", "in", [item.id for item in equipment]),
                ("mfg_reported_at", "<", clock.end),
                "|",
                ("mfg_done_at", "=", False),
                ("mfg_done_at", ">=", clock.start),
            ],
            ["equipment_id", "mfg_reported_at", "mfg_done_at"],
            order="mfg_reported_at, id",
        )

    @api.model
    def _mnt_breakdown_rows(self, period, equipment_ids, clock):
        """The breakdowns of ``_mnt_breakdowns`` as ``(equipment id, reported at, done at)``
        rows, in report order."""
        if not equipment_ids:
            return []
        # SQL: the period's breakdowns (tens of thousands at factory scale) as plain rows, in one
        # index scan; the ORM would build a record per request.
        return self._fetch_rows(
            SQL(
                """SELECT equipment_id, mfg_reported_at, mfg_done_at
                     FROM maintenance_request
                    WHERE company_id = %s AND maintenance_type = 'corrective'
                      AND archive IS NOT TRUE AND equipment_id = ANY(%s)
                      AND mfg_reported_at < %s
                      AND (mfg_done_at IS NULL OR mfg_done_at >= %s)
                 ORDER BY mfg_reported_at, id""",
                period.company_id.id,
                sorted(equipment_ids),
                clock.end,
                clock.start,
            )
        )

    @api.model
    def _mnt_down_days(self, period, clock, service):
        """``{equipment id: number of local days}`` on which a breakdown of the machine was
        open while in service (overlapping breakdowns count their common days once).

        SQL: the distinct days of the breakdowns (tens of thousands at factory scale) counted
        per machine in the database, the days in the company's time zone.
        """
        if not service:
            return {}
        ids, firsts, lasts = zip(
            *((item.id, first, last) for item, (first, last) in service.items()), strict=True
        )
        rows = self._fetch_rows(
            SQL(
                """SELECT bounds.id, COUNT(DISTINCT day)
                     FROM unnest(%(ids)s::int[], %(firsts)s::date[], %(lasts)s::date[])
                          AS bounds(id, first, last)
                     JOIN maintenance_request request ON request.equipment_id = bounds.id
                    CROSS JOIN LATERAL generate_series(
                          GREATEST(bounds.first, (request.mfg_reported_at AT TIME ZONE 'UTC'
                                                  AT TIME ZONE %(tz)s)::date),
                          LEAST(bounds.last, (COALESCE(request.mfg_done_at, %(now)s)
                                              AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date),
                          interval '1 day') AS day
                    WHERE request.company_id = %(company)s
                      AND request.maintenance_type = 'corrective'
                      AND request.archive IS NOT TRUE
                      AND request.mfg_reported_at < %(end)s
                      AND (request.mfg_done_at IS NULL OR request.mfg_done_at >= %(start)s)
                 GROUP BY bounds.id""",
                ids=list(ids),
                firsts=list(firsts),
                lasts=list(lasts),
                tz=clock.tz.zone,
                now=clock.now,
                company=period.company_id.id,
                start=clock.start,
                end=clock.end,
            )
        )
        return dict(rows)

    # ------------------------------------------------------------------
    # Equipment KPIs
    # ------------------------------------------------------------------
    @api.model
    def _mnt_service_and_breakdowns(self, period):
        """The clock, the equipment in service and its days down with a breakdown open in the
        period (read once per computation for the equipment KPIs)."""

        def compute():
            clock = self._clock(period)
            service = self._mnt_equipment_in_service(period, clock)
            return clock, service, self._mnt_down_days(period, clock, service)

        return self._cohort(period, "mnt_service", compute)

    @api.model
    def _provide_mnt_intact_rate(self, kpi, period):
        """Equipment-days without an open breakdown ÷ equipment-days in service × 100
        (variant ``tools``: only equipment of an inspection-tool category)."""
        _clock, service, down = self._mnt_service_and_breakdowns(period)
        tools = self._variant(kpi) == "tools"
        rows = []
        for item, (first, last) in service.items():
            if tools and not item.category_id.mfg_inspection_tool:
                continue
            days = _days(first, last)
            rows.append(self._mnt_equipment_row(item, days - down.get(item.id, 0), days))
        return self._mnt_equipment_measures(kpi, period, rows)

    @api.model
    def _provide_mnt_ledger_accuracy(self, kpi, period):
        """Equipment in service whose ledger entry is complete ÷ equipment in service × 100.

        Complete: category, model, serial number, vendor and a technician or equipment
        administrator filled in, and an inspection (preventive request done) recorded in the
        ``LEDGER_INSPECTION_DAYS`` days before the clock's cut-off. The entries are read as
        they stand when the value is computed.
        """
        clock, service, _down = self._mnt_service_and_breakdowns(period)
        if not service:
            return []
        since = clock.cutoff - timedelta(days=LEDGER_INSPECTION_DAYS)
        inspected = {
            equipment.id
            for (equipment,) in self.env["maintenance.request"]._read_group(
                [
                    ("equipment_id", "in", [item.id for item in service]),
                    ("maintenance_type", "=", "preventive"),
                    ("mfg_done_at", ">=", since),
                    ("mfg_done_at", "<", clock.cutoff),
                ],
                ["equipment_id"],
            )
        }
        equipment = self.env["maintenance.equipment"].union(*service)
        equipment.fetch(["model", "serial_no", "partner_id"])
        rows = []
        for item in service:
            complete = bool(
                item.category_id
                and item.model
                and item.serial_no
                and item.partner_id
                and (item.technician_user_id or item.mfg_admin_user_id)
                and item.id in inspected
            )
            rows.append(self._mnt_equipment_row(item, 1 if complete else 0, 1))
        return self._mnt_equipment_measures(kpi, period, rows)

    @api.model
    def _provide_mnt_breakdown_rate(self, kpi, period):
        """Equipment with a breakdown open in the period ÷ equipment in service × 100."""
        _clock, service, down = self._mnt_service_and_breakdowns(period)
        rows = [self._mnt_equipment_row(item, 1 if down.get(item.id) else 0, 1) for item in service]
        return self._mnt_equipment_measures(kpi, period, rows)

    @api.model
    def _provide_mnt_failure_rate(self, kpi, period):
        """Breakdown downtime hours ÷ hours in service × 100.

        Downtime: from the report to the end of the repair (or now), overlapping breakdowns of
        one machine counted once. Hours in service: days in service × 24 (calendar time: in
        Odoo equipment has no running schedule).
        """
        clock, service, _down = self._mnt_service_and_breakdowns(period)
        breakdowns = self._mnt_breakdown_rows(period, [item.id for item in service], clock)
        spans = defaultdict(list)
        for equipment_id, reported_at, done_at in breakdowns:
            begin = max(reported_at, clock.start)
            end = min(done_at or clock.now, clock.cutoff)
            if begin < end:
                spans[equipment_id].append((begin, end))
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
        return self._mnt_equipment_measures(kpi, period, rows)

    @api.model
    def _provide_mnt_plan_coverage_rate(self, kpi, period):
        """Equipment in service covered by an active maintenance plan ÷ equipment in service."""
        service = self._mnt_service_and_breakdowns(period)[1]
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
        return self._mnt_equipment_measures(kpi, period, rows)

    # ------------------------------------------------------------------
    # Preventive maintenance
    # ------------------------------------------------------------------
    @api.model
    def _mnt_preventive_due(self, period):
        """The preventive requests due in the period (``_mnt_read_preventive_due``), read once
        per computation."""
        return self._cohort(
            period, "mnt_preventive_due", lambda: self._mnt_read_preventive_due(period)
        )

    @api.model
    def _mnt_read_preventive_due(self, period):
        """Preventive requests (not cancelled) due in the period, with their due date and state.

        Due date: the scheduled date (local), else the request date. Done on schedule: done
        (``mfg_done_at``, local date) at most the company's grace days after the due date.
        Requests not done whose due date plus grace is not yet past are left out.
        Returns ``[(request, due date, on schedule)]``.
        """
        clock = self._clock(period)
        company = period.company_id
        requests = self.env["maintenance.request"].search_fetch(
            [
                ("company_id", "=", company.id),
                ("maintenance_type", "=", "preventive"),
                ("archive", "=", False),
                "|",
                "&",
                ("schedule_date", ">=", clock.start),
                ("schedule_date", "<", clock.end),
                "&",
                ("schedule_date", "=", False),
                "&",
                ("request_date", ">=", period.date_start),
                ("request_date", "<=", period.date_end),
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
        result = []
        for request in requests:
            due = (
                clock.local_date(request.schedule_date)
                if request.schedule_date
                else request.request_date
            )
            done = request.mfg_done_at and clock.local_date(request.mfg_done_at)
            if not done and due + grace >= clock.today:
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
        return self._mnt_request_measures(kpi, period, rows)

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
        return self._mnt_equipment_measures(kpi, period, list(by_equipment.values()))

    # ------------------------------------------------------------------
    # Repairs
    # ------------------------------------------------------------------
    @api.model
    def _provide_mnt_repair_timeliness(self, kpi, period):
        """Breakdowns reported in the period repaired within their time limit ÷ breakdowns
        reported × 100, by variant: every breakdown and the repair time limit (``fault``), or
        the emergencies (priority ≥ the emergency priority) and the emergency time limit
        (``emergency``).

        Counted: the breakdowns done, and those still open past their time limit (open ones
        still within it are left out). In time: done no later than report + limit.
        """
        clock = self._clock(period)
        company = period.company_id
        domain = [
            ("company_id", "=", company.id),
            ("maintenance_type", "=", "corrective"),
            ("archive", "=", False),
            ("mfg_reported_at", ">=", clock.start),
            ("mfg_reported_at", "<", clock.end),
        ]
        if self._variant(kpi) == "emergency":
            limit_hours = company.mfg_emergency_repair_hours
            domain.append(("priority", ">=", company.mfg_emergency_priority or "3"))
        else:
            limit_hours = company.mfg_repair_limit_hours
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
            if not request.mfg_done_at and deadline >= clock.now:
                continue
            in_time = bool(request.mfg_done_at and request.mfg_done_at <= deadline)
            rows.append(self._mnt_request_row(request, 1 if in_time else 0, 1))
        return self._mnt_request_measures(kpi, period, rows)

    # ------------------------------------------------------------------
    # Work done in the period: checks, costs, records
    # ------------------------------------------------------------------
    @api.model
    def _mnt_done_requests(self, period, extra_domain=None):
        """Requests done in the period (and matching ``extra_domain``); without extra terms,
        read once per computation."""
        if extra_domain:
            return self._mnt_read_done_requests(period, extra_domain)
        return self._cohort(
            period, "mnt_done_requests", lambda: self._mnt_read_done_requests(period)
        )

    @api.model
    def _mnt_read_done_requests(self, period, extra_domain=None):
        clock = self._clock(period)
        return self.env["maintenance.request"].search_fetch(
            [
                ("company_id", "=", period.company_id.id),
                ("archive", "=", False),
                ("mfg_done_at", ">=", clock.start),
                ("mfg_done_at", "<", clock.end),
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
        return self._mnt_request_measures(kpi, period, rows, kind="sum")

    @api.model
    def _provide_mnt_cost(self, kpi, period):
        """Sum of the maintenance cost of the requests done in the period."""
        rows = [
            self._mnt_request_row(request, request.mfg_cost, 1)
            for request in self._mnt_done_requests(period)
        ]
        return self._mnt_request_measures(kpi, period, rows, kind="sum")

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
        output = self._company_value(output_kpi, period)
        if output <= 0:
            return []
        rows = [
            self._mnt_request_row(request, request.mfg_cost, 0.0)
            for request in self._mnt_done_requests(period)
        ]
        tally = self._mnt_tally(period, rows)
        # The output divides each subject's cost once, whatever its number of requests.
        for subject in tally.rows():
            tally.count([subject], "output", 0.0, output, ids=())
        return self._tally_measures(kpi, tally, "maintenance.request", kind="ratio")

    @api.model
    def _provide_mnt_file_archiving_rate(self, kpi, period):
        """Requests done in the period whose record was complete within the filing limit ÷
        requests done in the period × 100 (records still within the limit are left out)."""
        now = self._clock(period).now
        limit = timedelta(days=period.company_id.mfg_record_filing_days or 0)
        rows = []
        for request in self._mnt_done_requests(period):
            deadline = request.mfg_done_at + limit
            if not request.mfg_filed_at and deadline >= now:
                continue
            on_time = bool(request.mfg_filed_at and request.mfg_filed_at <= deadline)
            rows.append(self._mnt_request_row(request, 1 if on_time else 0, 1))
        return self._mnt_request_measures(kpi, period, rows)

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
        return self._mnt_request_measures(kpi, period, rows)
