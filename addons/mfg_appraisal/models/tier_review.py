# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class TierReview(models.Model):
    _inherit = "tier.review"

    def _get_reviewers(self):
        """Reviewer groups of appraisal tiers include the members of the groups implying them
        (an HR manager reviews the HR officers' tier)."""
        reviewers = super()._get_reviewers()
        if self.model == "mfg.appraisal" and self.reviewer_group_id:
            reviewers |= self.reviewer_group_id.all_user_ids
        return reviewers
