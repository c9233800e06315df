import csv
import io
import unittest

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MentorshipCase


@tagged("post_install", "-at_install")
class TestImport(MentorshipCase):
    """Importing the mentee base with the "Full Name" column: the persons are created in one
    batch, the default stage is set, and a bad row writes nothing."""

    def setUp(self):
        super().setUp()
        if "base_import.import" not in self.env:
            raise unittest.SkipTest("base_import is not installed")
        self.curator.groups_id += self.env.ref("base.group_partner_manager")

    def _import(self, rows):
        columns = ["partner_name", "programme_id", "kind_id", "birth_date", "consent_date"]
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["Full Name", "Programme", "Kind", "Birth Date", "Consent Date"])
        writer.writerows(rows)
        env = self.env(user=self.curator)
        importer = env["base_import.import"].create({
            "res_model": "mentorship.mentee",
            "file": buffer.getvalue().encode(),
            "file_name": "mentees.csv",
            "file_type": "text/csv",
        })
        options = {
            "has_headers": True, "advanced": False, "keep_matches": False, "encoding": "utf-8",
            "separator": ",", "quoting": '"', "date_format": "%Y-%m-%d", "datetime_format": "",
            "float_thousand_separator": ",", "float_decimal_separator": ".", "fallback_values": {},
            "import_skip_records": [], "import_set_empty_fields": [], "name_create_enabled_fields": {},
            "limit": 2000, "skip": 0,
        }
        return importer.execute_import(columns, columns, options)

    def _rows(self, names, kind=None):
        consent = self.today.replace(day=1).isoformat() if self.today.day > 1 else self.today.isoformat()
        return [
            [name, self.programme.name, kind or self.kind_teacher.name, "1990-05-17", consent]
            for name in names
        ]

    def test_import_by_name(self):
        names = ["Импорт Первый", "Импорт Второй", "Импорт Третий"]
        result = self._import(self._rows(names))
        self.assertFalse([m for m in result["messages"] if m["type"] == "error"], result["messages"])
        mentees = self.env["mentorship.mentee"].browse(result["ids"])
        self.assertEqual(len(mentees), 3)
        self.assertEqual(sorted(mentees.partner_id.mapped("name")), sorted(names))
        self.assertEqual(len(mentees.partner_id), 3, "one new contact per row")
        self.assertEqual(mentees.stage_id, self.env["mentorship.mentee"]._default_stage_id())
        self.assertEqual(mentees.programme_id, self.programme)
        self.assertEqual(mentees.kind_id, self.kind_teacher)

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
            {"partner_name": f"Пакет {n}", "programme_id": self.programme.id, "kind_id": self.kind_teacher.id}
            for n in range(5)
        ]
        Mentee.create(vals[:1])  # warm the caches
        with self.assertQueryCount(__system__=40):
            mentees = Mentee.create(vals[1:])
        self.assertEqual(len(mentees.partner_id), 4)
        self.assertEqual(mentees.stage_id, stage)
        # a given person wins over the name, an explicit stage is kept
        other = self.env.ref("odoo_mentorship.mentee_stage_waiting")
        mentee = Mentee.create({
            "partner_name": "Не используется", "partner_id": self.teacher_a.partner_id.id,
            "programme_id": self.programme.id, "kind_id": self.kind_teacher.id, "stage_id": other.id,
        })
        self.assertEqual(mentee.partner_id, self.teacher_a.partner_id)
        self.assertEqual(mentee.stage_id, other)
        self.assertFalse(self.env["res.partner"].search_count([("name", "=", "Не используется")]))
