import {registry} from "@web/core/registry";

// An HR officer (Employees / Officer, no mentorship group) starts in the Employees app.
registry.category("web_tour.tours").add("odoo_mentorship_hr_officer_tour", {
    steps: () => [
        {
            content: "Open the Employees menu",
            trigger:
                '.o_main_navbar button[data-menu-xmlid="hr.menu_hr_employee_payroll"]',
            run: "click",
        },
        {
            content: "Open the employees without a mentor",
            trigger:
                '.dropdown-item[data-menu-xmlid="odoo_mentorship.hr_employee_needs_mentor_menu"]',
            run: "click",
        },
        {
            content: "The filter is on",
            trigger: '.o_searchview_facet:contains("Without a Mentor")',
        },
        {
            content: "Open the young specialist",
            trigger: '.o_data_row td:contains("Tour Young Teacher")',
            run: "click",
        },
        {
            content: "No mentor yet",
            trigger:
                '.o_form_view .o_field_widget[name="mentorship_status"]:contains("No mentor")',
        },
        {
            content: "Find a mentor",
            trigger:
                '.o_form_view .o_form_statusbar button[name="action_mentorship_find_mentor"]',
            run: "click",
        },
        {
            content:
                "The mentor of the same department comes first, with the explanation",
            trigger:
                '.modal .o_data_row:first-child:contains("Tour Mentor"):contains("Same department")',
        },
        {
            content: "Choose them",
            trigger: '.modal .o_data_row:first-child button[name="action_choose"]',
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
        {
            content: "The employee now has a mentor, in forming",
            trigger:
                '.o_form_view .o_field_widget[name="mentorship_status"]:contains("Mentor: Tour Mentor")',
        },
        {
            content: "Nothing more to find",
            trigger:
                '.o_form_view:not(:has(button[name="action_mentorship_find_mentor"]))',
        },
    ],
});
