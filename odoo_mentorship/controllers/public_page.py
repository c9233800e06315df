"""The public page of a school's mentorship programme: /mentorship/<company id>.

Open without logging in, on the portal's layout, so that a school links it or embeds it
in its own website. It exists only when the school turned it on (Settings → Mentorship →
«Publish the programme's page»): a 404 otherwise, as for a school that does not exist.

What it shows is what the school published on purpose, read as superuser field by
field with explicit domains, never a record handed whole to the template:
the running programme (name, period, forms), the approved orders marked «published on
the page» (never the orders naming mentees or pupils), the activities of the current
roadmap (titles and dates, nobody responsible), the published practices (their authors
only where the school shows them, adults only) and the contact the school chose.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from ..models.mentorship_order import PRIVATE_ORDER_TYPES


class MentorshipPublicPage(http.Controller):
    @http.route(
        "/mentorship/<int:company_id>",
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
    def mentorship_public_page(self, company_id, **kwargs):
        company = self._mentorship_public_company(company_id)
        return request.render(
            "odoo_mentorship.mentorship_public_page",
            self._mentorship_public_values(company),
        )

    # ------------------------------------------------------------
    # TOOLS
    # ------------------------------------------------------------

    def _mentorship_public_company(self, company_id):
        """The school whose page is asked for, if it publishes one; a 404 otherwise."""
        company = request.env["res.company"].sudo().browse(company_id).exists()
        if not company or not company.mentorship_public_page:
            raise NotFound()
        return company

    @staticmethod
    def _mentorship_public_orders_domain(company):
        return [
            ("company_id", "=", company.id),
            ("state", "=", "approved"),
            ("published_on_site", "=", True),
            ("order_type", "not in", PRIVATE_ORDER_TYPES),
        ]

    def _mentorship_public_values(self, company):
        env = request.env
        programmes = (
            env["mentorship.programme"]
            .sudo()
            .search(
                [("company_id", "=", company.id), ("state", "=", "running")],
                order="date_start desc",
            )
        )
        orders = (
            env["mentorship.order"]
            .sudo()
            .search_read(
                self._mentorship_public_orders_domain(company),
                ["name", "date", "title"],
                order="date desc, id desc",
            )
        )
        roadmap = (
            env["mentorship.roadmap"]
            .sudo()
            .search(
                [
                    ("company_id", "=", company.id),
                    ("programme_id", "in", programmes.ids),
                ],
                order="date_start desc, id desc",
                limit=1,
            )
        )
        activities = (
            env["mentorship.roadmap.activity"]
            .sudo()
            .search(
                [("roadmap_id", "=", roadmap.id), ("state", "!=", "cancelled")]
                if roadmap
                else [("id", "=", 0)]
            )
        )
        practices = (
            env["mentorship.practice"]
            .sudo()
            .search([("company_id", "=", company.id), ("state", "=", "published")])
        )
        return {
            "company": company,
            # the portal's header shows the school's logo and name,
            # not the database's first company
            "res_company": company,
            "school_name": company.name,
            "programmes": [
                {
                    "name": programme.name,
                    "date_start": programme.date_start,
                    "date_end": programme.date_end,
                    "forms": programme.form_ids.mapped("name"),
                }
                for programme in programmes
            ],
            "orders": orders,
            "roadmap_name": roadmap.name or "",
            "activities": [
                {
                    "stage": activity.stage_id.name,
                    "name": activity.name,
                    "deadline": activity.deadline,
                    "deadline_text": activity.deadline_text or "",
                    "done": activity.state == "done",
                }
                for activity in activities
            ],
            "practices": [
                {
                    "name": practice.name,
                    "form": practice.form_id.name or "",
                    "tags": practice.tag_ids.mapped("name"),
                    "description": practice.description,
                    "authors": practice._get_public_author_names(),
                    "date_published": practice.date_published,
                }
                for practice in practices
            ],
            "contact": company._get_mentorship_public_contact(),
            # the honour board (mentorship.award) has its own page, linked when it shows
            # someone (the same rule as the board: published, with the consent)
            "honour_board_url": f"/mentorship/{company.id}/honour-board",
            "honour_board_count": len(
                request.env["mentorship.award"]._get_board_awards(company)
            ),
            "order_pdf_url": self._mentorship_public_order_pdf_url(company),
        }

    def _mentorship_public_order_pdf_url(self, company):
        """The address pattern of an order's PDF on the page (``%s``: the
        order), or an empty string when no module serves it (the printed orders
        are odoo_mentorship_reports')."""
        return ""
