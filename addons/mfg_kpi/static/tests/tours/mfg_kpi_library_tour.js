import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// A KPI user opens the suite, browses the KPI library and opens one KPI.
registry.category("web_tour.tours").add("mfg_kpi_library_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Production Management app",
            trigger: ".o_app[data-menu-xmlid='mfg_kpi.menu_production_management_root']",
            run: "click",
        },
        {
            content: "Open the KPIs menu",
            trigger: ".o_menu_sections [data-menu-xmlid='mfg_kpi.menu_kpi']",
            run: "click",
        },
        {
            content: "Open the KPI library",
            trigger: ".dropdown-item[data-menu-xmlid='mfg_kpi.mfg_kpi_menu']",
            run: "click",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Open the test KPI",
            trigger: ".o_data_row td:contains('Tour KPI')",
            run: "click",
        },
        {
            content: "Its code is shown on the form",
            trigger: ".o_form_view .o_field_widget[name='code']:contains('TOUR_KPI')",
        },
    ],
});
