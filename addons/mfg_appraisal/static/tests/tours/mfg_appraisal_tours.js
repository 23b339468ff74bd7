import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// 1. The employee writes the self-report and submits the self-assessment.
registry.category("web_tour.tours").add("mfg_appraisal_self_assessment_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open Production Management",
            trigger: ".o_app[data-menu-xmlid='mfg_kpi.menu_production_management_root']",
            run: "click",
        },
        {
            content: "Open the Appraisal menu",
            trigger: ".o_menu_sections [data-menu-xmlid='mfg_appraisal.menu_appraisal']",
            run: "click",
        },
        {
            content: "Open My Appraisals",
            trigger: ".dropdown-item[data-menu-xmlid='mfg_appraisal.mfg_appraisal_menu_mine']",
            run: "click",
        },
        {
            content: "Open my appraisal",
            trigger: ".o_kanban_record:contains('Tour Employee')",
            run: "click",
        },
        {
            content: "Open the self-report tab",
            trigger: ".o_notebook .nav-link:contains('Self-report')",
            run: "click",
        },
        {
            content: "Write the self-report",
            trigger: ".o_field_widget[name='self_report'] .odoo-editor-editable",
            run: "editor Kept all presses running and trained two new operators.",
        },
        {
            content: "Submit the self-assessment",
            trigger: "button[name='action_submit_self']",
            run: "click",
        },
        {
            content: "The appraisal is now being rated",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Rating')",
        },
    ],
});

// 2. The superior lands on the appraisal, scores the lines and submits the rating.
registry.category("web_tour.tours").add("mfg_appraisal_rating_tour", {
    url: "/odoo/action-mfg_appraisal.mfg_appraisal_rater_action_todo",
    steps: () => [
        {
            content: "Open the appraisal to rate",
            trigger: ".o_data_row td:contains('Tour Employee')",
            run: "click",
        },
        {
            content: "Score the first line",
            trigger: ".o_field_widget[name='my_rating_ids'] .o_data_row:eq(0) td[name='score_input']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='my_rating_ids'] .o_data_row:eq(0) .o_field_widget[name='score_input'] input",
            run: "edit 80",
        },
        {
            content: "Score the second line",
            trigger: ".o_field_widget[name='my_rating_ids'] .o_data_row:eq(1) td[name='score_input']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='my_rating_ids'] .o_data_row:eq(1) .o_field_widget[name='score_input'] input",
            run: "edit 90",
        },
        {
            content: "Submit the rating",
            trigger: "button[name='action_submit_rating']",
            run: "click",
        },
        {
            content: "The appraisal is in review",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Review')",
        },
    ],
});

// 3. HR approves the review tier and publishes the result.
registry.category("web_tour.tours").add("mfg_appraisal_approval_tour", {
    url: "/odoo/action-mfg_appraisal.mfg_appraisal_action",
    steps: () => [
        {
            content: "Open the appraisal in review",
            trigger: ".o_data_row td:contains('Tour Employee')",
            run: "click",
        },
        {
            content: "Validate the review tier",
            trigger: "button[name='validate_tier']",
            run: "click",
        },
        {
            content: "Publish the result",
            trigger: "button[name='action_publish']",
            run: "click",
        },
        {
            content: "The result is published",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Published')",
        },
    ],
});

// 4. The appraiser lands on the appraisal from "To Rate", enters 0 occurrences (a value, not
//    "no data"), scores the attitude item and submits the rating.
registry.category("web_tour.tours").add("mfg_appraisal_zero_occurrence_tour", {
    url: "/odoo/action-mfg_appraisal.mfg_appraisal_rater_action_todo",
    steps: () => [
        {
            content: "Open the appraisal to rate: the appraisal itself opens",
            trigger: ".o_data_row td:contains('Zero Employee')",
            run: "click",
        },
        {
            content: "The occurrence line has no data yet",
            trigger:
                ".o_field_widget[name='line_ids'] .o_data_row:contains('Procedure errors') td[name='score_status']:contains('No data')",
        },
        {
            content: "The rule is shown in full",
            trigger:
                ".o_field_widget[name='line_ids'] .o_data_row:contains('Procedure errors') td[name='rule_detail']:contains('each occurrence deducts 10')",
        },
        {
            content: "Edit the occurrences",
            trigger:
                ".o_field_widget[name='line_ids'] .o_data_row:contains('Procedure errors') td[name='occurrences_input']",
            run: "click",
        },
        {
            content: "No occurrence: 0",
            trigger:
                ".o_field_widget[name='line_ids'] .o_data_row.o_selected_row .o_field_widget[name='occurrences_input'] input",
            run: "edit 0",
        },
        {
            content: "Score my attitude item",
            trigger: ".o_field_widget[name='my_rating_ids'] .o_data_row:eq(0) td[name='score_input']",
            run: "click",
        },
        {
            content: "80 points",
            trigger:
                ".o_field_widget[name='my_rating_ids'] .o_data_row:eq(0) .o_field_widget[name='score_input'] input",
            run: "edit 80",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "0 occurrences score 100",
            trigger:
                ".o_field_widget[name='line_ids'] .o_data_row:contains('Procedure errors') td[name='score']:contains('100.00')",
        },
        {
            content: "Submit the rating",
            trigger: "button[name='action_submit_rating']",
            run: "click",
        },
        {
            content: "The appraisal is in review",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Review')",
        },
    ],
});

// 5. HR selects the reviewed appraisals in the (ungrouped) list and publishes them at once.
registry.category("web_tour.tours").add("mfg_appraisal_bulk_publish_tour", {
    url: "/odoo/action-mfg_appraisal.mfg_appraisal_action",
    steps: () => [
        {
            content: "Search the tour cycle",
            trigger: ".o_searchview_input",
            run: "edit Bulk cycle",
        },
        {
            content: "Filter on the cycle",
            trigger: ".o_searchview_autocomplete .o-dropdown-item:contains('Search Cycle')",
            run: "click",
        },
        {
            content: "The filter is applied",
            trigger: ".o_searchview_facet:contains('Bulk cycle')",
        },
        {
            // Only the cycle's rows (not the list shown before the filter, which a selection
            // made too early would be lost with), and not grouped.
            content: "The list is not grouped: both appraisals are rows",
            trigger:
                ".o_list_renderer:not(:has(.o_group_header)):not(:has(.o_data_row:not(:contains('Bulk cycle')))) .o_data_row:contains('Bulk Two')",
        },
        {
            content: "Select the first reviewed appraisal",
            trigger: ".o_data_row:contains('Bulk One') .o_list_record_selector input:not(:checked)",
            run: "click",
        },
        {
            content: "The first is selected",
            trigger: ".o_data_row:contains('Bulk One') .o_list_record_selector input:checked",
        },
        {
            content: "Select the second reviewed appraisal",
            trigger: ".o_data_row:contains('Bulk Two') .o_list_record_selector input:not(:checked)",
            run: "click",
        },
        {
            content: "The second is selected",
            trigger: ".o_data_row:contains('Bulk Two') .o_list_record_selector input:checked",
        },
        {
            content: "Still both: the first was not lost to a reload",
            trigger: ".o_data_row:contains('Bulk One') .o_list_record_selector input:checked",
        },
        {
            content: "Publish the selection",
            trigger: ".o_selection_container button[name='action_publish']",
            run: "click",
        },
        {
            content: "Both are published",
            trigger:
                ".o_data_row:contains('Bulk One') td[name='state']:contains('Published')",
        },
        {
            trigger: ".o_data_row:contains('Bulk Two') td[name='state']:contains('Published')",
        },
    ],
});
