# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    mfg_done_user_id = fields.Many2one(
        "res.users",
        string="Validated By",
        readonly=True,
        copy=False,
        help="User who validated the transfer; its movement errors count for this user.",
    )

    def _action_done(self):
        result = super()._action_done()
        self.filtered(
            lambda picking: picking.state == "done" and not picking.mfg_done_user_id
        ).write({"mfg_done_user_id": self.env.uid})
        return result
