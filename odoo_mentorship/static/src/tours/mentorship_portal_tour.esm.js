import {registry} from "@web/core/registry";

registry.category("web_tour.tours").add("odoo_mentorship_portal_tour", {
    url: "/my",
    steps: () => [
        {
            content: "Open Mentorship from the portal home",
            trigger: '.o_portal_index_card a[href="/my/mentorship"]',
            run: "click",
        },
        {
            content: "Open the pair",
            trigger: ".o_mentorship_pair_row a.o_mentorship_pair_link",
            run: "click",
        },
        {
            content: "Give feedback on the meeting",
            trigger:
                '.o_mentorship_pair[data-role="mentee"] a.o_mentorship_give_feedback',
            run: "click",
        },
        {
            content: "Rate the meeting 5",
            trigger: '.o_mentorship_feedback_form input[name="rating"][value="5"]',
            run: "click",
        },
        {
            content: "Comment",
            trigger: '.o_mentorship_feedback_form textarea[name="comment"]',
            run: "edit Very useful, thank you",
        },
        {
            content: "Send the feedback",
            trigger: '.o_mentorship_feedback_form button[name="save_feedback"]',
            run: "click",
        },
        {
            content: "The feedback is saved",
            trigger: ".o_mentorship_message",
        },
    ],
});
