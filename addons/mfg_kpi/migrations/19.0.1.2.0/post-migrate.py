# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.2.0: computed values no longer store the ids of the records they counted.

The drill-down of a value computed from a tally runs its provider again and takes the ids of
the value's subject then (``mfg.kpi.value._drill_domain``); the stored id lists (up to tens of
megabytes per month) are dropped. Domains a provider gave as criteria stay.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """UPDATE mfg_kpi_value SET drill_domain = NULL
            WHERE drill_domain LIKE '%["id", "in", [%'"""
    )
