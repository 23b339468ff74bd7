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

// 2. The superior scores the lines and submits the rating.
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
            trigger: ".o_field_widget[name='rating_ids'] .o_data_row:eq(0) td[name='score']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='rating_ids'] .o_data_row:eq(0) .o_field_widget[name='score'] input",
            run: "edit 80",
        },
        {
            content: "Score the second line",
            trigger: ".o_field_widget[name='rating_ids'] .o_data_row:eq(1) td[name='score']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='rating_ids'] .o_data_row:eq(1) .o_field_widget[name='score'] input",
            run: "edit 90",
        },
        {
            content: "Submit the scores",
            trigger: "button[name='action_submit']",
            run: "click",
        },
        {
            content: "Scores are submitted",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Submitted')",
        },
        {
            content: "Open the appraisal",
            trigger: "button[name='action_open']",
            run: "click",
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
