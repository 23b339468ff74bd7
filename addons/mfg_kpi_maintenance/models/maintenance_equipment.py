# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    mfg_admin_user_id = fields.Many2one(
        "res.users",
        string="Equipment Administrator",
        tracking=True,
        index="btree_not_null",
        domain=[("share", "=", False)],
        help="Equipment administrator (设备管理员) accountable for this equipment: its KPIs count "
        "for them, next to the technician's.",
    )
