import { registry } from "@web/core/registry";

// The production manager opens the cockpit (spreadsheet dashboard), then the company KPIs by
// month: a rate reads as the ratio of its totals per month and over the months, and a cell
// drills down to the values behind it. The test sets the numbers (see test_cockpit_tour).
registry.category("web_tour.tours").add("mfg_dashboard_cockpit_tour", {
    url: "/odoo/action-mfg_dashboard.mfg_dashboard_action_cockpit",
    steps: () => [
        {
            content: "The Production Cockpit is the dashboard shown",
            trigger: ".o_search_panel_category_value.active:contains('Production Cockpit')",
        },
        {
            content: "Its spreadsheet loaded without error",
            trigger:
                ".o_spreadsheet_dashboard_action:not(:has(.dashboard-loading-status)) .o-spreadsheet .o-grid",
        },
        {
            content: "Open the suite's Dashboards menu",
            trigger: ".o_menu_sections [data-menu-xmlid='mfg_dashboard.mfg_dashboard_menu']",
            run: "click",
        },
        {
            content: "Open the company KPIs by month",
            trigger: ".dropdown-item[data-menu-xmlid='mfg_dashboard.mfg_dashboard_menu_kpi_trend']",
            run: "click",
        },
        {
            content: "The pivot is open",
            trigger: ".o_pivot",
        },
        {
            content: "Search the test KPI",
            trigger: ".o_searchview_input",
            run: "edit Tour intact",
        },
        {
            content: "Apply the search",
            trigger: ".o_searchview_input",
            run: "press Enter",
        },
        {
            content: "The KPI's row is named with its unit",
            trigger: ".o_pivot th:contains('Tour intact rate (%)')",
        },
        {
            content: "First month: 724 / 736",
            trigger: ".o_pivot tr:has(th:contains('Tour intact rate')) td:contains('98.37')",
        },
        {
            content: "Second month: 362 / 370",
            trigger: ".o_pivot tr:has(th:contains('Tour intact rate')) td:contains('97.84')",
        },
        {
            content: "Both months: 1086 / 1106, the ratio of the totals (not 196.21, nor 98.10)",
            trigger: ".o_pivot tr:has(th:contains('Tour intact rate')) td:contains('98.19')",
            run: "click",
        },
        {
            content: "Drill-down: the two company values behind the total",
            trigger: ".o_list_view .o_data_row:nth-child(2)",
        },
        {
            content: "No third value (employee values are not counted twice)",
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(3)))",
        },
    ],
});
