"""The steps of make test-upgrade (tools/test_upgrade.sh) that run inside Odoo, and
the comparison of the two snapshots.

    python3 tools/upgrade_check.py customise [odoo options] -d DB
    python3 tools/upgrade_check.py snapshot FILE [odoo options] -d DB
    python3 tools/upgrade_check.py compare BEFORE AFTER

``customise`` edits the configuration a school would have edited (a pair stage, a KPI
target, a form's goal, a school setting) and stores the indicators of the demo years,
as a school keeps its history; ``snapshot`` writes to FILE the record counts of every
model of ours, those customisations and the computed figures (KPI values computed
afresh, the teaching experience of the demo employees, the personalised accounting);
``compare`` prints every difference and exits 1 on one that ALLOWED does not explain.
The Odoo steps run with whichever version of the addons the addons path gives: they
use only what 18.0.1.0.0 already had.

The indicators count ages on 31 December in 18.0.1.0.0 already: 1.1.0 only shares that
rule with the personalised accounting, whose ages move (ALLOWED); the indicators'
figures must not.
"""

import json
import re
import sys
import threading

# The customised configuration: (model, xml id, field, new value).
CUSTOMISATIONS = [
    (
        "mentorship.pair.stage",
        "odoo_mentorship.pair_stage_trial",
        "name",
        "Trial meeting (school's name)",
    ),
    (
        "mentorship.kpi.target",
        "odoo_mentorship.kpi_children_mentees_target_2024",
        "target",
        42.5,
    ),
    (
        "mentorship.form",
        "odoo_mentorship.form_teacher_teacher",
        "goal",
        "Our school's own goal of the form.",
    ),
    # a mentor the school ticked as trained by hand (1.2.0
    # computes the field: the tick stays)
    (
        "mentorship.mentor",
        "odoo_mentorship.mentor_pavlova_demo",
        "training_done",
        True,
    ),
    ("res.company", "base.main_company", "mentorship_young_specialist_years", 5),
    ("res.company", "base.main_company", "mentorship_nudge_days", 10),
]

# Differences that the upgrade to 18.0.1.1.0 makes on purpose. Each entry: a regular
# expression matched against the difference's key, and why it is expected.
ALLOWED = [
    (
        r"^settings/res\.company/\d+/mentorship_pairs_need_order$",
        (
            "new setting of 1.1.0 (absent before), on for a new school; "
            "migrations/18.0.1.1.0/post-migrate.py turns it off for the schools that "
            "upgrade (checked apart: it must be False)"
        ),
    ),
    (
        r"^settings/res\.company/\d+/mentorship_public_contact_id$",
        (
            "new setting of 1.2.0 (absent before), empty: the school's public page "
            "names no contact until the school chooses one (a relational setting: "
            "default_get gives no value to compare)"
        ),
    ),
    (
        r"^settings/res\.company/\d+/mentorship_training_survey_id$",
        (
            "new setting of 1.2.0 (absent before), empty: a school that upgrades "
            "requires no certification of the school of mentors until it chooses one "
            "(a relational setting: default_get gives no value to compare)"
        ),
    ),
    (
        r"^participation/.*/(age|age_group)$",
        (
            "1.1.0 changed the age rule of the personalised accounting: the age on 31 "
            "December of the year the pair started (the indicators' rule), no longer "
            "on the day it started"
        ),
    ),
]

# A school setting that the new version adds: a school upgrading gets its default, as
# a school created now does (unless a migration decides otherwise, as above).
NEW_SETTING = "a setting new in 1.1.0 (absent before): the school gets its default"
# Records the new version's data and demo files add (the accessibility categories, the
# demo's new documents): created by the update, each with its xml id (checked).
NEW_DATA = "records of the new version's data and demo files, each with its xml id"
# A school the new version's demo adds (МБОУ «СОШ № 9», the district's mentor base of
# 1.1.0), with its xml id: its settings, indicators and pairs' rows are new too.
NEW_SCHOOL = (
    "a school the new version's demo adds (by its xml id): its settings, indicators "
    "and pairs' rows"
)


# ---------------------------------------------------------------------- odoo --


def _env(odoo_args):
    import odoo
    from odoo.modules.registry import Registry
    from odoo.tools import config

    config.parse_config(odoo_args, setup_logging=True)
    dbname = config["db_name"]
    threading.current_thread().dbname = dbname
    registry = Registry(dbname)
    cr = registry.cursor()
    env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"active_test": False})
    return env


def _kpi_years(env):
    from odoo import fields

    today = fields.Date.context_today(env["res.users"])
    years = {today.year - 1, today.year}
    for _model, xmlid, _field, _value in CUSTOMISATIONS:
        record = env.ref(xmlid)
        if record._name == "mentorship.kpi.target":
            years.add(record.year)
    return sorted(years)


