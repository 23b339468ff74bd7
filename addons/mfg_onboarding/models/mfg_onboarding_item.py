# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools.translate import LazyTranslate

from .mfg_onboarding import ITEMS

_lt = LazyTranslate(__name__)

# Items the assistant can fix by itself, with the label of their button.
APPLY_LABELS = {
    "companies": _lt("Enable this company"),
    "positions": _lt("Merge and create"),
    "open_mos": _lt("Take the work centre's workshop"),
    "parameters": _lt("Fill the example values"),
    "tolerance": _lt("Set 5 minutes"),
    "people": _lt("Grant the groups"),
}


class MfgOnboardingItem(models.TransientModel):
    """One item of the onboarding checklist."""

    _name = "mfg.onboarding.item"
    _description = "Onboarding Checklist Item"
    _order = "sequence, id"

    onboarding_id = fields.Many2one("mfg.onboarding", required=True, ondelete="cascade")
    sequence = fields.Integer()
    key = fields.Selection(ITEMS, string="Item", required=True, readonly=True)
    state = fields.Selection([("done", "Done"), ("missing", "To do")], required=True, readonly=True)
    missing_count = fields.Integer(string="Missing", readonly=True)
    detail = fields.Char(readonly=True)
    applicable = fields.Boolean(
        readonly=True, help="Something of the item can be fixed by its Apply button now."
    )
    can_apply = fields.Boolean(compute="_compute_can_apply")
    apply_label = fields.Char(compute="_compute_can_apply")

    @api.depends("key", "state", "applicable")
    def _compute_can_apply(self):
        for item in self:
            item.can_apply = (
                item.key in APPLY_LABELS and item.state == "missing" and item.applicable
            )
            item.apply_label = (
                APPLY_LABELS[item.key]._translate(self.env.lang)
                if item.key in APPLY_LABELS
                else False
            )

    def action_open(self):
        """The screen where the item is set."""
        self.ensure_one()
        onboarding = self.onboarding_id
        onboarding._check_onboarding_rights()
        return getattr(onboarding.sudo(), f"_open_{self.key}")()

    def action_apply(self):
        """Fix the item (idempotent), then check the whole list again."""
        self.ensure_one()
        onboarding = self.onboarding_id
        onboarding._check_onboarding_rights()
        if self.key in APPLY_LABELS:
            getattr(onboarding.sudo(), f"_apply_{self.key}")()
        return onboarding.action_refresh()
