# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .. import scoring
from .common import APPRAISAL_SYSTEMS, scoring_errors


class MfgAppraisalTemplate(models.Model):
    """An appraisal sheet: weighted sections of weighted criterion lines, assigned to positions."""

    _name = "mfg.appraisal.template"
    _description = "Appraisal Template"
    _inherit = ["mail.thread"]
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(index=True, help="Stable code of the sheet, e.g. for data and imports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    state = fields.Selection(
        [("draft", "Draft"), ("active", "Active")],
        default="draft",
        required=True,
        tracking=True,
        help="Only active templates are used by cycles; activating checks every weight.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    cycle_kind_ids = fields.Many2many(
        "mfg.appraisal.cycle.kind",
        "mfg_appraisal_template_cycle_kind_rel",
        "template_id",
        "kind_id",
        string="Cycle Kinds",
        default=lambda self: self.env["mfg.appraisal.cycle.kind"].search([]),
        help="The kinds of cycle this sheet serves.",
    )
    approval_chain_id = fields.Many2one(
        "mfg.appraisal.chain",
        string="Approval Chain",
        ondelete="restrict",
        tracking=True,
        default=lambda self: self.env.ref(
            "mfg_appraisal.approval_chain_hr_review", raise_if_not_found=False
        ),
        help="The approvals an appraisal on this sheet goes through between review and "
        "publication (the tier definitions of the chain). A sheet without one goes through "
        "the HR review.",
    )
    job_ids = fields.Many2many(
        "hr.job",
        "mfg_appraisal_template_job_rel",
        "template_id",
        "job_id",
        string="Positions",
        help="Positions appraised with this sheet.",
    )
    section_ids = fields.One2many(
        "mfg.appraisal.template.section", "template_id", string="Sections", copy=True
    )
    line_ids = fields.One2many("mfg.appraisal.template.line", "template_id", string="Lines")
    section_weight_total = fields.Float(compute="_compute_weight_totals")
    weights_ok = fields.Boolean(compute="_compute_weight_totals")
    review_adjustment = fields.Boolean(
        string="Review Adjustment",
        help="The sheet has an initial score, a review adjustment with a reason and a final score "
        "(初核得分 / 复核调整 / 最后得分).",
    )
    appraisal_system = fields.Selection(
        APPRAISAL_SYSTEMS,
        string="Appraisal System",
        help="The seed's system this sheet belongs to: it decides the exclusion rules, the result "
        "flags, the schedule and the calibration policy that apply.",
    )
    team_exclusions = fields.Boolean(
        compute="_compute_team_exclusions",
        store=True,
        readonly=False,
        string="Team-member Exclusion Rules",
        help="Team-member appraisal (班组人员绩效考核制度 第2条): people in probation, with 3 or "
        "more leave requests or leave days, 3 or more quality issues in a month, or an unsafe "
        "act are left out of cycles using this sheet. Other systems keep them in.",
    )
    max_review_adjustment = fields.Float(
        string="Review Adjustment Limit",
        default=10.0,
        digits=(5, 2),
        help="The reviewer's adjustment (复核调整) stays within plus or minus this many points.",
    )
    min_aggregate_raters = fields.Integer(
        string="Minimum Raters for Aggregates",
        default=3,
        help="Peer and subordinate scores are shown to the appraisee only as an average, and only "
        "when at least this many raters of the role answered.",
    )
    note = fields.Html(translate=True)

    @api.depends("section_ids.weight", "section_ids.line_weight_total")
    def _compute_weight_totals(self):
        for template in self:
            template.section_weight_total = sum(template.section_ids.mapped("weight"))
            template.weights_ok = abs(template.section_weight_total - 100) < 1e-6 and all(
                abs(s.line_weight_total - 100) < 1e-6 for s in template.section_ids
            )

    @api.depends("appraisal_system")
    def _compute_team_exclusions(self):
        for template in self:
            template.team_exclusions = template.appraisal_system == "team_member"

    def _kinds(self):
        """Codes of the cycle kinds the sheet serves."""
        self.ensure_one()
        return set(self.cycle_kind_ids.mapped("code"))

    def _check_complete(self, require_parameters=False):
        """Check weights (each group adds up to 100%) and, when asked, rule parameters.

        Raises a ValidationError naming what is wrong; nothing is written.
        """
        for template in self:
            if not template.section_ids:
                raise ValidationError(
                    self.env._("Template %(t)s has no section.", t=template.display_name)
                )
            with scoring_errors(self.env):
                scoring.check_weights(
                    template.section_ids.mapped("weight"),
                    self.env._("the sections of %(t)s", t=template.display_name),
                )
                for section in template.section_ids:
                    if not section.line_ids:
                        raise ValidationError(
                            self.env._(
                                "Section %(s)s of %(t)s has no line.",
                                s=section.name,
                                t=template.display_name,
                            )
                        )
                    scoring.check_weights(
                        section.line_ids.mapped("weight"),
                        self.env._(
                            "section %(s)s of %(t)s", s=section.name, t=template.display_name
                        ),
                    )
                    section._check_rater_weights()
            template.line_ids._check_rule_definition()
            if require_parameters:
                missing = template.line_ids._missing_parameters()
                if missing:
                    raise ValidationError(
                        self.env._(
                            "Fill the scoring parameters of template %(t)s before starting a "
                            "cycle with it: %(lines)s.",
                            t=template.display_name,
                            lines="; ".join(missing),
                        )
                    )

    def _launch_problems(self):
        """Every reason these sheets cannot start a cycle, as texts: structure (weights,
        sections, rules) and blank scoring parameters, for all sheets at once."""
        problems = []
        for template in self:
            try:
                template._check_complete()
            except ValidationError as error:
                problems.append(str(error.args[0]))
                continue
            missing = template.line_ids._missing_parameters()
            if missing:
                problems.append(
                    self.env._(
                        "Fill the scoring parameters of sheet %(t)s: %(lines)s.",
                        t=template.display_name,
                        lines="; ".join(missing),
                    )
                )
        return problems

    def action_activate(self):
        self._check_complete()
        self.write({"state": "active"})

    def action_draft(self):
        self.write({"state": "draft"})

    def _frozen_sections(self):
        """Values of an appraisal's sections, each with the values of its lines under
        ``"lines"``, frozen from this sheet (in section order)."""
        self.ensure_one()
        codes = {
            code
            for code in self.line_ids.filtered(lambda ln: not ln.kpi_id).mapped("kpi_code")
            if code
        }
        by_code = {}
        if codes:
            kpis = self.env["mfg.kpi"].sudo().search([("code", "in", list(codes))])
            by_code = {kpi.code: kpi.id for kpi in kpis}
        return [
            {
                "name": section.name,
                "sequence": section.sequence,
                "weight": section.weight,
                "role_weights": json.dumps(section._role_weights()),
                "lines": [
                    {
                        "template_line_id": line.id,
                        "sequence": line.sequence,
                        "dimension": line.dimension,
                        "name": line.name,
                        "weight": line.weight,
                        "kpi_id": line.kpi_id.id or by_code.get(line.kpi_code) or False,
                        "rule_kind": line.rule_kind,
                        "rule": json.dumps(line._rule_snapshot()),
                        "rule_text": line.rule_text,
                        "source_text": ", ".join(line.source_ids.mapped("name")) or False,
                    }
                    for line in section.line_ids
                ],
            }
            for section in self.section_ids
        ]
