# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Production Shop Floor Kiosk",
    "summary": "A workshop kiosk for operators without a desk account: badge or PIN, "
    "today's duty checklist, problems with a photo",
    "version": "19.0.1.0.0",
    "category": "Manufacturing/Production Management",
    "website": "https://github.com/mfg-suite/production-management",
    "author": "Production Management Suite contributors",
    "maintainers": ["mfg-suite"],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "application": False,
    "installable": True,
    "depends": [
        "mfg_duty",
        "mfg_duty_maintenance",
        "mfg_kpi",
        "mfg_appraisal",
        "hr",
        "web_tour",
    ],
    "data": [
        "security/ir.model.access.csv",
        "views/hr_department_views.xml",
        "views/mfg_shopfloor_attempt_views.xml",
        "views/mfg_shopfloor_session_views.xml",
        "views/mfg_shopfloor_templates.xml",
        "views/res_config_settings_views.xml",
    ],
    "assets": {
        "mfg_shopfloor.assets_kiosk": [
            ("include", "web._assets_helpers"),
            ("include", "web._assets_primary_variables"),
            ("include", "web._assets_frontend_helpers"),
            "web/static/src/scss/pre_variables.scss",
            "web/static/lib/bootstrap/scss/_variables.scss",
            "web/static/lib/bootstrap/scss/_variables-dark.scss",
            "web/static/lib/bootstrap/scss/_maps.scss",
            ("include", "web._assets_bootstrap_frontend"),
            "web/static/src/libs/fontawesome/css/font-awesome.css",
            ("include", "web._assets_core"),
            # The tour service, as on the website, so that browser tours run on the kiosk.
            "web_tour/static/src/js/tour_pointer/**/*",
            "web_tour/static/src/js/utils/**/*",
            "web_tour/static/src/js/tour_state.js",
            "web_tour/static/src/js/tour_service.js",
            "web_tour/static/src/js/tour_recorder/tour_recorder_state.js",
            "web_tour/static/src/tour_utils.js",
            "web_tour/static/src/js/onboarding_item.xml",
            "mfg_shopfloor/static/src/kiosk/**/*",
        ],
        "web.assets_tests": [
            "mfg_shopfloor/static/tests/tours/**/*",
        ],
    },
}
