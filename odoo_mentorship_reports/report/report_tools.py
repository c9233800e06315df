"""Formatting shared by the printed documents: they are Russian paperwork, whatever
the language of the user who prints them."""

import babel.dates

from odoo import fields

DOCUMENT_LOCALE = "ru"


def date_in_words(value):
    """«01 октября 2021 г.»: the day, the month in the genitive and the year."""
    if not value:
        return ""
    value = fields.Date.to_date(value)
    return babel.dates.format_date(value, "dd MMMM yyyy", locale=DOCUMENT_LOCALE) + " г."
