from odoo import api, models

from .mentorship_roles import has_role


class MentorshipPairRecordMixin(models.AbstractModel):
    """What the participants of a pair change themselves (meetings, plan lines,
    feedback): create() and write() ask the model what the user may do, and so does
    the portal for its user before it writes as superuser. One place for the hook;
    each model says what its participants may do."""

    _name = "mentorship.pair.record.mixin"
    _description = "Record Changed by the Participants of a Pair"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_participant_create(vals_list, self.env.user)
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_participant_changes(vals, self.env.user)
        return super().write(vals)

    @api.model
    def _create_for(self, user, vals_list):
        """Create, as superuser, what `user` may create: the portal, whose users have
        no rights on these models, after its ownership check."""
        self._check_participant_create(vals_list, user)
        return self.sudo().create(vals_list)

    def _write_for(self, user, vals):
        """Write, as superuser, what `user` may change (the portal)."""
        self._check_participant_changes(vals, user)
        return self.sudo().write(vals)

    @api.model
    def _check_participant_create(self, vals_list, user):
        """Refuse the records `user` may not add: by default, those of a pair that
        `user` does not mentor (curators add any)."""
        if has_role(self.with_user(user).env, "curator"):
            return
        default_pair = self.default_get(["pair_id"]).get("pair_id")
        for vals in vals_list:
            self._check_mentor_of(
                self.env["mentorship.pair"].browse(vals.get("pair_id", default_pair)),
                user,
            )

    def _check_participant_changes(self, vals, user):
        """Refuse the changes `user` may not make to these records."""
        raise NotImplementedError

    @api.model
    def _check_mentor_of(self, pair, user):
        """Refuse unless `user` mentors the open `pair` (the message is the model's)."""
        raise NotImplementedError
