# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tests import tagged

from .scenario import MaintenanceScenario


@tagged("post_install", "-at_install")
class TestEquipmentKpis(MaintenanceScenario):
    def test_requests_went_through_the_stages(self):
        self.assertEqual(self.b1.close_date, date(2026, 3, 6))
        self.assertEqual(str(self.b1.mfg_reported_at), "2026-03-05 08:00:00")
        self.assertEqual(str(self.b1.mfg_done_at), "2026-03-06 14:00:00")
        self.assertFalse(self.b3.mfg_done_at)
        self.assertEqual(len(self.plan_m1.maintenance_ids), 5)
        self.assertEqual(self.p1.user_id, self.user_t1)

    def test_intact_rate(self):
        values = self._compute("EQUIPMENT_INTACT_RATE")
        # Equipment-days without an open breakdown ÷ equipment-days in service:
        # M1 31 - 3 (5th, 6th, 20th; the cancelled B6 does not count) = 28; M2 31 - 3 (1st and
        # 2nd from February's B4, 15th) = 28; M3 21 - 2 (30th, 31st, B3 still open) = 19;
        # M4 10 - 0 = 10. Company 85 ÷ 93.
        expected = {
            self.company: (85, 93),
            self.emp_t1: (56, 62),
            self.emp_t2: (29, 31),
            self.emp_o1: (75, 83),
            self.team_a: (56, 62),
            self.team_b: (29, 31),
        }
        self.assertEqual(set(values), set(expected))
        for subject, (num, den) in expected.items():
            self.assertEqual((values[subject].numerator, values[subject].denominator), (num, den))
            self.assertAlmostEqual(values[subject].value, 100.0 * num / den, places=4)
        # Drill-down: the equipment counted, the scrapped (archived) M4 included.
        self.assertEqual(self._drill(values[self.company]), self.m1 | self.m2 | self.m3 | self.m4)
        self.assertEqual(self._drill(values[self.emp_t2]), self.m3 | self.m4)
        self.assertEqual(values[self.team_a].res_model, "maintenance.team")

    def test_breakdown_rate(self):
        values = self._compute("EQUIPMENT_BREAKDOWN_RATE")
        # M1, M2, M3 had a breakdown open in March, M4 none: 3 ÷ 4.
        self.assertEqual(values[self.company].value, 75.0)
        self.assertEqual(values[self.emp_t1].value, 100.0)
        self.assertEqual(values[self.emp_t2].value, 50.0)
        self.assertEqual(values[self.team_b].value, 50.0)

    def test_failure_rate(self):
        values = self._compute("EQUIPMENT_FAILURE_RATE")
        # Downtime hours ÷ hours in service: M1 30 + 2 = 32; M2 32 (March 1 00:00 to 2 08:00)
        # + 3 = 35; M3 39 (March 30 09:00 to April 1 00:00); M4 0.
        # Hours in service: 744 + 744 + 504 + 240 = 2232.
        self.assertAlmostEqual(values[self.company].numerator, 106.0)
        self.assertAlmostEqual(values[self.company].denominator, 2232.0)
        self.assertAlmostEqual(values[self.company].value, 100 * 106 / 2232, places=4)
        self.assertAlmostEqual(values[self.emp_t1].value, 100 * 67 / 1488, places=4)
        self.assertAlmostEqual(values[self.emp_t2].value, 100 * 39 / 744, places=4)

    def test_running_period_counts_up_to_now(self):
        # On March 20 at 11:00: M1 and M2 in service 20 days each; M1 down 3 days (5th, 6th,
        # 20th: B2 is open), M2 3 days (1st, 2nd, 15th).
        values = self._compute("EQUIPMENT_INTACT_RATE", now="2026-03-20 11:00:00")
        self.assertEqual(values[self.team_a].denominator, 40)
        self.assertEqual(values[self.team_a].numerator, 34)

    def test_plan_coverage(self):
        values = self._compute("MAINTENANCE_PLAN_COVERAGE_RATE")
        # M1 and M2 have a plan, M3 and M4 none: 2 ÷ 4.
        self.assertEqual(values[self.company].value, 50.0)
        self.assertEqual(values[self.emp_t1].value, 100.0)
        self.assertEqual(values[self.emp_t2].value, 0.0)
        self.assertAlmostEqual(values[self.emp_o1].value, 200 / 3, places=4)
        # A plan for the equipment matching a filter covers M4 too.
        self.env["maintenance.plan"].create(
            {
                "name": "Old drills",
                "generate_with_domain": True,
                "generate_domain": "[('name', 'ilike', 'old drill')]",
                "maintenance_kind_id": self.kind_lubrication.id,
                "interval": 6,
                "interval_step": "month",
            }
        )
        values = self._compute("MAINTENANCE_PLAN_COVERAGE_RATE")
        self.assertEqual(values[self.company].value, 75.0)

    def test_other_company(self):
        march_2 = self.env["mfg.kpi.period"]._get_or_create(
            "month", date(2026, 3, 1), self.company_2
        )
        values = self._compute("EQUIPMENT_INTACT_RATE", march_2)
        # M5: down the 10th, 11th and 12th: 28 ÷ 31; nothing of plant 1.
        self.assertEqual(set(values), {self.company_2, self.team_2})
        self.assertEqual(
            (values[self.company_2].numerator, values[self.company_2].denominator), (28, 31)
        )

    def test_no_equipment_no_value(self):
        before = self.env["mfg.kpi.period"]._get_or_create("month", date(2024, 6, 1), self.company)
        for code in (
            "EQUIPMENT_INTACT_RATE",
            "EQUIPMENT_FAILURE_RATE",
            "MAINTENANCE_PLAN_COVERAGE_RATE",
        ):
            self.assertEqual(self._compute(code, before), {}, code)
