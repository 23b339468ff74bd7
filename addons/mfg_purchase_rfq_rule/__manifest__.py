# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Purchase: Ask Several Suppliers",
    "summary": "Confirm large purchase orders only once enough suppliers were asked for a "
    "quotation, or with a purchase manager's waiver",
    "version": "19.0.1.0.0",
    "category": "Inventory/Purchase",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["purchase", "purchase_requisition"],
    "data": [
        "security/ir.model.access.csv",
        "wizard/mfg_rfq_waiver_wizard_views.xml",
        "views/purchase_order_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "installable": True,
    "application": False,
}
