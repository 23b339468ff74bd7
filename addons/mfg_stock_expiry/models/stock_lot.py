# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models

EXPIRY_ACTIVITY_TYPE = "mfg_stock_expiry.mail_activity_type_expiry_inspection"


class StockLot(models.Model):
    _inherit = "stock.lot"

    @api.model
    def _alert_date_exceeded(self):
        # Lots reaching their alert date get the inspection activity; the generic reminder of
        # product_expiry then finds them already reminded.
        self._mfg_schedule_expiry_inspections()
        return super()._alert_date_exceeded()

    @api.model
    def _cron_mfg_expiry_inspections(self):
        return self._mfg_schedule_expiry_inspections()

    @api.model
    def _mfg_schedule_expiry_inspections(self):
        """Schedule one near-expiry inspection per lot in internal stock whose alert date is
        within the company's lead time, for its inspector (``_mfg_expiry_inspector``).

        A lot is inspected once: it is flagged as reminded (as product_expiry does) and a lot
        with an open inspection is skipped. Returns the activities created.
        """
        activity_type = self.env.ref(EXPIRY_ACTIVITY_TYPE, raise_if_not_found=False)
        if not activity_type:
            return self.env["mail.activity"]
        now = fields.Datetime.now()
        longest = (
            self.env["res.company"]
            .sudo()
            .search(
                [("mfg_expiry_inspection_days", ">", 0)],
                order="mfg_expiry_inspection_days desc",
                limit=1,
            )
        )
        horizon = now + timedelta(days=longest.mfg_expiry_inspection_days)
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("lot_id.alert_date", "<=", horizon),
                    ("lot_id.product_expiry_reminded", "=", False),
                    ("quantity", ">", 0),
                    ("location_id.usage", "=", "internal"),
                ],
                order="lot_id, quantity desc, id",
            )
        )
        quant_by_lot = {}
        for quant in quants:
            lot = quant.lot_id
            lead = timedelta(days=quant.company_id.mfg_expiry_inspection_days)
            if lot not in quant_by_lot and lot.alert_date <= now + lead:
                quant_by_lot[lot] = quant
        lots = self.browse([lot.id for lot in quant_by_lot]).sudo()
        if not lots:
            return self.env["mail.activity"]
        open_ids = set(
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", "stock.lot"),
                    ("res_id", "in", lots.ids),
                    ("activity_type_id", "=", activity_type.id),
                ]
            )
            .mapped("res_id")
        )
        model_id = self.env["ir.model"]._get_id("stock.lot")
        today = fields.Date.context_today(self)
        values = []
        for lot, quant in quant_by_lot.items():
            if lot.id in open_ids:
                continue
            values.append(
                {
                    "res_model_id": model_id,
                    "res_id": lot.id,
                    "activity_type_id": activity_type.id,
                    "user_id": lot._mfg_expiry_inspector(quant).id,
                    "date_deadline": max(today, lot.alert_date.date()),
                    "summary": self.env._("Inspect near-expiry lot %(lot)s", lot=lot.name),
                    "note": self.env._(
                        "%(product)s, lot %(lot)s, expires on %(date)s: register it and have it "
                        "inspected (%(qty)s %(uom)s in %(location)s).",
                        product=lot.product_id.display_name,
                        lot=lot.name,
                        date=fields.Date.to_string(lot.expiration_date or lot.alert_date),
                        qty=quant.quantity,
                        uom=quant.product_uom_id.name,
                        location=quant.location_id.display_name,
                    ),
                }
            )
        lots.write({"product_expiry_reminded": True})
        return self.env["mail.activity"].sudo().create(values)

    def _mfg_expiry_inspector(self, quant):
        """Who inspects the lot held by ``quant``: the product's responsible, else the
        administrator. Modules that know who keeps a warehouse extend this."""
        self.ensure_one()
        company = quant.company_id or self.company_id
        responsible = self.product_id.with_company(company).responsible_id
        return responsible or self.env["res.users"].browse(SUPERUSER_ID)
