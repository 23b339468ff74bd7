# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import MissingError, UserError

APPRAISAL = "mfg.appraisal"


class TierReview(models.Model):
    """Approval reviews of appraisals are the record of who approved a result: callers never
    create, change or delete them. The appraisal's approval steps (validate, reject, send back)
    change them as the system once they checked the caller holds the pending tier; a reviewer
    may only add a comment to their own pending review (the comment dialog)."""

    _inherit = "tier.review"

    def _get_reviewers(self):
        """Reviewer groups of appraisal tiers include the members of the groups implying them
        (an HR manager reviews the HR officers' tier); the appraisee never reviews their own
        appraisal."""
        reviewers = super()._get_reviewers()
        if self.model == APPRAISAL:
            if self.reviewer_group_id:
                reviewers |= self.reviewer_group_id.all_user_ids
            appraisal = self.env[APPRAISAL].sudo().browse(self.res_id)
            try:
                appraisee = appraisal.employee_user_id
            except MissingError:  # an orphan review: no appraisee to leave out
                appraisee = self.env["res.users"]
            reviewers -= appraisee
        return reviewers

    def _compute_reviewer_ids(self):
        """Reviewers of many reviews at once: the appraisees read together, and one assignment
        per distinct set of reviewers (each assignment of a relation is one insert)."""
        ids = {review.res_id for review in self if review.model == APPRAISAL and review.res_id}
        if ids:
            self.env[APPRAISAL].sudo().browse(ids).fetch(["employee_user_id"])
        groups = {}
        for review in self:
            groups.setdefault(review._get_reviewers(), []).append(review.id)
        for reviewers, review_ids in groups.items():
            self.browse(review_ids).reviewer_ids = reviewers

    def _mfg_waiting_text(self):
        """What this review waits for, naming its tier and group, and saying so when nobody
        can decide it (a group without members)."""
        self.ensure_one()
        if self.reviewer_group_id:
            who = self.env._("group %(group)s", group=self.reviewer_group_id.name)
        else:
            who = self.todo_by or "-"
        if not self.reviewer_ids:
            return self.env._(
                "%(tier)s (%(who)s: nobody can decide it, the group has no member; an "
                "administrator adds one)",
                tier=self.name,
                who=who,
            )
        return f"{self.name} ({who})"

    def _refuse(self):
        raise UserError(
            self.env._(
                "Approvals of appraisals change only through the approval steps (validate, "
                "reject, send back), by the reviewer of the pending tier."
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("model") == APPRAISAL for vals in vals_list):
            self._refuse()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            guarded = self.filtered(lambda r: r.model == APPRAISAL)
            if guarded and (
                set(vals) - {"comment"}
                or any(
                    r.status != "pending" or self.env.user not in r.reviewer_ids for r in guarded
                )
            ):
                self._refuse()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_appraisal_reviews_by_steps_only(self):
        if not self.env.su and any(r.model == APPRAISAL for r in self):
            self._refuse()

    def _update_review_status(self):
        """Promotion of waiting reviews to pending is bookkeeping of the chain itself (the
        reviewer's counter calls it too): done as the system."""
        ours = self.filtered(lambda r: r.model == APPRAISAL)
        result = None
        if ours:
            result = super(TierReview, ours.sudo())._update_review_status()
        if self - ours:
            result = super(TierReview, self - ours)._update_review_status()
        return result
