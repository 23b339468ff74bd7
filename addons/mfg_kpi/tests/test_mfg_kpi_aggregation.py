from datetime import date

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common import KpiCase


@tagged("post_install", "-at_install")
class TestKpiAggregation(KpiCase):
    """Pivots and graphs group ``value`` the way each KPI aggregates (mfg.kpi.aggregation)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Kpi = cls.env["mfg.kpi"]
        cls.kpi_pct = Kpi.create(
            {
                "code": "TEST_PASS",
                "name": "Pass rate",
                "unit": "percent",
                "subject_level": "company",
            }
        )
        cls.kpi_count = Kpi.create(
            {"code": "TEST_FAILS", "name": "Failures", "unit": "count", "direction": "lower"}
        )
        cls.kpi_score = Kpi.create({"code": "TEST_SCORE", "name": "Score", "unit": "score"})
        cls.kpi_level = Kpi.create(
            {"code": "TEST_LEVEL", "name": "Stock level", "unit": "units", "aggregation": "last"}
        )
        cls.april = cls.env["mfg.kpi.period"]._get_or_create("month", date(2026, 4, 15))
        Value = cls.env["mfg.kpi.value"]
        # A rate measured per employee and rolled up for the company by its provider:
        # 3/4, 1/2 and 9/10 in March; the company's value is 13/16 = 81.25 %.
        emp = [cls.worker, cls.worker2, cls.boss]
        Value._store_measures(
            cls.kpi_pct,
            cls.period,
            [
                {"employee_id": e.id, "value": n / d * 100, "numerator": n, "denominator": d}
                for e, (n, d) in zip(emp, [(3, 4), (1, 2), (9, 10)], strict=True)
            ]
            + [{"subject_type": "company", "value": 81.25, "numerator": 13, "denominator": 16}],
        )
        # April: 1/4 for the worker only (25 %); March + April = 14/20 = 70 %.
        Value._store_measures(
            cls.kpi_pct,
            cls.april,
            [{"employee_id": cls.worker.id, "value": 25.0, "numerator": 1, "denominator": 4}],
        )
        Value._store_measures(
            cls.kpi_count,
            cls.period,
            [{"employee_id": e.id, "value": v} for e, v in zip(emp, [2, 0, 5], strict=True)],
        )
        Value._store_measures(
            cls.kpi_score,
            cls.period,
            [{"employee_id": e.id, "value": v} for e, v in zip(emp, [70, 80, 96], strict=True)],
        )
        for period, level in ((cls.period, 40.0), (cls.april, 55.0)):
            Value._store_measures(
                cls.kpi_level, period, [{"employee_id": cls.worker.id, "value": level}]
            )
        cls.kpis = cls.kpi_pct | cls.kpi_count | cls.kpi_score | cls.kpi_level

    def pivot(self, grouping_sets, domain=()):
        """``value`` per group, as the web client's pivot asks for it."""
        Value = self.env["mfg.kpi.value"].with_user(self.user_manager)
        result = Value.formatted_read_grouping_sets(
            [("kpi_id", "in", self.kpis.ids), *domain], grouping_sets, ["value:sum", "__count"]
        )
        return [
            {
                tuple(
                    group[spec][0] if isinstance(group[spec], tuple) else group[spec]
                    for spec in groupby
                ): group["value:sum"]
                for group in groups
            }
            for groupby, groups in zip(grouping_sets, result, strict=True)
        ]

    def test_rate_company_value_is_ratio_of_sums(self):
        company = self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", self.kpi_pct.id), ("subject_type", "=", "company")]
        )
        self.assertAlmostEqual(company.value, 13 / 16 * 100)
        by_level, by_kpi, by_period = self.pivot(
            [["kpi_id", "subject_type"], ["kpi_id"], ["kpi_id", "period_id"]],
            [("period_id", "=", self.period.id)],
        )
        # The employees' group is the ratio of their sums (not 215 %, not their mean 71.67 %),
        # equal to the company's value; both levels together keep the ratio.
        self.assertAlmostEqual(by_level[(self.kpi_pct.id, "employee")], 81.25)
        self.assertAlmostEqual(by_level[(self.kpi_pct.id, "company")], company.value)
        self.assertAlmostEqual(by_kpi[(self.kpi_pct.id,)], 81.25)
        self.assertAlmostEqual(by_period[(self.kpi_pct.id, self.period.id)], 81.25)
        # Over two months, the employees: (3+1+9+1) / (4+2+10+4) = 70 %.
        (months,) = self.pivot([["kpi_id"]], [("subject_type", "=", "employee")])
        self.assertAlmostEqual(months[(self.kpi_pct.id,)], 70.0)

    def test_sum_average_last_and_mixed_units(self):
        by_kpi, total = self.pivot([["kpi_id"], []], [("subject_type", "=", "employee")])
        self.assertEqual(by_kpi[(self.kpi_count.id,)], 7.0)  # counts add up
        self.assertAlmostEqual(by_kpi[(self.kpi_score.id,)], 82.0)  # scores average
        self.assertEqual(by_kpi[(self.kpi_level.id,)], 55.0)  # the latest period's level
        # Different KPIs (and units) have no total: nothing rather than a sum of % and counts.
        self.assertFalse(total[()])

    def test_rate_without_denominator_averages(self):
        # Rates entered by hand carry no numerator and denominator: their mean.
        Value = self.env["mfg.kpi.value"]
        second = self.env["hr.department"].create({"name": "Workshop 2"})
        Value.create(
            [
                {
                    "kpi_id": self.kpi_rate.id,
                    "period_id": self.period.id,
                    "subject_type": "department",
                    "department_id": department.id,
                    "value": value,
                }
                for department, value in ((self.department, 90.0), (second, 70.0))
            ]
        )
        ((group,),) = Value.formatted_read_grouping_sets(
            [("kpi_id", "=", self.kpi_rate.id)], [[]], ["value:sum"]
        )
        self.assertAlmostEqual(group["value:sum"], 80.0)

    def test_unit_display_and_defaults(self):
        self.assertEqual(self.kpi_pct.aggregation, "ratio")
        self.assertEqual(self.kpi_count.aggregation, "sum")
        self.assertEqual(self.kpi_score.aggregation, "average")
        value = self.env["mfg.kpi.value"].search(
            [("kpi_id", "=", self.kpi_pct.id), ("subject_type", "=", "company")]
        )
        self.assertEqual(value.value_display, "81.3 %")  # the KPI's one decimal, its unit
        self.assertEqual(
            self.kpi_pct.with_context(mfg_kpi_name_unit=True).display_name, "Pass rate (%)"
        )
        self.assertEqual(self.kpi_pct.display_name, "[TEST_PASS] Pass rate")

    def test_trend_against_previous_period(self):
        Value = self.env["mfg.kpi.value"]
        april = Value.search([("kpi_id", "=", self.kpi_pct.id), ("period_id", "=", self.april.id)])
        self.assertAlmostEqual(april.previous_value, 75.0)
        self.assertEqual(april.trend, "worse")  # 75 % → 25 %, higher is better
        self.assertEqual(april.trend_display, "↓ -50.0")
        march = Value.search(
            [("kpi_id", "=", self.kpi_pct.id), ("employee_id", "=", self.worker.id)],
            order="period_date_start",
            limit=1,
        )
        self.assertEqual(march.trend, "none")


