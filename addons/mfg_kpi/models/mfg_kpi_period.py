# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json
from contextlib import contextmanager
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

PERIOD_KINDS = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("half_year", "Half-year"),
    ("year", "Year"),
    ("custom", "Custom"),
]
KIND_MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}
# What a locked period keeps: the span its values were measured over.
# Key in the cursor's cache: the ids of the periods a KPI computation of this transaction holds
# locked and open (see ``mfg.kpi.period._held_open``).
HELD_OPEN = "mfg_kpi_held_open_periods"
LOCKED_PERIOD_FIELDS = ("kind", "date_start", "date_end", "company_id")


class MfgKpiPeriod(models.Model):
    """A measurement period: KPI values are computed and locked per period."""

    _name = "mfg.kpi.period"
    _description = "KPI Period"
    _order = "date_start desc, kind"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(PERIOD_KINDS, required=True, default="month")
    date_start = fields.Date(required=True)
    date_end = fields.Date(required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    state = fields.Selection(
        [("open", "Open"), ("locked", "Locked")],
        default="open",
        required=True,
        readonly=True,
        copy=False,
        help="Locking a period locks every value measured in it. Only the Lock action of a KPI "
        "manager locks a period, and a locked period never opens again.",
    )
    value_count = fields.Integer(compute="_compute_value_count")

    _dates_uniq = models.Constraint(
        "UNIQUE(company_id, kind, date_start, date_end)",
        "A period of this kind with these dates already exists for the company.",
    )

    @api.constrains("date_start", "date_end", "kind")
    def _check_dates(self):
        for period in self:
            if period.date_end < period.date_start:
                raise ValidationError(_("Period %(name)s ends before it starts.", name=period.name))
            months = KIND_MONTHS.get(period.kind)
            if months and period.date_start + relativedelta(months=months, days=-1) != (
                period.date_end
            ):
                raise ValidationError(
                    _(
                        "Period %(name)s does not span exactly one %(kind)s.",
                        name=period.name,
                        kind=dict(self._fields["kind"]._description_selection(self.env))[
                            period.kind
                        ],
                    )
                )

    def _compute_value_count(self):
        counts = dict(
            self.env["mfg.kpi.value"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.value_count = counts.get(period, 0)

    @api.model_create_multi
    def create(self, vals_list):
        if any(vals.get("state", "open") != "open" for vals in vals_list):
            raise UserError(
                _("A period is created open; only the Lock action of a KPI manager locks it.")
            )
        return super().create(vals_list)

    def write(self, vals):
        # No caller sets the state, whoever he is and whatever the context says: the Lock
        # action reaches it through _write_state.
        if "state" in vals:
            raise UserError(
                _(
                    "The state of a KPI period is not written directly: a KPI manager locks a "
                    "period with its Lock action, and a locked period never opens again."
                )
            )
        frozen = [name for name in LOCKED_PERIOD_FIELDS if name in vals]
        locked = self.filtered(lambda p: p.state == "locked")
        if frozen and locked:
            raise UserError(
                _(
                    "Period %(name)s is locked: its %(fields)s do not change any more.",
                    name=locked[0].display_name,
                    fields=", ".join(
                        self._fields[name]._description_string(self.env) for name in frozen
                    ),
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        locked = self.filtered(lambda p: p.state == "locked")
        if locked:
            raise UserError(
                _("Period %(name)s is locked and cannot be deleted.", name=locked[0].display_name)
            )

    @api.model
    def _bounds(self, kind, day):
        """First and last day of the period of ``kind`` that contains ``day``."""
        if kind == "month":
            start = day.replace(day=1)
        elif kind == "quarter":
            start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        elif kind == "half_year":
            start = day.replace(month=1 if day.month <= 6 else 7, day=1)
        elif kind == "year":
            start = day.replace(month=1, day=1)
        else:
            raise ValidationError(_("Custom periods have no automatic bounds."))
        return start, start + relativedelta(months=KIND_MONTHS[kind], days=-1)

    @api.model
    def _default_name(self, kind, start):
        if kind == "month":
            return _("%(year)s-%(month)02d", year=start.year, month=start.month)
        if kind == "quarter":
            return _("%(year)s Q%(quarter)s", year=start.year, quarter=(start.month - 1) // 3 + 1)
        if kind == "half_year":
            return _("%(year)s H%(half)s", year=start.year, half=1 if start.month <= 6 else 2)
        return _("%(year)s", year=start.year)

    @api.model
    def _get_or_create(self, kind, day, company=None):
        """The period of ``kind`` containing ``day`` for ``company``, created when missing."""
        company = company or self.env.company
        start, end = self._bounds(kind, day)
        period = self.search(
            [
                ("company_id", "=", company.id),
                ("kind", "=", kind),
                ("date_start", "=", start),
                ("date_end", "=", end),
            ],
            limit=1,
        )
        if period:
            return period
        period = self.create(
            {
                "name": self._default_name(kind, start),
                "kind": kind,
                "date_start": start,
                "date_end": end,
                "company_id": company.id,
            }
        )
        period._name_in_every_language()
        return period

    def _name_in_every_language(self):
        """Give these automatic periods their name in every installed language (``2026 Q3``,
        ``2026年 Q3``), not only in the language of whoever created them. One query."""
        langs = [code for code, _label in self.env["res.lang"].get_installed()]
        rows = [
            SQL(
                "(%s, %s::jsonb)",
                period.id,
                json.dumps(
                    {
                        lang: self.with_context(lang=lang)._default_name(
                            period.kind, period.date_start
                        )
                        for lang in langs
                    }
                ),
            )
            for period in self
            if period.kind in KIND_MONTHS
        ]
        if not rows:
            return
        self.flush_recordset(["name"])
        self.env.cr.execute(
            SQL(
                "UPDATE mfg_kpi_period p SET name = p.name || v.names"
                " FROM (VALUES %s) AS v(id, names) WHERE p.id = v.id",
                SQL(", ").join(rows),
            )
        )
        self.invalidate_recordset(["name"])

    @api.model
    def _company_tz(self, company):
        """Time zone of ``company``: its working hours', else its address', else UTC."""
        return pytz.timezone(company.resource_calendar_id.tz or company.partner_id.tz or "UTC")

    @api.model
    def _day_start_utc(self, company, day):
        """Naive UTC datetime (as stored) of the start of ``day`` in ``company``'s time zone."""
        local = self._company_tz(company).localize(datetime.combine(day, time.min))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    def _utc_bounds(self):
        """UTC bounds ``(start, end)`` of the period's days, end exclusive, in the company's
        time zone: what providers compare stored datetimes with."""
        self.ensure_one()
        return (
            self._day_start_utc(self.company_id, self.date_start),
            self._day_start_utc(self.company_id, self.date_end + timedelta(days=1)),
        )

    def action_lock(self):
        """Lock the periods and every value measured in them (KPI managers)."""
        self._check_kpi_manager(_("Only KPI managers lock KPI periods."))
        # The period rows first: a computation of these periods running now finishes before
        # (and one starting later finds them locked), so no draft value lands in a locked period.
        periods = self._lock_rows_open()
        values = (
            self.env["mfg.kpi.value"]
            .sudo()
            .search([("period_id", "in", periods.ids), ("state", "!=", "locked")])
        )
        values._write_state("locked")
        periods._write_state("locked")
        return True

    def action_open_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("mfg_kpi.mfg_kpi_value_action")
        action["domain"] = [("period_id", "=", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action

    def action_open_manual_due(self):
        """The manually entered KPIs that have no value in this period yet, per data source
        (the department that delivers the data): what is still to be typed in."""
        self.ensure_one()
        computed = list(self.env["mfg.kpi.provider"]._get_providers())
        kpis = self.env["mfg.kpi"].search(
            [
                ("code", "not in", computed),
                ("company_id", "in", [False, self.company_id.id]),
            ]
        )
        entered = self.env["mfg.kpi.value"]._read_group(
            [("period_id", "=", self.id), ("kpi_id", "in", kpis.ids)], ["kpi_id"]
        )
        due = kpis - self.env["mfg.kpi"].union(*(kpi for (kpi,) in entered))
        action = self.env["ir.actions.act_window"]._for_xml_id("mfg_kpi.mfg_kpi_action_manual_due")
        action["name"] = _(
            "Manual Entries Due: %(period)s (%(due)s of %(total)s)",
            period=self.display_name,
            due=len(due),
            total=len(kpis),
        )
        action["domain"] = [("id", "in", due.ids)]
        action["context"] = {"group_by": ["source_ids"], "mfg_due_period_id": self.id}
        return action

    @api.model
    def action_open_manual_due_last_month(self):
        """Manual entries due for the month just over (the menu's entry point)."""
        today = fields.Date.context_today(self)
        # Created when missing (a system record, as the scheduled job creates it).
        period = self.sudo()._get_or_create("month", today.replace(day=1) - timedelta(days=1))
        return period.with_env(self.env).action_open_manual_due()

    def action_compute(self):
        """Recompute every computed KPI of these periods now (KPI managers)."""
        self._check_kpi_manager(_("Only KPI managers recompute KPI values."))
        self.env["mfg.kpi.provider"]._compute_periods(self)
        return True

    # ------------------------------------------------------------------
    # Lock (private: not reachable through the external API)
    # ------------------------------------------------------------------
    def _check_kpi_manager(self, message):
        if not (self.env.su or self.env.user.has_group("mfg_kpi.group_kpi_manager")):
            raise UserError(message)

    def _lock_rows_open(self):
        """Take the row lock of the periods (``SELECT … FOR UPDATE``, in id order) and return
        those that are open: the state is read under the lock, never from the cache.

        Locking a period and storing values in it both start here, so they run one after the
        other. Under REPEATABLE READ a period changed by a transaction that committed after
        this one started makes the query fail with a serialisation error: the request is
        retried and sees the committed values (see ``_touch_values_added``).
        """
        if not self:
            return self
        held = self.env.cr.cache.get(HELD_OPEN)
        if held and held.issuperset(self.ids):
            # A KPI computation of this transaction locked them open and holds the lock.
            return self
        self.flush_recordset(["state"])
        self.env.cr.execute(
            SQL(
                "SELECT id, state FROM mfg_kpi_period WHERE id IN %s ORDER BY id FOR UPDATE",
                tuple(self.ids),
            ),
            # A serialisation failure here is expected under concurrency, and retried.
            log_exceptions=False,
        )
        states = dict(self.env.cr.fetchall())
        self.invalidate_recordset(["state"])
        return self.filtered(lambda p: states.get(p.id) == "open")

    def _touch_values_added(self):
        """Give the (row-locked) periods a new row version because values are added to them.

        A Lock action whose transaction started before this one commits would not see the
        new values (its snapshot is older) and would leave them draft in a locked period. The
        no-op update makes its ``FOR UPDATE`` fail to serialise instead, and it is retried.
        """
        held = self.env.cr.cache.get(HELD_OPEN) or ()
        ids = tuple(period_id for period_id in self.ids if period_id not in held)
        if ids:
            self.env.cr.execute(SQL("UPDATE mfg_kpi_period SET state = state WHERE id IN %s", ids))

    @contextmanager
    def _held_open(self):
        """For a KPI computation: lock these periods (``_lock_rows_open``), give the open
        ones their new row version at once (``_touch_values_added``) and yield them; inside
        the block, the values the computation stores in them take neither again (the lock is
        held to the end of the transaction). Nested blocks add their periods."""
        open_periods = self._lock_rows_open()
        open_periods._touch_values_added()
        cache = self.env.cr.cache
        outer = cache.get(HELD_OPEN)
        cache[HELD_OPEN] = frozenset(open_periods.ids) | (outer or frozenset())
        try:
            yield open_periods
        finally:
            if outer is None:
                cache.pop(HELD_OPEN, None)
            else:
                cache[HELD_OPEN] = outer

    def _write_state(self, state):
        """The only way to a period's state: the Lock action, after its checks.

        Private (no external call reaches it) and past the guards of ``write`` on purpose.
        """
        # pylint: disable-next=super-method-mismatch
        return super().write({"state": state})
