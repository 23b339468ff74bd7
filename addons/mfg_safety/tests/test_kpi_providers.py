# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every safety KPI computed from the March scenario (``scenario.py``), values by hand."""

from freezegun import freeze_time

from odoo.tests import tagged

from . import scenario
from .common import NOW, SafetyCase


@tagged("post_install", "-at_install")
class TestSafetyKpis(SafetyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        scenario.build(cls)

    def _values(self, code):
        """``{subject: value record}``: "company", departments and employees."""
        with freeze_time(NOW):
            values = self.compute(code, self.march)
        result = {}
        for value in values:
            key = (
                value.employee_id
                or value.department_id
                or ("company" if value.subject_type == "company" else value)
            )
            result[key] = value
        return result

    def _drill(self, value):
        return self.env[value.drill_model].search(value._drill_domain())

    def test_accident_count(self):
        # Safety accidents of March: I1 (injury), I2, I6 (safety); I3 is a quality accident,
        # I4 is cancelled, I5 happened in February.
        values = self._values("SAFETY_ACCIDENT_COUNT")
        self.assertEqual(values["company"].value, 3)
        self.assertEqual(values[self.w1].value, 1)
        self.assertEqual(values[self.t1].value, 1)
        self.assertEqual(values[self.w2].value, 2)
        self.assertEqual(self._drill(values["company"]), self.i1 | self.i2 | self.i6)
        self.assertEqual(self._drill(values[self.w2]), self.i2 | self.i6)

    def test_production_accident_count_counts_quality_accidents(self):
        values = self._values("PRODUCTION_ACCIDENT_COUNT")
        self.assertEqual(values["company"].value, 4)
        self.assertEqual(values[self.w1].value, 2)
        self.assertEqual(self._drill(values[self.w1]), self.i1 | self.i3)

    def test_accident_loss(self):
        # I1 1,000 + 500, I2 3,000, I6 200.
        values = self._values("SAFETY_ACCIDENT_LOSS")
        self.assertEqual(values["company"].value, 4700)
        self.assertEqual(values[self.w1].value, 1500)
        self.assertEqual(values[self.w2].value, 3200)
        production = self._values("PRODUCTION_ACCIDENT_LOSS")
        self.assertEqual(production["company"].value, 5400)  # + I3 700
        self.assertEqual(production[self.w1].value, 2200)

    def test_accident_loss_rate(self):
        # 4,700 ÷ 94,000 × 100 = 5%; workshop 1: 1,500 ÷ 94,000 × 100.
        values = self._values("SAFETY_ACCIDENT_LOSS_RATE")
        self.assertAlmostEqual(values["company"].value, 5.0)
        self.assertAlmostEqual(values[self.w1].value, 1500 / 94000 * 100, places=5)
        self.assertEqual(values["company"].denominator, 94000)
        self.assertEqual(self._drill(values["company"]), self.i1 | self.i2 | self.i6)

    def test_accident_loss_rate_without_output_has_no_value(self):
        self.env["mfg.kpi.value"].search(
            [("kpi_id.code", "=", "SAFETY_OUTPUT_VALUE"), ("period_id", "=", self.march.id)]
        ).unlink()
        self.assertEqual(self._values("SAFETY_ACCIDENT_LOSS_RATE"), {})

    def test_injury_rate_per_thousand(self):
        # 2 people injured in I1 ÷ 4 employees × 1,000 = 500 (company only).
        values = self._values("INJURY_RATE_PER_THOUSAND")
        self.assertEqual(list(values), ["company"])
        self.assertAlmostEqual(values["company"].value, 500.0)
        self.assertEqual(self._drill(values["company"]), self.i1)

    def test_handling_timeliness(self):
        # I1 closed on the 20th, deadline the 31st: in time; I2 still open after its deadline
        # (April 10th): late; I6 open within its deadline: not counted yet.
        values = self._values("SAFETY_ACCIDENT_HANDLING_TIMELINESS")
        self.assertAlmostEqual(values["company"].value, 50.0)
        self.assertAlmostEqual(values[self.w1].value, 100.0)
        self.assertAlmostEqual(values[self.w2].value, 0.0)
        self.assertEqual(self._drill(values["company"]), self.i1 | self.i2)

    def test_report_timeliness_per_investigator(self):
        # Due in March: I1 (officer, on time), I5 (officer, never submitted), I2 (manager,
        # submitted 3 days late). I6 is due in April.
        values = self._values("ACCIDENT_REPORT_TIMELINESS")
        self.assertEqual(set(values), {self.emp_officer, self.emp_manager})
        self.assertAlmostEqual(values[self.emp_officer].value, 50.0)
        self.assertAlmostEqual(values[self.emp_manager].value, 0.0)
        self.assertEqual(self._drill(values[self.emp_officer]), self.i1 | self.i5)

    def test_inspection_plan_rate(self):
        # Due in March, not cancelled: S1 done, S2 missed (area 1); S3, S7 done, S5 missed
        # (area 2). S6 is due in April.
        values = self._values("SAFETY_INSPECTION_PLAN_RATE")
        self.assertAlmostEqual(values["company"].value, 60.0)
        self.assertAlmostEqual(values[self.w1].value, 50.0)
        self.assertAlmostEqual(values[self.w2].value, 200 / 3, places=5)
        self.assertAlmostEqual(values[self.emp_worker].value, 50.0)
        self.assertEqual(
            self._drill(values["company"]), self.s1 | self.s2 | self.s3 | self.s5 | self.s7
        )

    def test_inspection_plan_rate_leaves_out_what_is_not_due_yet(self):
        # On March 20th: S1 done, S2 missed; S3 and S7 are done ahead of their due date
        # (they count); S5 is not due yet (left out): 3 ÷ 4.
        with freeze_time("2026-03-20 12:00:00"):
            values = self.compute("SAFETY_INSPECTION_PLAN_RATE", self.march)
        company = values.filtered(lambda value: value.subject_type == "company")
        self.assertAlmostEqual(company.value, 75.0)
        self.assertEqual(self._drill(company), self.s1 | self.s2 | self.s3 | self.s7)

    def test_hazard_rectification_rate(self):
        # Reported in March, not cancelled: H1 verified, H2 rectified, H3 assigned (area 1),
        # H4 reported (area 2). H6 is reported in April.
        values = self._values("HAZARD_RECTIFICATION_RATE")
        self.assertAlmostEqual(values["company"].value, 50.0)
        self.assertAlmostEqual(values[self.w1].value, 200 / 3, places=5)
        self.assertAlmostEqual(values[self.w2].value, 0.0)
        self.assertEqual(self._drill(values["company"]), self.h1 | self.h2 | self.h3 | self.h4)

    def test_unsafe_act_count(self):
        values = self._values("OPERATING_RULE_VIOLATION_COUNT")
        self.assertEqual(set(values), {self.emp_worker, self.emp_other})
        self.assertEqual(values[self.emp_worker].value, 2)
        self.assertEqual(values[self.emp_other].value, 1)
        self.assertEqual(self._drill(values[self.emp_worker]), self.u1 | self.u2)

    def test_other_company_sees_nothing(self):
        period = self.env["mfg.kpi.period"]._get_or_create(
            "month", self.march.date_start, self.plant_2
        )
        with freeze_time(NOW):
            self.assertFalse(self.compute("SAFETY_ACCIDENT_COUNT", period))
            self.assertFalse(self.compute("HAZARD_RECTIFICATION_RATE", period))

    def test_providers_are_registered(self):
        providers = self.env["mfg.kpi.provider"]._get_providers()
        for code in (
            "SAFETY_ACCIDENT_COUNT",
            "SAFETY_ACCIDENT_LOSS",
            "SAFETY_ACCIDENT_LOSS_RATE",
            "INJURY_RATE_PER_THOUSAND",
            "SAFETY_ACCIDENT_HANDLING_TIMELINESS",
            "ACCIDENT_REPORT_TIMELINESS",
            "SAFETY_INSPECTION_PLAN_RATE",
            "HAZARD_RECTIFICATION_RATE",
            "OPERATING_RULE_VIOLATION_COUNT",
            "PRODUCTION_ACCIDENT_COUNT",
            "PRODUCTION_ACCIDENT_LOSS",
        ):
            self.assertIn(code, providers)
