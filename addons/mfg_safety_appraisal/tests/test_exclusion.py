# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.addons.mfg_appraisal.tests.common import AppraisalCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestUnsafeActExclusion(AppraisalCase):
    def test_unsafe_act_in_the_cycle_excludes(self):
        cycle = self._cycle(date_start=date(2025, 1, 1), date_end=date(2025, 3, 31))
        Employee = self.env["hr.employee"]
        careless = Employee.create({"name": "Careless operator"})
        careful = Employee.create({"name": "Careful operator"})
        late = Employee.create({"name": "Unsafe after the cycle"})
        Act = self.env["mfg.safety.unsafe.act"]
        Act.create(
            [
                {"employee_id": careless.id, "date": date(2025, 2, 3), "description": "No gloves"},
                {"employee_id": careless.id, "date": date(2025, 3, 9), "description": "Bypass"},
                {"employee_id": late.id, "date": date(2025, 4, 1), "description": "Bypass"},
            ]
        )
        found = self.env["mfg.appraisal.exclusion"]._from_kpis(cycle, careless | careful | late)
        self.assertEqual(set(found.get("unsafe", {})), {careless.id})
        self.assertIn("2 unsafe act(s)", found["unsafe"][careless.id])
        self.assertIn("2025-03-09", found["unsafe"][careless.id])

        excluded = self.env["mfg.appraisal.exclusion"]._exclude(cycle, careless | careful | late)
        self.assertIn(careless, excluded)
        exclusion = cycle.exclusion_ids.filtered(lambda e: e.employee_id == careless)
        self.assertEqual(exclusion.reason, "unsafe")
        self.assertEqual(exclusion.source, "computed")
        self.assertFalse(cycle.exclusion_ids.filtered(lambda e: e.employee_id == careful))
