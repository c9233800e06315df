"""The orders of the school's public page as PDF:
/mentorship/<company id>/order/<order id>.pdf.

Served without logging in only for an order the public page lists: of that school,
approved, marked «published on the page», of a type that names no mentee or pupil, and
only while the school publishes its page; a 404 for anything else.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import content_disposition, request

from odoo.addons.odoo_mentorship.controllers.public_page import MentorshipPublicPage


class MentorshipPublicPageReports(MentorshipPublicPage):
    @http.route(
        "/mentorship/<int:company_id>/order/<int:order_id>.pdf",
        type="http",
        auth="public",
        readonly=True,
    )
    def mentorship_public_order_pdf(self, company_id, order_id, **kwargs):
        company = self._mentorship_public_company(company_id)
        order = (
            request.env["mentorship.order"]
            .sudo()
            .search(
                [
                    ("id", "=", order_id),
                    *self._mentorship_public_orders_domain(company),
                ],
                limit=1,
            )
        )
        if not order:
            raise NotFound()
        content, content_type = (
            request.env["ir.actions.report"]
            .sudo()
            .with_context(lang=company.partner_id.lang or request.env.lang)
            ._render_qweb_pdf("odoo_mentorship_reports.action_report_order", order.ids)
        )
        # Odoo's test mode renders reports as HTML: the type follows what was rendered
        mimetype = (
            "application/pdf" if content_type == "pdf" else "text/html; charset=utf-8"
        )
        return request.make_response(
            content,
            headers=[
                ("Content-Type", mimetype),
                ("Content-Length", len(content)),
                (
                    "Content-Disposition",
                    content_disposition(f"order-{order.name}.pdf", "inline"),
                ),
            ],
        )

    def _mentorship_public_order_pdf_url(self, company):
        return f"/mentorship/{company.id}/order/%s.pdf"
