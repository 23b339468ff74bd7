# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import QualityTriggerCase


class QualityTriggerScenario(QualityTriggerCase):
    """March 2026 of the plant (inspection time limit 24 h).

    ===  =============================  ==========  =========  =========  ============  ======
    id   source                         kind        inspector  account.   created→done  result
    ===  =============================  ==========  =========  =========  ============  ======
    I1   R1 steel lot L1 (supplier 1)   incoming    1          -          2nd 9→15h     pass
    I2   R1 steel lot L2 (supplier 1)   incoming    1          -          2nd 9h→4th    fail
    I3   R1 bolts (supplier 1)          incoming    1          -          2nd 9→16h     pass
    I4   R2 bolts 30 of 50 (supp. 2)    incoming    1          -          5th 8→12h     pass
    I5   R2's backorder: 20 bolts       incoming    1          -          10th 8→9h     fail
    I6   D1 widgets to the customer     final       2          -          20th 10→11h   pass
    I7   MO1 (10 widgets) appearance    in_process  1          resp       12th 8→10h    pass
    I8   MO1 dimensions                 final       2          resp       12th 8→11h    fail
    I9   MO2 (5) appearance             in_process  1          resp2      13th 8→9h     pass
    I10  MO2 dimensions                 final       2          resp2      13th 8h→15th  pass
    I11  MO3 (4) appearance             in_process  1          resp       16th 8→9h     pass
    I12  MO3 dimensions                 final       2          resp       16th 8→9h     pass
    I13  MO4 (2) appearance             in_process  1          resp       30th 8→9h     fail
    I14  MO4 dimensions                 final       2          resp       30th 8→10h    fail
    I15  MO5 (3) appearance             in_process  1          resp2      25th 8h→never -
    I16  MO5 dimensions                 final       2          resp2      25th 8→9h     pass
    ===  =============================  ==========  =========  =========  ============  ======

    R3, a cancelled receipt, has no inspection.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        wh = cls.warehouse
        r1 = cls._picking(
            wh.in_type_id, cls.supplier_1, [(cls.steel, 10), (cls.bolt, 100)], "2026-03-01 10:00"
        )
        cls.r1 = cls._validate(r1, "2026-03-02 09:00", lots={cls.steel: [("L1", 6), ("L2", 4)]})
        r2 = cls._picking(wh.in_type_id, cls.supplier_2, [(cls.bolt, 50)], "2026-03-03 10:00")
        cls.r2 = cls._validate(r2, "2026-03-05 08:00", quantities={cls.bolt: 30})
        cls.r2_backorder = cls.r2.backorder_ids
        cls._validate(cls.r2_backorder, "2026-03-10 08:00")
        cls.r3 = cls._picking(wh.in_type_id, cls.supplier_2, [(cls.bolt, 10)], "2026-03-06 10:00")
        cls.r3.with_user(cls.user_stock).action_cancel()

        cls.mo1 = cls._produce(cls.widget, 10, cls.user_resp, "2026-03-12 08:00")
        cls.mo2 = cls._produce(cls.widget, 5, cls.user_resp2, "2026-03-13 08:00")
        cls.mo3 = cls._produce(cls.widget, 4, cls.user_resp, "2026-03-16 08:00")
        cls.mo5 = cls._produce(cls.widget, 3, cls.user_resp2, "2026-03-25 08:00")
        cls.mo4 = cls._produce(cls.widget, 2, cls.user_resp, "2026-03-30 08:00")
        d1 = cls._picking(wh.out_type_id, cls.customer, [(cls.widget, 6)], "2026-03-19 10:00")
        cls.d1 = cls._validate(d1, "2026-03-20 10:00")

        Inspection = cls.env["qc.inspection"]
        steel = Inspection.search(
            [("mfg_picking_id", "=", cls.r1.id), ("product_id", "=", cls.steel.id)]
        )
        cls.i1 = steel.filtered(lambda i: i.mfg_lot_id.name == "L1")
        cls.i2 = steel.filtered(lambda i: i.mfg_lot_id.name == "L2")
        cls.i3 = Inspection.search(
            [("mfg_picking_id", "=", cls.r1.id), ("product_id", "=", cls.bolt.id)]
        )
        cls.i4 = cls.r2.mfg_qc_inspection_ids
        cls.i5 = cls.r2_backorder.mfg_qc_inspection_ids
        cls.i6 = cls.d1.mfg_qc_inspection_ids

        def pair(production):
            inspections = production.mfg_qc_inspection_ids
            return (
                inspections.filtered(lambda i: i.test == cls.test_appearance),
                inspections.filtered(lambda i: i.test == cls.test_dimensions),
            )

        cls.i7, cls.i8 = pair(cls.mo1)
        cls.i9, cls.i10 = pair(cls.mo2)
        cls.i11, cls.i12 = pair(cls.mo3)
        cls.i13, cls.i14 = pair(cls.mo4)
        cls.i15, cls.i16 = pair(cls.mo5)

        for inspection, ok, when in (
            (cls.i1, True, "2026-03-02 15:00"),
            (cls.i2, False, "2026-03-04 10:00"),
            (cls.i3, True, "2026-03-02 16:00"),
            (cls.i4, True, "2026-03-05 12:00"),
            (cls.i5, False, "2026-03-10 09:00"),
            (cls.i6, True, "2026-03-20 11:00"),
            (cls.i7, True, "2026-03-12 10:00"),
            (cls.i8, False, "2026-03-12 11:00"),
            (cls.i9, True, "2026-03-13 09:00"),
            (cls.i10, True, "2026-03-15 09:00"),
            (cls.i11, True, "2026-03-16 09:00"),
            (cls.i12, True, "2026-03-16 09:00"),
            (cls.i13, False, "2026-03-30 09:00"),
            (cls.i14, False, "2026-03-30 10:00"),
            (cls.i16, True, "2026-03-25 09:00"),
        ):
            cls._inspect(inspection, ok, when)