def customise(env):
    for model, xmlid, field, value in CUSTOMISATIONS:
        record = env.ref(xmlid)
        assert record._name == model, (xmlid, record._name)
        record.write({field: value})
    # the indicators a school computed and keeps (history)
    schools = env["res.company"].search([])
    for year in _kpi_years(env):
        env["mentorship.kpi.value"]._compute_values(schools, year)
    env.cr.commit()


def _rounded(value):
    return round(value, 3) if isinstance(value, float) else value


def snapshot(env):
    data = {
        "count": {},
        "ids": {},
        "custom": {},
        "settings": {},
        "kpi_stored": {},
        "kpi": {},
        "experience": {},
        "participation": {},
        "xmlids": {},
        "defaults": {},
        "training": {},
    }
    # record counts (archived included) and ids of every model of ours
    names = env["ir.model"].search([("model", "=like", "mentorship.%")]).mapped(
        "model"
    ) + ["hr.employee.experience"]
    for name in sorted(names):
        model = env.get(name)
        # an SQL view (the personalised accounting, the district's mentor base) holds no
        # records of its own: its ids are its rows' numbers;
        # its figures are compared apart
        if model is None or model._abstract or model._transient or not model._auto:
            continue
        records = model.search([])
        data["count"][name] = len(records)
        data["ids"][name] = sorted(records.ids)
    # our records with an xml id (to tell the data a new version adds)
    for row in env["ir.model.data"].search_read(
        [
            ("module", "in", ["odoo_mentorship", "odoo_mentorship_reports"]),
            ("model", "in", [*names, "res.company"]),
        ],
        ["model", "res_id", "module", "name"],
    ):
        data["xmlids"][f"{row['model']}/{row['res_id']}"] = (
            f"{row['module']}.{row['name']}"
        )
    # the customisations
    for _model, xmlid, field, _value in CUSTOMISATIONS:
        data["custom"][f"{xmlid}/{field}"] = _rounded(env.ref(xmlid)[field])
    # who is trained (1.2.0 computes it from the school of
    # mentors: the ticks of before stay)
    for mentor in env["mentorship.mentor"].search([]):
        data["training"][f"{mentor.id} {mentor.partner_id.name}"] = mentor.training_done
    # the school settings of ours, and their defaults (those of a school created now)
    defaults = env["res.company"].default_get(list(env["res.company"]._fields))
    for company in env["res.company"].search([]):
        for name in sorted(company._fields):
            if name.startswith("mentorship_") and company._fields[name].store:
                data["settings"][f"res.company/{company.id}/{name}"] = (
                    _rounded(company[name])
                    if not company._fields[name].relational
                    else sorted(company[name].ids)
                )
                data["defaults"][f"res.company/{company.id}/{name}"] = defaults.get(
                    name
                )
    # the indicators stored before the upgrade
    Value = env["mentorship.kpi.value"]
    fig = ("numerator", "denominator", "value", "target", "status")
    for value in Value.search([]):
        key = (
            f"{value.indicator_id.code}/{value.company_id.id}/{value.year}/"
            f"{'district' if value.is_district else 'school'}"
        )
        data["kpi_stored"][key] = {name: _rounded(value[name]) for name in fig}
    # the indicators computed afresh by the installed code (not kept)
    schools = env["res.company"].search([])
    for year in _kpi_years(env):
        for value in Value._compute_values(schools, year):
            key = f"{value.indicator_id.code}/{value.company_id.id}/{year}"
            data["kpi"][key] = {name: _rounded(value[name]) for name in fig}
    # teaching experience of the employees with a work record
    for employee in env["hr.employee"].search([("experience_ids", "!=", False)]):
        data["experience"][f"{employee.id} {employee.name}"] = {
            name: _rounded(employee[name])
            for name in (
                "teaching_experience_months",
                "teaching_experience_display",
                "total_experience_display",
                "school_experience_display",
                "is_young_specialist",
            )
        }
    # personalised accounting: one row per person and pair
    for row in env["mentorship.participation"].search([]):
        key = f"{row.pair_id.id}/{row.role}/{row.partner_id.id}"
        data["participation"][key] = {
            name: _rounded(row[name])
            for name in ("age", "age_group", "state", "date_start", "date_end")
        }
        for name in ("date_start", "date_end"):
            data["participation"][key][name] = str(
                data["participation"][key][name] or ""
            )
    env.cr.rollback()
    return data


# ------------------------------------------------------------------- compare --


def _flatten(data, prefix=""):
    flat = {}
    for key, value in data.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, path + "/"))
        else:
            flat[path] = value
    return flat


