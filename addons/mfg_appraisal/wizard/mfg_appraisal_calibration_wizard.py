# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import scoring
from ..models.common import GRADES, scoring_errors


class MfgAppraisalCalibrationWizard(models.TransientModel):
    """Compare a cycle's grade distribution with its policy, propose cut scores that satisfy
    it, and let HR apply them with a reason (tracked on the cycle)."""

    _name = "mfg.appraisal.calibration.wizard"
    _description = "Appraisal Calibration"

    cycle_id = fields.Many2one("mfg.appraisal.cycle", required=True, readonly=True)
    current_html = fields.Html(compute="_compute_proposal", sanitize=False)
    proposal_html = fields.Html(compute="_compute_proposal", sanitize=False)
    unmet = fields.Text(compute="_compute_proposal")
    threshold_excellent = fields.Float(digits=(5, 2))
    threshold_good = fields.Float(digits=(5, 2))
    threshold_pass = fields.Float(digits=(5, 2))
    reason = fields.Text()

    def _scores(self):
        """The cohort the policy is about (车间人员 第11条): the cycle's workshop-staff
        appraisals (and those on sheets of no system)."""
        appraisals = self.cycle_id.appraisal_ids.filtered(
            lambda a: a.score_complete
            and a.state != "cancelled"
            and a.appraisal_system in (False, "workshop_staff")
        )
        return [a.total_score + a.review_adjustment for a in appraisals]

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        for wizard in wizards:
            with scoring_errors(self.env):
                proposal = scoring.propose_thresholds(
                    wizard._scores(), wizard.cycle_id._policy(), wizard.cycle_id._thresholds()
                )
            wizard.write(
                {
                    "threshold_excellent": proposal.thresholds.excellent,
                    "threshold_good": proposal.thresholds.good,
                    "threshold_pass": proposal.thresholds.passing,
                }
            )
        return wizards

    def _distribution_table(self, dist):
        labels = dict(self.env["mfg.appraisal"]._fields["grade"]._description_selection(self.env))
        rows = Markup("").join(
            Markup("<tr><td>%s</td><td class='text-end'>%s</td><td class='text-end'>%s%%</td></tr>")
            % (labels[code], dist.counts.get(code, 0), round(dist.shares.get(code, 0.0), 1))
            for code, _label in GRADES
        )
        return Markup(
            "<table class='table table-sm'><thead><tr><th>%s</th><th class='text-end'>%s</th>"
            "<th class='text-end'>%s</th></tr></thead><tbody>%s</tbody></table>"
        ) % (self.env._("Grade"), self.env._("People"), self.env._("Share"), rows)

    @api.depends("threshold_excellent", "threshold_good", "threshold_pass", "cycle_id")
    def _compute_proposal(self):
        for wizard in self:
            scores = wizard._scores()
            cycle = wizard.cycle_id
            current = scoring.distribution(scores, cycle._thresholds())
            wizard.current_html = wizard._distribution_table(current)
            try:
                proposed = scoring.GradeThresholds(
                    excellent=wizard.threshold_excellent,
                    good=wizard.threshold_good,
                    passing=wizard.threshold_pass,
                )
                dist = scoring.distribution(scores, proposed)
                wizard.proposal_html = wizard._distribution_table(dist)
                labels = dict(
                    self.env["mfg.appraisal"]._fields["grade"]._description_selection(self.env)
                )
                unmet = scoring.unmet_policy(dist, cycle._policy())
                wizard.unmet = (
                    "\n".join(
                        self.env._("The policy is not met for: %(grade)s", grade=labels[c])
                        for c in unmet
                    )
                    or False
                )
            except scoring.ScoringError as error:
                wizard.proposal_html = escape(str(error))
                wizard.unmet = str(error)

    def action_apply(self):
        self.ensure_one()
        if not self.env.user.has_group("mfg_appraisal.group_appraisal_hr"):
            raise UserError(self.env._("Only HR calibrates a cycle."))
        if self.cycle_id.state != "running":
            raise UserError(self.env._("Calibrate a cycle while it is running, before publishing."))
        if not (self.reason or "").strip():
            raise ValidationError(self.env._("Give the reason of the calibration."))
        old = self.cycle_id._thresholds()
        # Thresholds move only here, with the reason: written as the system after the checks.
        self.cycle_id.sudo().write(
            {
                "threshold_excellent": self.threshold_excellent,
                "threshold_good": self.threshold_good,
                "threshold_pass": self.threshold_pass,
                "calibration_reason": self.reason,
            }
        )
        self.cycle_id.message_post(
            body=self.env._(
                "Calibration: cut scores %(old)s → %(new)s. Reason: %(reason)s",
                old=f"{old.excellent}/{old.good}/{old.passing}",
                new=f"{self.threshold_excellent}/{self.threshold_good}/{self.threshold_pass}",
                reason=self.reason,
            )
        )
        return {"type": "ir.actions.act_window_close"}
