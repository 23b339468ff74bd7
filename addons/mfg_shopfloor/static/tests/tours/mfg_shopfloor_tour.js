import { registry } from "@web/core/registry";

// One transparent pixel: what the tablet's camera gives in the tour.
const PIXEL =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

function takePhoto(selector) {
    const input = document.querySelector(selector);
    const bytes = Uint8Array.from(atob(PIXEL), (char) => char.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], "leak.png", { type: "image/png" }));
    input.files = transfer.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
}

// An operator without a user account badges in on the workshop tablet, answers two checks,
// reports a problem with a photo (a maintenance request is raised), self-assesses and signs
// out.
registry.category("web_tour.tours").add("mfg_shopfloor_operator_tour", {
    steps: () => [
        {
            content: "The kiosk waits for a badge",
            trigger: ".o_mfg_kiosk_idle .o_mfg_kiosk_badge",
            run: "edit KIOSKA0001",
        },
        {
            content: "Scan it",
            trigger: ".o_mfg_kiosk_badge_ok",
            run: "click",
        },
        {
            content: "Open today's checklist",
            trigger: ".o_mfg_kiosk_tile_checklist",
            run: "click",
        },
        {
            content: "Mark the guards checked",
            trigger: ".o_mfg_kiosk_item:contains('Check guards') .o_mfg_kiosk_done",
            run: "click",
        },
        {
            content: "The guards are done",
            trigger: ".o_mfg_kiosk_item_done:contains('Check guards')",
        },
        {
            content: "The oil check does not apply today",
            trigger: ".o_mfg_kiosk_item:contains('Check oil') .o_mfg_kiosk_na",
            run: "click",
        },
        {
            content: "The oil check is not applicable",
            trigger: ".o_mfg_kiosk_item_na:contains('Check oil')",
        },
        {
            content: "Report a problem on the lights",
            trigger: ".o_mfg_kiosk_item:contains('Check lights') .o_mfg_kiosk_report",
            run: "click",
        },
        {
            content: "Describe it",
            trigger: ".o_mfg_kiosk_problem .o_mfg_kiosk_note",
            run: "edit Tour oil leak under press",
        },
        {
            content: "Raise a maintenance request",
            trigger: ".o_mfg_kiosk_kind[data-kind='maintenance']",
            run: "click",
        },
        {
            content: "Take a photo",
            trigger: ".o_mfg_kiosk_problem",
            run: () => takePhoto(".o_mfg_kiosk_photo"),
        },
        {
            content: "The photo is shown",
            trigger: ".o_mfg_kiosk_preview",
        },
        {
            content: "Send the problem",
            trigger: ".o_mfg_kiosk_problem_send",
            run: "click",
        },
        {
            content: "The problem is recorded with its follow-up",
            trigger: ".o_mfg_kiosk_item_problem:contains('Check lights')",
        },
        {
            content: "Back to the home screen",
            trigger: ".o_mfg_kiosk_back",
            run: "click",
        },
        {
            content: "Open my self-assessment",
            trigger: ".o_mfg_kiosk_tile_rating",
            run: "click",
        },
        {
            content: "My own appraisal is waiting",
            trigger: ".o_mfg_kiosk_task:contains('Kiosk Operator A')",
            run: "click",
        },
        {
            content: "The attitude item describes its levels: pick the first",
            trigger:
                ".o_mfg_kiosk_rate_line:contains('Work attitude') .o_mfg_kiosk_level:contains('Very active')",
            run: "click",
        },
        {
            content: "The level is chosen",
            trigger: ".o_mfg_kiosk_rate_line:contains('Work attitude') .o_mfg_kiosk_level.active",
        },
        {
            content: "Communication: 80",
            trigger:
                ".o_mfg_kiosk_rate_line:contains('Communication') .o_mfg_kiosk_quick[data-score='80']",
            run: "click",
        },
        {
            content: "Write the self-report",
            trigger: ".o_mfg_kiosk_self_report",
            run: "edit Kept the press running all quarter",
        },
        {
            content: "Submit the self-assessment",
            trigger: ".o_mfg_kiosk_rate_submit",
            run: "click",
        },
        {
            content: "Nothing left to rate",
            trigger: ".o_mfg_kiosk_no_rating",
        },
        {
            content: "Back to the home screen again",
            trigger: ".o_mfg_kiosk_back",
            run: "click",
        },
        {
            content: "Open my results",
            trigger: ".o_mfg_kiosk_tile_results",
            run: "click",
        },
        {
            content: "My results are shown (no KPI measured yet)",
            trigger: ".o_mfg_kiosk_results .o_mfg_kiosk_no_kpi",
        },
        {
            content: "Sign out",
            trigger: ".o_mfg_kiosk_logout",
            run: "click",
        },
        {
            content: "Back to the idle screen",
            trigger: ".o_mfg_kiosk_idle .o_mfg_kiosk_badge",
        },
    ],
});

