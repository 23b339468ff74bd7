# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .mfg_kpi import UNIT_RANGES, UNIT_SCALE

_logger = logging.getLogger(__name__)

SUBJECT_TYPES = [
    ("employee", "Employee"),
    ("department", "Department"),
    ("company", "Company"),
    ("record", "Other record"),
]
# Set by the system only: the state (Confirm and Lock actions), the origin of a value and where
# a computed value comes from (the providers), and the fields derived from other fields.
SYSTEM_FIELDS = ("state", "source", "computed_at", "drill_model", "drill_domain")
DERIVED_FIELDS = (
    "category",
    "unit",
    "direction",
    "period_date_start",
    "period_kind",
    "company_id",
    "subject_ref",
    "subject_name",
    "target",
    "status",
)
# What the provider owns on a computed value: the measure and what it measures.
PROVIDER_FIELDS = (
    "kpi_id",
    "period_id",
    "subject_type",
    "employee_id",
    "department_id",
    "res_model",
    "res_id",
    "value",
    "numerator",
    "denominator",
)


class MfgKpiValue(models.Model):
    """The measured value of a KPI for one subject and one period."""

    _name = "mfg.kpi.value"
    _description = "KPI Value"
    _inherit = ["mail.thread"]
    _order = "period_date_start desc, kpi_id, subject_name"
    _check_company_auto = True
    _rec_name = "kpi_id"

    # A KPI with values cannot be deleted (mfg.kpi._unlink_except_valued) but at uninstall.
    kpi_id = fields.Many2one("mfg.kpi", required=True, ondelete="cascade", index=True)
    # The stored related fields are computed with the value's creation (precompute): not after
    # it, in an UPDATE of every new row when the creation is flushed.
    category = fields.Selection(related="kpi_id.category", store=True, precompute=True)
    unit = fields.Selection(related="kpi_id.unit")
    direction = fields.Selection(related="kpi_id.direction")
    period_id = fields.Many2one(
        "mfg.kpi.period", required=True, ondelete="restrict", index=True, check_company=True
    )
    period_date_start = fields.Date(related="period_id.date_start", store=True, precompute=True)
    period_kind = fields.Selection(related="period_id.kind", store=True, precompute=True)
    company_id = fields.Many2one(
        related="period_id.company_id", store=True, index=True, precompute=True
    )
    subject_type = fields.Selection(SUBJECT_TYPES, required=True, default="employee")
    employee_id = fields.Many2one("hr.employee", index=True, check_company=True)
    department_id = fields.Many2one("hr.department", index=True, check_company=True)
    res_model = fields.Char(string="Subject Model")
    res_id = fields.Many2oneReference(string="Subject Record", model_field="res_model")
    subject_ref = fields.Char(
        compute="_compute_subject_ref",
        store=True,
        precompute=True,
        index=True,
        help="Technical key of the subject: model,id.",
    )
    subject_name = fields.Char(
        string="Subject", compute="_compute_subject_ref", store=True, precompute=True
    )
    value = fields.Float(
        digits=(16, 4),
        required=True,
        tracking=True,
        help="Grouped in pivots and graphs the way the KPI aggregates (a rate: the ratio of the "
        "summed numerators and denominators); a group of different KPIs shows no total.",
    )
    value_display = fields.Char(
        string="Measured", compute="_compute_value_display", help="The value with its unit."
    )
    target_display = fields.Char(string="Target ", compute="_compute_value_display")
    previous_value = fields.Float(
        compute="_compute_trend", digits=(16, 4), help="The value of the previous period."
    )
    trend = fields.Selection(
        [
            ("better", "Better"),
            ("worse", "Worse"),
            ("same", "Unchanged"),
            ("none", "No previous value"),
        ],
        compute="_compute_trend",
        help="Against the same subject's value in the previous period of the same kind.",
    )
    trend_display = fields.Char(string="Trend ", compute="_compute_trend")
    is_latest_period = fields.Boolean(
        string="Latest Period",
        compute="_compute_period_flags",
        search="_search_latest_period",
        help="The value belongs to the latest month in which its KPI was measured.",
    )
    is_previous_period = fields.Boolean(
        string="Previous Period",
        compute="_compute_period_flags",
        search="_search_previous_period",
        help="The value belongs to the month measured before the latest one of its KPI.",
    )
    numerator = fields.Float(digits=(16, 4))
    denominator = fields.Float(digits=(16, 4))
    source = fields.Selection(
        [("manual", "Manual"), ("computed", "Computed")],
        required=True,
        default="manual",
        readonly=True,
        copy=False,
    )
    computed_at = fields.Datetime(readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("locked", "Locked")],
        default="draft",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
    )
    reason = fields.Text(
        help="Why a confirmed value was changed; required when overwriting a confirmed value."
    )
    drill_model = fields.Char(
        readonly=True, copy=False, help="Model of the source records of the value."
    )
    drill_domain = fields.Text(
        readonly=True,
        copy=False,
        help="Domain (JSON) of the source records when the provider gives its criteria; "
        "otherwise the drill-down rebuilds the counted records by running the provider again.",
    )
    target = fields.Float(compute="_compute_target_status", digits=(16, 4))
    status = fields.Selection(
        [
            ("green", "On target"),
            ("amber", "Near target"),
            ("red", "Off target"),
            ("none", "No target"),
        ],
        compute="_compute_target_status",
        search="_search_status",
    )

    _subject_uniq = models.Constraint(
        "UNIQUE(kpi_id, period_id, subject_ref)",
        "A KPI has one value per subject and period.",
    )

    @api.depends(
        "subject_type", "employee_id", "department_id", "company_id", "res_model", "res_id"
    )
    def _compute_subject_ref(self):
        # Names are public (employees: hr.employee.public) and read as such, in one query per
        # model whatever the number of values.
        others = {}
        for rec in self:
            if rec.subject_type == "record" and rec.res_model in self.env and rec.res_id:
                others.setdefault(rec.res_model, set()).add(rec.res_id)
        names = {}
        for model, ids in others.items():
            for record in self.env[model].sudo().browse(sorted(ids)).exists():
                names[(model, record.id)] = record.display_name
        for rec, rec_sudo in zip(self, self.sudo(), strict=True):
            if rec.subject_type == "record":
                key = (rec.res_model, rec.res_id)
                rec.subject_ref = f"{key[0]},{key[1]}" if key in names else False
                rec.subject_name = names.get(key, False)
                continue
            record = rec_sudo._subject_record()
            rec.subject_ref = f"{record._name},{record.id}" if record else False
            rec.subject_name = record.display_name if record else False

    def _check_company(self, fnames=None):
        """Odoo's company check, once per distinct company and linked records: Odoo evaluates
        a domain in Python for every value and every linked record, a third of the time of
        storing a computation's thousands of values, which link a few periods, employees and
        departments. Values linking the same records to the same company pass or fail
        together; an inconsistency raises Odoo's error."""
        if len(self) < 2:
            return super()._check_company(fnames)
        names = [
            name for name, field in self._fields.items() if field.relational and field.check_company
        ]
        distinct = {}
        for rec in self.sudo():
            key = (rec.company_id.id, *(rec[name]._ids for name in names))
            distinct.setdefault(key, rec.id)
        return super(MfgKpiValue, self.browse(distinct.values()))._check_company(fnames)

    def _subject_record(self):
        self.ensure_one()
        if self.subject_type == "employee":
            return self.employee_id
        if self.subject_type == "department":
            return self.department_id
        if self.subject_type == "company":
            return self.company_id
        if self.res_model and self.res_id and self.res_model in self.env:
            return self.env[self.res_model].browse(self.res_id)
        return None

    @api.constrains("subject_type", "employee_id", "department_id", "res_model", "res_id")
    def _check_subject(self):
        required = {"employee": "employee_id", "department": "department_id"}
        for rec in self:
            field = required.get(rec.subject_type)
            if (field and not rec[field]) or (
                rec.subject_type == "record" and not (rec.res_model and rec.res_id)
            ):
                raise ValidationError(
                    _("The value of %(kpi)s has no subject.", kpi=rec.kpi_id.display_name)
                )
            if rec.kpi_id.subject_level == "employee" and rec.subject_type != "employee":
                raise ValidationError(
                    _(
                        "%(kpi)s is measured per employee: choose an employee.",
                        kpi=rec.kpi_id.display_name,
                    )
                )

    @api.constrains("value", "kpi_id")
    def _check_value_range(self):
        for rec in self:
            low, high = UNIT_RANGES.get(rec.kpi_id.unit, (None, None))
            if (low is not None and rec.value < low) or (high is not None and rec.value > high):
                unit = dict(rec.kpi_id._fields["unit"]._description_selection(self.env))[
                    rec.kpi_id.unit
                ]
                raise ValidationError(
                    _(
                        "%(value)s is not a valid value for %(kpi)s (unit %(unit)s: from %(low)s to %(high)s).",
                        value=rec.value,
                        kpi=rec.kpi_id.display_name,
                        unit=unit,
                        low=low if low is not None else "-∞",
                        high=high if high is not None else "∞",
                    )
                )

    def _compute_target_status(self):
        targets = self.env["mfg.kpi.target"].search(
            [("kpi_id", "in", self.kpi_id.ids), ("company_id", "in", self.company_id.ids)]
        )
        by_kpi = {}
        for target in targets:
            by_kpi.setdefault(target.kpi_id.id, []).append(target)
        for rec in self:
            best = rec._best_target(by_kpi.get(rec.kpi_id.id, []))
            rec.target = best.target if best else 0.0
            rec.status = best._status_of(rec.value) if best else "none"

    def _search_status(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        # The status depends on the most specific target of each value: computed for the
        # values of the KPIs that have targets (one read of them), the others have none.
        kpis = self.env["mfg.kpi"].browse(
            kpi.id for (kpi,) in self.env["mfg.kpi.target"]._read_group([], ["kpi_id"])
        )
        candidates = self.search([("kpi_id", "in", kpis.ids)])
        wanted = set(value)
        ids = [rec.id for rec in candidates if rec.status in wanted]
        if "none" in wanted:
            return [
                "|",
                ("kpi_id", "not in", kpis.ids),
                ("id", "in" if operator == "in" else "not in", ids),
            ]
        return [("id", operator, ids)]

    @api.depends("value", "kpi_id.unit", "kpi_id.decimals")
    @api.depends_context("lang")
    def _compute_value_display(self):
        for rec in self:
            kpi = rec.kpi_id
            rec.value_display = kpi._format_value(rec.value) if kpi else False
            rec.target_display = (
                kpi._format_value(rec.target) if kpi and rec.status != "none" else False
            )

    def _compute_trend(self):
        """Against the value of the same KPI and subject in the previous period of the same
        kind and company (one read of the periods, one of their values)."""
        periods = self.period_id
        previous = {}
        if periods:
            starts = {p.date_start - timedelta(days=1) for p in periods}
            candidates = self.env["mfg.kpi.period"].search(
                [("date_end", "in", sorted(starts)), ("company_id", "in", periods.company_id.ids)]
            )
            for period in periods:
                for cand in candidates:
                    if (
                        cand.company_id == period.company_id
                        and cand.kind == period.kind
                        and cand.date_end == period.date_start - timedelta(days=1)
                    ):
                        previous[period.id] = cand.id
        old = {}
        if previous:
            for rec in self.search_fetch(
                [
                    ("period_id", "in", list(previous.values())),
                    ("kpi_id", "in", self.kpi_id.ids),
                    ("subject_ref", "in", list({r.subject_ref for r in self if r.subject_ref})),
                ],
                ["kpi_id", "period_id", "subject_ref", "value"],
            ):
                old[(rec.kpi_id.id, rec.period_id.id, rec.subject_ref)] = rec.value
        for rec in self:
            key = (rec.kpi_id.id, previous.get(rec.period_id.id), rec.subject_ref)
            if key not in old:
                rec.previous_value = 0.0
                rec.trend = "none"
                rec.trend_display = False
                continue
            before = old[key]
            rec.previous_value = before
            delta = rec.value - before
            digits = max(rec.kpi_id.decimals, 0)
            if round(delta, digits) == 0:
                rec.trend = "same"
                rec.trend_display = "→"
                continue
            higher = rec.kpi_id.direction == "higher"
            rec.trend = "better" if (delta > 0) == higher else "worse"
            arrow = "↑" if delta > 0 else "↓"
            rec.trend_display = f"{arrow} {delta:+,.{digits}f}"

    def _compute_period_flags(self):
        ranks = {}
        if self.ids:
            self.env.cr.execute(
                SQL("SELECT id, rk FROM (%s) r WHERE id IN %s", self._period_rank_sql(), self._ids)
            )
            ranks = dict(self.env.cr.fetchall())
        for rec in self:
            rec.is_latest_period = ranks.get(rec.id) == 1
            rec.is_previous_period = ranks.get(rec.id) == 2

    @api.model
    def _period_rank_sql(self, rank=None):
        """Ids of the monthly values with the rank of their month among the months in which
        their KPI has values in their company (1: the latest measured month, 2: the one
        before). Per KPI, so that a stray value in a new month does not hide the others."""
        query = SQL(
            """SELECT v.id, m.rk FROM mfg_kpi_value v
                 JOIN (SELECT company_id, kpi_id, period_date_start,
                              DENSE_RANK() OVER (PARTITION BY company_id, kpi_id
                                                 ORDER BY period_date_start DESC) AS rk
                         FROM mfg_kpi_value WHERE period_kind = 'month'
                        GROUP BY company_id, kpi_id, period_date_start) m
                   ON m.company_id = v.company_id AND m.kpi_id = v.kpi_id
                  AND m.period_date_start = v.period_date_start
                WHERE v.period_kind = 'month'"""
        )
        if rank is None:
            return query
        return SQL("SELECT id FROM (%s) r WHERE rk = %s", query, rank)

    def _search_latest_period(self, operator, value):
        if operator != "in":
            return NotImplemented
        return [("id", "any!" if True in value else "not any!", self._period_rank_sql(1))]

    def _search_previous_period(self, operator, value):
        if operator != "in":
            return NotImplemented
        return [("id", "any!" if True in value else "not any!", self._period_rank_sql(2))]

    @api.model
    def _read_group_select(self, aggregate_spec, query):
        """``value:sum`` (pivots, graphs, dashboards) aggregates the way the KPI does.

        A group of one KPI: a rate is Σ numerator / Σ denominator × the unit's scale (the
        average of the values when they carry no denominator), sums add, averages average,
        "last" takes the value of the latest period. A group of several KPIs has no
        meaningful total: NULL (shown empty), never the sum of different units.
        """
        if aggregate_spec != "value:sum":
            return super()._read_group_select(aggregate_spec, query)
        table = self._table

        def col(fname):
            return self._field_to_sql(table, fname, query)

        kpi = SQL("MIN(%s)", col("kpi_id"))
        scale = SQL(" ").join(
            SQL("WHEN %s THEN %s", unit, factor) for unit, factor in UNIT_SCALE.items()
        )
        return SQL(
            """CASE WHEN COUNT(DISTINCT %(kpi_col)s) = 1 THEN
                  CASE (SELECT k.aggregation FROM mfg_kpi k WHERE k.id = %(kpi)s)
                  WHEN 'ratio' THEN COALESCE(
                      SUM(%(num)s) / NULLIF(SUM(%(den)s), 0)
                      * (SELECT CASE k.unit %(scale)s ELSE 1 END FROM mfg_kpi k
                          WHERE k.id = %(kpi)s),
                      AVG(%(value)s))
                  WHEN 'average' THEN AVG(%(value)s)
                  WHEN 'last' THEN (ARRAY_AGG(%(value)s ORDER BY %(start)s DESC))[1]
                  ELSE SUM(%(value)s) END
               END""",
            kpi_col=col("kpi_id"),
            kpi=kpi,
            num=col("numerator"),
            den=col("denominator"),
            value=col("value"),
            start=col("period_date_start"),
            scale=scale,
        )

    def _best_target(self, targets):
        """The most specific target: same employee/department first, then period-specific."""

        def rank(target):
            if target.company_id != self.company_id:
                return None
            if target.period_id and target.period_id != self.period_id:
                return None
            if target.employee_id and target.employee_id != self.employee_id:
                return None
            if target.department_id and target.department_id != self.department_id:
                return None
            return (bool(target.employee_id), bool(target.department_id), bool(target.period_id))

        ranked = [(rank(t), t) for t in targets]
        ranked = [(r, t) for r, t in ranked if r is not None]
        return max(ranked, key=lambda rt: rt[0])[1] if ranked else None

    @api.model_create_multi
    def create(self, vals_list):
        # Whoever calls (superuser included) creates a manual draft: the computation turns its
        # own into computed values (_store_measures), Confirm and Lock change the state.
        periods = self.env["mfg.kpi.period"].sudo()
        vals_list = [dict(vals) for vals in vals_list]
        for vals in vals_list:
            if vals.get("state", "draft") != "draft":
                raise UserError(
                    _(
                        "A KPI value is created as a draft; it is confirmed and locked with "
                        "its Confirm and Lock actions."
                    )
                )
            if vals.get("source", "manual") != "manual":
                raise UserError(
                    _("Only the KPI computation creates computed values; enter a manual value.")
                )
            if "company_id" in vals:
                # The company is the period's: accepted when it says so, never written through.
                company_id = vals.pop("company_id")
                period = periods.browse(vals.get("period_id"))
                if company_id and period and company_id != period.company_id.id:
                    raise ValidationError(
                        _(
                            "A KPI value belongs to the company of its period %(period)s.",
                            period=period.display_name,
                        )
                    )
            self._check_caller_fields(vals, {"state", "source"})
        # The periods' row lock, as the Lock action takes it: no value lands in a locked period.
        periods = periods.browse(
            sorted({vals["period_id"] for vals in vals_list if vals.get("period_id")})
        ).exists()
        open_periods = periods._lock_rows_open()
        if periods - open_periods:
            raise UserError(_("Values cannot be added to a locked period."))
        open_periods._touch_values_added()
        return super().create(vals_list)

    def write(self, vals):
        # No context key, group or sudo opens a way around these checks: only the actions
        # (_write_state) and the computation (_store_measures, in SQL) write the system fields.
        if "state" in vals:
            raise UserError(
                _(
                    "The state of a KPI value is not written directly: data stewards confirm "
                    "values with Confirm, KPI managers lock them with Lock."
                )
            )
        if any(rec.state == "locked" for rec in self):
            raise UserError(
                _(
                    "Locked KPI values never change; unlock is not possible. Record a new period instead."
                )
            )
        self._check_caller_fields(vals)
        provider_owned = [name for name in PROVIDER_FIELDS if name in vals]
        computed = self.filtered(lambda r: r.source == "computed")
        if provider_owned and computed:
            raise UserError(
                _(
                    "The value of %(kpi)s for %(subject)s is computed: %(fields)s come from "
                    "its provider and cannot be changed by hand.",
                    kpi=computed[0].kpi_id.display_name,
                    subject=computed[0].subject_name,
                    fields=self._field_labels(provider_owned),
                )
            )
        if vals.get("period_id"):
            # Moving a value into a period adds one to it: the same row lock as a creation.
            period = self.env["mfg.kpi.period"].sudo().browse(vals["period_id"])
            if not period._lock_rows_open():
                raise UserError(_("Values cannot be added to a locked period."))
            period._touch_values_added()
        if "value" in vals and not vals.get("reason"):
            confirmed = self.filtered(lambda r: r.state == "confirmed" and r.value != vals["value"])
            if confirmed:
                raise ValidationError(
                    _(
                        "Give a reason to change the confirmed value of %(kpi)s for %(subject)s.",
                        kpi=confirmed[0].kpi_id.display_name,
                        subject=confirmed[0].subject_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        if any(rec.state == "locked" for rec in self):
            raise UserError(_("Locked KPI values cannot be deleted."))

    def action_confirm(self):
        drafts = self.filtered(lambda r: r.state == "draft")
        drafts._write_state("confirmed")
        return True

    def action_lock(self):
        if not (self.env.su or self.env.user.has_group("mfg_kpi.group_kpi_manager")):
            raise UserError(_("Only KPI managers lock KPI values."))
        self.filtered(lambda r: r.state != "locked")._write_state("locked")
        return True

    def action_open_records(self):
        """Drill down: the source records the value was computed from."""
        self.ensure_one()
        if not self.drill_model:
            raise UserError(_("This value has no source records (it was entered by hand)."))
        return {
            "type": "ir.actions.act_window",
            "name": _("Source of %(kpi)s", kpi=self.kpi_id.display_name),
            "res_model": self.drill_model,
            "view_mode": "list,form",
            "domain": self._drill_domain(),
            "target": "current",
        }

    def _drill_domain(self):
        """The domain of the records the value was computed from: the stored one (a provider's
        criteria), else the counted ids of the value's subject, rebuilt by running its provider
        for the period again (values do not store id lists)."""
        self.ensure_one()
        if self.drill_domain:
            return json.loads(self.drill_domain)
        if not self.drill_model:
            return []
        measures = self.env["mfg.kpi.provider"]._drill_measures(
            self.kpi_id, self.period_id, self.computed_at
        )
        for measure in measures:
            subject = {"subject_type": "employee", **measure}
            if self._measure_ref(self.period_id, subject) == self.subject_ref:
                return measure.get("drill_domain") or []
        return [("id", "in", [])]  # the subject has nothing counted any more

    # ------------------------------------------------------------------
    # Guards and the private write paths (not reachable through the external API)
    # ------------------------------------------------------------------
    @api.model
    def _field_labels(self, names):
        return ", ".join(self._fields[name]._description_string(self.env) for name in names)

    @api.model
    def _check_caller_fields(self, vals, allowed=()):
        """Refuse the fields no caller writes: system-set and derived fields."""
        names = [
            name
            for name in (*SYSTEM_FIELDS, *DERIVED_FIELDS)
            if name in vals and name not in allowed
        ]
        if names:
            raise UserError(
                _(
                    "These fields of a KPI value are set by the system and cannot be written: "
                    "%(fields)s.",
                    fields=self._field_labels(names),
                )
            )

    def _write_state(self, state):
        """The only way to a value's state: the Confirm and Lock actions, after their checks.

        Private (no external call reaches it) and past the guards of ``write`` on purpose.
        """
        # pylint: disable-next=super-method-mismatch
        return super().write({"state": state})

    # ------------------------------------------------------------------
    # Storage of computed values (set-based)
    # ------------------------------------------------------------------
    @api.model
    def _store_measures(self, kpi, period, measures):
        """Create or update the computed values of ``kpi`` in ``period`` from ``measures``.

        ``measures``: dicts with ``subject_type`` and the subject field (``employee_id``,
        ``department_id``, or ``res_model`` + ``res_id``), ``value``, optionally
        ``numerator``, ``denominator``, ``drill_model`` and ``drill_domain`` (a list).
        Locked values are left alone and counted. A fixed number of queries whatever the
        number of measures. Returns a dict of counts: created, updated, locked, removed.

        The row lock of the period comes first (as for the Lock action, see
        ``mfg.kpi.period._lock_rows_open``): a period found locked then is left untouched.
        """
        return self._store_measures_many([(kpi, period, measures)])[0]

    @api.model
    def _store_measures_many(self, items):
        """``_store_measures`` of several KPIs and periods at once: ``items`` are ``(kpi,
        period, measures)``, each (KPI, period) once; returns their counts in their order.

        A KPI computation stores the measures of all its KPIs and periods together (see
        ``mfg.kpi.provider._compute_periods``): one search of the values there are, one
        creation, one UPDATE and one removal of stale values, instead of those of every KPI
        and period. The values and counts are those of storing each item in turn.
        """
        results = [{"created": 0, "updated": 0, "locked": 0, "removed": 0} for _item in items]
        pairs = [(kpi.id, period.id) for kpi, period, _measures in items]
        if len(set(pairs)) < len(pairs):
            # The same KPI and period twice: the second updates what the first stored.
            return [self._store_measures(*item) for item in items]
        periods = self.env["mfg.kpi.period"].union(*(period for _kpi, period, _m in items))
        open_periods = periods._lock_rows_open()
        live = []
        for index, (kpi, period, _measures) in enumerate(items):
            if period in open_periods:
                live.append(index)
            else:
                _logger.info("KPI %s: period %s is locked, nothing stored.", kpi.code, period.name)
        if not live:
            return results
        now = fields.Datetime.now()
        live_pairs = {pairs[index] for index in live}
        existing = self.search_fetch(
            [
                ("kpi_id", "in", list({kpi_id for kpi_id, _period_id in live_pairs})),
                ("period_id", "in", list({period_id for _kpi_id, period_id in live_pairs})),
            ],
            ["kpi_id", "period_id", "subject_ref", "state", "source"],
        ).filtered(lambda rec: (rec.kpi_id.id, rec.period_id.id) in live_pairs)
        by_ref = {(rec.kpi_id.id, rec.period_id.id, rec.subject_ref): rec for rec in existing}
        to_create, to_update, measured = [], [], set()
        for index in live:
            kpi, period, measures = items[index]
            counts = results[index]
            for measure in measures:
                vals = self._measure_vals(kpi, period, measure, now)
                ref = (kpi.id, period.id, self._measure_ref(period, vals))
                measured.add(ref)
                current = by_ref.get(ref)
                if not current:
                    to_create.append(vals)
                    counts["created"] += 1
                elif current.state == "locked":
                    counts["locked"] += 1
                else:
                    to_update.append((current.id, vals))
                    counts["updated"] += 1
        # New values are created as any other (a draft in an open period, what a caller may
        # write), then the one UPDATE below stores what only the computation sets.
        created = self.browse()
        if to_create:
            created = self.with_context(tracking_disable=True).create(
                [
                    {key: val for key, val in vals.items() if key not in SYSTEM_FIELDS}
                    for vals in to_create
                ]
            )
        stored = to_update + list(zip(created.ids, to_create, strict=True))
        if stored:
            rows = SQL(", ").join(
                SQL(
                    "(%s, %s::numeric, %s::numeric, %s::numeric, %s, %s)",
                    rec_id,
                    vals["value"],
                    vals["numerator"],
                    vals["denominator"],
                    vals["drill_model"] or None,
                    vals["drill_domain"] or None,
                )
                for rec_id, vals in stored
            )
            self.env.cr.execute(
                SQL(
                    """UPDATE mfg_kpi_value v
                          SET value = d.value, numerator = d.numerator,
                              denominator = d.denominator, drill_model = d.drill_model,
                              drill_domain = d.drill_domain, computed_at = %s,
                              source = 'computed', write_date = %s, write_uid = %s
                         FROM (VALUES %s) AS d(id, value, numerator, denominator,
                                               drill_model, drill_domain)
                        WHERE v.id = d.id AND v.state != 'locked'""",
                    now,
                    now,
                    self.env.uid,
                    rows,
                )
            )
            self.invalidate_model(
                [
                    "value",
                    "numerator",
                    "denominator",
                    "drill_model",
                    "drill_domain",
                    "computed_at",
                    "source",
                ]
            )
        # A subject whose data disappeared has no value any more (never a stale one); values
        # somebody confirmed or locked stay.
        stale = existing.filtered(
            lambda v: (v.kpi_id.id, v.period_id.id, v.subject_ref) not in measured
            and v.state == "draft"
            and v.source == "computed"
        )
        index_of = {pair: index for index, pair in enumerate(pairs)}
        for value in stale:
            results[index_of[(value.kpi_id.id, value.period_id.id)]]["removed"] += 1
        stale.unlink()
        return results

    @api.model
    def _measure_vals(self, kpi, period, measure, now):
        vals = {
            "kpi_id": kpi.id,
            "period_id": period.id,
            "subject_type": measure.get("subject_type", "employee"),
            "value": float(measure["value"]),
            "numerator": float(measure.get("numerator") or 0.0),
            "denominator": float(measure.get("denominator") or 0.0),
            "source": "computed",
            "computed_at": now,
            "drill_model": measure.get("drill_model") or False,
            "drill_domain": json.dumps(measure["drill_domain"])
            if measure.get("drill_domain")
            else False,
        }
        for key in ("employee_id", "department_id", "res_model", "res_id"):
            if measure.get(key):
                vals[key] = measure[key]
        return vals

    @api.model
    def _measure_ref(self, period, vals):
        kind = vals["subject_type"]
        if kind == "employee":
            return f"hr.employee,{vals['employee_id']}"
        if kind == "department":
            return f"hr.department,{vals['department_id']}"
        if kind == "company":
            return f"res.company,{period.company_id.id}"
        return f"{vals['res_model']},{vals['res_id']}"
