# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import policy


class MfgAppraisalNote(models.Model):
    """A manager-only note on an appraisal: record rules keep it from the appraisee. The author
    is whoever wrote it (never chosen by the caller); only the author edits the text; notes
    are never deleted."""

    _name = "mfg.appraisal.note"
    _description = "Appraisal Manager Note"
    _order = "create_date desc, id desc"

    appraisal_id = fields.Many2one("mfg.appraisal", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="appraisal_id.company_id", store=True)
    body = fields.Text(required=True)
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user, readonly=True)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self.check_access("create")
            for vals in vals_list:
                refused = set(vals) - policy.NOTE_CREATE
                if refused:
                    raise UserError(
                        self.env._(
                            "A note takes its appraisal and text only; its author is you "
                            "(refused: %(fields)s).",
                            fields=", ".join(sorted(refused)),
                        )
                    )
                appraisal = self.env["mfg.appraisal"].browse(vals.get("appraisal_id")).sudo()
                if "note_ids" not in appraisal._guard_allowed_fields():
                    raise UserError(
                        self.env._(
                            "Only the appraiser and HR add notes to the appraisal of %(who)s.",
                            who=appraisal.employee_id.name,
                        )
                    )
            vals_list = [dict(vals, author_id=self.env.uid) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if set(vals) - policy.NOTE_WRITE_AUTHOR or any(
                note.author_id != self.env.user for note in self
            ):
                raise UserError(self.env._("Only the author edits the text of a note."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(self.env._("Notes on an appraisal are kept: they are never deleted."))
