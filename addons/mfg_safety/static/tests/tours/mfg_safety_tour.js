import { registry } from "@web/core/registry";

// The safety officer plans an inspection, records a hazard from it, assigns, rectifies and
// verifies the rectification, then records a work injury with its loss and sees the safety KPIs
// of the month move.
registry.category("web_tour.tours").add("mfg_safety_officer_tour", {
    steps: () => [
        {
            content: "Name the inspection plan",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tour weekly walk",
        },
        {
            content: "Choose the area",
            trigger: ".o_field_widget[name='area_id'] input",
            run: "edit Tour press",
        },
        {
            content: "Pick the area",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour press line')",
            run: "click",
        },
        {
            content: "Plan the inspections",
            trigger: "button[name='action_generate']",
            run: "click",
        },
        {
            content: "Open the first inspection",
            trigger: ".o_list_view .o_data_row:first .o_data_cell[name='name']",
            run: "click",
        },
        {
            content: "Start it",
            trigger: ".o_form_view button[name='action_start']",
            run: "click",
        },
        {
            content: "It is in progress",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('In Progress')",
        },
        {
            content: "Record a hazard found",
            trigger: ".o_form_view button[name='action_new_hazard']",
            run: "click",
        },
        {
            content: "The hazard form is open",
            trigger: ".o_form_view .o_field_widget[name='responsible_id'] input",
        },
        {
            content: "Describe the hazard",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Tour missing guard",
        },
        {
            content: "Choose who rectifies it",
            trigger: ".o_field_widget[name='responsible_id'] input",
            run: "edit Tour Safety",
        },
        {
            content: "Pick the person responsible",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Safety Officer')",
            run: "click",
        },
        {
            content: "Set the rectification deadline",
            trigger: ".o_field_widget[name='date_deadline'] input",
            run: "edit 12/31/2030 && click body",
        },
        {
            content: "Assign the rectification",
            trigger: ".o_form_view button[name='action_assign']",
            run: "click",
        },
        {
            content: "It is assigned",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Assigned')",
        },
        {
            content: "Open the rectification tab",
            trigger: ".o_notebook .nav-link:contains('Rectification')",
            run: "click",
        },
        {
            content: "Describe the rectification",
            trigger: ".o_field_widget[name='rectification'] textarea",
            run: "edit Guard refitted and tested",
        },
        {
            content: "Report it rectified",
            trigger: ".o_form_view button[name='action_rectify']",
            run: "click",
        },
        {
            content: "It is rectified",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Rectified')",
        },
        {
            content: "Verify the rectification",
            trigger: ".o_form_view button[name='action_verify']",
            run: "click",
        },
        {
            content: "It is verified",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Verified')",
        },
        {
            content: "Open the Safety menu",
            trigger: ".o_menu_sections [data-menu-xmlid='mfg_safety.menu_safety_root']",
            run: "click",
        },
        {
            content: "Open the accidents",
            trigger: ".dropdown-item[data-menu-xmlid='mfg_safety.mfg_safety_incident_menu']",
            run: "click",
        },
        {
            content: "Record an accident",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "The accident form is open",
            trigger: ".o_form_view .o_field_widget[name='injured_count'] input",
        },
        {
            content: "Describe it",
            trigger: ".o_form_view .o_field_widget[name='name'] input",
            run: "edit Tour cut hand",
        },
        {
            content: "One person injured",
            trigger: ".o_field_widget[name='injured_count'] input",
            run: "edit 1",
        },
        {
            content: "Its direct loss",
            trigger: ".o_field_widget[name='direct_loss'] input",
            run: "edit 1500",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "It is saved with its reference",
            trigger: ".o_form_view .o_field_widget[name='ref']:contains('AC')",
        },
        {
            content: "Open the Safety menu again",
            trigger: ".o_menu_sections [data-menu-xmlid='mfg_safety.menu_safety_root']",
            run: "click",
        },
        {
            content: "Open the safety KPIs, computed now",
            trigger: ".dropdown-item[data-menu-xmlid='mfg_safety.mfg_safety_kpi_menu']",
            run: "click",
        },
        {
            content: "The accident counts this month",
            trigger:
                ".o_list_view .o_data_row:has(.o_data_cell[name='kpi_id']:contains('Number of safety accidents')) .o_data_cell[name='value']:contains('1.00')",
        },
        {
            content: "Its loss counts too",
            trigger:
                ".o_list_view .o_data_row:has(.o_data_cell[name='kpi_id']:contains('Economic loss from production safety accidents')) .o_data_cell[name='value']:contains('1,500.00')",
        },
    ],
});
