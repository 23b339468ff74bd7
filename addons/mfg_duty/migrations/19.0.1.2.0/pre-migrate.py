# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.2.0: checklist items of kind "report or document delivered" with a timeliness KPI.

Every existing template item is a check (the new ``kind`` column gets its default), so no
existing answer is a delivery: its new stored fields (timeliness KPI, due day, delivered on
time) are empty. The columns are created empty here, so the upgrade does not compute them
for every answer ever given."""

from odoo.tools.sql import column_exists, create_column


def migrate(cr, version):
    if not version:
        return
    for name, sql_type in (
        ("delivery_kpi_id", "int4"),
        ("due_date", "date"),
        ("delivered_on_time", "bool"),
    ):
        if not column_exists(cr, "mfg_duty_run_item", name):
            create_column(cr, "mfg_duty_run_item", name, sql_type)
