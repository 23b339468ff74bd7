# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.1.0: the core's subject levels end with a neutral "equipment"; "workcenter" is the
level mfg_kpi_mrp adds.

The library is ``noupdate`` data: the library KPIs stored at "workcenter" (none of them is
computed per work centre by mfg_kpi_mrp) move to "equipment"; so does every KPI at
"workcenter" when mfg_kpi_mrp is not installed (nothing provides that level then). With
mfg_kpi_mrp, its own KPIs and those a company created keep "workcenter".
"""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "SELECT 1 FROM ir_module_module WHERE name = 'mfg_kpi_mrp' "
        "AND state IN ('installed', 'to upgrade')"
    )
    only_library = SQL(
        """AND id IN (SELECT res_id FROM ir_model_data
                       WHERE module = 'mfg_kpi' AND model = 'mfg.kpi')"""
    )
    cr.execute(
        SQL(
            "UPDATE mfg_kpi SET subject_level = 'equipment' "
            "WHERE subject_level = 'workcenter' %s",
            only_library if cr.fetchone() else SQL(),
        )
    )
