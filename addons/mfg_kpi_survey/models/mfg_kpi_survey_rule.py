# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from collections import defaultdict

from odoo import api, fields, models
from odoo.addons.mfg_kpi.models.mfg_kpi_period import PERIOD_KINDS
from odoo.exceptions import UserError, ValidationError

RESPONDENTS = [
    ("superior", "The subject's superior"),
    ("colleagues", "Colleagues of the same department"),
    ("positions", "Holders of the respondent positions"),
    ("members", "Members of the department"),
    ("partners", "Listed contacts (suppliers, customers)"),
]
SUBJECT_TYPES = [
    ("employee", "Employees"),
    ("department", "Departments"),
    ("company", "Company"),
]
# Who may rate which kind of subject.
ALLOWED = {
    "superior": {"employee"},
    "colleagues": {"employee"},
    "positions": {"employee", "department", "company"},
    "members": {"department"},
    "partners": {"department", "company"},
}


class MfgKpiSurveyRule(models.Model):
    """Which survey measures a satisfaction KPI, who answers it about whom, and how often."""

    _name = "mfg.kpi.survey.rule"
    _description = "Satisfaction Survey Rule"
    _order = "sequence, id"
    _check_company_auto = True

    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    kpi_id = fields.Many2one(
        "mfg.kpi",
        string="KPI",
        required=True,
        index=True,
        ondelete="restrict",
        domain="[('unit', '=', 'score')]",
        help="The satisfaction score (0–100) this survey measures.",
    )
    survey_id = fields.Many2one(
        "survey.survey",
        required=True,
        ondelete="restrict",
        help="A scored survey: each answer's score in % (its points ÷ the points obtainable) "
        "is one rating of the subject.",
    )
    period_kind = fields.Selection(
        [kind for kind in PERIOD_KINDS if kind[0] != "custom"],
        string="Every",
        required=True,
        default="quarter",
        help="How often the survey is launched: one campaign per KPI period of this kind.",
    )
    subject_type = fields.Selection(
        SUBJECT_TYPES, string="Rated", required=True, default="employee"
    )
    respondents = fields.Selection(
        RESPONDENTS, string="Answered By", required=True, default="superior"
    )
    subject_job_ids = fields.Many2many(
        "hr.job",
        "mfg_kpi_survey_rule_subject_job_rel",
        "rule_id",
        "job_id",
        string="Rated Positions",
        help="Employees rated: the holders of these positions.",
    )
    subject_department_ids = fields.Many2many(
        "hr.department",
        "mfg_kpi_survey_rule_department_rel",
        "rule_id",
        "department_id",
        string="Rated Departments",
        check_company=True,
        help="Departments rated. Empty with 'Members of the department': the departments of "
        "the respondents.",
    )
    respondent_job_ids = fields.Many2many(
        "hr.job",
        "mfg_kpi_survey_rule_respondent_job_rel",
        "rule_id",
        "job_id",
        string="Respondent Positions",
        help="Who answers: the holders of these positions (for 'Members of the department': "
        "empty means every member).",
    )
    respondent_partner_ids = fields.Many2many(
        "res.partner",
        "mfg_kpi_survey_rule_partner_rel",
        "rule_id",
        "partner_id",
        string="Respondent Contacts",
        help="Contacts who answer (e.g. the suppliers' contacts).",
    )
    min_responses = fields.Integer(
        string="Minimum Responses",
        required=True,
        default=3,
        help="A subject gets a score only when at least this many answers are completed: "
        "fewer would expose the individual ratings and say little.",
    )
    campaign_ids = fields.One2many("mfg.kpi.survey.campaign", "rule_id", string="Campaigns")

    _min_responses_check = models.Constraint(
        "CHECK(min_responses >= 1)", "A score needs at least one response."
    )
    _kpi_company_uniq = models.Constraint(
        "UNIQUE(kpi_id, company_id)", "A KPI is measured by one survey rule per company."
    )

    @api.constrains("subject_type", "respondents", "survey_id")
    def _check_setup(self):
        labels = dict(RESPONDENTS)
        for rule in self:
            if rule.subject_type not in ALLOWED[rule.respondents]:
                raise ValidationError(
                    self.env._(
                        "“%(rule)s”: %(respondents)s cannot rate the chosen subjects.",
                        rule=rule.name,
                        respondents=labels[rule.respondents],
                    )
                )
            if rule.survey_id.scoring_type == "no_scoring":
                raise ValidationError(
                    self.env._(
                        "“%(rule)s”: the survey must be scored (its answers give points).",
                        rule=rule.name,
                    )
                )

    def _check_ready(self):
        """What a launch needs and a rule shipped as data cannot know (the company's
        departments, suppliers): a clear error naming what is missing."""
        for rule in self:
            missing = []
            if rule.subject_type == "employee" and not rule.subject_job_ids:
                missing.append(self.env._("the positions rated"))
            if (
                rule.subject_type == "department"
                and rule.respondents != "members"
                and not rule.subject_department_ids
            ):
                missing.append(self.env._("the departments rated"))
            if rule.respondents == "positions" and not rule.respondent_job_ids:
                missing.append(self.env._("the respondent positions"))
            if rule.respondents == "partners" and not rule.respondent_partner_ids:
                missing.append(self.env._("the respondent contacts"))
            if missing:
                raise UserError(
                    self.env._(
                        "“%(rule)s” cannot be launched: choose %(missing)s.",
                        rule=rule.name,
                        missing=", ".join(missing),
                    )
                )

    # ------------------------------------------------------------------
    # Who answers about whom
    # ------------------------------------------------------------------
    @api.model
    def _employee_partner(self, employee):
        """The contact an employee answers as: their user's, else their work contact."""
        return employee.user_id.partner_id or employee.work_contact_id

    def _holders(self, jobs):
        """Active employees of the rule's company holding ``jobs`` (one query)."""
        return self.env["hr.employee"].search_fetch(
            [("company_id", "=", self.company_id.id), ("job_id", "in", jobs.ids)],
            ["department_id", "parent_id", "user_id", "work_contact_id"],
            order="id",
        )

    def _pairs(self):
        """``[(respondent partner, subject employee, subject department)]`` of the rule now,
        without duplicates and without anybody rating themselves; a fixed number of queries.
        Employees without a contact (no user, no work contact) cannot answer and are left out.
        """
        self.ensure_one()
        Employee, Department = self.env["hr.employee"], self.env["hr.department"]
        partner = self._employee_partner
        pairs = []
        if self.subject_type == "employee":
            subjects = self._holders(self.subject_job_ids)
            if self.respondents == "superior":
                pairs = [(partner(s.parent_id), s, Department) for s in subjects if s.parent_id]
            elif self.respondents == "colleagues":
                members = defaultdict(lambda: Employee)
                for colleague in Employee.search_fetch(
                    [
                        ("company_id", "=", self.company_id.id),
                        ("department_id", "in", subjects.department_id.ids),
                    ],
                    ["department_id", "user_id", "work_contact_id"],
                    order="id",
                ):
                    members[colleague.department_id.id] |= colleague
                pairs = [
                    (partner(c), s, Department)
                    for s in subjects
                    if s.department_id
                    for c in members[s.department_id.id]
                    if c != s
                ]
            else:  # positions
                raters = self._holders(self.respondent_job_ids)
                pairs = [(partner(r), s, Department) for s in subjects for r in raters if r != s]
        elif self.subject_type == "department":
            if self.respondents == "members":
                domain = [("company_id", "=", self.company_id.id)]
                if self.respondent_job_ids:
                    domain.append(("job_id", "in", self.respondent_job_ids.ids))
                if self.subject_department_ids:
                    domain.append(("department_id", "in", self.subject_department_ids.ids))
                else:
                    domain.append(("department_id", "!=", False))
                members = Employee.search_fetch(
                    domain, ["department_id", "user_id", "work_contact_id"], order="id"
                )
                pairs = [(partner(m), Employee, m.department_id) for m in members]
            elif self.respondents == "positions":
                raters = self._holders(self.respondent_job_ids)
                pairs = [
                    (partner(r), Employee, d) for d in self.subject_department_ids for r in raters
                ]
            else:  # partners
                pairs = [
                    (p, Employee, d)
                    for d in self.subject_department_ids
                    for p in self.respondent_partner_ids
                ]
        elif self.respondents == "positions":
            raters = self._holders(self.respondent_job_ids)
            pairs = [(partner(r), Employee, Department) for r in raters]
        else:  # partners rate the company
            pairs = [(p, Employee, Department) for p in self.respondent_partner_ids]
        seen, result = set(), []
        for respondent, employee, department in pairs:
            key = (respondent.id, employee.id, department.id)
            if respondent and key not in seen:
                seen.add(key)
                result.append((respondent, employee, department))
        return result
