# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class MfgKpiProvider(models.AbstractModel):
    """Registry of KPI providers.

    A bridge module registers a provider for a KPI code by extending ``_get_providers``::

        class MfgKpiProvider(models.AbstractModel):
            _inherit = "mfg.kpi.provider"

            def _get_providers(self):
                providers = super()._get_providers()
                providers["PLAN_COMPLETION_RATE"] = {
                    "name": self.env._("Manufacturing orders"),
                    "method": "_provide_plan_completion_rate",
                }
                return providers

    The method receives ``(kpi, period)`` and returns a list of measures (see
    ``mfg.kpi.value._store_measures``) for every subject of the period, computed in a number
    of queries that does not depend on the number of subjects. A subject without data gets no
    measure (no value), never a zero.
    """

    _name = "mfg.kpi.provider"
    _description = "KPI Provider Registry"

    @api.model
    def _get_providers(self):
        """Mapping of KPI code to ``{"name": str, "method": str}``."""
        return {}

    @api.model
    def _user_employees(self, user_ids, company):
        """``{user id: (employee id, department id)}`` of the users' employees in ``company``,
        archived employees included (an active one first), in one query: providers use it to
        turn who did the work (a user) into the employee a value belongs to. The department is
        the one of the employee's current contract version."""
        user_ids = tuple(uid for uid in user_ids if uid)
        if not user_ids:
            return {}
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT ON (employee.user_id)
                          employee.user_id, employee.id, version.department_id
                     FROM hr_employee employee
                LEFT JOIN hr_version version ON version.id = employee.current_version_id
                    WHERE employee.user_id IN %s AND employee.company_id = %s
                 ORDER BY employee.user_id, employee.active DESC, employee.id""",
                user_ids,
                company.id,
            )
        )
        return {user_id: (emp_id, dept_id) for user_id, emp_id, dept_id in self.env.cr.fetchall()}

    @api.model
    def _compute_kpi(self, kpi, period):
        """Compute and store the values of one computed KPI for one period; returns counts."""
        provider = self._get_providers().get(kpi.code)
        # Providers read operational data whatever the caller may see: computing is a
        # system task (cron, or a KPI manager's "recompute now"); values keep their own rules.
        provider_model = self.sudo()
        kpi, period = kpi.sudo(), period.sudo()
        # The period's row lock first, as the Lock action does: a locked period is not computed.
        if not provider or not period._lock_rows_open():
            return {"created": 0, "updated": 0, "locked": 0, "removed": 0}
        measures = getattr(provider_model, provider["method"])(kpi, period)
        return provider_model.env["mfg.kpi.value"]._store_measures(kpi, period, measures)

    @api.model
    def _compute_periods(self, periods, kpis=None):
        """Compute every computed KPI (or ``kpis``) for ``periods``; returns summed counts.

        The rows of all the periods are locked first (``SELECT … FOR UPDATE``, as the Lock
        action does) and kept locked until the transaction ends: a lock of one of them waits
        for the computation, and periods found locked are skipped and logged.
        """
        providers = self._get_providers()
        kpis = (
            kpis
            if kpis is not None
            else self.env["mfg.kpi"].search([("code", "in", list(providers))])
        )
        kpis = kpis.filtered(lambda k: k.code in providers)
        totals = {"created": 0, "updated": 0, "locked": 0, "removed": 0}
        open_periods = periods._lock_rows_open()
        if periods - open_periods:
            _logger.info(
                "KPI computation: locked periods left unchanged: %s",
                ", ".join((periods - open_periods).mapped("display_name")),
            )
        failed = self.env["mfg.kpi"]
        for period in open_periods:
            for kpi in kpis.filtered(
                lambda k, p=period: not k.company_id or k.company_id == p.company_id
            ):
                # Each (KPI, period) in its own savepoint: a provider that fails is logged and
                # shown on its KPI, and every other KPI of the period is computed all the same.
                try:
                    with self.env.cr.savepoint():
                        counts = self._compute_kpi(kpi, period)
                except Exception as error:  # any provider bug stays with its KPI
                    _logger.exception(
                        "KPI computation: %s failed for %s", kpi.code, period.display_name
                    )
                    kpi.sudo().write(
                        {
                            "last_error": f"{period.display_name}: {error}",
                            "last_error_at": fields.Datetime.now(),
                        }
                    )
                    failed |= kpi
                    continue
                for key, count in counts.items():
                    totals[key] += count
        (kpis - failed).filtered("last_error").sudo().write(
            {"last_error": False, "last_error_at": False}
        )
        return totals

    @api.model
    def _cron_compute(self):
        """Scheduled job: compute the current and the previous month and quarter of each company."""
        today = fields.Date.context_today(self)
        totals = {"created": 0, "updated": 0, "locked": 0, "removed": 0}
        companies = self.env["res.company"].search([("active", "=", True)])
        for done, company in enumerate(companies, start=1):
            period_model = self.env["mfg.kpi.period"].with_company(company)
            periods = self.env["mfg.kpi.period"]
            for kind in ("month", "quarter", "year"):
                current = period_model._get_or_create(kind, today, company)
                previous = period_model._get_or_create(
                    kind, current.date_start - timedelta(days=1), company
                )
                periods |= current | previous
            for key, count in self._compute_periods(periods).items():
                totals[key] += count
            # In the scheduled job, each company's work is committed before the next one.
            if self.env.context.get("ir_cron_progress_id"):
                self.env["ir.cron"]._commit_progress(1, remaining=len(companies) - done)
        _logger.info("KPI computation: %s", totals)
        return totals
