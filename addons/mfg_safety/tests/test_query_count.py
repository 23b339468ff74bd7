# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from . import scenario
from .common import NOW, SafetyCase

CODES = [
    "SAFETY_ACCIDENT_COUNT",
    "PRODUCTION_ACCIDENT_COUNT",
    "SAFETY_ACCIDENT_LOSS",
    "PRODUCTION_ACCIDENT_LOSS",
    "SAFETY_ACCIDENT_LOSS_RATE",
    "INJURY_RATE_PER_THOUSAND",
    "SAFETY_ACCIDENT_HANDLING_TIMELINESS",
    "ACCIDENT_REPORT_TIMELINESS",
    "SAFETY_INSPECTION_PLAN_RATE",
    "HAZARD_RECTIFICATION_RATE",
    "OPERATING_RULE_VIOLATION_COUNT",
]


@tagged("post_install", "-at_install")
class TestQueryCount(SafetyCase):
    """Each provider reads a period in a number of queries that does not grow with the data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        scenario.build(cls)

    def _add_data(self, count):
        """``count`` more workshops, each with an area, a person (user and employee), an
        injury, a safety accident, inspections, hazards and unsafe acts in March."""
        for index in range(count):
            workshop = self.env["hr.department"].create(
                {"name": f"Workshop {count}-{index}", "company_id": self.plant.id}
            )
            area = self.env["mfg.safety.area"].create(
                {
                    "name": f"Area {count}-{index}",
                    "company_id": self.plant.id,
                    "mfg_department_id": workshop.id,
                }
            )
            user = self.env["res.users"].create(
                {
                    "name": f"Inspector {count}-{index}",
                    "login": f"sft_inspector_{count}_{index}",
                    "company_id": self.plant.id,
                    "company_ids": [(6, 0, self.plant.ids)],
                }
            )
            employee = self._employee(f"Inspector {count}-{index}", user=user, department=workshop)
            self._incident(
                area,
                "2026-03-08 08:00:00",
                "injury",
                direct_loss=10,
                investigator_id=user.id,
                report_due=date(2026, 3, 15),
                handling_deadline=date(2026, 3, 31),
                date_report="2026-03-14 08:00:00",
                date_closed="2026-03-30 08:00:00",
                state="closed",
            )
            self._incident(area, "2026-03-09 08:00:00", "safety", direct_loss=20)
            self._inspection(area, date(2026, 3, 10), user, state="done")
            self._inspection(area, date(2026, 3, 17), user)
            self._hazard(area, "2026-03-11 08:00:00", "verified")
            self._hazard(area, "2026-03-12 08:00:00", "assigned")
            self._unsafe_act(employee, date(2026, 3, 13))

    def test_query_count_is_flat(self):
        self._add_data(2)
        with freeze_time(NOW):
            self.assertQueriesFlat(CODES, self.march, lambda: self._add_data(10))
