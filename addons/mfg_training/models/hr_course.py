# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

# The kinds of training of the seeds: each kind answers its own KPI.
TRAINING_KINDS = [
    ("equipment", "Equipment operation"),
    ("safety", "Safety"),
    ("new_employee", "New employee"),
    ("workshop", "Workshop"),
    ("skill", "Skills"),
    ("process", "Process / technical"),
]


class HrCourse(models.Model):
    _inherit = "hr.course"

    mfg_kind = fields.Selection(
        TRAINING_KINDS,
        string="Training Kind",
        required=True,
        default="workshop",
        tracking=True,
        help="Which plan and KPI the sessions of this course count in.",
    )
    mfg_pass_score = fields.Float(
        string="Pass Score",
        default=60.0,
        help="Exam score from which an attendee passes, when the result is given as a score.",
    )
    mfg_certificate_months = fields.Integer(
        string="Certificate Validity (Months)",
        help="A passed attendee holds a certificate valid this many months after the session "
        "ends; 0: the course gives no certificate.",
    )

    _mfg_pass_score_range = models.Constraint(
        "CHECK(mfg_pass_score >= 0 AND mfg_pass_score <= 100)",
        "The pass score lies between 0 and 100.",
    )
    _mfg_certificate_months_positive = models.Constraint(
        "CHECK(mfg_certificate_months >= 0)",
        "The certificate validity cannot be negative.",
    )
