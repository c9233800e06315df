import csv
import io
import unittest
from unittest.mock import patch

from odoo import models
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.odoo_mentorship.models.ir_fields_converter import ImportNameCache

from .common import MentorshipCase

COLUMNS = ("partner_name", "programme_id", "kind_id", "birth_date", "consent_date")


@tagged("post_install", "-at_install")
class TestImport(MentorshipCase):
    """Importing the mentee base with the "Full Name" column: the persons are created in
    one batch, the default stage is set, the names of the programme, kind, etc. are
    looked up once per import, and a bad row writes nothing."""

    def setUp(self):
        super().setUp()
        if "base_import.import" not in self.env:
            raise unittest.SkipTest("base_import is not installed")
        self.curator.groups_id += self.env.ref("base.group_partner_manager")

    def _import(self, rows, columns=COLUMNS, name_create=(), model="mentorship.mentee"):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        writer.writerows(rows)
        env = self.env(user=self.curator)
        importer = env["base_import.import"].create(
            {
                "res_model": model,
                "file": buffer.getvalue().encode(),
                "file_name": "mentees.csv",
                "file_type": "text/csv",
            }
        )
        options = {
            "has_headers": True,
            "advanced": False,
            "keep_matches": False,
            "encoding": "utf-8",
            "separator": ",",
            "quoting": '"',
            "date_format": "%Y-%m-%d",
            "datetime_format": "",
            "float_thousand_separator": ",",
            "float_decimal_separator": ".",
            "fallback_values": {},
            "import_skip_records": [],
            "import_set_empty_fields": [],
            "name_create_enabled_fields": dict.fromkeys(name_create, True),
            "limit": 2000,
            "skip": 0,
        }
        return importer.execute_import(list(columns), list(columns), options)

    def _import_without_cache(self, rows, **kwargs):
        """Import as base Odoo does (without the cache of names), summarise what the
        user gets, and undo it."""
        Mentee = self.registry["mentorship.mentee"]
        with (
            patch.object(Mentee, "load", models.BaseModel.load),
            self.env.cr.savepoint() as savepoint,
        ):
            summary = self._summary(self._import(rows, **kwargs))
            savepoint.rollback()
        self.env.invalidate_all(flush=False)
        return summary

    def _summary(self, result):
        """What an import gives the user: its messages and the values of the records."""
        messages = [
            {key: value for key, value in message.items() if key != "moreinfo"}
            for message in result["messages"]
        ]
        mentees = self.env["mentorship.mentee"].browse(result["ids"] or [])
        records = [
            (
                mentee.partner_id.name,
                mentee.programme_id,
                mentee.kind_id,
                mentee.stage_id,
                mentee.company_id,
                mentee.birth_date,
                mentee.consent_date,
                mentee.legal_representative_id.name,
                tuple(mentee.category_ids.mapped("name")),
            )
            for mentee in mentees
        ]
        representatives = len(mentees.legal_representative_id)
        return messages, records, representatives

    def _rows(self, names, kind=None):
        consent = (
            self.today.replace(day=1).isoformat()
            if self.today.day > 1
            else self.today.isoformat()
        )
        return [
            [
                name,
                self.programme.name,
                kind or self.kind_teacher.name,
                "1990-05-17",
                consent,
            ]
            for name in names
        ]

    def test_import_by_name(self):
        names = ["Импорт Первый", "Импорт Второй", "Импорт Третий"]
        result = self._import(self._rows(names))
        self.assertFalse(
            [m for m in result["messages"] if m["type"] == "error"], result["messages"]
        )
        mentees = self.env["mentorship.mentee"].browse(result["ids"])
        self.assertEqual(len(mentees), 3)
        self.assertEqual(sorted(mentees.partner_id.mapped("name")), sorted(names))
        self.assertEqual(len(mentees.partner_id), 3, "one new contact per row")
        # imported with their consent: «Consent Received»
        # in the pipeline, with its record
        self.assertEqual(
            mentees.stage_id, self.env.ref("odoo_mentorship.mentee_stage_consent")
        )
        self.assertEqual(mentees.consent_ids.mapped("method"), ["paper"] * 3)
        self.assertEqual(mentees.programme_id, self.programme)
        self.assertEqual(mentees.kind_id, self.kind_teacher)

    def test_import_by_name_as_without_cache(self):
        """Programme, kind, categories (many2many) and a legal representative created
        from its name ("create if it does not exist", cached too): the same records as
        base Odoo gives, with one representative for the rows that name the same one."""
        gifted = self.env.ref("odoo_mentorship.category_gifted")
        low = self.env.ref("odoo_mentorship.category_low_results")
        columns = [*COLUMNS, "legal_representative_id", "category_ids"]
        rows = [
            row + [parent, categories]
            for row, parent, categories in zip(
                self._rows(
                    [f"Ученик Кэш {n}" for n in range(6)], kind=self.kind_pupil.name
                ),
                [
                    "Родитель Общий",
                    "Родитель Общий",
                    "Родитель Другой",
                    "Родитель Общий",
                    "",
                    "Родитель Другой",
                ],
                [
                    gifted.name,
                    f"{gifted.name},{low.name}",
                    "",
                    low.name,
                    gifted.name,
                    f"{low.name},{gifted.name}",
                ],
                strict=False,
            )
        ]
        for row in rows:
            row[3] = "2012-03-04"
        kwargs = {"columns": columns, "name_create": ["legal_representative_id"]}
        expected = self._import_without_cache(rows, **kwargs)
        self.assertFalse(expected[0], "base Odoo imports these rows without a message")
        self.assertEqual(expected[2], 2, "base Odoo creates each representative once")
        self.assertEqual(self._summary(self._import(rows, **kwargs)), expected)

    def test_import_ambiguous_name_warns_every_row(self):
        """A programme name shared by two programmes: the same warning on every row."""
        self._make_programme(self.school_1, self.curator)
        rows = self._rows(["Двойной Первый", "Двойной Второй", "Двойной Третий"])
        expected = self._import_without_cache(rows)
        warnings = [message for message in expected[0] if message["type"] == "warning"]
        self.assertEqual(
            [warning["record"] for warning in warnings], [0, 1, 2], expected[0]
        )
        self.assertEqual(self._summary(self._import(rows)), expected)

    def test_import_unknown_name_same_error(self):
        """An unknown kind, or a category that the curator may not create from its name:
        the same error on every such row as without the cache, and nothing written."""
        rows = self._rows(
            [
                "Неизвестный Один",
                "Неизвестный Два",
                "Неизвестный Три",
                "Неизвестный Четыре",
            ]
        )
        rows[1][2] = rows[2][2] = "Неизвестный вид"
        with mute_logger("odoo.sql_db"):
            expected = self._import_without_cache(rows)
            summary = self._summary(self._import(rows))
        self.assertEqual(
            {message["record"] for message in expected[0]}, {1, 2}, expected[0]
        )
        self.assertEqual(summary, expected)
        self.assertIn("Неизвестный вид", summary[0][0]["message"])
        self.assertFalse(summary[1])

        columns = [*COLUMNS, "category_ids"]
        rows = [
            row + ["Новая категория"]
            for row in self._rows(["Категория Один", "Категория Два"])
        ]
        kwargs = {"columns": columns, "name_create": ["category_ids"]}
        with mute_logger("odoo.sql_db"):
            expected = self._import_without_cache(rows, **kwargs)
            summary = self._summary(self._import(rows, **kwargs))
        self.assertEqual(
            {message["record"] for message in expected[0]}, {0, 1}, expected[0]
        )
        self.assertEqual(summary, expected)

    def test_import_queries_do_not_grow_per_row(self):
        """The names are looked up once per import: 40 rows cost the queries of 10."""
        env = self.env

        def count(size):
            rows = self._rows([f"Счёт {size} {n}" for n in range(size)])
            queries = env.cr.sql_log_count
            result = self._import(rows)
            self.assertEqual(len(result["ids"]), size, result["messages"])
            return env.cr.sql_log_count - queries

        count(2)  # warm the caches
        self.assertEqual(count(40), count(10))

    def test_other_models_import_without_cache(self):
        """Only the imports of the mentorship bases use the cache of names."""
        rows = [[f"Контакт {n}", self.env.ref("base.ru").name] for n in range(2)]
        with patch.object(
            ImportNameCache, "get", autospec=True, return_value=None
        ) as get:
            result = self._import(
                rows, columns=["name", "country_id"], model="res.partner"
            )
            self.assertEqual(len(result["ids"]), 2, result["messages"])
            get.assert_not_called()
            result = self._import(self._rows(["Кэш Один", "Кэш Два"]))
            self.assertEqual(len(result["ids"]), 2, result["messages"])
            self.assertEqual(get.call_count, 4, "programme and kind on each row")

    def test_import_bad_row_writes_nothing(self):
        names = ["Импорт Четвёртый", "Импорт Пятый", "Импорт Шестой"]
        rows = self._rows(names)
        rows[1][2] = "Неизвестный вид"
        mentees_before = self.env["mentorship.mentee"].search_count([])
        with mute_logger("odoo.sql_db"):  # the import tries the batch, then row by row
            result = self._import(rows)
        errors = [m for m in result["messages"] if m["type"] == "error"]
        self.assertTrue(errors)
        self.assertEqual({error["record"] for error in errors}, {1}, errors)
        self.assertFalse(result["ids"])
        self.assertEqual(self.env["mentorship.mentee"].search_count([]), mentees_before)
        self.assertFalse(self.env["res.partner"].search_count([("name", "in", names)]))

    def test_create_batches_persons_and_stage(self):
        Mentee = self.env["mentorship.mentee"]
        stage = Mentee._default_stage_id()
        vals = [
            {
                "partner_name": f"Пакет {n}",
                "programme_id": self.programme.id,
                "kind_id": self.kind_teacher.id,
            }
            for n in range(5)
        ]
        Mentee.create(vals[:1])  # warm the caches
        with self.assertQueryCount(__system__=40):
            mentees = Mentee.create(vals[1:])
        self.assertEqual(len(mentees.partner_id), 4)
        self.assertEqual(mentees.stage_id, stage)
        # a given person wins over the name, an explicit stage is kept
        other = self.env.ref("odoo_mentorship.mentee_stage_waiting")
        mentee = Mentee.create(
            {
                "partner_name": "Не используется",
                "partner_id": self.teacher_a.partner_id.id,
                "programme_id": self.programme.id,
                "kind_id": self.kind_teacher.id,
                "stage_id": other.id,
            }
        )
        self.assertEqual(mentee.partner_id, self.teacher_a.partner_id)
        self.assertEqual(mentee.stage_id, other)
        self.assertFalse(
            self.env["res.partner"].search_count([("name", "=", "Не используется")])
        )
