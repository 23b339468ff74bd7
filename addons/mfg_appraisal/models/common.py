# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared selections and the bridge from the pure scoring engine to Odoo errors."""

from contextlib import contextmanager

from odoo.exceptions import ValidationError

from .. import scoring

RULE_KINDS = [
    ("linear", "Linear deduction"),
    ("occurrence", "Occurrence count"),
    ("bands", "Bands"),
    ("levels", "Qualitative levels"),
    ("direct", "Direct rating"),
]

RATER_ROLES = [
    ("self", "Self"),
    ("superior", "Direct superior"),
    ("indirect", "Indirect superior"),
    ("peer", "Peer"),
    ("subordinate", "Subordinate"),
]

CYCLE_KINDS = [
    ("annual", "Annual"),
    ("semi_annual", "Semi-annual"),
    ("quarterly", "Quarterly"),
    ("irregular", "Irregular"),
]

# The seed's three appraisal systems (seed 004): each has its own rules, schedule and results.
APPRAISAL_SYSTEMS = [
    ("workshop_staff", "Workshop staff (车间人员绩效考核制度)"),
    ("director_plan", "Workshop director plan (车间主任绩效考核方案)"),
    ("team_member", "Team members (班组人员绩效考核制度)"),
]

GRADES = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("pass", "Pass"),
    ("fail", "Fail"),
]


@contextmanager
def scoring_errors(env):
    """Turn a :class:`scoring.ScoringError` into a translated ``ValidationError``."""
    try:
        yield
    except scoring.ScoringError as error:
        message = env._(error.msg, **error.params)  # pylint: disable=translation-contains-variable
        raise ValidationError(message) from error
