"""WHAT WE HOLD ABOUT ME (152-ФЗ art. 14): everything the addons hold about the person
of a base record, gathered in one place for the printed document
(odoo_mentorship_reports) and the JSON export. Nothing of anyone else: the mentor of a
mentee's pair is named (the mentee is entitled to know who mentors them), co-mentees and
a mentor's mentees are counted, not named, and other people's feedback is left out."""

import json

from odoo import api, fields, models
from odoo.tools import html2plaintext

from .mentorship_roles import check_role


class MentorshipPersonalDataMixin(models.AbstractModel):
    _name = "mentorship.personal.data.mixin"
    _description = "Personal Data Held About a Base Record"

    def _check_can_read_personal_data(self):
        check_role(
            self.env,
            "curator",
            self.env._(
                "Only the curators and the director give a person the data held about "
                "them."
            ),
        )
        self.check_access("read")

    def action_export_personal_data(self):
        """Download the data held about the person as a JSON file."""
        self.ensure_one()
        self._check_can_read_personal_data()
        return {
            "type": "ir.actions.act_url",
            "url": f"/mentorship/personal_data/{self._name}/{self.id}",
            "target": "download",
        }

    def _get_personal_data_json(self):
        self.ensure_one()
        return json.dumps(
            self._get_personal_data(), ensure_ascii=False, indent=2, default=str
        )

    def _get_personal_data(self):
        """Everything this school (the operator: the record's company) holds about the
        person of this record, in all its programmes: a dict of plain values (strings,
        numbers, lists, ISO dates), the same for the JSON export and the printed
        document. Another school's data are that school's to give. Reads as superuser:
        the caller checks who asks (a curator, or the person themself on the portal)."""
        self.ensure_one()
        record = self.sudo().with_context(active_test=False)
        partner = record.partner_id
        participations = []
        for model_name in ("mentorship.mentee", "mentorship.mentor"):
            others = record.env[model_name].search(
                [
                    ("partner_id", "=", partner.id),
                    ("company_id", "=", record.company_id.id),
                ],
                order="id",
            )
            participations += [
                participant._personal_data_participation() for participant in others
            ]
        return {
            "generated_on": fields.Date.to_string(fields.Date.context_today(self)),
            "person": {
                "name": partner.name or "",
                "email": partner.email or "",
                "phone": partner.phone or "",
                "mobile": partner.mobile or "" if "mobile" in partner._fields else "",
                "address": partner._display_address(without_company=True).strip()
                if partner.street or partner.city
                else "",
            },
            "participations": participations,
        }

    # ------------------------------------------------------------
    # the parts
    # ------------------------------------------------------------

    @api.model
    def _personal_data_label(self, record, fname):
        """The label of a selection value, in the language of the environment."""
        value = record[fname]
        if not value:
            return ""
        return dict(record._fields[fname]._description_selection(record.env)).get(
            value, value
        )

    @api.model
    def _personal_data_datetime(self, record, value):
        return (
            fields.Date.to_string(
                fields.Datetime.context_timestamp(record, value).date()
            )
            if value
            else ""
        )

    def _personal_data_participation(self):
        self.ensure_one()
        is_mentee = self._name == "mentorship.mentee"
        data = {
            "role": "mentee" if is_mentee else "mentor",
            "role_label": self.env._("Mentee") if is_mentee else self.env._("Mentor"),
            "programme": self.programme_id.name,
            "school": self.company_id.name,
            "programme_start": fields.Date.to_string(self.programme_id.date_start)
            or "",
            "programme_end": fields.Date.to_string(self.programme_id.date_end) or "",
            "kind": self.kind_id.name or "",
            "stage": self.stage_id.name or "",
            "birth_date": fields.Date.to_string(self.birth_date) or "",
            "school_class": self.school_class or "",
            "categories": self.category_ids.mapped("name"),
            "legal_representative": self.legal_representative_id.name or "",
            "is_employee": bool(self.employee_id),
            "note": html2plaintext(self.note or "").strip() if self.note else "",
            "archived": not self.active,
            "anonymize_date": fields.Date.to_string(self.anonymize_date) or "",
            "is_anonymized": self.is_anonymized,
            "consents": [
                self._personal_data_consent(consent)
                for consent in self.consent_ids.sorted("id")
            ],
            "pairs": [
                self._personal_data_pair(pair) for pair in self.pair_ids.sorted("id")
            ],
            "answers": self._personal_data_answers(),
            "diagnostics": self._personal_data_diagnostics(),
        }
        if is_mentee:
            data["requests"] = [
                {
                    "request": request.name,
                    "topics": request.tag_ids.mapped("name"),
                    "met": request.is_met,
                }
                for request in self.request_ids
            ]
        else:
            data.update(
                {
                    "contour": self._personal_data_label(self, "contour"),
                    "mentor_type": self._personal_data_label(self, "mentor_type"),
                    "organisation": self.organisation or "",
                    "competencies": self.competence_tag_ids.mapped("name"),
                    "capacity": self.capacity,
                    "questionnaire_done": self.questionnaire_done,
                    "interview_done": self.interview_done,
                    "training_done": self.training_done,
                    "portfolio": html2plaintext(self.portfolio or "").strip()
                    if self.portfolio
                    else "",
                }
            )
        return data

    @api.model
    def _personal_data_consent(self, consent):
        return {
            "date": fields.Date.to_string(consent.date) or "",
            "method": self._personal_data_label(consent, "method"),
            "text": consent.text_id.display_name or "",
            "given_by": consent.given_by_id.name or "",
            "by_representative": consent.by_representative,
            "document": consent.document_name or "",
            "confirmed_at": fields.Datetime.to_string(consent.signed_at) or "",
            "ip_address": consent.ip_address or "",
            "withdrawn_date": fields.Date.to_string(consent.withdrawn_date) or "",
            "withdrawn_method": self._personal_data_label(consent, "withdrawn_method"),
        }

    def _personal_data_pair(self, pair):
        """The person's pair: their mentor named for a mentee; other mentees counted."""
        is_mentee = self._name == "mentorship.mentee"
        data = {
            "role": "mentee" if is_mentee else "mentor",
            "form": pair.form_id.name or "",
            "variant": pair.variant_id.name or "",
            "stage": pair.stage_id.name or "",
            "date_start": fields.Date.to_string(pair.date_start) or "",
            "date_end": fields.Date.to_string(pair.date_end) or "",
            "dissolution_reason": self._personal_data_label(pair, "dissolution_reason"),
            "plan": [
                {
                    "goal": line.goal,
                    "task": line.task or "",
                    "deadline": fields.Date.to_string(line.deadline) or "",
                    "status": self._personal_data_label(line, "status"),
                    "result": line.result or "",
                }
                for line in pair.plan_line_ids
            ],
            "meetings": [],
        }
        if is_mentee:
            data["mentor"] = pair.mentor_id.partner_id.name or ""
            data["other_mentees"] = len(pair.mentee_ids - self)
        else:
            data["mentees"] = len(pair.mentee_ids)
        for meeting in pair.meeting_ids.sorted(lambda m: (m.date_start, m.id)):
            entry = {
                "date": self._personal_data_datetime(meeting, meeting.date_start),
                "type": self._personal_data_label(meeting, "meeting_type"),
                "format": self._personal_data_label(meeting, "meeting_format"),
                "duration": meeting.duration,
                "agenda": meeting.agenda or "",
                "outcome": meeting.outcome or "",
                "mentor_confirmed": meeting.mentor_confirmed,
            }
            if is_mentee:
                entry["attended"] = self in meeting.attendee_ids
                own = meeting.feedback_ids.filtered(lambda f: f.mentee_id == self)
                entry["feedback"] = (
                    own
                    and {
                        "rating": int(own.rating),
                        "comment": own.comment or "",
                        "not_good_fit": own.not_good_fit,
                    }
                    or None
                )
            data["meetings"].append(entry)
        return data

    def _personal_data_answers(self):
        """The person's answers to the questionnaires of the programme."""
        field = "mentorship_" + self._name.split(".")[-1] + "_id"
        answers = self.env["survey.user_input"].search(
            [
                "|",
                (field, "=", self.id),
                "&",
                ("partner_id", "=", self.partner_id.id),
                ("mentorship_programme_id", "=", self.programme_id.id),
            ],
            order="create_date, id",
        )
        result = []
        for answer in answers:
            result.append(
                {
                    "questionnaire": answer.survey_id.title or "",
                    "date": self._personal_data_datetime(
                        answer, answer.end_datetime or answer.create_date
                    ),
                    "state": self._personal_data_label(answer, "state"),
                    "answers": [
                        {
                            "question": line.question_id.title or "",
                            "answer": self._personal_data_answer_value(line),
                        }
                        for line in answer.user_input_line_ids.sorted(
                            lambda line: (line.question_sequence, line.id)
                        )
                        if not line.skipped
                    ],
                }
            )
        return result

    @api.model
    def _personal_data_answer_value(self, line):
        answer_type = line.answer_type
        if answer_type == "suggestion":
            value = line.suggested_answer_id.value or ""
            return (
                f"{line.matrix_row_id.value}: {value}" if line.matrix_row_id else value
            )
        if answer_type == "scale":
            return line.value_scale
        if answer_type == "numerical_box":
            return line.value_numerical_box
        if answer_type == "date":
            return fields.Date.to_string(line.value_date) or ""
        if answer_type == "datetime":
            return fields.Datetime.to_string(line.value_datetime) or ""
        if answer_type == "text_box":
            return line.value_text_box or ""
        return line.value_char_box or ""

    def _personal_data_diagnostics(self):
        """The entry and exit scores of the person in the monitorings."""
        field = "mentee_id" if self._name == "mentorship.mentee" else "mentor_id"
        lines = self.env["mentorship.monitoring.growth.line"].search(
            [(field, "=", self.id)]
        )
        return [
            {
                "monitoring": line.monitoring_id.name,
                "dimension": self._personal_data_label(line, "dimension"),
                "entry": line.entry_score,
                "exit": line.exit_score,
            }
            for line in lines
        ]
