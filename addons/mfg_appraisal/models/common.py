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

GRADES = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("pass", "Pass"),
    ("fail", "Fail"),
]

DIRECTIONS = [
    ("higher", "Higher is better"),
    ("lower", "Lower is better"),
    ("zero", "Target zero"),
]


@contextmanager
def scoring_errors(env):
    """Turn a :class:`scoring.ScoringError` into a translated ``ValidationError``."""
    try:
        yield
    except scoring.ScoringError as error:
        message = env._(error.msg, **error.params)  # pylint: disable=translation-contains-variable
        raise ValidationError(message) from error
