from odoo import Command
from odoo.tests import Form, tagged
from odoo.tests.common import freeze_time

from .common import MrpKpiCase, dt


@tagged("post_install", "-at_install")
class TestEquipmentKpis(MrpKpiCase):
    """Work-centre time in March 2026 (minutes), calendars Mon–Fri 08:00–16:00 (UTC).

    | work order    | centre  | pieces | expected | working            | losses                       |
    |---------------|---------|--------|----------|--------------------|------------------------------|
    | W1 bike × 10  | WC-Cut  | 10     | 60       | op1 45 + op2 30    | setup 12 + 4, failure 20     |
    | W4 bike × 5   | WC-Cut  | 5      | 30       | op1 20             | setup 6                      |
    | W2 box × 30   | WC-Pack | 30     | 30       | op2 20 + slow 10   | process defect (quality) 5   |

    Two bikes of W1's order are scrapped. WC-Cut is off on Monday 16 March (overhaul): 21
    working days of 8 hours = 168 h; WC-Pack and WC-Free: 22 days = 176 h. A log of April and
    an estimated log are not counted.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ours = cls.wc_cut | cls.wc_pack | cls.wc_free
        cls.env["mrp.workcenter"].search([("id", "not in", ours.ids)]).action_archive()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Two shifts 8-16",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day}",
                            "dayofweek": str(day),
                            "hour_from": 8,
                            "hour_to": 16,
                            "day_period": "full_day",
                        }
                    )
                    for day in range(5)
                ],
            }
        )
        ours.write({"resource_calendar_id": cls.calendar.id})
        cls.env["resource.calendar.leaves"].create(
            {
                "name": "Overhaul",
                "calendar_id": cls.calendar.id,
                "resource_id": cls.wc_cut.resource_id.id,
                "date_from": dt(16, 0),
                "date_to": dt(17, 0),
            }
        )
        setup = cls.env.ref("mrp.block_reason2")
        failure = cls.env.ref("mrp.block_reason1")
        w1 = cls._create_mo(cls.bom_bike, 10, dt(10))
        cls.wo1 = w1.workorder_ids
        cls.logs = cls._log_time(cls.wo1, cls.user_op1, dt(2, 11), 12, loss=setup)
        cls.logs |= cls._log_time(cls.wo1, cls.user_op1, dt(2, 8), 45)
        cls.logs |= cls._log_time(cls.wo1, cls.user_op2, dt(2, 9), 30)
        cls.logs |= cls._log_time(cls.wo1, cls.user_op2, dt(2, 10), 4, loss=setup)
        cls.logs |= cls._log_time(cls.wo1, cls.user_op1, dt(3, 10), 20, loss=failure)
        cls._produce(w1, 10, dt(3, 14))
        with freeze_time(dt(3, 15)):
            scrap = Form(cls.env["stock.scrap"].with_context(default_production_id=w1.id))
            scrap.product_id = cls.bike
            scrap.scrap_qty = 2
            scrap.save().action_validate()

        w4 = cls._create_mo(cls.bom_bike, 5, dt(10))
        cls.wo4 = w4.workorder_ids
        cls.logs |= cls._log_time(cls.wo4, cls.user_op1, dt(4, 9), 6, loss=setup)
        cls.logs |= cls._log_time(cls.wo4, cls.user_op1, dt(4, 8), 20)
        cls._produce(w4, 5, dt(4, 12))

        w2 = cls._create_mo(cls.bom_box, 30, dt(12))
        cls.wo2 = w2.workorder_ids
        cls.logs |= cls._log_time(cls.wo2, cls.user_op2, dt(5, 8), 20)
        cls.logs |= cls._log_time(
            cls.wo2, cls.user_op2, dt(5, 9), 10, loss=cls.env.ref("mrp.block_reason4")
        )
        cls.logs |= cls._log_time(
            cls.wo2, cls.user_op2, dt(5, 10), 5, loss=cls.env.ref("mrp.block_reason5")
        )
        cls._produce(w2, 30, dt(5, 14))

        # Not counted: a log of April, an estimate.
        april = cls._create_mo(cls.bom_bike, 1, dt(3, month=4))
        cls._log_time(april.workorder_ids, cls.user_op1, dt(2, 8, month=4), 5, loss=setup)
        estimated = cls._log_time(cls.wo4, cls.user_op1, dt(6, 8), 50)
        estimated.mfg_estimated = True

    def test_availability(self):
        values = self._compute("EQUIPMENT_AVAILABILITY_RATE")
        # WC-Cut: 95 working of 95 + (12 + 4 + 20 + 6) = 137 minutes.
        cut = self._value(values, self.wc_cut)
        self.assertEqual((cut.numerator, cut.denominator), (95.0, 137.0))
        self.assertAlmostEqual(cut.value, 95 / 137 * 100, places=4)
        self.assertEqual(
            self._drilled(cut),
            self.logs.filtered(lambda log: log.workorder_id.workcenter_id == self.wc_cut),
        )
        # WC-Pack: no availability loss (the process defect is a quality loss).
        self.assertEqual(self._value(values, self.wc_pack).value, 100.0)
        company = self._value(values, self.company)
        self.assertAlmostEqual(company.value, 125 / 167 * 100, places=4)
        self.assertEqual(self._drilled(company), self.logs)
        self.assertAlmostEqual(self._value(values, self.workshop1).value, 95 / 137 * 100, places=4)
        self.assertAlmostEqual(self._value(values, self.team1).value, 95 / 137 * 100, places=4)
        self.assertEqual(self._value(values, self.workshop2).value, 100.0)
        self.assertFalse(self._value(values, self.wc_free))
        self.assertFalse(values.employee_id)

    def test_utilisation(self):
        values = self._compute("EQUIPMENT_UTILISATION_RATE")
        cut = self._value(values, self.wc_cut)
        self.assertEqual((cut.numerator, cut.denominator), (95.0, 168 * 60.0))
        pack = self._value(values, self.wc_pack)
        self.assertEqual((pack.numerator, pack.denominator), (30.0, 176 * 60.0))
        # An idle work centre is used 0% of its calendar.
        free = self._value(values, self.wc_free)
        self.assertEqual((free.value, free.denominator), (0.0, 176 * 60.0))
        company = self._value(values, self.company)
        self.assertAlmostEqual(company.value, 125 / ((168 + 176 + 176) * 60) * 100, places=6)

    def test_changeover(self):
        values = self._compute("CHANGEOVER_TIME")
        # WC-Cut: 12 + 4 minutes on W1, 6 on W4: 22 minutes over 2 changeovers.
        cut = self._value(values, self.wc_cut)
        self.assertAlmostEqual(cut.numerator, 22 / 60, places=6)
        self.assertEqual(cut.denominator, 2.0)
        self.assertAlmostEqual(cut.value, 11 / 60, places=6)
        self.assertAlmostEqual(self._value(values, self.company).value, 11 / 60, places=6)
        self.assertFalse(self._value(values, self.wc_pack))
        # A reason flagged as changeover counts too.
        failure = self.env.ref("mrp.block_reason1")
        failure.mfg_changeover = True
        values = self._compute("CHANGEOVER_TIME")
        self.assertAlmostEqual(self._value(values, self.wc_cut).value, 42 / 60 / 2, places=6)

    def test_oee(self):
        values = self._compute("OVERALL_EQUIPMENT_EFFECTIVENESS")
        # WC-Cut: availability 95/137 × performance min(1, 90/95) × quality 15/(15 + 2).
        cut = self._value(values, self.wc_cut)
        self.assertAlmostEqual(cut.value, 95 / 137 * 90 / 95 * 15 / 17 * 100, places=4)
        # WC-Pack: 30/30 × min(1, 30/30) × 30/30.
        self.assertAlmostEqual(self._value(values, self.wc_pack).value, 100.0, places=4)
        # Company: 125/167 × 120/125 × 45/47.
        company = self._value(values, self.company)
        self.assertAlmostEqual(company.value, 125 / 167 * 120 / 125 * 45 / 47 * 100, places=4)
        self.assertEqual(self._drilled(company), self.logs)
        self.assertAlmostEqual(self._value(values, self.workshop2).value, 100.0, places=4)


@tagged("post_install", "-at_install")
class TestScheduleAchievement(MrpKpiCase):
    """Work orders planned in March 2026 on a Mon–Fri 08:00–16:00 calendar (UTC).

    | work order    | centre  | planned             | actual                    |
    |---------------|---------|---------------------|---------------------------|
    | WA bike × 10  | WC-Cut  | Mar 9 08:00–09:00   | started 08:10, done 08:55 |
    | WB box × 30   | WC-Pack | Mar 10 08:00–08:30  | started 08:00, done 10:00 |
    | WC bike × 5   | WC-Cut  | Mar 11 08:00–08:30  | never started             |
    | WD box × 30   | WC-Pack | Apr 2 08:00–08:30   | not in March              |
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create({"name": "Plan 8-16", "tz": "UTC"})
        cls.calendar.attendance_ids = [Command.clear()] + [
            Command.create(
                {
                    "name": f"Day {day}",
                    "dayofweek": str(day),
                    "hour_from": 8,
                    "hour_to": 16,
                    "day_period": "full_day",
                }
            )
            for day in range(5)
        ]
        (cls.wc_cut | cls.wc_pack).resource_calendar_id = cls.calendar

        def planned(bom, qty, start):
            production = cls._create_mo(bom, qty, start)
            workorder = production.workorder_ids
            with freeze_time(dt(1, 9)):
                workorder.write({"date_start": start, "date_finished": start})
            return workorder

        cls.wa = planned(cls.bom_bike, 10, dt(9, 8))
        cls.wb = planned(cls.bom_box, 30, dt(10, 8))
        cls.wc = planned(cls.bom_bike, 5, dt(11, 8))
        cls.wd = planned(cls.bom_box, 30, dt(2, 8, month=4))
        cls.wa_finish = cls.wa.date_finished
        for workorder, start, finish in (
            (cls.wa, dt(9, 8), dt(9, 8)),
            (cls.wb, dt(10, 8), dt(10, 10)),
        ):
            with freeze_time(start.replace(minute=10) if workorder == cls.wa else start):
                workorder.button_start()
            with freeze_time(finish.replace(minute=55) if workorder == cls.wa else finish):
                workorder.button_finish()

    def test_planned_window_recorded(self):
        self.assertEqual(self.wa_finish, dt(9, 9))
        self.assertEqual(self.wa.mfg_planned_start, dt(9, 8))
        self.assertEqual(self.wa.mfg_planned_finish, dt(9, 9))
        self.assertEqual(self.wa.date_finished, dt(9, 8).replace(minute=55))
        self.assertEqual(self.wb.mfg_planned_finish, dt(10, 8).replace(minute=30))
        self.assertFalse(self.wc.mfg_planned_finish)
        self.assertEqual(self.wc.date_finished, dt(11, 8).replace(minute=30))

    def test_schedule_achievement(self):
        with freeze_time(dt(5, 12, month=4)):
            values = self._compute("SCHEDULE_ACHIEVEMENT_RATE")
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (1.0, 3.0))
        self.assertEqual(self._drilled(company), self.wa | self.wb | self.wc)
        self.assertEqual(self._value(values, self.wc_cut).value, 50.0)
        self.assertEqual(self._value(values, self.wc_pack).value, 0.0)
        self.assertEqual(self._value(values, self.workshop1).value, 50.0)
        self.assertEqual(self._value(values, self.team1).value, 50.0)
        self.assertEqual(self._value(values, self.workshop2).value, 0.0)
        # Before WC's planned finish, it is not due yet.
        with freeze_time(dt(11, 7)):
            values = self._compute("SCHEDULE_ACHIEVEMENT_RATE")
        company = self._value(values, self.company)
        self.assertEqual((company.numerator, company.denominator), (1.0, 2.0))


