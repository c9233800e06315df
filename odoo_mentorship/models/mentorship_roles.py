"""One home for the role guards of the mentorship addons.

The groups say what a role may do with a model (ACLs, record rules, field groups);
what depends on the role inside a method (only the director approves, only a
curator changes a confirmed meeting, history is deleted by the system administrator
alone) asks here instead of repeating ``has_group`` checks.
"""

from odoo.exceptions import AccessError, UserError

# sensitive personal data (152-ФЗ): the curators' and the
# director's only, see docs/security.md
PERSONAL_DATA_GROUPS = "odoo_mentorship.group_mentorship_curator"
ROLE_GROUPS = {
    "participant": "odoo_mentorship.group_mentorship_participant",
    "curator": "odoo_mentorship.group_mentorship_curator",
    "manager": "odoo_mentorship.group_mentorship_manager",
    "coordinator": "odoo_mentorship.group_mentorship_coordinator",
    # HR officers have no mentorship group: Employees / Officer is the role
    "hr_officer": "hr.group_hr_user",
}


def has_role(env, role):
    """Whether the current user plays `role` (the superuser plays every role)."""
    return env.su or env.user.has_group(ROLE_GROUPS[role])


def check_role(env, role, message):
    """Refuse with `message` (translated by the caller) unless the user plays `role`."""
    if not has_role(env, role):
        raise AccessError(message)


def check_history_unlink(records, message):
    """History (meetings, feedback, approved orders, confirmed monitoring, answers,
    indicator values) is deleted by the system administrator only: everyone else
    archives or cancels. `message` says what to do instead."""
    env = records.env
    if records and not (env.su or env.user._is_system()):
        raise UserError(message)


def can_read_field(env, model, field_name):
    """Whether the current user may read `field_name` of `model` by its ``groups=``
    (the HR data of employees, for instance), also in code running as superuser
    (a stored compute): what such code copies or shows must not say more."""
    return env[model]._fields[field_name].is_accessible(env(su=False))
