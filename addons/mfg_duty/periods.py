# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Checklist periods: pure date arithmetic, no ORM.

Weeks run from Monday to Sunday (ISO weeks), months, quarters and years are calendar ones.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.addons.mfg_org.models.mfg_duty import PERIODIC_FREQUENCIES as FREQUENCIES

FREQUENCY_ORDER = [key for key, _label in FREQUENCIES]


def period_bounds(frequency, day):
    """First and last day of the period of ``frequency`` that contains ``day``."""
    if frequency == "daily":
        return day, day
    if frequency == "weekly":
        start = day - timedelta(days=day.weekday())
        return start, start + timedelta(days=6)
    if frequency == "monthly":
        start = day.replace(day=1)
        return start, start + relativedelta(months=1, days=-1)
    if frequency == "quarterly":
        start = day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
        return start, start + relativedelta(months=3, days=-1)
    if frequency == "yearly":
        start = day.replace(month=1, day=1)
        return start, start.replace(month=12, day=31)
    raise ValueError(f"Unknown checklist frequency {frequency!r}")


def periods_between(frequency, date_from, date_to):
    """Every period of ``frequency`` that shares at least one day with [date_from, date_to]."""
    periods = []
    if date_to < date_from:
        return periods
    start, end = period_bounds(frequency, date_from)
    while start <= date_to:
        periods.append((start, end))
        start, end = period_bounds(frequency, end + timedelta(days=1))
    return periods


def period_label(frequency, start):
    """Language-neutral short label of a period: 2026-03-05, 2026-W10, 2026-03, 2026-Q1, 2026."""
    if frequency == "daily":
        return start.isoformat()
    if frequency == "weekly":
        year, week, _weekday = start.isocalendar()
        return f"{year}-W{week:02d}"
    if frequency == "monthly":
        return f"{start.year}-{start.month:02d}"
    if frequency == "quarterly":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}"