@tagged("post_install", "-at_install")
class TestRushOrderHandling(MrpKpiCase):
    """Rush orders of March 2026 per responsible: op1 has R1 on time (deadline Mar 10, done
    Mar 9) and R2 late (deadline Mar 12, done Mar 14); op2 has R3 on time and an ordinary
    order (not counted)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.r1 = cls._create_mo(cls.bom_box, 5, dt(10), priority="1", user_id=cls.user_op1)
        cls._produce(cls.r1, 5, dt(9))
        cls.r2 = cls._create_mo(cls.bom_box, 5, dt(12), priority="1", user_id=cls.user_op1)
        cls._produce(cls.r2, 5, dt(14))
        cls.r3 = cls._create_mo(cls.bom_box, 5, dt(15), priority="1", user_id=cls.user_op2)
        cls._produce(cls.r3, 5, dt(14))
        ordinary = cls._create_mo(cls.bom_box, 5, dt(15), user_id=cls.user_op2)
        cls._produce(ordinary, 5, dt(20))

    def test_rush_handling_per_responsible(self):
        with freeze_time(dt(5, 12, month=4)):
            values = self._compute("RUSH_ORDER_HANDLING_TIMELINESS")
        self.assertEqual(values.employee_id, self.op1 | self.op2)
        op1 = self._value(values, self.op1)
        self.assertEqual((op1.numerator, op1.denominator), (1.0, 2.0))
        self.assertEqual(self._drilled(op1), self.r1 | self.r2)
        self.assertEqual(self._value(values, self.op2).value, 100.0)