def _compare_records(ids_before, ids_after, xmlids_after):
    """Records gone, and records added without an xml id, are unexpected; return their
    number and the models whose new records all come from the new version's files."""
    unexpected = 0
    new_data_models = set()
    # a model the new version adds (the minutes, the agreements) has no figures before:
    # its records must come from the new version's data and demo files too
    for name in sorted(set(ids_before) | set(ids_after)):
        ids = ids_before.get(name, [])
        if name not in ids_before and not ids_after.get(name):
            new_data_models.add(name)
        gone = set(ids) - set(ids_after.get(name, []))
        if gone:
            print(
                f"  UNEXPECTED {name}: records gone after the upgrade: {sorted(gone)}"
            )
            unexpected += 1
        added = set(ids_after.get(name, [])) - set(ids)
        if added:
            # only records of the new version's data and demo files (by their xml ids)
            names = sorted(
                xmlids_after.get(f"{name}/{rid}", f"(no xml id) {rid}") for rid in added
            )
            print(f"  new {name} records: {', '.join(names)}")
            if any(n.startswith("(no xml id)") for n in names):
                unexpected += 1
            else:
                new_data_models.add(name)
    return unexpected, new_data_models


def compare(before, after):
    """Print the differences; return the number of those not allowed."""
    ids_before, ids_after = before.pop("ids"), after.pop("ids")
    xmlids_after = after.pop("xmlids")
    before.pop("xmlids")
    # a school the new version's demo adds (the district's second school, 1.1.0), by its
    # xml id, and the pairs it adds: their settings, indicators and rows are new data
    schools_before = {key.split("/")[1] for key in before["settings"]}
    new_schools = {
        key.split("/")[1]
        for key in after["settings"]
        if key.split("/")[1] not in schools_before
        and f"res.company/{key.split('/')[1]}" in xmlids_after
    }
    new_pairs, new_mentors = (
        {
            str(rid)
            for rid in set(ids_after.get(model, [])) - set(ids_before.get(model, []))
            if f"{model}/{rid}" in xmlids_after
        }
        for model in ("mentorship.pair", "mentorship.mentor")
    )
    before.pop("defaults")
    defaults_after = after.pop("defaults")
    unexpected, new_data_models = _compare_records(ids_before, ids_after, xmlids_after)
    # the migration of 1.1.0: the schools that upgrade keep pairs without an order
    for key, value in after["settings"].items():
        if key.split("/")[1] in new_schools:
            continue
        if key.endswith("/mentorship_pairs_need_order") and value is not False:
            print(
                f"  UNEXPECTED {key} is {value!r}: the 18.0.1.1.0 migration did not "
                "turn it off"
            )
            unexpected += 1
    flat_before, flat_after = _flatten(before), _flatten(after)
    checked = len(set(flat_before) | set(flat_after))
    reasons = {}
    for key in sorted(set(flat_before) | set(flat_after)):
        old, new = flat_before.get(key, "<absent>"), flat_after.get(key, "<absent>")
        if old == new:
            continue
        setting = key.removeprefix("settings/")
        if (
            key.startswith("settings/")
            and old == "<absent>"
            and setting in defaults_after
            and new == defaults_after[setting]
            and not key.endswith("/mentorship_pairs_need_order")
        ):
            reasons.setdefault(NEW_SETTING, []).append(f"{key}: {old!r} -> {new!r}")
            continue
        if key.startswith("count/") and key.removeprefix("count/") in new_data_models:
            reasons.setdefault(NEW_DATA, []).append(f"{key}: {old!r} -> {new!r}")
            continue
        parts = key.split("/")
        if old == "<absent>" and (
            (parts[0] == "settings" and parts[2] in new_schools)
            or (parts[0] == "kpi" and parts[2] in new_schools)
            or (parts[0] == "participation" and parts[1] in new_pairs)
            or (parts[0] == "training" and parts[1].split()[0] in new_mentors)
        ):
            reasons.setdefault(NEW_SCHOOL, []).append(f"{key}: {old!r} -> {new!r}")
            continue
        for pattern, reason in ALLOWED:
            if re.search(pattern, key):
                reasons.setdefault(reason, []).append(f"{key}: {old!r} -> {new!r}")
                break
        else:
            print(f"  UNEXPECTED {key}: {old!r} -> {new!r}")
            unexpected += 1
    for reason, lines in reasons.items():
        print(f"  allowed ({reason}):")
        for line in lines:
            print(f"      {line}")
    print(f"  {checked} figures compared, {unexpected} unexpected differences")
    return unexpected


def main():
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "compare":
        with open(rest[0]) as f1, open(rest[1]) as f2:
            sys.exit(1 if compare(json.load(f1), json.load(f2)) else 0)
    if command == "snapshot":
        target, rest = rest[0], rest[1:]
        env = _env(rest)
        with env.cr:
            data = snapshot(env)
        with open(target, "w") as f:
            json.dump(data, f, indent=1, ensure_ascii=False, sort_keys=True)
    elif command == "customise":
        env = _env(rest)
        with env.cr:
            customise(env)
    else:
        sys.exit(f"unknown command {command}")


if __name__ == "__main__":
    main()
