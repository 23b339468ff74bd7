# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

from .. import policy


class MfgAppraisalGuard(models.AbstractModel):
    """Server-side enforcement of the write policy (``policy.py``) for the appraisal models.

    Callers (web client, external API) write only the fields their role may change in the
    record's state; everything else goes through the workflow actions, which check their step
    and then write as superuser. ``env.su`` is the only way past the guard, and it cannot be
    reached from outside: no context key is honoured.
    """

    _name = "mfg.appraisal.guard"
    _description = "Appraisal Write Policy"

    # ------------------------------------------------------------------
    # Roles
    # ------------------------------------------------------------------
    def _guard_appraisal(self):
        """The appraisal a record of this model belongs to (as superuser)."""
        raise NotImplementedError

    @api.model
    def _guard_roles(self, appraisal):
        """Roles (``policy.ROLES``) of the current user on ``appraisal`` (a sudo record)."""
        user = self.env.user
        roles = set()
        if appraisal.employee_user_id == user:
            roles.add("appraisee")
        if user in appraisal.rater_ids.user_id:
            roles.add("rater")
        if appraisal.appraiser_id == user:
            roles.add("appraiser")
        if appraisal.state == "review" and appraisal._current_reviews(user):
            roles.add("reviewer")
        if appraisal.company_id in user.company_ids:
            if user.has_group("mfg_appraisal.group_appraisal_hr"):
                roles.add("hr")
                # Without an approval chain, HR (who publishes) holds the review step.
                if appraisal.state == "review" and not appraisal.review_ids:
                    roles.add("reviewer")
            if user.has_group("mfg_appraisal.group_appraisal_hr_manager"):
                roles.add("admin")
        return policy.effective_roles(roles)

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _guard_field_labels(self, names):
        return ", ".join(
            sorted(
                self._fields[name]._description_string(self.env) if name in self._fields else name
                for name in names
            )
        )

    def _guard_refuse(self, names, what):
        raise UserError(
            self.env._(
                "You may not change %(fields)s of %(what)s: only the workflow steps change them, "
                "by the role and at the step the appraisal policy allows.",
                fields=self._guard_field_labels(names),
                what=what,
            )
        )

    def _guard_state_label(self, appraisal):
        states = dict(appraisal._fields["state"]._description_selection(self.env))
        return states.get(appraisal.state, appraisal.state)

    def _guard_check_write(self, vals):
        """Refuse ``vals`` unless every field is allowed for the caller on every record."""
        if self.env.su:
            return
        asked = set(vals) - policy.MAIL_FIELDS
        if not asked:
            return
        for record in self:
            allowed = record._guard_allowed_fields()
            refused = asked - allowed
            if refused:
                record._guard_refuse(refused, record._guard_what())

    def _guard_allowed_fields(self):
        """Fields the current user may write on this record now (set)."""
        raise NotImplementedError

    def _guard_what(self):
        """A translated description of the record for refusal messages."""
        self.ensure_one()
        appraisal = self._guard_appraisal()
        return self.env._(
            "the appraisal of %(who)s (%(state)s)",
            who=appraisal.employee_id.name,
            state=self._guard_state_label(appraisal),
        )

    def _guard_model_label(self):
        """The model's name in the reader's language (ir.model names are translated)."""
        return self.env["ir.model"]._get(self._name).name or self._description

    def _guard_check_create(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "%(model)s records are created by the appraisal workflow (launching a "
                    "cycle), not by hand.",
                    model=self._guard_model_label(),
                )
            )

    @api.ondelete(at_uninstall=False)
    def _guard_check_unlink(self):
        if not self.env.su:
            raise UserError(
                self.env._(
                    "%(model)s records are never deleted by hand: cancel the appraisal instead.",
                    model=self._guard_model_label(),
                )
            )
