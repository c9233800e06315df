import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// Column and card selectors: the stage names are data of this addon (English in
// the tests), the mentor name is test data; everything else uses xml ids and field
// or button names.
const planningColumn =
    ".o_kanban_group:has(.o_column_title:contains(Planning Meeting))";
const workColumn = ".o_kanban_group:has(.o_column_title:contains(Joint Work))";
const card = ".o_kanban_record:contains(Tour Mentor)";

registry.category("web_tour.tours").add("odoo_mentorship_curator_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Mentorship app",
            trigger: '.o_app[data-menu-xmlid="odoo_mentorship.mentorship_menu_root"]',
            run: "click",
        },
        {
            content: "Open the Mentoring menu",
            trigger: 'button[data-menu-xmlid="odoo_mentorship.mentorship_menu_work"]',
            run: "click",
        },
        {
            content: "Open the pairs",
            trigger: '[data-menu-xmlid="odoo_mentorship.mentorship_pair_menu"]',
            run: "click",
        },
        {
            content: "Drag the pair from the planning meeting to joint work",
            trigger: `${planningColumn} ${card}`,
            run: `drag_and_drop(${workColumn})`,
        },
        {
            content: "The pair is in joint work now",
            trigger: `${workColumn} ${card}`,
            run: "click",
        },
        {
            content: "The form shows the new stage",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Joint Work)",
        },
        {
            content: "One meeting so far",
            trigger: 'button[name="action_open_meetings"] .o_stat_value:contains(1)',
        },
        {
            content: "Log a meeting",
            trigger: '.o_form_view button[name="action_log_meeting"]',
            run: "click",
        },
        {
            content: "Write the agenda",
            trigger: '.modal .o_field_widget[name="agenda"] textarea',
            run: "edit Goals for the term",
        },
        {
            content: "Write the outcome",
            trigger: '.modal .o_field_widget[name="outcome"] textarea',
            run: "edit Plan agreed",
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
            content: "The meeting counter went up",
            trigger: 'button[name="action_open_meetings"] .o_stat_value:contains(2)',
        },
        {
            content: "The stage is still joint work",
            trigger:
                ".o_form_view .o_statusbar_status .o_arrow_button_current:contains(Joint Work)",
        },
    ],
});