@tagged("post_install", "-at_install")
class TestMyKpis(KpiCase):
    """My KPIs / Team KPIs: their default filters and what the filters select."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.april = cls.env["mfg.kpi.period"]._get_or_create("month", date(2026, 4, 15))
        cls.may = cls.env["mfg.kpi.period"]._get_or_create("month", date(2026, 5, 15))
        Value = cls.env["mfg.kpi.value"]
        cls.kpi_rate.subject_level = "employee"
        for period, (mine, other) in (
            (cls.period, (95, 80)),
            (cls.april, (70, 99)),
            (cls.may, (90, 60)),
        ):
            Value._store_measures(
                cls.kpi_rate,
                period,
                [
                    {
                        "employee_id": cls.worker.id,
                        "value": mine,
                        "numerator": mine,
                        "denominator": 100,
                    },
                    {
                        "employee_id": cls.other.id,
                        "value": other,
                        "numerator": other,
                        "denominator": 100,
                    },
                ],
            )
        cls.env["mfg.kpi.target"].create(
            {"kpi_id": cls.kpi_rate.id, "target": 90.0, "threshold_warning": 75.0}
        )

    def filters(self):
        arch = self.env["mfg.kpi.value"].get_views([(False, "search")])["views"]["search"]["arch"]
        return {
            node.get("name"): node.get("domain")
            for node in etree.fromstring(arch).iter("filter")
            if node.get("domain")
        }

    def select(self, user, names):
        filters = self.filters()
        domain = [("kpi_id", "=", self.kpi_rate.id)]
        for name in names:
            domain += safe_eval(filters[name], {"uid": user.id})
        return self.env["mfg.kpi.value"].with_user(user).search(domain)

    def test_default_filters_of_the_actions(self):
        mine = self.env.ref("mfg_kpi.mfg_kpi_value_action_mine")
        ctx = safe_eval(mine.context)
        self.assertTrue(ctx["search_default_mine"] and ctx["search_default_latest_period"])
        team = safe_eval(self.env.ref("mfg_kpi.mfg_kpi_value_action_team").context)
        self.assertTrue(team["search_default_my_team"] and team["search_default_latest_period"])
        self.assertTrue(ctx["mfg_kpi_name_unit"] and team["mfg_kpi_name_unit"])

    def test_mine_latest_and_previous_period(self):
        latest = self.select(self.user_worker, ["mine", "latest_period"])
        self.assertEqual(latest.mapped("value"), [90.0])
        self.assertEqual(latest.period_id, self.may)
        self.assertEqual(latest.trend, "better")  # 70 → 90
        previous = self.select(self.user_worker, ["mine", "previous_period"])
        self.assertEqual(previous.period_id, self.april)
        self.assertEqual(previous.status, "red")  # 70 < warning 75

    def test_team_and_below_target(self):
        team = self.select(self.user_boss, ["my_team", "latest_period"])
        self.assertEqual(team.employee_id, self.worker)  # the boss's report, not "other"
        self.assertEqual(team.status, "green")
        below = self.select(self.user_manager, ["below_target"])
        self.assertEqual(
            sorted((v.employee_id.name, v.value) for v in below),
            [("Other", 60.0), ("Other", 80.0), ("Worker", 70.0)],
        )
        self.assertEqual({v.status for v in below}, {"red", "amber"})
