"""Formatting shared by the printed documents: they are Russian paperwork, whatever
the language of the user who prints them."""

import babel.dates
import babel.numbers

from odoo import api, fields, models

from odoo.addons.odoo_mentorship.models.mentorship_roles import can_read_field

DOCUMENT_LOCALE = "ru"
DOCUMENT_LANG = "ru_RU"


def date_in_words(value):
    """«01 октября 2021 г.»: the day, the month in the genitive and the year."""
    if not value:
        return ""
    if isinstance(value, str):
        value = fields.Date.to_date(value[:10])
    return (
        babel.dates.format_date(value, "dd MMMM yyyy", locale=DOCUMENT_LOCALE) + " г."
    )


def number_ru(value, digits=1):
    """12 345,5: Russian grouping and decimal comma."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return babel.numbers.format_decimal(
        value or 0, format=pattern, locale=DOCUMENT_LOCALE
    )


def has_own_logo(company):
    """Whether the school uploaded its logo: a new company has Odoo's "Your logo"
    picture, which must not appear on a school's paperwork."""
    return bool(company.logo) and company.logo != company._get_logo()


def percent_ru(value, digits=1):
    return number_ru(value, digits) + " %"


class MentorshipReportMixin(models.AbstractModel):
    """What every printed document of the programme gets: the records, checked for
    access, the Russian formatting helpers and the language of the document."""

    _name = "mentorship.report.mixin"
    _description = "Mentorship Printed Document"

    _report_model = None

    @api.model
    def _get_report_values(self, docids, data=None):
        # a report printed with data (a wizard's period) comes with no ids in the URL:
        # the records are the wizard's (data["ids"]) or the context's
        docids = docids or (data or {}).get("ids") or self.env.context.get("active_ids")
        docs = self.env[self._report_model].browse(docids)
        docs.check_access("read")
        lang = (
            DOCUMENT_LANG
            if self.env["res.lang"]._lang_get(DOCUMENT_LANG)
            else self.env.lang
        )
        return {
            "doc_ids": docids,
            "doc_model": self._report_model,
            "docs": docs,
            "data": data or {},
            "report_lang": lang,
            "today": fields.Date.context_today(self),
            "date_in_words": date_in_words,
            "has_own_logo": has_own_logo,
            # who gave consent and when is personal data: on the
            # documents of those who may read it
            "can_read_personal": can_read_field(
                self.env, "mentorship.mentee", "consent_date"
            ),
            "number_ru": number_ru,
            "percent_ru": percent_ru,
            **self._get_extra_values(docs, data or {}),
        }

    @api.model
    def _get_extra_values(self, docs, data):
        return {}
