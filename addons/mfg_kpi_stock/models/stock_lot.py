# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import models


class StockLot(models.Model):
    _inherit = "stock.lot"

    def _mfg_expiry_inspector(self, quant):
        # The keepers answer for their warehouse's near-expiry lots (仓库管理员: 近保质期的物资必须
        # 立即登记报验): the first keeper with a user, else the product's responsible.
        keepers = quant.location_id.warehouse_id.mfg_keeper_ids.filtered("user_id").sorted("name")
        if keepers:
            return keepers[0].user_id
        return super()._mfg_expiry_inspector(quant)
