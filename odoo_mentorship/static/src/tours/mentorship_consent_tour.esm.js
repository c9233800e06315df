import {registry} from "@web/core/registry";

// A parent (portal user, the legal representative of a pupil) gives the consent on
// the portal, then reads the pupil's pair.
registry.category("web_tour.tours").add("odoo_mentorship_consent_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open the consents waiting on the portal home",
            trigger: '.o_portal_index_card a[href="/my/mentorship#consents"]',
            run: "click",
        },
        {
            content: "Open the consent of the child",
            trigger:
                '.o_mentorship_consent_row[data-state="missing"] a.o_mentorship_give_consent',
            run: "click",
        },
        {
            content: "The school's consent text is shown",
            trigger: ".o_mentorship_consent_text:contains(Tour consent text)",
        },
        {
            content: "Tick: I have read the text and give the consent",
            trigger: ".o_mentorship_consent_form input#consent_agree",
            run: "check",
        },
        {
            content: "Give the consent",
            trigger: '.o_mentorship_consent_form button[name="give_consent"]',
            run: "click",
        },
        {
            content: "The consent is given",
            trigger:
                '.o_mentorship_message, .o_mentorship_consent_status[data-state="valid"]',
        },
        {
            content: "The child's pair is shown with the mentor",
            trigger: ".o_mentorship_child_pair:contains(Tour Senior Pupil)",
        },
        {
            content: "and the plan",
            trigger: ".o_mentorship_child_plan_line:contains(Read a book a month)",
        },
    ],
});
