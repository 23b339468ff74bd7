import { registry } from "@web/core/registry";

// A training officer plans a session in a training plan, runs it, registers attendance and
// the exam result, completes it, and opens the training KPIs of the plan.
registry.category("web_tour.tours").add("mfg_training_officer_tour", {
    url: "/odoo/action-mfg_training.mfg_training_plan_action",
    steps: () => [
        {
            content: "The training plans are listed",
            trigger: ".o_breadcrumb:contains('Training Plans')",
        },
        {
            content: "Open the tour plan",
            trigger: ".o_data_row td:contains('Tour plan')",
            run: "click",
        },
        {
            content: "Open its sessions",
            trigger: ".o_form_view button[name='action_view_sessions']",
            run: "click",
        },
        {
            content: "Plan a new session",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            content: "Name the session",
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Tour session",
        },
        {
            content: "Choose the course",
            trigger: ".o_field_widget[name='course_id'] input",
            run: "edit Tour press",
        },
        {
            content: "Pick the course",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour press safety')",
            run: "click",
        },
        {
            content: "The plan is filled in from the plan's sessions",
            trigger: ".o_field_widget[name='mfg_plan_id'] input:value(Tour plan)",
        },
        {
            content: "Add an attendee",
            trigger: ".o_field_widget[name='attendant_ids'] input",
            run: "edit Tour Trainee",
        },
        {
            content: "Pick the attendee",
            trigger: ".o-autocomplete--dropdown-item:contains('Tour Trainee')",
            run: "click",
        },
        {
            content: "Save the session",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The session is saved",
            trigger: ".o_breadcrumb:contains('Tour session')",
        },
        {
            content: "Open the enrolment",
            trigger: ".o_form_view button[name='draft2waiting']",
            run: "click",
        },
        {
            content: "The enrolment is open",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Waiting attendees')",
        },
        {
            content: "Start the session",
            trigger: ".o_form_view button[name='waiting2inprogress']",
            run: "click",
        },
        {
            content: "Open the attendance and results",
            trigger: ".o_notebook .nav-link:contains('Attendance and Results')",
            run: "click",
        },
        {
            content: "Select the attendee's line",
            trigger: ".o_field_widget[name='course_attendee_ids'] .o_data_row td[name='mfg_score']",
            run: "click",
        },
        {
            content: "Register the presence",
            trigger: ".o_field_widget[name='course_attendee_ids'] .o_data_row .o_field_widget[name='mfg_attended'] input",
            run: "click",
        },
        {
            content: "Enter the exam score (88: passed, by the course's pass score)",
            trigger: ".o_field_widget[name='course_attendee_ids'] .o_data_row .o_field_widget[name='mfg_score'] input",
            run: "edit 88",
        },
        {
            content: "Save the results",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Rate the session",
            trigger: ".o_form_view button[name='inprogress2validation']",
            run: "click",
        },
        {
            content: "Complete the session",
            trigger: ".o_form_view button[name='validation2complete']",
            run: "click",
        },
        {
            content: "The session is completed",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Completed')",
        },
        {
            content: "Back to the plan",
            trigger: ".o_breadcrumb .breadcrumb-item a:contains('Tour plan')",
            run: "click",
        },
        {
            content: "Open the plan's training KPIs",
            trigger: ".o_form_view button[name='action_view_kpis']",
            run: "click",
        },
        {
            content: "The safety training plan completion is computed",
            trigger: ".o_data_row td:contains('Safety training plan completion rate')",
        },
    ],
});
