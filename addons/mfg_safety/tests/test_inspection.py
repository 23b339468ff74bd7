# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SafetyCase


@tagged("post_install", "-at_install")
class TestInspection(SafetyCase):
    def _plan(self, **vals):
        return self.env["mfg.safety.inspection.plan"].create(
            {
                "name": "Walk",
                "company_id": self.plant.id,
                "area_id": self.a1.id,
                "inspector_id": self.worker.id,
                "frequency": "weekly",
                "date_start": date(2026, 3, 1),
                **vals,
            }
        )

    def test_generation_is_idempotent(self):
        plan = self._plan(date_end=date(2026, 3, 31))
        first = plan._generate_inspections(date(2026, 3, 1), date(2026, 4, 30))
        # Weeks starting from March 2nd (Monday) to March 30th: 5 (the week of March 1st
        # starts in February, before the plan).
        self.assertEqual(len(first), 5)
        self.assertEqual(first.mapped("mfg_department_id"), self.w1)
        self.assertFalse(plan._generate_inspections(date(2026, 3, 1), date(2026, 4, 30)))
        self.assertEqual(plan.inspection_count, 5)
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self._plan(date_end=date(2026, 2, 1))

    def test_inspector_carries_out(self):
        plan = self._plan()
        inspection = plan._generate_inspections(date(2026, 3, 2), date(2026, 3, 8))
        with self.assertRaisesRegex(UserError, "Only the inspector"):
            inspection.with_user(self.manager).action_start()
        inspection.with_user(self.worker).action_start()
        inspection.with_user(self.worker).note = "Two findings"
        with self.assertRaisesRegex(UserError, "inspector_id"):
            inspection.with_user(self.worker).write({"inspector_id": self.manager.id})
        inspection.with_user(self.worker).action_done()
        self.assertEqual(inspection.state, "done")
        self.assertTrue(inspection.date_done)
        with self.assertRaisesRegex(UserError, "already done"):
            inspection.with_user(self.worker).action_done()
        with self.assertRaisesRegex(UserError, "note"):
            inspection.with_user(self.officer).write({"note": "later"})

    def test_only_officers_plan(self):
        with self.assertRaisesRegex(UserError, "Only a safety officer"):
            self.env["mfg.safety.inspection"].with_user(self.manager).with_company(
                self.plant
            ).create(
                {
                    "area_id": self.a1.id,
                    "company_id": self.plant.id,
                    "inspector_id": self.manager.id,
                }
            )
        with self.assertRaisesRegex(ValidationError, "due before"):
            self._inspection(self.a1, date(2026, 3, 5), self.worker, date_planned=date(2026, 3, 9))
