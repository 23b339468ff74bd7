# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import fields, models
from odoo.tools import SQL, float_compare

# Changing one of these on a confirmed order is a correction of the order (an order error).
CORRECTED_FIELDS = ("product_id", "product_qty", "product_uom_id", "price_unit", "discount")


class PurchaseOrderLine(models.Model):
    _inherit = "purchase.order.line"

    mfg_correction_count = fields.Integer(
        string="Corrections",
        readonly=True,
        copy=False,
        help="How many times the product, quantity, unit or price of the line was changed after "
        "the order was confirmed.",
    )
    mfg_correction_date = fields.Datetime(
        string="Last Correction", readonly=True, copy=False, index="btree_not_null"
    )

    def write(self, vals):
        corrected = self.browse()
        if any(name in vals for name in CORRECTED_FIELDS):
            corrected = self.filtered(
                lambda line: line.order_id.state == "purchase"
                and not line.display_type
                and line._mfg_is_changed_by(vals)
            )
        result = super().write(vals)
        if corrected:
            corrected._mfg_record_correction()
        return result

    def _mfg_is_changed_by(self, vals):
        """Whether ``vals`` really changes one of the corrected fields of the line."""
        self.ensure_one()
        for name in CORRECTED_FIELDS:
            if name not in vals:
                continue
            field = self._fields[name]
            new = vals[name]
            if field.type == "many2one":
                new_id = new.id if isinstance(new, models.BaseModel) else (new or False)
                if self[name].id != new_id:
                    return True
                continue
            digits = field.get_digits(self.env)
            precision = digits[1] if digits else 6
            if float_compare(self[name], new or 0.0, precision_digits=precision):
                return True
        return False

    def _mfg_record_correction(self):
        self.env.cr.execute(
            SQL(
                """UPDATE purchase_order_line
                      SET mfg_correction_count = COALESCE(mfg_correction_count, 0) + 1,
                          mfg_correction_date = %s
                    WHERE id IN %s""",
                fields.Datetime.now(),
                tuple(self.ids),
            )
        )
        self.invalidate_recordset(["mfg_correction_count", "mfg_correction_date"])