// A team leader signs in on a phone, looks at the team today, rates a team member and enters
// the actual values of the member's sheet.
registry.category("web_tour.tours").add("mfg_shopfloor_leader_tour", {
    steps: () => [
        {
            content: "Badge in",
            trigger: ".o_mfg_kiosk_idle .o_mfg_kiosk_badge",
            run: "edit KIOSKL0001",
        },
        {
            content: "Scan it",
            trigger: ".o_mfg_kiosk_badge_ok",
            run: "click",
        },
        {
            content: "Open my team",
            trigger: ".o_mfg_kiosk_tile_team",
            run: "click",
        },
        {
            content: "The team's checklists today",
            trigger: ".o_mfg_kiosk_member:contains('Kiosk Operator A')",
        },
        {
            content: "Who has not self-assessed",
            trigger: ".o_mfg_kiosk_waiting:contains('Kiosk Operator B')",
        },
        {
            content: "Back home",
            trigger: ".o_mfg_kiosk_back",
            run: "click",
        },
        {
            content: "Open the ratings to give",
            trigger: ".o_mfg_kiosk_tile_rating",
            run: "click",
        },
        {
            content: "Rate operator A",
            trigger: ".o_mfg_kiosk_task:contains('Kiosk Operator A')",
            run: "click",
        },
        {
            content: "Give 80 on every line",
            trigger: ".o_mfg_kiosk_rate_form .o_mfg_kiosk_quick[data-score='80']",
            run: () => {
                document
                    .querySelectorAll(".o_mfg_kiosk_quick[data-score='80']")
                    .forEach((button) => button.click());
            },
        },
        {
            content: "Every line has its score",
            trigger: ".o_mfg_kiosk_rate_form .o_mfg_kiosk_quick.btn-primary[data-score='80']",
        },
        {
            content: "Submit",
            trigger: ".o_mfg_kiosk_rate_submit",
            run: "click",
        },
        {
            content: "Nothing left to rate",
            trigger: ".o_mfg_kiosk_no_rating",
        },
        {
            content: "Home",
            trigger: ".o_mfg_kiosk_back",
            run: "click",
        },
        {
            content: "Open the team's values",
            trigger: ".o_mfg_kiosk_tile_values",
            run: "click",
        },
        {
            content: "Operator A's sheet",
            trigger: ".o_mfg_kiosk_value_task:contains('Kiosk Operator A')",
            run: "click",
        },
        {
            content: "Task completion: 93 %",
            trigger: ".o_mfg_kiosk_value_line:contains('Task completion') .o_mfg_kiosk_actual",
            run: "edit 93",
        },
        {
            content: "Two procedure violations",
            trigger:
                ".o_mfg_kiosk_value_line:contains('Procedure violations') .o_mfg_kiosk_occurrences",
            run: "edit 2",
        },
        {
            content: "Save the values",
            trigger: ".o_mfg_kiosk_values_save",
            run: "click",
        },
        {
            content: "Saved",
            trigger: ".o_mfg_kiosk_values .o_mfg_kiosk_message",
        },
    ],
});
