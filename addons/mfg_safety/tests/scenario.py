# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The March 2026 records the KPI tests compute from (hand-computed values in the tests)."""

from datetime import date


def build(case):
    """Create the scenario on ``case`` (a ``SafetyCase`` class)."""
    a1, a2 = case.a1, case.a2
    # Accidents ----------------------------------------------------------------------------
    case.i1 = case._incident(
        a1,
        "2026-03-05 09:00:00",
        "injury",
        injured_count=2,
        injury_days=10,
        direct_loss=1000,
        indirect_loss=500,
        investigator_id=case.officer.id,
        report_due=date(2026, 3, 12),
        handling_deadline=date(2026, 3, 31),
        date_report="2026-03-10 10:00:00",
        date_closed="2026-03-20 10:00:00",
        state="closed",
    )
    case.i2 = case._incident(
        a2,
        "2026-03-18 14:00:00",
        "safety",
        direct_loss=3000,
        investigator_id=case.manager.id,
        report_due=date(2026, 3, 25),
        handling_deadline=date(2026, 4, 10),
        date_report="2026-03-28 10:00:00",
        state="investigation",
    )
    case.i3 = case._incident(a1, "2026-03-20 08:00:00", "quality", direct_loss=700)
    case.i4 = case._incident(
        a1, "2026-03-22 08:00:00", "injury", direct_loss=9999, state="cancelled"
    )
    case.i5 = case._incident(
        a1,
        "2026-02-27 08:00:00",
        "injury",
        investigator_id=case.officer.id,
        report_due=date(2026, 3, 6),
        state="investigation",
    )
    case.i6 = case._incident(
        a2,
        "2026-03-30 08:00:00",
        "safety",
        direct_loss=200,
        investigator_id=case.officer.id,
        report_due=date(2026, 4, 6),
        handling_deadline=date(2026, 4, 29),
        state="investigation",
    )
    # Inspections --------------------------------------------------------------------------
    case.s1 = case._inspection(a1, date(2026, 3, 7), case.worker, state="done")
    case.s2 = case._inspection(a1, date(2026, 3, 14), case.worker)
    case.s3 = case._inspection(a2, date(2026, 3, 21), case.officer, state="done")
    case.s4 = case._inspection(a2, date(2026, 3, 22), case.officer, state="cancelled")
    case.s5 = case._inspection(a2, date(2026, 3, 31), case.officer)
    case.s6 = case._inspection(a2, date(2026, 4, 5), case.officer)
    case.s7 = case._inspection(a2, date(2026, 3, 25), case.officer, state="done")
    # Hazards ------------------------------------------------------------------------------
    case.h1 = case._hazard(a1, "2026-03-02 08:00:00", "verified")
    case.h2 = case._hazard(a1, "2026-03-10 08:00:00", "rectified")
    case.h3 = case._hazard(a1, "2026-03-15 08:00:00", "assigned")
    case.h4 = case._hazard(a2, "2026-03-20 08:00:00", "reported")
    case.h5 = case._hazard(a2, "2026-03-21 08:00:00", "cancelled")
    case.h6 = case._hazard(a2, "2026-04-02 08:00:00", "reported")
    # Unsafe acts --------------------------------------------------------------------------
    case.u1 = case._unsafe_act(case.emp_worker, date(2026, 3, 5))
    case.u2 = case._unsafe_act(case.emp_worker, date(2026, 3, 20), kind="ppe")
    case.u3 = case._unsafe_act(case.emp_other, date(2026, 3, 10))
    case.u4 = case._unsafe_act(case.emp_worker, date(2026, 4, 1))
    # The output value of March (manual KPI) -----------------------------------------------
    case.env["mfg.kpi.value"].create(
        {
            "kpi_id": case.env.ref("mfg_safety.kpi_safety_output_value").id,
            "period_id": case.march.id,
            "subject_type": "company",
            "value": 94000,
        }
    )
