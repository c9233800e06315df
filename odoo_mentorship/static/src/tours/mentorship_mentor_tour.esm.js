import {registry} from "@web/core/registry";

// Starts on the form of the mentor's pair (the test passes its URL).
registry.category("web_tour.tours").add("odoo_mentorship_mentor_tour", {
    steps: () => [
        {
            content: "No meeting logged yet",
            trigger: 'button[name="action_open_meetings"] .o_stat_value:contains(0)',
        },
        {
            content: "Log a meeting from the pair form",
            trigger: '.o_form_view button[name="action_log_meeting"]',
            run: "click",
        },
        {
            content: "Make it the introduction meeting",
            trigger: '.modal .o_field_widget[name="meeting_type"] select',
            run: 'select "intro"',
        },
        {
            content: "Write the agenda",
            trigger: '.modal .o_field_widget[name="agenda"] textarea',
            run: "edit Getting to know each other",
        },
        {
            content: "Save the meeting",
            trigger: ".modal .o_form_button_save",
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The meeting is counted",
            trigger: 'button[name="action_open_meetings"] .o_stat_value:contains(1)',
        },
    ],
});
