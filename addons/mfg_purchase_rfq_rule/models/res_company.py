# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    mfg_rfq_rule_active = fields.Boolean(
        string="Require Competing Quotations",
        help="Purchase orders from the amount threshold up can only be confirmed once "
        "quotations were asked from the minimum number of suppliers (alternative RFQs), "
        "unless a purchase manager waives the rule with a reason.",
    )
    mfg_rfq_min_suppliers = fields.Integer(
        string="Minimum Suppliers Asked",
        default=3,
        help="Number of different suppliers (the order's vendor and the vendors of its "
        "alternative RFQs) that must have been asked for a quotation.",
    )
    mfg_rfq_amount_threshold = fields.Monetary(
        string="Quotation Rule Threshold",
        currency_field="currency_id",
        help="Orders whose total (in the company currency) reaches this amount follow the rule; "
        "0 applies it to every order.",
    )

    @api.constrains("mfg_rfq_min_suppliers", "mfg_rfq_amount_threshold")
    def _check_mfg_rfq_rule(self):
        for company in self:
            if company.mfg_rfq_min_suppliers < 1 or company.mfg_rfq_amount_threshold < 0:
                raise ValidationError(
                    self.env._(
                        "The quotation rule of %(company)s needs at least one supplier and a "
                        "threshold that is not negative.",
                        company=company.display_name,
                    )
                )
