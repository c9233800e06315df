from odoo import api, models

from .mentorship_roles import ROLE_GROUPS

# the fields through which the groups of a user change (the user form writes the
# "in_group_N" / "sel_groups_N_M" pseudo-fields)
GROUP_FIELDS = ("groups_id", "in_group_", "sel_groups_")
# curators and directors are participants too (implied groups)
MENTORSHIP_ROLES = ("participant", "coordinator")


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._mentorship_set_home_action()
        return users

    def write(self, vals):
        if not any(name.startswith(GROUP_FIELDS) for name in vals):
            return super().write(vals)
        groups = self._mentorship_groups()
        outside = self.sudo().filtered(lambda user: not user.groups_id & groups)
        result = super().write(vals)
        outside._mentorship_set_home_action()
        return result

    def _mentorship_groups(self):
        groups = self.env["res.groups"]
        for role in MENTORSHIP_ROLES:
            groups |= (
                self.env.ref(ROLE_GROUPS[role], raise_if_not_found=False) or groups
            )
        return groups

    def _mentorship_set_home_action(self):
        """A user who joins mentorship (created in, or given, one of its groups) without
        a home action of their own lands in it after logging in instead of Discuss, when
        the school's setting says so."""
        action = self.env.ref(
            "odoo_mentorship.mentorship_pair_action", raise_if_not_found=False
        )
        groups = self._mentorship_groups()
        if not action or not groups:
            return
        users = self.sudo().filtered(
            lambda user: not user.action_id
            and not user.share
            and user.company_id.mentorship_home_for_new_users
            and user.groups_id & groups
        )
        if users:
            users.write({"action_id": action.id})
