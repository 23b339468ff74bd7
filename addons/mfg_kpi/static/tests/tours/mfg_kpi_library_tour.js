import { registry } from "@web/core/registry";

// A KPI user, in the Production Management app, browses the KPI library and opens one KPI.
// The tour starts on the app's "My KPIs" action: waiting for it before using the menus keeps
// the home action (or the app's own) from loading late and replacing the library.
registry.category("web_tour.tours").add("mfg_kpi_library_tour", {
    url: "/odoo/action-mfg_kpi.mfg_kpi_value_action_mine",
    steps: () => [
        {
            content: "The Production Management app is open",
            trigger: ".o_menu_brand:contains('Production Management')",
        },
        {
            content: "It shows My KPIs",
            trigger: ".o_breadcrumb:contains('My KPIs')",
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
            content: "The KPI library is open",
            trigger: ".o_breadcrumb:contains('KPI Library')",
        },
        {
            content: "Switch to the list",
            trigger: ".o_switch_view.o_list",
            run: "click",
        },
        {
            // The library holds more KPIs than a page shows: look the test KPI up.
            content: "Search the test KPI",
            trigger: ".o_searchview_input",
            run: "edit Tour KPI",
        },
        {
            content: "Apply the search",
            trigger: ".o_searchview_input",
            run: "press Enter",
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
