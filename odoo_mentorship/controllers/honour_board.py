"""The school's public honour board, /mentorship/<company>/honour-board: no login,
on the portal's frontend layout (no website module needed).

Shown only when the school turned its public page on (mentorship_public_page), a
404 otherwise, as for a school that does not exist. It lists the awards the school
published whose people consent to the publication of their name and photo, read at
each request (mentorship.award._get_board_awards): a withdrawal takes an award off
at once. It shows the names, the nomination, the year, the rank, the citation and
the photo, nothing else of the people (no birth date, no class, no pair details).
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request
from odoo.tools.image import image_data_uri


class MentorshipHonourBoard(http.Controller):
    @http.route(
        "/mentorship/<int:company_id>/honour-board",
        type="http",
        auth="public",
        website=True,
        readonly=True,
    )
    def mentorship_honour_board(self, company_id, **kw):
        company = request.env["res.company"].sudo().browse(company_id).exists()
        if not company or not company.mentorship_public_page:
            raise NotFound()
        awards = request.env["mentorship.award"]._get_board_awards(company)
        years = sorted(set(awards.mapped("year")), reverse=True)
        ranks = dict(awards._fields["rank"]._description_selection(request.env))
        return request.render(
            "odoo_mentorship.honour_board_page",
            {
                "res_company": company,
                "company": company,
                "years": years,
                "awards_of": lambda year: awards.filtered(
                    lambda award: award.year == year
                ),
                "photo_of": lambda award: image_data_uri(award.photo)
                if award.photo
                else False,
                "rank_labels": ranks,
            },
        )
