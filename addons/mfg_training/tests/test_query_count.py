# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from .common import KINDS, NOW, TrainingCase

CODES = [
    "WORKSHOP_TRAINING_PLAN_COMPLETION_RATE",
    "PROCESS_TRAINING_ON_TIME_RATE",
    "SKILL_TRAINING_PASS_RATE",
    "SAFETY_TRAINING_PLAN_RATE",
    "EQUIPMENT_TRAINING_PLAN_RATE",
    "SAFETY_TRAINING_COVERAGE",
    "NEW_EMPLOYEE_TRAINING_PLAN_RATE",
]


@tagged("post_install", "-at_install")
class TestQueryCount(TrainingCase):
    """Each provider reads a period in as many queries whatever the volume."""

    def _add_data(self, count):
        Employee = self.env["hr.employee"]
        for index in range(count):
            department = self.env["hr.department"].create(
                {"name": f"Workshop {count}-{index}", "company_id": self.company.id}
            )
            people = Employee.create(
                [
                    {"name": f"Trainee {count}-{index}-{n}", "department_id": department.id}
                    for n in range(2)
                ]
            )
            plan = self._plan(f"Plan {count}-{index}", department=department)
            for kind in KINDS:
                self._deliver(
                    self._session(kind, date(2026, 3, 10 + index % 10), people, plan=plan),
                    "2026-03-12",
                    {people[0]: ("passed", 80), people[1]: ("failed", 20)},
                )

    def test_query_count_is_flat(self):
        self._add_data(2)
        with freeze_time(NOW):
            self.assertQueriesFlat(CODES, self.march, lambda: self._add_data(6))
