# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockWarehouse(models.Model):
    """Warehouses are owned by a department and optionally one of its teams
    (``mfg.owned.mixin`` of ``mfg_org``), whose warehouse KPIs include them."""

    _name = "stock.warehouse"
    _inherit = ["stock.warehouse", "mfg.owned.mixin"]

    mfg_department_id = fields.Many2one(
        string="Warehouse Department",
        help="Department whose warehouse KPIs (count accuracy, stock loss) include this "
        "warehouse.",
    )
    mfg_team_id = fields.Many2one(
        help="Team (department below the warehouse department) answerable for this warehouse."
    )
    mfg_keeper_ids = fields.Many2many(
        "hr.employee",
        "mfg_stock_warehouse_keeper_rel",
        "warehouse_id",
        "employee_id",
        string="Warehouse Keepers",
        check_company=True,
        help="Employees answerable for the stock of this warehouse: they share its loss and "
        "safety-stock KPIs and receive its near-expiry inspections.",
    )
