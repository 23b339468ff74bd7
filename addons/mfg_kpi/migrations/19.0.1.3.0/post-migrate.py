# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.3.0: KPIs declare how their values aggregate (``mfg.kpi.aggregation``).

The new column is derived from the unit when the module is updated; an amount per unit of
output is a ratio of sums (the library's data record is not updated, it is ``noupdate``).
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """UPDATE mfg_kpi SET aggregation = 'ratio'
            WHERE code = 'MAINTENANCE_COST_PER_OUTPUT' AND unit = 'amount'"""
    )
