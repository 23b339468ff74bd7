# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
{
    "name": "Production KPIs: Purchasing",
    "summary": "Buyer and supplier KPIs from purchase orders and receipts",
    "version": "19.0.1.2.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["mfg_kpi", "purchase_stock", "purchase_requisition"],
    "data": [
        "security/ir.model.access.csv",
        "security/mfg_kpi_purchase_rules.xml",
        "data/mfg_kpi_data.xml",
        "views/purchase_order_views.xml",
        "views/mfg_kpi_value_views.xml",
    ],
    "auto_install": True,
    "post_init_hook": "post_init_hook",
}
