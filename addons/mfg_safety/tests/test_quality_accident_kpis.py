# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The quality accident KPIs, computed from the quality accidents of the March scenario plus a
few of their own; values by hand."""

from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from . import scenario
from .common import NOW, SafetyCase

CODES = [
    "QUALITY_ACCIDENT_COUNT",
    "TEAM_MAJOR_QUALITY_ACCIDENT_COUNT",
    "QUALITY_ACCIDENT_LOSS",
    "QUALITY_ACCIDENT_HANDLING_TIMELINESS",
]


@tagged("post_install", "-at_install")
class TestQualityAccidentKpis(SafetyCase):
    """March: I3 (scenario: area 1, minor, loss 700, open without a deadline), Q1 (area 2,
    major, loss 2,000 + 300, closed on the 18th, deadline the 20th), Q2 (area 1, major, loss
    100, open past its deadline of the 31st). Not counted: Q3 (February), Q4 (cancelled) and
    the safety accidents of the scenario."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        scenario.build(cls)
        cls.q1 = cls._incident(
            cls.a2,
            "2026-03-10 08:00:00",
            "quality",
            severity="major",
            direct_loss=2000,
            indirect_loss=300,
            handling_deadline=date(2026, 3, 20),
            date_closed="2026-03-18 16:00:00",
            state="closed",
        )
        cls.q2 = cls._incident(
            cls.a1,
            "2026-03-25 08:00:00",
            "quality",
            severity="major",
            direct_loss=100,
            handling_deadline=date(2026, 3, 31),
            state="investigation",
        )
        cls.q3 = cls._incident(cls.a1, "2026-02-10 08:00:00", "quality", direct_loss=50)
        cls.q4 = cls._incident(
            cls.a1, "2026-03-12 08:00:00", "quality", direct_loss=80, state="cancelled"
        )

    def _values(self, code):
        with freeze_time(NOW):
            values = self.compute(code, self.march)
        return {
            value.department_id or ("company" if value.subject_type == "company" else value): value
            for value in values
        }

    def _drill(self, value):
        return self.env[value.drill_model].search(value._drill_domain())

    def test_quality_accident_count(self):
        values = self._values("QUALITY_ACCIDENT_COUNT")
        self.assertEqual(values["company"].value, 3)
        self.assertEqual(values[self.w1].value, 2)  # I3, Q2
        self.assertEqual(values[self.t1].value, 2)
        self.assertEqual(values[self.w2].value, 1)  # Q1
        self.assertEqual(self._drill(values["company"]), self.i3 | self.q1 | self.q2)

    def test_team_major_quality_accident_count(self):
        values = self._values("TEAM_MAJOR_QUALITY_ACCIDENT_COUNT")
        self.assertEqual(values["company"].value, 2)
        self.assertEqual(values[self.t1].value, 1)  # Q2 (I3 is minor)
        self.assertEqual(self._drill(values[self.t1]), self.q2)

    def test_quality_accident_loss(self):
        # 700 + 2,300 + 100; area 1: 700 + 100; area 2: 2,300.
        values = self._values("QUALITY_ACCIDENT_LOSS")
        self.assertEqual(values["company"].value, 3100)
        self.assertEqual(values[self.w1].value, 800)
        self.assertEqual(values[self.w2].value, 2300)

    def test_quality_accident_handling_timeliness(self):
        # Q1 closed two days before its deadline, Q2 open past its deadline; I3 has no
        # deadline and is open: not counted yet.
        values = self._values("QUALITY_ACCIDENT_HANDLING_TIMELINESS")
        self.assertAlmostEqual(values["company"].value, 50.0)
        self.assertAlmostEqual(values[self.w2].value, 100.0)
        self.assertAlmostEqual(values[self.w1].value, 0.0)
        self.assertEqual(self._drill(values["company"]), self.q1 | self.q2)

    def test_safety_kpis_leave_quality_accidents_out(self):
        values = self._values("SAFETY_ACCIDENT_HANDLING_TIMELINESS")
        self.assertEqual(self._drill(values["company"]), self.i1 | self.i2)

    def test_query_count_is_flat(self):
        def grow():
            for index in range(6):
                workshop = self.env["hr.department"].create(
                    {"name": f"Workshop Q{index}", "company_id": self.plant.id}
                )
                area = self.env["mfg.safety.area"].create(
                    {
                        "name": f"Area Q{index}",
                        "company_id": self.plant.id,
                        "mfg_department_id": workshop.id,
                    }
                )
                self._incident(
                    area,
                    "2026-03-15 08:00:00",
                    "quality",
                    severity="major",
                    direct_loss=10,
                    handling_deadline=date(2026, 3, 20),
                )

        with freeze_time(NOW):
            self.assertQueriesFlat(CODES, self.march, grow)
