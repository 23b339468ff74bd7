# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import MaintenanceKpiCase


@tagged("post_install", "-at_install")
class TestLedgerAndInspectionTools(MaintenanceKpiCase):
    """March 2026. Categories: Presses, Gauges (inspection tools).

    ======  ========  =====  ======  ========  ===========  ===========================
    machine category  model  serial  vendor    inspected    breakdowns
    ======  ========  =====  ======  ========  ===========  ===========================
    M1      Presses   yes    yes     yes       Feb 10 2026  -
    M2      Gauges    yes    yes     yes       no           Mar 5 08:00 – Mar 6 14:00
    M3      Gauges    yes    no      yes       Mar 20 2026  -
    M4      -         -      -       -         no           - (scrapped on the 10th)
    ======  ========  =====  ======  ========  ===========  ===========================
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Category = cls.env["maintenance.equipment.category"]
        cls.presses = Category.create({"name": "Presses"})
        cls.gauges = Category.create({"name": "Gauges", "mfg_inspection_tool": True})
        vendor = cls.env["res.partner"].create({"name": "Gauge Works"})
        ledger = {"model": "X-1", "partner_id": vendor.id}
        cls.m1.write({**ledger, "category_id": cls.presses.id, "serial_no": "S-1"})
        cls.m2.write({**ledger, "category_id": cls.gauges.id, "serial_no": "S-2"})
        cls.m3.write({**ledger, "category_id": cls.gauges.id})
        for machine, day in ((cls.m1, "2026-02-10"), (cls.m3, "2026-03-20")):
            request = cls._request(machine, f"{day} 08:00", maintenance_type="preventive")
            cls._move(request, cls.stage_done, f"{day} 12:00")
        cls._breakdown(cls.m2, "2026-03-05 08:00", "2026-03-06 14:00")

    def test_ledger_accuracy(self):
        values = self._compute("EQUIPMENT_LEDGER_ACCURACY")
        # Only M1 is complete: T1 has M1 and M2, T2 M3 and M4, O1 M1, M2 and M3.
        expected = {self.emp_t1: (1, 2), self.emp_t2: (0, 2), self.emp_o1: (1, 3)}
        self.assertEqual(set(values), set(expected))
        for subject, (num, den) in expected.items():
            self.assertEqual((values[subject].numerator, values[subject].denominator), (num, den))
        self.assertEqual(self._drill(values[self.emp_t2]), self.m3 | self.m4)
        # Filling M3's serial number completes its entry.
        self.m3.serial_no = "S-3"
        values = self._compute("EQUIPMENT_LEDGER_ACCURACY")
        self.assertEqual(values[self.emp_t2].value, 50.0)

    def test_inspection_tool_intact_rate(self):
        values = self._compute("INSPECTION_TOOL_INTACT_RATE")
        # Gauges only: M2 31 days less 2 down (5th, 6th); M3 21 days in service.
        expected = {self.emp_t1: (29, 31), self.emp_t2: (21, 21), self.emp_o1: (50, 52)}
        self.assertEqual(set(values), set(expected))
        for subject, (num, den) in expected.items():
            self.assertEqual((values[subject].numerator, values[subject].denominator), (num, den))
        self.assertEqual(self._drill(values[self.emp_o1]), self.m2 | self.m3)
