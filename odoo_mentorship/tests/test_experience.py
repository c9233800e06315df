import random
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools import SQL

from ..models.hr_employee_experience import count_experience, merge_periods
from .common import MentorshipCase

TODAY = date(2026, 3, 15)


@tagged("post_install", "-at_install")
class TestExperienceCount(MentorshipCase):
    """The arithmetic of service records, on plain periods."""

    def test_ongoing_period_counts_to_today(self):
        self.assertEqual(
            count_experience([(date(2022, 1, 10), None)], TODAY), (4, 2, 6)
        )

    def test_overlapping_periods_count_once(self):
        periods = [
            (date(2015, 9, 1), date(2018, 8, 31)),
            (date(2017, 1, 1), date(2019, 6, 30)),
        ]
        self.assertEqual(
            merge_periods(periods, TODAY), [(date(2015, 9, 1), date(2019, 6, 30))]
        )
        self.assertEqual(count_experience(periods, TODAY), (3, 10, 0))
        # the same period twice (a line and the current job) counts once
        self.assertEqual(
            count_experience([(date(2020, 9, 1), None)] * 2, TODAY), (5, 6, 15)
        )

    def test_gaps_are_not_counted(self):
        periods = [
            (date(2010, 9, 1), date(2011, 8, 31)),
            (date(2013, 9, 1), date(2014, 8, 31)),
        ]
        self.assertEqual(count_experience(periods, TODAY), (2, 0, 0))

    def test_future_start_counts_nothing(self):
        self.assertEqual(count_experience([(date(2026, 6, 1), None)], TODAY), (0, 0, 0))
        self.assertEqual(
            count_experience([(date(2026, 3, 1), date(2026, 12, 31))], TODAY),
            (0, 0, 15),
        )

    def test_days_carry_into_months_and_months_into_years(self):
        periods = [
            (date(2019, 1, 1), date(2019, 1, 20)),  # 20 days
            (date(2019, 3, 1), date(2019, 3, 20)),  # 20 days
            (date(2019, 5, 1), date(2020, 4, 30)),  # 1 year
            (date(2021, 1, 1), date(2021, 11, 30)),  # 11 months
        ]
        self.assertEqual(count_experience(periods, TODAY), (2, 0, 10))

    def test_month_ends_and_leap_day(self):
        self.assertEqual(
            count_experience([(date(2023, 1, 1), date(2023, 1, 31))], TODAY), (0, 1, 0)
        )
        self.assertEqual(
            count_experience([(date(2023, 2, 1), date(2023, 2, 28))], TODAY), (0, 1, 0)
        )
        self.assertEqual(
            count_experience([(date(2024, 2, 1), date(2024, 2, 29))], TODAY), (0, 1, 0)
        )
        self.assertEqual(
            count_experience([(date(2020, 3, 1), date(2024, 2, 29))], TODAY), (4, 0, 0)
        )
        # a year started on a leap day ends on 28 February
        self.assertEqual(
            count_experience([(date(2020, 2, 29), date(2021, 2, 27))], TODAY), (1, 0, 0)
        )


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestEmployeeExperience(MentorshipCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr_officer = new_test_user(
            cls.env,
            "hr_off",
            groups="base.group_user,hr.group_hr_user",
            name="Кадровик",
        )
        cls.young = cls._make_employee("Молодой Педагог", hired=date(2025, 9, 1))
        cls.young.experience_ids = [
            (
                0,
                0,
                {
                    "organisation": "Школа № 3",
                    "position": "Учитель математики",
                    "date_start": date(2024, 9, 1),
                    "date_end": date(2025, 6, 30),
                },
            )
        ]
        cls.veteran = cls._make_employee("Опытный Педагог", hired=date(2012, 9, 1))
        cls.veteran.experience_ids = [
            (
                0,
                0,
                {
                    "organisation": "Лицей № 1",
                    "position": "Учитель физики",
                    "date_start": date(2002, 9, 1),
                    "date_end": date(2012, 8, 31),
                },
            ),
            (
                0,
                0,
                {
                    "organisation": "ООО «Ромашка»",
                    "position": "Бухгалтер",
                    "date_start": date(2000, 9, 1),
                    "date_end": date(2002, 8, 31),
                    "is_teaching": False,
                },
            ),
        ]
        cls.newcomer = cls._make_employee("Новый Педагог", hired=date(2025, 12, 1))
        cls.newcomer.experience_ids = [
            (
                0,
                0,
                {
                    "organisation": "Гимназия № 2",
                    "position": "Учитель истории",
                    "date_start": date(2010, 9, 1),
                    "date_end": date(2025, 11, 30),
                },
            )
        ]

    @classmethod
    def _make_employee(cls, name, hired):
        employee = cls.env["hr.employee"].create(
            {"name": name, "company_id": cls.school_1.id}
        )
        cls.env["hr.contract"].create(
            {
                "name": f"Трудовой договор {name}",
                "employee_id": employee.id,
                "date_start": hired,
                "wage": 50000,
                "state": "open",
            }
        )
        return employee

    def test_figures_on_the_employee(self):
        self.assertEqual(self.young.school_start_date, date(2025, 9, 1))
        # 10 months at school 3, then 6 months 15 days here
        self.assertEqual(self.young._get_teaching_experience(), (1, 4, 15))
        self.assertEqual(self.young.teaching_experience_display, "1 y. 4 mo.")
        self.assertTrue(self.young.is_young_specialist)
        self.assertTrue(self.young.is_new_at_school)
        self.assertEqual(self.veteran.teaching_experience_display, "23 y. 6 mo.")
        self.assertEqual(self.veteran.total_experience_display, "25 y. 6 mo.")
        self.assertEqual(self.veteran.school_experience_display, "13 y. 6 mo.")
        self.assertFalse(self.veteran.is_young_specialist)
        self.assertFalse(self.veteran.is_new_at_school)
        self.assertFalse(self.newcomer.is_young_specialist)
        self.assertTrue(self.newcomer.is_new_at_school)

    def test_district_count_in_sql_matches_the_service_record_arithmetic(self):
        """The indicators count experience in SQL for a whole district; it must give the
        months count_experience gives, on the month ends, leap days, overlaps, adjacent,
        open and future periods where calendar arithmetic goes wrong."""
        rng = random.Random(7)
        tricky = [
            date(2020, 2, 29),
            date(2023, 1, 30),
            date(2023, 1, 31),
            date(2023, 2, 28),
            date(2024, 2, 29),
            date(2024, 3, 31),
            date(2025, 12, 31),
            date(2026, 3, 15),
            date(2026, 3, 16),
        ]
        employees = self.env["hr.employee"]
        for n in range(40):
            employee = self.env["hr.employee"].create(
                {
                    "name": f"Педагог {n}",
                    "company_id": self.school_1.id,
                    "teaching_position": n % 3 != 0,
                }
            )
            lines = []
            for _line in range(rng.randint(0, 4)):
                start = (
                    rng.choice(tricky)
                    if rng.random() < 0.4
                    else date(2005, 1, 1) + timedelta(days=rng.randint(0, 7700))
                )
                end = (
                    None
                    if rng.random() < 0.2
                    else start
                    + timedelta(
                        days=rng.choice(
                            [0, 27, 28, 29, 30, 31, 364, 365, 366, rng.randint(1, 3000)]
                        )
                    )
                )
                lines.append(
                    Command.create(
                        {
                            "organisation": "Школа",
                            "position": "Учитель",
                            "date_start": start,
                            "date_end": end,
                            "is_teaching": rng.random() < 0.8,
                        }
                    )
                )
            employee.experience_ids = lines
            if n % 2:
                # contracts here: an earlier stay that ended, then (after a gap or not)
                # the current one; a cancelled one never counts
                start = (
                    rng.choice(tricky)
                    if n % 4 == 1
                    else date(2010, 1, 1) + timedelta(days=rng.randint(0, 6000))
                )
                contracts = []
                if n % 3:
                    end = start + timedelta(
                        days=rng.choice([30, 364, 365, rng.randint(40, 900)])
                    )
                    contracts.append(
                        {"date_start": start, "date_end": end, "state": "close"}
                    )
                    start = end + timedelta(days=rng.choice([1, 2, 200]))
                contracts.append(
                    {
                        "date_start": start,
                        "state": "open" if n % 5 else "close",
                        "date_end": False if n % 5 else start + timedelta(days=500),
                    }
                )
                if n % 7 == 1:
                    contracts.append(
                        {"date_start": date(2001, 1, 1), "state": "cancel"}
                    )
                self.env["hr.contract"].create(
                    [
                        {
                            "name": "Договор",
                            "employee_id": employee.id,
                            "wage": 40000,
                            **contract,
                        }
                        for contract in contracts
                    ]
                )
            employees |= employee
        employees |= self.young | self.veteran | self.newcomer
        self.env.flush_all()
        for day in (date(2024, 2, 28), date(2024, 12, 31), date(2025, 3, 1), TODAY):
            query = self.env["hr.employee"]._get_teaching_months_query(
                SQL("SELECT unnest(%s::int[]) AS id", employees.ids), day
            )
            self.env.cr.execute(query)
            in_sql = dict(self.env.cr.fetchall())
            in_python = {}
            for employee in employees:
                periods = employee._get_experience_periods(teaching_only=True)
                if periods:
                    years, months, _days = count_experience(periods, day)
                    in_python[employee.id] = years * 12 + months
            self.assertEqual(in_sql, in_python, f"on {day}")
        self.assertGreater(len(in_python), 20)
        # the search filters use the same count: they find whom the employee form flags
        for flag in ("is_young_specialist", "is_new_at_school"):
            found = self.env["hr.employee"].search(
                [("id", "in", employees.ids), (flag, "=", True)]
            )
            self.assertEqual(found, employees.filtered(flag), flag)
            self.assertTrue(found)

    def test_contracts_here_count_not_the_days_after_leaving(self):
        """Experience here comes from the contracts: a contract that ended
        stops counting, an earlier stay at the school still counts after a
        return, a cancelled one never."""
        employee = self.env["hr.employee"].create(
            {"name": "Вернувшийся Педагог", "company_id": self.school_1.id}
        )
        Contract = self.env["hr.contract"]
        contract = {"employee_id": employee.id, "wage": 45000}
        Contract.create(
            {
                **contract,
                "name": "Первый договор",
                "date_start": date(2015, 9, 1),
                "date_end": date(2017, 8, 31),
                "state": "close",
            }
        )
        Contract.create(
            {
                **contract,
                "name": "Отменённый договор",
                "date_start": date(2012, 9, 1),
                "state": "cancel",
            }
        )
        self.assertEqual(employee.teaching_experience_months, 24)
        self.assertEqual(employee.teaching_experience_display, "2 y. 0 mo.")
        # back at the school after a gap: both stays count,
        # the start date here is the return
        Contract.create(
            {
                **contract,
                "name": "Второй договор",
                "date_start": date(2025, 9, 1),
                "state": "open",
            }
        )
        self.assertEqual(employee.school_start_date, date(2025, 9, 1))
        self.assertEqual(employee.teaching_experience_months, 24 + 6)
        self.assertEqual(employee.school_experience_display, "2 y. 6 mo.")
        self.assertTrue(employee.is_new_at_school)

    def test_search_filters_see_a_contract_just_changed(self):
        """The filters count in SQL: a contract edited in
        the same transaction counts."""
        Employee = self.env["hr.employee"]
        self.assertEqual(
            Employee.search(
                [("id", "=", self.young.id), ("is_young_specialist", "=", True)]
            ),
            self.young,
        )
        self.young.contract_ids.date_start = date(2010, 9, 1)
        self.assertFalse(
            Employee.search(
                [("id", "=", self.young.id), ("is_young_specialist", "=", True)]
            )
        )
        self.assertFalse(self.young.is_young_specialist)

    def test_figures_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        employee = self.young.with_context(lang="ru_RU")
        self.assertEqual(employee.teaching_experience_display, "1 г. 4 мес.")

    def test_values_change_with_time_without_any_write(self):
        with freeze_time(date(2028, 3, 1)):
            self.young.invalidate_recordset()
            self.assertFalse(self.young.is_young_specialist)
            self.assertFalse(self.young.is_new_at_school)
            self.assertEqual(self.young.teaching_experience_display, "3 y. 4 mo.")

    def test_search_filters(self):
        Employee = self.env["hr.employee"].with_user(self.hr_officer)
        ours = [("id", "in", (self.young | self.veteran | self.newcomer).ids)]
        self.assertEqual(
            Employee.search(ours + [("is_young_specialist", "=", True)]), self.young
        )
        self.assertEqual(
            Employee.search(ours + [("is_new_at_school", "=", True)]),
            self.young | self.newcomer,
        )
        self.assertEqual(
            Employee.search(ours + [("is_young_specialist", "!=", True)]),
            self.veteran | self.newcomer,
        )
        with freeze_time(date(2027, 3, 1)):
            self.assertEqual(
                Employee.search(ours + [("is_new_at_school", "=", True)]), Employee
            )

    def test_search_filters_follow_the_selected_schools(self):
        # the filters count only the schools selected in the company switcher
        # (what the user can see), the way the list shows them
        young_2 = self.env["hr.employee"].create(
            {"name": "Молодой Педагог Второй Школы", "company_id": self.school_2.id}
        )
        self.env["hr.contract"].create(
            {
                "name": "Трудовой договор второй школы",
                "employee_id": young_2.id,
                "company_id": self.school_2.id,
                "date_start": date(2025, 9, 1),
                "wage": 50000,
                "state": "open",
            }
        )
        hr_both = new_test_user(
            self.env,
            "hr_both",
            groups="base.group_user,hr.group_hr_user",
            company_id=self.school_1.id,
            company_ids=[(6, 0, (self.school_1 | self.school_2).ids)],
        )
        ours = [("id", "in", (self.young | self.veteran | young_2).ids)]
        for flag in ("is_young_specialist", "is_new_at_school"):
            for schools, expected in (
                (self.school_1, self.young),
                (self.school_2, young_2),
                (self.school_1 | self.school_2, self.young | young_2),
            ):
                Employee = (
                    self.env["hr.employee"]
                    .with_user(hr_both)
                    .with_context(allowed_company_ids=schools.ids)
                )
                self.assertEqual(Employee.search(ours + [(flag, "=", True)]), expected)
                self.assertEqual(
                    Employee.search(ours + [(flag, "=", False)]),
                    self.veteran & Employee.search([]),
                )

    def test_thresholds_are_company_settings(self):
        settings = self.env["res.config.settings"].create(
            {
                "mentorship_young_specialist_years": 1,
                "mentorship_adaptation_months": 4,
            }
        )
        settings.execute()
        self.env.invalidate_all()
        self.assertFalse(self.young.is_young_specialist)
        self.assertFalse(self.young.is_new_at_school)
        self.assertTrue(self.newcomer.is_new_at_school)

    def test_bad_lines_are_refused(self):
        Line = self.env["hr.employee.experience"].with_user(self.hr_officer)
        values = {
            "employee_id": self.young.id,
            "organisation": "Школа",
            "position": "Учитель",
        }
        with self.assertRefused(ValidationError, "cannot end before it starts"):
            Line.create(
                {
                    **values,
                    "date_start": date(2020, 9, 1),
                    "date_end": date(2020, 8, 31),
                }
            )
        with self.assertRefused(ValidationError, "more than a year from now"):
            Line.create({**values, "date_start": date(2027, 6, 1)})
        with self.assertRefused(ValidationError, "more than 0% and at most 100%"):
            Line.create(
                {
                    **values,
                    "date_start": date(2020, 9, 1),
                    "is_part_time": True,
                    "workload": -50,
                }
            )
        self.assertEqual(len(self.young.experience_ids), 1)

    def test_import_reports_bad_rows_and_writes_nothing(self):
        fields_ = [
            "employee_id/.id",
            "organisation",
            "position",
            "date_start",
            "date_end",
        ]
        rows = [
            [str(self.young.id), "Школа № 7", "Учитель", "2018-09-01", "2019-06-30"],
            [str(self.young.id), "Школа № 8", "Учитель", "2020-09-01", "2019-06-30"],
        ]
        result = (
            self.env["hr.employee.experience"]
            .with_user(self.hr_officer)
            .load(fields_, rows)
        )
        self.assertFalse(result["ids"])
        self.assertTrue(
            any(
                "cannot end before it starts" in m["message"]
                for m in result["messages"]
            )
        )
        self.assertEqual(len(self.young.experience_ids), 1)
        result = (
            self.env["hr.employee.experience"]
            .with_user(self.hr_officer)
            .load(fields_, rows[:1])
        )
        self.assertEqual(len(result["ids"]), 1)
        self.assertEqual(self.young._get_teaching_experience(), (2, 2, 15))

    def test_access_to_work_records(self):
        line = self.young.experience_ids
        line.with_user(self.hr_officer).write({"position": "Учитель алгебры"})
        self.assertEqual(line.with_user(self.curator).position, "Учитель алгебры")
        with self.assertRaises(AccessError):
            line.with_user(self.curator).write({"position": "Директор"})
        self.young.user_id = self.teacher_c
        Line = self.env["hr.employee.experience"]
        self.assertEqual(Line.with_user(self.teacher_c).search([]), line)
        self.assertFalse(Line.with_user(self.teacher_d).search([]))
        with self.assertRaises(AccessError):
            self.veteran.experience_ids.with_user(self.teacher_c).read(["organisation"])
        with self.assertRaises(AccessError):
            line.with_user(self.teacher_c).write({"date_start": date(2000, 1, 1)})

    def test_work_records_follow_the_company(self):
        hr_school_2 = new_test_user(
            self.env,
            "hr_two",
            groups="base.group_user,hr.group_hr_user",
            company_id=self.school_2.id,
            company_ids=[(6, 0, self.school_2.ids)],
        )
        self.assertFalse(
            self.env["hr.employee.experience"].with_user(hr_school_2).search([])
        )

    def test_add_to_the_mentee_base(self):
        # the categories from HR data are suggested to a
        # curator who is an HR officer too
        hr_curator = new_test_user(
            self.env,
            "hr_cur",
            groups="hr.group_hr_user,odoo_mentorship.group_mentorship_curator",
        )
        action = self.young.action_mentorship_enrol_mentee()
        wizard = Form(
            self.env[action["res_model"]]
            .with_user(hr_curator)
            .with_context(**action["context"])
        )
        wizard.programme_id = self.programme
        self.assertEqual(
            set(wizard.category_ids.ids),
            set(
                (
                    self.env.ref("odoo_mentorship.category_young_specialist")
                    | self.env.ref("odoo_mentorship.category_new_workplace")
                ).ids
            ),
        )
        result = wizard.save().action_enrol()
        mentee = self.env["mentorship.mentee"].browse(result["res_id"])
        self.assertEqual(mentee.employee_id, self.young)
        self.assertEqual(mentee.partner_id, self.young.work_contact_id)
        self.assertEqual(mentee.kind_id, self.kind_teacher)
        # twice is refused
        again = (
            self.env["mentorship.enrol.employee"]
            .with_user(self.curator)
            .create(
                {
                    "employee_ids": [(6, 0, self.young.ids)],
                    "base": "mentee",
                    "programme_id": self.programme.id,
                }
            )
        )
        with self.assertRefused(UserError, "already in this base"):
            again.action_enrol()

    def test_add_to_the_mentor_base_and_pairs_on_the_employee(self):
        # a teaching position is HR data: "experienced teacher"
        # is suggested to HR curators only
        vals = {
            "employee_ids": [(6, 0, self.veteran.ids)],
            "base": "mentor",
            "programme_id": self.programme.id,
        }
        self.assertFalse(
            self.env["mentorship.enrol.employee"]
            .with_user(self.curator)
            .create(vals)
            .category_ids
        )
        hr_curator = new_test_user(
            self.env,
            "hr_cur_m",
            groups="hr.group_hr_user,odoo_mentorship.group_mentorship_curator",
        )
        mentor = (
            self.env["mentorship.enrol.employee"].with_user(hr_curator).create(vals)
        )
        mentor.action_enrol()
        mentor_record = self.env["mentorship.mentor"].search(
            [("employee_id", "=", self.veteran.id)]
        )
        self.assertIn(
            self.env.ref("odoo_mentorship.category_experienced_teacher"),
            mentor_record.category_ids,
        )
        mentee = (
            self.env["mentorship.enrol.employee"]
            .with_user(self.curator)
            .create(
                {
                    "employee_ids": [(6, 0, self.young.ids)],
                    "base": "mentee",
                    "programme_id": self.programme.id,
                }
            )
        )
        mentee.action_enrol()
        mentee_record = self.env["mentorship.mentee"].search(
            [("employee_id", "=", self.young.id)]
        )
        pair = self._make_pair(mentor_record, mentee_record)
        self.assertEqual(self.veteran.mentorship_mentor_count, 1)
        self.assertEqual(self.young.mentorship_mentee_count, 1)
        action = self.young.action_open_mentorship_pairs_as_mentee()
        self.assertEqual(self.env["mentorship.pair"].search(action["domain"]), pair)
        self.assertFalse(pair.eligibility_warning)

    def _pair_of(self, mentor_employee, mentee_employee):
        mentor = self._make_mentor(
            mentor_employee.work_contact_id, employee_id=mentor_employee.id
        )
        mentee = self._make_mentee(
            mentee_employee.work_contact_id, employee_id=mentee_employee.id
        )
        return self._make_pair(mentor, mentee)

    def test_mentor_below_the_minimum_needs_an_override(self):
        pair = self._pair_of(self.young, self.newcomer)
        self.assertIn("less than the minimum of 3 years", pair.eligibility_warning)
        with self.assertRefused(
            ValidationError, "until the curator approves the mentor"
        ):
            pair.stage_id = self.stage_intro
        with self.assertRefused(UserError, "Only a curator"):
            pair.with_user(self.teacher_a).action_override_eligibility()
        pair.with_user(self.curator).action_override_eligibility()
        self.assertTrue(pair.eligibility_override)
        self.assertIn(
            "approved the mentor despite the warning", pair.message_ids[0].body
        )
        pair.stage_id = self.stage_intro
        self.assertEqual(pair.stage_id, self.stage_intro)

    def test_mentor_less_experienced_than_the_mentee(self):
        pair = self._pair_of(self.veteran, self.newcomer)
        self.assertFalse(pair.eligibility_warning)
        pair.mentee_ids.employee_id.experience_ids.date_start = date(1995, 9, 1)
        pair.invalidate_recordset(["eligibility_warning"])
        self.assertIn(
            "less teaching experience than the mentee", pair.eligibility_warning
        )
        # only forms that compare teaching experience flag it
        self.form_teachers.check_teaching_experience = False
        pair.invalidate_recordset(["eligibility_warning"])
        self.assertFalse(pair.eligibility_warning)

    def test_no_warning_before_hr_records_the_mentor(self):
        unknown = self.env["hr.employee"].create(
            {"name": "Без трудовой книжки", "company_id": self.school_1.id}
        )
        pair = self._pair_of(unknown, self.young)
        self.assertFalse(pair.eligibility_warning)
