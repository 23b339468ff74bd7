# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# How often a duty recurs: the one list of the suite. The periodic ones are the frequencies of
# mfg_duty's checklists; a duty may also be done "on event".
PERIODIC_FREQUENCIES = [
    ("daily", "Daily"),
    ("weekly", "Weekly"),
    ("monthly", "Monthly"),
    ("quarterly", "Quarterly"),
    ("yearly", "Yearly"),
]
FREQUENCIES = [*PERIODIC_FREQUENCIES, ("event", "On event")]


class MfgDuty(models.Model):
    """A duty (职责 / 主要工作): a short checklist item of a department function or of a position."""

    _name = "mfg.duty"
    _description = "Duty"
    _order = "function_id, job_id, sequence, id"

    name = fields.Text(string="Duty", required=True, translate=True)
    sequence = fields.Integer(default=10)
    frequency = fields.Selection(
        FREQUENCIES,
        required=True,
        default="event",
        help="How often the duty recurs; 'On event' duties are done when something happens.",
    )
    function_id = fields.Many2one("mfg.function", string="Function", ondelete="cascade", index=True)
    job_id = fields.Many2one("hr.job", string="Position", ondelete="cascade", index=True)
    active = fields.Boolean(default=True)

    @api.constrains("name")
    def _check_name(self):
        for duty in self:
            self._check_duty_text(duty.name)

    @api.constrains("function_id", "job_id")
    def _check_owner(self):
        for duty in self:
            if bool(duty.function_id) == bool(duty.job_id):
                raise ValidationError(
                    self.env._(
                        "The duty “%(duty)s” must belong either to a department function or to "
                        "a position (exactly one of the two).",
                        duty=duty.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_duty_text(vals.get("name"))
        duties = super().create(vals_list)
        # @api.constrains does not run when neither owner field is given: check it here.
        duties._check_owner()
        return duties

    def write(self, vals):
        if "name" in vals:
            self._check_duty_text(vals["name"])
        return super().write(vals)

    @api.model
    def _check_duty_text(self, text):
        """Refuse an empty or blank duty text before it reaches the database."""
        if not (text or "").strip():
            raise ValidationError(self.env._("A duty needs a text: it cannot be empty or blank."))
