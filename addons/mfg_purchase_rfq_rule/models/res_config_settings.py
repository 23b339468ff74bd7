# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mfg_rfq_rule_active = fields.Boolean(related="company_id.mfg_rfq_rule_active", readonly=False)
    mfg_rfq_min_suppliers = fields.Integer(
        related="company_id.mfg_rfq_min_suppliers", readonly=False
    )
    mfg_rfq_amount_threshold = fields.Monetary(
        related="company_id.mfg_rfq_amount_threshold",
        currency_field="company_currency_id",
        readonly=False,
    )

    @api.onchange("mfg_rfq_rule_active")
    def _onchange_mfg_rfq_rule_active(self):
        # Alternative RFQs are how the suppliers asked are recorded: show them.
        if self.mfg_rfq_rule_active:
            self.group_purchase_alternatives = True
