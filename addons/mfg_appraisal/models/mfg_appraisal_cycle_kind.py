# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .common import CYCLE_KINDS


class MfgAppraisalCycleKind(models.Model):
    """One kind of appraisal cycle (annual, semi-annual, …), so that a sheet can list the kinds
    it serves as a relation. One record per value of the cycles' kind selection, shipped as
    data; its label is the selection's."""

    _name = "mfg.appraisal.cycle.kind"
    _description = "Appraisal Cycle Kind"
    _order = "sequence, id"
    _rec_name = "code"

    code = fields.Selection(CYCLE_KINDS, required=True, readonly=True)
    sequence = fields.Integer(default=10)

    _code_uniq = models.Constraint("UNIQUE(code)", "Each cycle kind exists once.")

    @api.depends("code")
    def _compute_display_name(self):
        labels = dict(self._fields["code"]._description_selection(self.env))
        for kind in self:
            kind.display_name = labels.get(kind.code, kind.code or "")

    @api.model
    def _search_display_name(self, operator, value):
        """Find kinds by their label in the reader's language (or by code)."""
        if operator not in ("ilike", "=", "=ilike") or not isinstance(value, str):
            return super()._search_display_name(operator, value)
        text = value.casefold()

        def matches(code, label):
            if operator == "ilike":
                return text in label.casefold() or text in code
            return text in (label.casefold(), code)

        selection = self._fields["code"]._description_selection(self.env)
        return [("code", "in", [code for code, label in selection if matches(code, label)])]
