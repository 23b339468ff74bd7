from datetime import date
from unittest.mock import patch

from odoo.tests import new_test_user
from odoo.tests.common import TransactionCase

TEST_CODE = "TEST_TEAM_SIZE"


def provide_team_size(self, kpi, period):
    """Test provider: number of direct subordinates of each manager (one _read_group)."""
    groups = self.env["hr.employee"]._read_group(
        [("parent_id", "!=", False), ("company_id", "=", period.company_id.id)],
        ["parent_id"],
        ["__count"],
    )
    return [
        {
            "subject_type": "employee",
            "employee_id": manager.id,
            "value": count,
            "numerator": count,
            "drill_model": "hr.employee",
            "drill_domain": [("parent_id", "=", manager.id)],
        }
        for manager, count in groups
    ]


def test_providers(original):
    def _get_providers(self):
        providers = original(self)
        providers[TEST_CODE] = {"name": "Team size (test)", "method": "_provide_team_size"}
        return providers

    return _get_providers


class KpiCase(TransactionCase):
    """A small organisation, a test provider and users of each KPI role."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        provider_cls = type(cls.env["mfg.kpi.provider"])
        patcher = patch.object(provider_cls, "_provide_team_size", provide_team_size, create=True)
        patcher.start()
        cls.addClassCleanup(patcher.stop)
        cls.classPatch(provider_cls, "_get_providers", test_providers(provider_cls._get_providers))

        cls.company = cls.env.company
        cls.kpi_team = cls.env["mfg.kpi"].create(
            {
                "code": TEST_CODE,
                "name": "Team size",
                "unit": "count",
                "direction": "higher",
                "subject_level": "employee",
            }
        )
        cls.kpi_manual = cls.env["mfg.kpi"].create(
            {
                "code": "TEST_SATISFACTION",
                "name": "Satisfaction score",
                "unit": "score",
                "direction": "higher",
                "subject_level": "employee",
            }
        )
        cls.kpi_rate = cls.env["mfg.kpi"].create(
            {
                "code": "TEST_RATE",
                "name": "Some rate",
                "unit": "percent",
                "direction": "higher",
                "subject_level": "department",
            }
        )
        cls.period = cls.env["mfg.kpi.period"]._get_or_create("month", date(2026, 3, 15))

        cls.user_boss = new_test_user(cls.env, "kpi_boss", groups="mfg_kpi.group_kpi_user")
        cls.user_worker = new_test_user(cls.env, "kpi_worker", groups="mfg_kpi.group_kpi_user")
        cls.user_other = new_test_user(cls.env, "kpi_other", groups="mfg_kpi.group_kpi_user")
        cls.user_steward = new_test_user(cls.env, "kpi_steward", groups="mfg_kpi.group_kpi_steward")
        cls.user_manager = new_test_user(cls.env, "kpi_manager", groups="mfg_kpi.group_kpi_manager")

        Employee = cls.env["hr.employee"]
        # Only our employees count in the provider: park pre-existing ones elsewhere.
        Employee.search([("parent_id", "!=", False)]).write({"parent_id": False})
        cls.boss = Employee.create({"name": "Boss", "user_id": cls.user_boss.id})
        cls.worker = Employee.create(
            {"name": "Worker", "user_id": cls.user_worker.id, "parent_id": cls.boss.id}
        )
        cls.worker2 = Employee.create({"name": "Worker 2", "parent_id": cls.boss.id})
        cls.other = Employee.create({"name": "Other", "user_id": cls.user_other.id})
        cls.department = cls.env["hr.department"].create(
            {"name": "Workshop 1", "manager_id": cls.boss.id}
        )


class ProviderCase(TransactionCase):
    """Base of the bridges' provider tests: compute a library KPI and check that its provider
    reads a period in a number of queries that does not grow with the data."""

    def compute(self, code, period, **subject):
        """Compute the library KPI ``code`` for ``period``; its values, or the one value of
        the subject given as ``employee_id=…``, ``department_id=…`` or ``res_id=…``."""
        kpi = self.env["mfg.kpi"].search([("code", "=", code)])
        self.assertTrue(kpi, f"KPI {code} is in the library")
        self.env["mfg.kpi.provider"]._compute_kpi(kpi, period)
        values = self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", kpi.id), ("period_id", "=", period.id)]
        )
        if subject:
            ((field, subject_id),) = subject.items()
            return values.filtered(lambda value: value[field].id == subject_id)
        return values

    def provider_queries(self, codes, period):
        """``{code: (queries of its provider method, number of measures)}``."""
        Provider = self.env["mfg.kpi.provider"].sudo()
        providers = Provider._get_providers()
        counts = {}
        for code in codes:
            kpi = self.env["mfg.kpi"].search([("code", "=", code)])
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            measures = getattr(Provider, providers[code]["method"])(kpi, period)
            counts[code] = (self.env.cr.sql_log_count - before, len(measures))
        return counts

    def assertQueriesFlat(self, codes, period, grow):
        """The providers of ``codes`` read ``period`` in as many queries after ``grow()`` (which
        adds more records, subjects and people) as before, and find more subjects after."""
        self.provider_queries(codes, period)  # warm the caches
        small = self.provider_queries(codes, period)
        grow()
        self.provider_queries(codes, period)  # creating users clears the registry caches
        large = self.provider_queries(codes, period)
        for code in codes:
            self.assertTrue(small[code][1], f"{code}: the small data set has values")
            self.assertEqual(small[code][0], large[code][0], f"{code}: queries grew")
            self.assertGreaterEqual(large[code][1], small[code][1], f"{code}: subjects")
