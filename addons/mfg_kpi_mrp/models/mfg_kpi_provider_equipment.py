# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""KPI providers of work centres: availability, utilisation, OEE, changeover time and the
production schedule achievement.

Read from the time logs of the work centres (``mrp.workcenter.productivity``, Odoo's own loss
categories: productive, performance, availability, quality), the work orders finished in the
period (expected vs real duration, quantity produced), the finished products scrapped on their
orders, the working calendar of each work centre (its schedule minus its time off) and the
planned window each work order had when work began on it. Subjects: the company, the work
centres and their workshop and team. A fixed number of queries per period (one more per
distinct working calendar of the company's work centres).
"""

from collections import defaultdict

import pytz

from odoo import api, models
from odoo.addons.mfg_kpi.models.mfg_kpi_provider import DRILL, Provider
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from .mrp_workorder import PLANNING_STATES

_lt = LazyTranslate(__name__)
EQUIPMENT = _lt("Work centres: time logs, losses and calendar")
SCHEDULE = _lt("Work orders: planned window")

WORKCENTER = "mrp.workcenter"
TIME_LOG = "mrp.workcenter.productivity"

EQUIPMENT_PROVIDERS = {
    "OVERALL_EQUIPMENT_EFFECTIVENESS": Provider(EQUIPMENT, "_provide_mrp_equipment", "oee"),
    "EQUIPMENT_AVAILABILITY_RATE": Provider(EQUIPMENT, "_provide_mrp_equipment", "availability"),
    "EQUIPMENT_UTILISATION_RATE": Provider(EQUIPMENT, "_provide_mrp_equipment", "utilisation"),
    "CHANGEOVER_TIME": Provider(EQUIPMENT, "_provide_mrp_equipment", "changeover"),
    "SCHEDULE_ACHIEVEMENT_RATE": Provider(SCHEDULE, "_provide_mrp_schedule"),
}


class MfgKpiProvider(models.AbstractModel):
    _inherit = "mfg.kpi.provider"
    _mfg_providers = EQUIPMENT_PROVIDERS

    # ------------------------------------------------------------------
    # Cohorts
    # ------------------------------------------------------------------
    @api.model
    def _mfg_mrp_workcenters(self, period):
        """``{work centre id: (workshop id, team id, calendar, resource)}`` of the company's
        work centres (shared ones included), once per computation."""

        def compute():
            centres = self.env[WORKCENTER].search_fetch(
                [("company_id", "in", [period.company_id.id, False])],
                ["mfg_department_id", "mfg_team_id", "resource_calendar_id", "resource_id"],
                order="id",
            )
            return {
                centre.id: (
                    centre.mfg_department_id.id,
                    centre.mfg_team_id.id,
                    centre.resource_calendar_id,
                    centre.resource_id,
                )
                for centre in centres
            }

        return self._cohort(period, "mfg_mrp_workcenters", compute)

    @api.model
    def _mfg_mrp_log_times(self, period):
        """Minutes logged per work centre and kind in the period (logs started in it, closed,
        not estimated): ``{wc id: {"working", "availability", "quality", "changeover",
        "changeovers", "ids"}}`` (``ids``: the logs, only for a drill-down)."""

        def compute():
            clock = self._clock(period)
            drill = bool(self.env.context.get(DRILL))
            # SQL: the period's time logs (hundreds of thousands at factory scale) summed per
            # work centre and loss kind in the database.
            rows = self._fetch_rows(
                SQL(
                    """SELECT log.workcenter_id, kind.loss_type,
                              COALESCE(loss.mfg_changeover, FALSE), SUM(log.duration),
                              COUNT(DISTINCT COALESCE(log.workorder_id, -log.id)),
                              CASE WHEN %(drill)s THEN array_agg(log.id) END
                         FROM mrp_workcenter_productivity log
                         JOIN mrp_workcenter_productivity_loss loss ON loss.id = log.loss_id
                         JOIN mrp_workcenter_productivity_loss_type kind
                           ON kind.id = loss.loss_id
                        WHERE log.company_id = %(company)s AND log.date_end IS NOT NULL
                          AND log.mfg_estimated IS NOT TRUE
                          AND log.date_start >= %(start)s AND log.date_start < %(cutoff)s
                     GROUP BY 1, 2, 3""",
                    drill=drill,
                    company=period.company_id.id,
                    start=clock.start,
                    cutoff=clock.cutoff,
                )
            )
            times = defaultdict(
                lambda: {
                    "working": 0.0,
                    "availability": 0.0,
                    "quality": 0.0,
                    "changeover": 0.0,
                    "changeovers": 0,
                    "ids": set(),
                }
            )
            for workcenter_id, loss_type, changeover, minutes, count, ids in rows:
                row = times[workcenter_id]
                minutes = float(minutes or 0.0)
                if loss_type in ("productive", "performance"):
                    row["working"] += minutes
                elif loss_type in ("availability", "quality"):
                    row[loss_type] += minutes
                if changeover:
                    row["changeover"] += minutes
                    row["changeovers"] += count
                row["ids"].update(ids or ())
            return dict(times)

        return self._cohort(period, "mfg_mrp_log_times", compute)

    @api.model
    def _mfg_mrp_scrapped_by_workorder(self, period):
        """``{work order id: finished products scrapped}`` of the work orders finished in the
        period: the done scraps of the order's own product recorded on the work order, or on
        the order without a work order (a scrapped product went through every operation)."""

        def compute():
            clock = self._clock(period)
            # SQL: a grouped join of the period's finished work orders and their orders'
            # scraps, summed per work order and unit in the database.
            rows = self._fetch_rows(
                SQL(
                    """SELECT workorder.id, tmpl.uom_id, scrap.product_uom_id,
                              SUM(scrap.scrap_qty)
                         FROM mrp_workorder workorder
                         JOIN mrp_production production
                           ON production.id = workorder.production_id
                         JOIN stock_scrap scrap
                           ON scrap.production_id = production.id
                          AND scrap.product_id = production.product_id
                          AND scrap.state = 'done'
                          AND (scrap.workorder_id IS NULL OR scrap.workorder_id = workorder.id)
                         JOIN product_product product ON product.id = production.product_id
                         JOIN product_template tmpl ON tmpl.id = product.product_tmpl_id
                        WHERE production.company_id = %s AND workorder.state = 'done'
                          AND workorder.date_finished >= %s AND workorder.date_finished < %s
                     GROUP BY 1, 2, 3""",
                    period.company_id.id,
                    clock.start,
                    clock.end,
                )
            )
            convert = self._mfg_mrp_converter()
            scrapped = defaultdict(float)
            for workorder_id, product_uom_id, uom_id, qty in rows:
                scrapped[workorder_id] += convert(qty, uom_id, product_uom_id)
            return scrapped

        return self._cohort(period, "mfg_mrp_scrapped_by_workorder", compute)

    @api.model
    def _mfg_mrp_available_minutes(self, period):
        """``{work centre id: minutes}`` of working time in the work centre's calendar from
        the period's start to the clock's cut-off, less the work centre's time off (one
        calendar read per distinct calendar)."""

        def compute():
            clock = self._clock(period)
            start = pytz.utc.localize(clock.start)
            cutoff = pytz.utc.localize(clock.cutoff)
            by_calendar = defaultdict(lambda: self.env["resource.resource"])
            centres = {}
            for centre_id, (_ws, _team, calendar, resource) in self._mfg_mrp_workcenters(
                period
            ).items():
                if calendar and resource:
                    by_calendar[calendar] |= resource
                    centres[resource.id] = centre_id
            minutes = {}
            for calendar, resources in by_calendar.items():
                intervals = calendar._work_intervals_batch(start, cutoff, resources=resources)
                for resource in resources:
                    minutes[centres[resource.id]] = sum(
                        (stop - begin).total_seconds() / 60.0
                        for begin, stop, _records in intervals[resource.id]
                    )
            return minutes

        return self._cohort(period, "mfg_mrp_available_minutes", compute)

    # ------------------------------------------------------------------
    # Equipment KPIs
    # ------------------------------------------------------------------
    @api.model
    def _mfg_mrp_centre_subjects(self, company_id, centre_id, centres):
        workshop_id, team_id = centres.get(centre_id, (None, None))[:2]
        subjects = {("company", company_id), ("record", WORKCENTER, centre_id)}
        subjects.update(("department", dept) for dept in (workshop_id, team_id) if dept)
        return subjects

    @api.model
    def _provide_mrp_equipment(self, kpi, period):
        """Work-centre time in the period (time logs started in it, closed, not estimated).

        Minutes are the ones Odoo computes on each log (within the work centre's working hours). Working time = logs of a productive or performance loss type; availability losses =
        logs of an availability loss type (material, equipment failure, setup).

        - availability: working ÷ (working + availability losses) × 100;
        - utilisation: working ÷ the work centre's calendar time (working schedule to the
          cut-off, less its time off) × 100; an idle work centre gets 0;
        - changeover: Σ changeover-loss hours ÷ changeovers (work orders with changeover
          time; a log without work order is one changeover);
        - oee: availability × performance × quality × 100, where performance = Σ expected
          duration ÷ Σ working time of the work orders finished in the period (at most 1) and
          quality = good pieces ÷ (good + finished products scrapped) of those work orders.
        """
        variant = self._variant(kpi)
        company_id = period.company_id.id
        centres = self._mfg_mrp_workcenters(period)
        times = self._mfg_mrp_log_times(period)
        subjects_of = {}

        def subjects(centre_id):
            if centre_id not in subjects_of:
                subjects_of[centre_id] = self._mfg_mrp_centre_subjects(
                    company_id, centre_id, centres
                )
            return subjects_of[centre_id]

        tally = self._tally()
        if variant == "utilisation":
            available = self._mfg_mrp_available_minutes(period)
            for centre_id in sorted(set(available) | set(times)):
                row = times.get(centre_id)
                working = row["working"] if row else 0.0
                calendar = available.get(centre_id, 0.0)
                if calendar <= 0 and working <= 0:
                    continue
                tally.add(subjects(centre_id), working, calendar, row["ids"] if row else ())
            return self._tally_measures(kpi, tally, TIME_LOG)
        if variant == "changeover":
            for centre_id, row in times.items():
                if row["changeovers"]:
                    tally.add(
                        subjects(centre_id),
                        row["changeover"] / 60.0,
                        row["changeovers"],
                        row["ids"],
                    )
            return self._tally_measures(kpi, tally, TIME_LOG, kind="ratio")
        for centre_id, row in times.items():
            if row["working"] + row["availability"] > 0:
                tally.add(
                    subjects(centre_id),
                    row["working"],
                    row["working"] + row["availability"],
                    row["ids"],
                )
        if variant == "availability":
            return self._tally_measures(kpi, tally, TIME_LOG)
        # OEE: the availability above, the performance and the quality of the work orders.
        workorders, total, _by_user, _days, _employees = self._cohort(
            period, "mfg_mrp_workorders", lambda: self._mfg_mrp_read_workorders(period)
        )
        scrapped = self._mfg_mrp_scrapped_by_workorder(period)
        # Summed per work centre first (its subjects follow from it).
        by_centre = defaultdict(lambda: [0.0, 0.0, 0.0, 0.0])
        for wo_id, wc_id, _workshop, _team, pieces, expected in workorders:
            row = by_centre[wc_id]
            minutes = total.get(wo_id, 0.0)
            if minutes > 0:
                row[0] += expected
                row[1] += minutes
            scrap = scrapped.get(wo_id, 0.0)
            if pieces + scrap > 0:
                row[2] += pieces
                row[3] += pieces + scrap
        performance, quality = self._tally(), self._tally()
        for wc_id, (expected, minutes, good, made) in by_centre.items():
            performance.add(subjects(wc_id), expected, minutes)
            quality.add(subjects(wc_id), good, made)
        perf_rows, quality_rows = performance.rows(), quality.rows()
        oee = self._tally()
        for subject, (working, logged, ids) in tally.rows().items():
            expected, worked, _ids = perf_rows.get(subject, (0.0, 0.0, ()))
            good, made, _ids = quality_rows.get(subject, (0.0, 0.0, ()))
            if logged <= 0 or worked <= 0 or made <= 0:
                continue
            factor = (working / logged) * min(1.0, expected / worked) * (good / made)
            oee.add([subject], factor, 1.0, ids)
        return self._tally_measures(kpi, oee, TIME_LOG)

    # ------------------------------------------------------------------
    # Production schedule achievement
    # ------------------------------------------------------------------
    @api.model
    def _provide_mrp_schedule(self, kpi, period):
        """Work orders whose planned finish falls in the period: finished by it ÷ due × 100.

        Planned finish: the scheduled end as it stood when work began on the work order
        (recorded then), or the current scheduled end of a work order not begun. A work order
        still open after its planned finish is late; one still open before it is not counted
        yet; cancelled ones are not counted. Work orders finished before the module was
        installed have no recorded plan and are not counted.
        """
        clock = self._clock(period)
        company_id = period.company_id.id
        drill = bool(self.env.context.get(DRILL))
        # SQL: the work orders due in the period (hundreds of thousands a month at factory
        # scale) counted per work centre in the database; their ids for a drill-down only.
        rows = self._fetch_rows(
            SQL(
                """WITH due AS (
                       SELECT workorder.id, workorder.workcenter_id, workorder.state,
                              workorder.date_finished, workorder.mfg_planned_finish AS finish
                         FROM mrp_workorder workorder
                         JOIN mrp_production production
                           ON production.id = workorder.production_id
                        WHERE production.company_id = %(company)s
                          AND workorder.state != 'cancel'
                          AND workorder.mfg_planned_finish >= %(start)s
                          AND workorder.mfg_planned_finish < %(end)s
                    UNION ALL
                       SELECT workorder.id, workorder.workcenter_id, workorder.state,
                              workorder.date_finished, workorder.date_finished
                         FROM mrp_workorder workorder
                         JOIN mrp_production production
                           ON production.id = workorder.production_id
                        WHERE production.company_id = %(company)s
                          AND workorder.mfg_planned_finish IS NULL
                          AND workorder.state IN %(planning)s
                          AND workorder.date_finished >= %(start)s
                          AND workorder.date_finished < %(end)s
                   )
                   SELECT workcenter_id, COUNT(*),
                          COUNT(*) FILTER (WHERE state = 'done' AND date_finished <= finish)
                          %(ids)s
                     FROM due
                    -- one still open before its planned finish is not due yet
                    WHERE state = 'done' OR finish < %(now)s
                 GROUP BY workcenter_id""",
                planning=PLANNING_STATES,
                company=company_id,
                start=clock.start,
                end=clock.end,
                now=clock.now,
                ids=SQL(", array_agg(id)") if drill else SQL(""),
            )
        )
        if not rows:
            return []
        centres = self._mfg_mrp_workcenters(period)
        tally = self._tally()
        for centre_id, due, on_time, *ids in rows:
            tally.add(
                self._mfg_mrp_centre_subjects(company_id, centre_id, centres),
                float(on_time),
                float(due),
                ids[0] if ids else (),
            )
        return self._tally_measures(kpi, tally, "mrp.workorder")
