# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo import api, fields, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import Provider
from odoo.tools.translate import LazyTranslate

from .mfg_safety_incident import SAFETY_KINDS

_lt = LazyTranslate(__name__)
ACCIDENTS = _lt("Safety: accidents")
INSPECTIONS = _lt("Safety: inspections")
HAZARDS = _lt("Safety: hazards")
UNSAFE_ACTS = _lt("Safety: unsafe acts")
QUALITY_ACCIDENTS = _lt("Quality accidents")
INCIDENT = "mfg.safety.incident"
ALL_KINDS = "all"
# Accident variant -> the accidents it counts.
KIND_DOMAINS = {
    ALL_KINDS: [],
    "safety": [("kind", "in", SAFETY_KINDS)],
    "quality": [("kind", "=", "quality")],
    "quality_major": [("kind", "=", "quality"), ("severity", "=", "major")],
}


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = {
        "SAFETY_ACCIDENT_COUNT": Provider(ACCIDENTS, "_provide_sft_accident_count", "safety"),
        "PRODUCTION_ACCIDENT_COUNT": Provider(
            ACCIDENTS, "_provide_sft_accident_count", ALL_KINDS, fallback=True
        ),
        "SAFETY_ACCIDENT_LOSS": Provider(ACCIDENTS, "_provide_sft_accident_loss", "safety"),
        "PRODUCTION_ACCIDENT_LOSS": Provider(
            ACCIDENTS, "_provide_sft_accident_loss", ALL_KINDS, fallback=True
        ),
        # Reads the company's output value: computed after the other KPIs are stored.
        "SAFETY_ACCIDENT_LOSS_RATE": Provider(
            ACCIDENTS, "_provide_sft_accident_loss_rate", reads_values=True
        ),
        "INJURY_RATE_PER_THOUSAND": Provider(ACCIDENTS, "_provide_sft_injury_rate"),
        "SAFETY_ACCIDENT_HANDLING_TIMELINESS": Provider(
            ACCIDENTS, "_provide_sft_handling_timeliness", "safety"
        ),
        "ACCIDENT_REPORT_TIMELINESS": Provider(ACCIDENTS, "_provide_sft_report_timeliness"),
        "SAFETY_INSPECTION_PLAN_RATE": Provider(INSPECTIONS, "_provide_sft_inspection_plan_rate"),
        "HAZARD_RECTIFICATION_RATE": Provider(HAZARDS, "_provide_sft_hazard_rectification_rate"),
        "OPERATING_RULE_VIOLATION_COUNT": Provider(UNSAFE_ACTS, "_provide_sft_unsafe_act_count"),
        "QUALITY_ACCIDENT_COUNT": Provider(
            QUALITY_ACCIDENTS, "_provide_sft_accident_count", "quality"
        ),
        "TEAM_MAJOR_QUALITY_ACCIDENT_COUNT": Provider(
            QUALITY_ACCIDENTS, "_provide_sft_accident_count", "quality_major"
        ),
        "QUALITY_ACCIDENT_LOSS": Provider(
            QUALITY_ACCIDENTS, "_provide_sft_accident_loss", "quality"
        ),
        "QUALITY_ACCIDENT_HANDLING_TIMELINESS": Provider(
            QUALITY_ACCIDENTS, "_provide_sft_handling_timeliness", "quality"
        ),
    }

    @api.model
    def _sft_compute_now(self, company):
        """Compute this module's KPIs of the current month and quarter of ``company`` (the
        open periods only) and return the periods and the KPIs. A system task: the caller
        checks who may ask for it, the values keep their own access rules."""
        Period = self.env["mfg.kpi.period"].sudo().with_company(company)
        today = datetime.now(Period._company_tz(company)).date()
        periods = Period._get_or_create("month", today, company) | Period._get_or_create(
            "quarter", today, company
        )
        kpis = self.env["mfg.kpi"].sudo().search([("code", "in", SAFETY_KPI_CODES)])
        self.sudo()._compute_periods(periods.filtered(lambda p: p.state == "open"), kpis)
        return periods, kpis

    # ------------------------------------------------------------------
    # Common tools
    # ------------------------------------------------------------------
    @api.model
    def _sft_tally(self, period, rows):
        """A ``Tally`` of rows ``{"id", "owner", "users", "num", "den"}``: each row counts once
        for the company, its workshop and team (``owner``: an owned record) and the employees
        of its ``users`` in the period's company."""
        company = period.company_id
        employees = self._user_employees(
            {user_id for row in rows for user_id in row.get("users", ())}, company
        )
        tally = self._tally()
        for row in rows:
            subjects = {("company", company.id)}
            subjects.update(
                ("department", department.id)
                for department in row["owner"]._mfg_owner_departments()
            )
            subjects.update(
                ("employee", employees[user][0])
                for user in row.get("users", ())
                if user in employees
            )
            tally.add(subjects, row["num"], row["den"], [row["id"]])
        return tally

    @api.model
    def _sft_incidents(self, period, kinds, fields_):
        """Accidents of ``kinds`` (a variant of ``KIND_DOMAINS``) that occurred in the period
        (until now), not cancelled."""
        clock = self._clock(period)
        domain = [
            ("company_id", "=", period.company_id.id),
            ("state", "!=", "cancelled"),
            ("date", ">=", clock.start),
            ("date", "<", clock.cutoff),
            *KIND_DOMAINS[kinds],
        ]
        return self.env[INCIDENT].search_fetch(
            domain, ["mfg_department_id", "mfg_team_id", *fields_], order="date, id"
        )

    # ------------------------------------------------------------------
    # Accidents
    # ------------------------------------------------------------------
    @api.model
    def _provide_sft_accident_count(self, kpi, period):
        """Accidents of the period: safety accidents (work injuries and other safety
        accidents), every production accident (quality ones too), the quality accidents or the
        major quality accidents, per company, workshop and team."""
        incidents = self._sft_incidents(period, self._variant(kpi), [])
        rows = [{"id": i.id, "owner": i, "num": 1.0, "den": 0.0} for i in incidents]
        return self._tally_measures(kpi, self._sft_tally(period, rows), INCIDENT, kind="sum")

    @api.model
    def _provide_sft_accident_loss(self, kpi, period):
        """Direct + indirect economic loss of the accidents of the period."""
        incidents = self._sft_incidents(period, self._variant(kpi), ["total_loss"])
        rows = [{"id": i.id, "owner": i, "num": i.total_loss, "den": 0.0} for i in incidents]
        return self._tally_measures(kpi, self._sft_tally(period, rows), INCIDENT, kind="sum")

    @api.model
    def _sft_output_value(self, period):
        """The company's output value of the period: the company-level value of the
        company's output KPI (default: SAFETY_OUTPUT_VALUE, entered by hand); 0 without one."""
        company = period.company_id
        output_kpi = company.mfg_safety_output_kpi_id or self.env.ref(
            "mfg_safety.kpi_safety_output_value", raise_if_not_found=False
        )
        return self._company_value(output_kpi, period)

    @api.model
    def _provide_sft_accident_loss_rate(self, kpi, period):
        """Loss of the safety accidents of the period ÷ the company's output value × 100 (no
        output value: no value)."""
        output = self._sft_output_value(period)
        if output <= 0:
            return []
        incidents = self._sft_incidents(period, "safety", ["total_loss"])
        rows = [{"id": i.id, "owner": i, "num": i.total_loss, "den": 0.0} for i in incidents]
        tally = self._sft_tally(period, rows)
        # The output divides each subject's loss once; a company without accidents loses 0%.
        for subject in {("company", period.company_id.id), *tally.rows()}:
            tally.count([subject], "output", 0.0, output, ids=())
        return self._tally_measures(kpi, tally, INCIDENT)

    @api.model
    def _provide_sft_injury_rate(self, kpi, period):
        """People injured in the work injuries of the period ÷ average headcount × 1,000 (company).

        Average headcount: (employees employed on the first day + on the last day) ÷ 2, employed
        meaning hired on or before the day (earliest contract start, else earliest version date)
        and not departed before it.
        """
        company = period.company_id
        start, end = period.date_start, period.date_end
        employees = (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .search_fetch([("company_id", "=", company.id)], ["active", "departure_date"])
        )
        employed = self._employment(employees)

        headcount = sum(employed(e, start) + employed(e, end) for e in employees) / 2.0
        if not headcount:
            return []
        injuries = self._sft_incidents(period, "safety", ["kind", "injured_count"]).filtered(
            lambda incident: incident.kind == "injury"
        )
        tally = self._tally()
        subject = [("company", company.id)]
        for incident in injuries:
            tally.add(subject, float(incident.injured_count), 0.0, incident.ids)
        # Per thousand employees: the denominator counts thousands of heads.
        tally.count(subject, "headcount", 0.0, headcount / 1000.0, ids=())
        return self._tally_measures(kpi, tally, INCIDENT, kind="ratio")

    @api.model
    def _provide_sft_handling_timeliness(self, kpi, period):
        """Safety (or quality, by variant) accidents of the period closed by their handling
        deadline ÷ those accidents of the period that are closed or past their deadline × 100
        (those still open within their deadline are left out)."""
        clock = self._clock(period)
        rows = []
        incidents = self._sft_incidents(
            period, self._variant(kpi), ["date_closed", "handling_deadline"]
        )
        for incident in incidents:
            closed_day = incident.date_closed and clock.local_date(incident.date_closed)
            deadline = incident.handling_deadline
            if not closed_day and (not deadline or deadline >= clock.today):
                continue
            on_time = bool(closed_day and (not deadline or closed_day <= deadline))
            rows.append({"id": incident.id, "owner": incident, "num": float(on_time), "den": 1.0})
        return self._tally_measures(kpi, self._sft_tally(period, rows), INCIDENT)

    @api.model
    def _provide_sft_report_timeliness(self, kpi, period):
        """Investigation reports due in the period (safety accidents) submitted by their due
        date ÷ reports due in the period that are submitted or past due × 100, per
        investigator."""
        clock = self._clock(period)
        incidents = self.env[INCIDENT].search_fetch(
            [
                ("company_id", "=", period.company_id.id),
                ("state", "!=", "cancelled"),
                ("kind", "in", SAFETY_KINDS),
                ("investigator_id", "!=", False),
                ("report_due", ">=", period.date_start),
                ("report_due", "<=", period.date_end),
            ],
            ["mfg_department_id", "mfg_team_id", "investigator_id", "report_due", "date_report"],
            order="report_due, id",
        )
        rows = []
        for incident in incidents:
            submitted = incident.date_report and clock.local_date(incident.date_report)
            if not submitted and incident.report_due >= clock.today:
                continue
            on_time = bool(submitted and submitted <= incident.report_due)
            rows.append(
                {
                    "id": incident.id,
                    "owner": incident,
                    "users": [incident.investigator_id.id],
                    "num": float(on_time),
                    "den": 1.0,
                }
            )
        return self._tally_measures(kpi, self._sft_tally(period, rows), INCIDENT)

    # ------------------------------------------------------------------
    # Inspections, hazards, unsafe acts
    # ------------------------------------------------------------------
    @api.model
    def _provide_sft_inspection_plan_rate(self, kpi, period):
        """Inspections due in the period that are done ÷ inspections due in the period (not
        cancelled) that are done or past their due date × 100, per company, workshop, team and
        inspector."""
        clock = self._clock(period)
        inspections = self.env["mfg.safety.inspection"].search_fetch(
            [
                ("company_id", "=", period.company_id.id),
                ("state", "!=", "cancelled"),
                ("date_deadline", ">=", period.date_start),
                ("date_deadline", "<=", period.date_end),
            ],
            ["mfg_department_id", "mfg_team_id", "inspector_id", "state", "date_deadline"],
            order="date_deadline, id",
        )
        rows = []
        for inspection in inspections:
            done = inspection.state == "done"
            if not done and inspection.date_deadline >= clock.today:
                continue
            rows.append(
                {
                    "id": inspection.id,
                    "owner": inspection,
                    "users": [inspection.inspector_id.id],
                    "num": float(done),
                    "den": 1.0,
                }
            )
        return self._tally_measures(kpi, self._sft_tally(period, rows), "mfg.safety.inspection")

    @api.model
    def _provide_sft_hazard_rectification_rate(self, kpi, period):
        """Hazards reported in the period that are rectified (verified or waiting for
        verification) ÷ hazards reported in the period, not cancelled × 100."""
        clock = self._clock(period)
        hazards = self.env["mfg.safety.hazard"].search_fetch(
            [
                ("company_id", "=", period.company_id.id),
                ("state", "!=", "cancelled"),
                ("date_reported", ">=", clock.start),
                ("date_reported", "<", clock.cutoff),
            ],
            ["mfg_department_id", "mfg_team_id", "state"],
            order="date_reported, id",
        )
        rows = [
            {
                "id": hazard.id,
                "owner": hazard,
                "num": float(hazard.state in ("rectified", "verified")),
                "den": 1.0,
            }
            for hazard in hazards
        ]
        return self._tally_measures(kpi, self._sft_tally(period, rows), "mfg.safety.hazard")

    @api.model
    def _provide_sft_unsafe_act_count(self, kpi, period):
        """Unsafe acts (violations of the operating procedures) of each employee in the
        period."""
        clock = self._clock(period)
        acts = self.env["mfg.safety.unsafe.act"].search_fetch(
            [
                ("company_id", "=", period.company_id.id),
                ("date", ">=", period.date_start),
                ("date", "<=", fields.Date.to_string(clock.last_day)),
            ],
            ["employee_id", "department_id"],
            order="date, id",
        )
        tally = self._tally()
        for act in acts:
            subjects = [("company", period.company_id.id), ("employee", act.employee_id.id)]
            if act.department_id:
                subjects.append(("department", act.department_id.id))
            tally.add(subjects, 1.0, 0.0, act.ids)
        return self._tally_measures(kpi, tally, "mfg.safety.unsafe.act", kind="sum")


# The library KPIs the safety records answer (the "Safety KPIs" screen computes these).
SAFETY_KPI_CODES = tuple(MfgKpiProvider._mfg_providers)
