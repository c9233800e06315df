from odoo import http
from odoo.http import content_disposition, request

PERSONAL_DATA_MODELS = ("mentorship.mentee", "mentorship.mentor")


class MentorshipPersonalData(http.Controller):
    @http.route(
        "/mentorship/personal_data/<string:model>/<int:record_id>",
        type="http",
        auth="user",
        readonly=True,
    )
    def personal_data_json(self, model, record_id):
        """The data held about the person of a base record, as a JSON file (the
        curators' export for a 152-ФЗ art. 14 request): nothing is stored."""
        if model not in PERSONAL_DATA_MODELS:
            raise request.not_found()
        record = request.env[model].browse(record_id).exists()
        if not record:
            raise request.not_found()
        record._check_can_read_personal_data()
        filename = request.env._("personal-data-%(id)s.json", id=record.partner_id.id)
        return request.make_response(
            record._get_personal_data_json(),
            headers=[
                ("Content-Type", "application/json; charset=utf-8"),
                ("Content-Disposition", content_disposition(filename)),
                ("Cache-Control", "no-store"),
            ],
        )
