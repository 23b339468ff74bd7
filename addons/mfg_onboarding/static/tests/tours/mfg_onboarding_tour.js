import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// The administrator opens the onboarding assistant, fixes the late/early tolerance with its
// Apply button, checks again and opens the job mapping from its item.
registry.category("web_tour.tours").add("mfg_onboarding_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Production Management",
            trigger: ".o_app[data-menu-xmlid='mfg_kpi.menu_production_management_root']",
            run: "click",
        },
        {
            content: "Open the Configuration menu",
            trigger: ".o_menu_sections [data-menu-xmlid='mfg_kpi.menu_configuration']",
            run: "click",
        },
        {
            content: "Open the onboarding assistant",
            trigger: ".dropdown-item[data-menu-xmlid='mfg_onboarding.mfg_onboarding_menu']",
            run: "click",
        },
        {
            content: "The tolerance is still to do",
            trigger:
                ".o_mfg_onboarding_items .o_data_row:contains('Late arrival / early departure tolerance'):contains('To do')",
        },
        {
            content: "Apply the suggested tolerance",
            trigger:
                ".o_mfg_onboarding_items .o_data_row:contains('Late arrival / early departure tolerance') button.o_mfg_onboarding_apply",
            run: "click",
        },
        {
            content: "The tolerance is done",
            trigger:
                ".o_mfg_onboarding_items .o_data_row:contains('Late arrival / early departure tolerance'):contains('Done'):contains('5 minutes')",
        },
        {
            content: "Check everything again",
            trigger: "button.o_mfg_onboarding_refresh",
            run: "click",
        },
        {
            content: "Open the job mapping from its item",
            trigger:
                ".o_mfg_onboarding_items .o_data_row:contains('Positions mapped onto the seed organisation') button.o_mfg_onboarding_open",
            run: "click",
        },
        {
            content: "The mapping lists the seed positions",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:contains('Operator')",
        },
        {
            content: "Close the mapping",
            trigger: ".modal .modal-footer button:contains('Cancel')",
            run: "click",
        },
        {
            content: "Back on the checklist",
            trigger: ".o_mfg_onboarding_items .o_data_row:contains('Keepers on warehouses')",
        },
    ],
});
