# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import freeze_time

from .common import StockKpiCase


@tagged("post_install", "-at_install")
class TestOnTimeDelivery(StockKpiCase):
    """Customer deliveries of the Finished Goods Store committed in March 2026 (UTC).

    ====  ==============================  ===================  =========================
    ref   committed                       done                 counted (at April 5)
    ====  ==============================  ===================  =========================
    D1    scheduled Mar 10 09:00          Mar 10 18:00         on time (same day)
    D2    deadline Mar 12 (sched. Mar 11)  Mar 13 08:00         late
    D3    scheduled Mar 20                Mar 19               on time
    D4    scheduled Mar 25                open                 late (open after the day)
    D5    scheduled Apr 2                 open                 April
    D6    scheduled Mar 15                cancelled            no
    ====  ==============================  ===================  =========================

    A receipt of March is not a delivery.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.transfer(cls.wh2, cls.product_a, 100, "2026-02-20 10:00:00", cls.keeper2)
        cls.d1 = cls._delivery("2026-03-10 09:00:00", done="2026-03-10 18:00:00")
        cls.d2 = cls._delivery(
            "2026-03-11 09:00:00", deadline="2026-03-12 10:00:00", done="2026-03-13 08:00:00"
        )
        cls.d3 = cls._delivery("2026-03-20 09:00:00", done="2026-03-19 15:00:00")
        cls.d4 = cls._delivery("2026-03-25 09:00:00")
        cls._delivery("2026-04-02 09:00:00")
        cls._delivery("2026-03-15 09:00:00").action_cancel()
        cls.transfer(cls.wh2, cls.product_a, 5, "2026-03-16 10:00:00", cls.keeper2)

    @classmethod
    def _delivery(cls, scheduled, deadline=None, done=None):
        source = cls.wh2.lot_stock_id
        dest = cls.env.ref("stock.stock_location_customers")
        with freeze_time("2026-03-01 08:00:00"):
            picking = cls.env["stock.picking"].create(
                {
                    "picking_type_id": cls.wh2.out_type_id.id,
                    "partner_id": cls.customer.id,
                    "location_id": source.id,
                    "location_dest_id": dest.id,
                    "scheduled_date": scheduled,
                    "move_ids": [
                        Command.create(
                            {
                                "product_id": cls.product_a.id,
                                "product_uom_qty": 2,
                                "location_id": source.id,
                                "location_dest_id": dest.id,
                                "date_deadline": deadline,
                            }
                        )
                    ],
                }
            )
            picking.action_confirm()
            picking.action_assign()
        if done:
            with freeze_time(done):
                picking.move_ids.quantity = 2
                picking.move_ids.picked = True
                picking.with_user(cls.keeper2).button_validate()
        return picking

    def test_on_time_delivery(self):
        kpi = self.kpi("ON_TIME_DELIVERY_RATE")
        self.assertEqual(str(self.d2.date_deadline), "2026-03-12 10:00:00")
        self.assertEqual(str(self.d1.scheduled_date), "2026-03-10 09:00:00")
        values = self.compute(kpi)
        store = values[self.wh2]
        self.assertEqual((store.numerator, store.denominator), (2.0, 4.0))
        self.assertEqual(self.drilled(store), self.d1 | self.d2 | self.d3 | self.d4)
        self.assertIn(self.company, values)
        # On March 25 D4 is not due yet: its committed day has not passed.
        values = self.compute(kpi, at="2026-03-25 20:00:00")
        self.assertEqual((values[self.wh2].numerator, values[self.wh2].denominator), (2.0, 3.0))
