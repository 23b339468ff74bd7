# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from .scenario import QualityScenario


@tagged("post_install", "-at_install")
class TestQualityKpis(QualityScenario):
    def assertValue(self, value, num, den):
        self.assertEqual((value.numerator, value.denominator), (num, den))
        self.assertAlmostEqual(value.value, 100.0 * num / den, places=4)

    def test_incoming_pass_rate(self):
        values = self._compute("INCOMING_INSPECTION_PASS_RATE")
        # I1-I5: passed I1, I3, I4 → 3 ÷ 5. Supplier 1: I1, I3 of I1-I3; supplier 2: I4 of I4, I5.
        self.assertEqual(set(values), {self.company, self.supplier_1, self.supplier_2})
        self.assertValue(values[self.company], 3, 5)
        self.assertValue(values[self.supplier_1], 2, 3)
        self.assertValue(values[self.supplier_2], 1, 2)
        self.assertEqual(self._drill(values[self.supplier_1]), self.i1 | self.i2 | self.i3)

    def test_in_process_pass_rate(self):
        values = self._compute("WIP_QUALITY_PASS_RATE")
        # Done in-process inspections: I7, I9, I11 passed, I13 failed (I15 still open).
        self.assertValue(values[self.company], 3, 4)
        self.assertValue(values[self.emp_resp], 2, 3)
        self.assertValue(values[self.dep_w1], 2, 3)
        self.assertValue(values[self.emp_resp2], 1, 1)
        self.assertEqual(self._drill(values[self.dep_w1]), self.i7 | self.i11 | self.i13)

    def test_final_pass_rate(self):
        values = self._compute("PRODUCT_QUALITY_PASS_RATE")
        # Final: I6, I10, I12, I16 passed; I8, I14 failed → 4 ÷ 6.
        self.assertValue(values[self.company], 4, 6)
        self.assertValue(values[self.emp_resp], 1, 3)
        self.assertValue(values[self.emp_resp2], 2, 2)

    def test_production_pass_rates(self):
        acceptance = self._compute("ACCEPTANCE_PASS_RATE")
        # Handed in by team leader 1: I7, I8, I11, I12, I13, I14 → 3 passed of 6; leader 2:
        # I9, I10, I16 → 3 of 3. Measured per employee only.
        self.assertEqual(set(acceptance), {self.emp_resp, self.emp_resp2})
        self.assertValue(acceptance[self.emp_resp], 3, 6)
        self.assertValue(acceptance[self.emp_resp2], 3, 3)
        sampling = self._compute("WORKSHOP_SAMPLING_PASS_RATE")
        self.assertValue(sampling[self.dep_w1], 3, 6)
        self.assertValue(sampling[self.company], 6, 9)
        # The team's sampling pass rate: the same inspections, per the accountable employee's
        # department (the team a team leader belongs to).
        team = self._compute("SAMPLING_PASS_RATE")
        self.assertValue(team[self.dep_w1], 3, 6)
        self.assertEqual(self._drill(team[self.dep_w1]), self._drill(sampling[self.dep_w1]))

    def test_batch_pass_rate(self):
        values = self._compute("BATCH_PASS_RATE")
        # Batches (manufacturing orders): MO1 (I8 failed) and MO4 fail; MO2, MO3 and MO5 (its
        # only inspection done, I16, passed) pass → 3 ÷ 5. Workshop 1: MO1, MO3, MO4 → 1 ÷ 3.
        self.assertValue(values[self.company], 3, 5)
        self.assertValue(values[self.dep_w1], 1, 3)
        self.assertValue(values[self.dep_w2], 2, 2)
        self.assertEqual(self._drill(values[self.dep_w2]), self.i9 | self.i10 | self.i16)

    def test_batch_is_the_lot(self):
        """Inspections of one lot form one batch, whatever the order that produced it."""
        gear = self.env["product.product"].create(
            {"name": "Gear", "is_storable": True, "tracking": "lot"}
        )
        self.env["mrp.bom"].create(
            {
                "product_tmpl_id": gear.product_tmpl_id.id,
                "product_qty": 1,
                "bom_line_ids": [Command.create({"product_id": self.paint.id, "product_qty": 1})],
            }
        )
        lot_1, lot_2 = self.env["stock.lot"].create(
            [{"name": name, "product_id": gear.id} for name in ("G1", "G2")]
        )
        # Two orders of team leader 2 produce lot G1, a third one lot G2.
        orders = [
            self._produce(gear, 2, self.user_resp2, "2026-03-26 08:00", lot_1),
            self._produce(gear, 3, self.user_resp2, "2026-03-26 09:00", lot_1),
            self._produce(gear, 1, self.user_resp2, "2026-03-26 10:00", lot_2),
        ]
        inspections = self.env["qc.inspection"].union(
            *(order.mfg_qc_inspection_ids for order in orders)
        )
        self.assertEqual(inspections.mfg_lot_id, lot_1 | lot_2)
        self.assertEqual(len(inspections), 3, "only the in-process trigger applies to gears")
        for inspection, ok in zip(inspections.sorted("id"), (True, False, True), strict=True):
            self._inspect(inspection, ok, "2026-03-26 12:00")
        values = self._compute("BATCH_PASS_RATE")
        # Workshop 2 before: MO2, MO5 (2 of 2); now also lot G1 (one of its inspections
        # failed) and lot G2 (passed): 3 of 4.
        self.assertValue(values[self.dep_w2], 3, 4)

    def test_nonconforming_handling(self):
        values = self._compute("NONCONFORMING_HANDLING_RATE")
        # Failed: I2, I5, I8, I13, I14; follow-up closed: I2, I8 → 2 ÷ 5.
        self.assertValue(values[self.company], 2, 5)
        self.assertValue(values[self.emp_insp1], 1, 3)
        self.assertValue(values[self.emp_insp2], 1, 2)
        self.assertValue(values[self.emp_resp], 1, 3)
        self.assertValue(values[self.dep_qc], 2, 5)

    def test_inspection_timeliness(self):
        values = self._compute("INSPECTION_TIMELY_COMPLETION_RATE")
        # Due in March (planned + 24 h): all 16. Late: I2 (49 h), I10 (49 h), I15 (never done).
        # Inspector 1: I1-I5, I7, I9, I11, I13, I15 → 8 of 10; inspector 2: 5 of 6.
        self.assertEqual(set(values), {self.emp_insp1, self.emp_insp2})
        self.assertValue(values[self.emp_insp1], 8, 10)
        self.assertValue(values[self.emp_insp2], 5, 6)
        department = self._compute("INSPECTION_ON_TIME_RATE")
        self.assertValue(department[self.dep_qc], 13, 16)
        self.assertValue(department[self.company], 13, 16)

    def test_timeliness_limit_and_open_inspections(self):
        self.company.mfg_qc_inspection_hours = 72
        values = self._compute("INSPECTION_TIMELY_COMPLETION_RATE")
        # 72 h: I2 and I10 are in time; I15 is still late; I13 and I14 (planned March 30) are
        # now due in April. Inspector 1: 8 of 9; inspector 2: 5 of 5.
        self.assertValue(values[self.emp_insp1], 8, 9)
        self.assertValue(values[self.emp_insp2], 5, 5)
        # On March 25 at 12:00 (24 h limit again) I15 is 4 hours old: left out.
        self.company.mfg_qc_inspection_hours = 24
        values = self._compute("INSPECTION_TIMELY_COMPLETION_RATE", now="2026-03-25 12:00:00")
        self.assertNotIn(self.i15, self._drill(values[self.emp_insp1]))

    def test_inspection_errors(self):
        rate = self._compute("INSPECTION_ERROR_RATE")
        # Done in March: inspector 1 nine (I1-I5, I7, I9, I11, I13), I3 found wrong: 1 ÷ 9;
        # inspector 2 six, none wrong.
        self.assertValue(rate[self.emp_insp1], 1, 9)
        self.assertEqual(rate[self.emp_insp2].value, 0.0)
        count = self._compute("INSPECTION_ERROR_COUNT")
        self.assertEqual(count[self.emp_insp1].value, 1)
        self.assertEqual(count[self.emp_insp2].value, 0)
        self.assertEqual(self._drill(count[self.emp_insp1]), self.i3)
        loss = self._compute("INSPECTION_ERROR_LOSS")
        self.assertEqual(loss[self.emp_insp1].value, 300)
        self.assertEqual(loss[self.emp_insp2].value, 0)

    def test_late_inspection_complaints(self):
        manager = self.user_qc_manager
        # I2 (inspector 1) was done 49 h after planning, I15 (inspector 1) is still open past
        # its deadline, I10 (inspector 2) was late too but its complaint came in April.
        for inspection, day in ((self.i2, "2026-03-20"), (self.i15, "2026-03-28")):
            inspection.with_user(manager).write(
                {"mfg_late_complaint": True, "mfg_late_complaint_date": day}
            )
        self.i10.with_user(manager).write(
            {"mfg_late_complaint": True, "mfg_late_complaint_date": "2026-04-02"}
        )
        values = self._compute("LATE_INSPECTION_COMPLAINT_COUNT")
        self.assertEqual(set(values), {self.emp_insp1})
        self.assertEqual(values[self.emp_insp1].value, 2)
        self.assertEqual(self._drill(values[self.emp_insp1]), self.i2 | self.i15)

    def test_complaints_stay_when_the_inspection_hours_change(self):
        self.i2.with_user(self.user_qc_manager).write(
            {"mfg_late_complaint": True, "mfg_late_complaint_date": "2026-03-20"}
        )
        # With 72 hours I2 would have been in time: the complaint made stays, the setting too.
        self.company.mfg_qc_inspection_hours = 72
        self.env.flush_all()
        self.assertTrue(self.i2.mfg_late_complaint)
        self.assertEqual(self.company.mfg_qc_inspection_hours, 72)

    def test_late_complaint_needs_a_late_inspection_and_a_manager(self):
        with self.assertRaises(ValidationError):
            self.i1.with_user(self.user_qc_manager).write(
                {"mfg_late_complaint": True, "mfg_late_complaint_date": "2026-03-20"}
            )
        with self.assertRaises(AccessError):
            self.i2.with_user(self.user_insp1).write(
                {"mfg_late_complaint": True, "mfg_late_complaint_date": "2026-03-20"}
            )
        self.assertFalse(self.i2.mfg_late_complaint)

    def test_quality_issue_count(self):
        values = self._compute("QUALITY_ISSUE_COUNT")
        # Failed inspections of team leader 1: I8, I13, I14; team leader 2: none.
        self.assertEqual(values[self.emp_resp].value, 3)
        self.assertEqual(values[self.emp_resp2].value, 0)
        self.assertEqual(self._drill(values[self.emp_resp]), self.i8 | self.i13 | self.i14)

    def test_no_inspection_no_value(self):
        may = self.env["mfg.kpi.period"]._get_or_create("month", date(2026, 5, 1), self.company)
        for code in (
            "WIP_QUALITY_PASS_RATE",
            "INSPECTION_TIMELY_COMPLETION_RATE",
            "BATCH_PASS_RATE",
        ):
            self.assertEqual(self._compute(code, may), {}, code)

    def test_other_company(self):
        march_2 = self.env["mfg.kpi.period"]._get_or_create(
            "month", date(2026, 3, 1), self.company_2
        )
        self.assertEqual(self._compute("PRODUCT_QUALITY_PASS_RATE", march_2), {})
