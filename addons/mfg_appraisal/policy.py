# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may change what on an appraisal, per role and state: the suite's written write policy.

Plain Python (no Odoo import) so that the table is the single source for the models' guards
(``models/mfg_appraisal_guard.py``), the tests and the readme's role table.

Roles of a user towards one appraisal (a user may hold several; the allowed fields add up):

- ``appraisee``: the appraised employee's user. Holding it removes every other role on the
  same appraisal: nobody acts on their own appraisal beyond the self-assessment.
- ``rater``: a user asked to rate the appraisal (self, peer, subordinate, superior), for their
  own rating rows only.
- ``appraiser``: the appraisal's appraiser (direct or indirect superior).
- ``reviewer``: a user who may approve the appraisal's current (pending) approval tier.
- ``hr``: HR officer of the appraisal's company.
- ``admin``: HR manager (configures sheets and chains).

Anything not listed is refused for everybody: states, scores, grades, results, links between
records, approvals. Those change only through the workflow actions, which run the checks of
their step and then write as the system. Nothing a caller puts in the context bypasses this.
"""

APPRAISAL_STATES = (
    "draft",
    "self_assessment",
    "rating",
    "review",
    "published",
    "interview",
    "done",
    "cancelled",
)
ROLES = ("appraisee", "rater", "appraiser", "reviewer", "hr", "admin")
OPEN_RESULT_STATES = ("published", "interview")

# Technical fields the mail framework writes on behalf of any user who may write the record.
MAIL_FIELDS = frozenset({"message_main_attachment_id"})


def _states(*states, fields):
    return {state: frozenset(fields) for state in states}


# mfg.appraisal: {role: {state: fields}}
APPRAISAL = {
    "appraisee": _states("self_assessment", fields={"self_report", "achievements"}),
    "appraiser": {
        **_states("draft", "self_assessment", "rating", "review", fields={"note_ids"}),
        "rating": frozenset({"line_ids", "note_ids"}),
        **_states(*OPEN_RESULT_STATES, fields={"interview_notes", "improvement_plan", "note_ids"}),
        "done": frozenset({"note_ids"}),
    },
    # 复核调整: the holder of the current approval tier adjusts the score, with a reason; the
    # production director confirming a director plan records the disposition (方案 七1).
    "reviewer": _states(
        "review",
        fields={"review_adjustment", "adjustment_reason", "disposition", "disposition_note"},
    ),
    "hr": {
        **_states("draft", "self_assessment", fields={"appraiser_id", "note_ids"}),
        "rating": frozenset({"line_ids", "note_ids"}),
        "review": frozenset({"note_ids"}),
        **_states(
            *OPEN_RESULT_STATES,
            fields={"interview_notes", "improvement_plan", "note_ids", "training_end_date"},
        ),
        "done": frozenset({"note_ids", "training_end_date"}),
    },
    "admin": {},
}

# mfg.appraisal.line: the appraiser (or HR on their behalf) scores the rule lines while rating.
# The inputs a line takes depend on its rule kind.
LINE_INPUTS = {
    "linear": frozenset({"actual_value", "actual_input", "comment"}),
    "occurrence": frozenset({"occurrences", "occurrences_input", "major_event", "comment"}),
    "bands": frozenset({"actual_value", "actual_input", "rated_score", "comment"}),
    "levels": frozenset({"level_number", "rated_score", "comment"}),
    "direct": frozenset({"comment"}),
}
LINE = {
    "appraiser": {"rating": "inputs"},
    "hr": {"rating": "inputs"},
}

# mfg.appraisal.rater: a rater writes the comment of (and scores through) their own entry while
# their step is open: self during the self-assessment, the others during the rating.
RATER = {"rater": {"open": frozenset({"comment", "rating_ids"})}}
# mfg.appraisal.rating: a rater's own score and comment, same window.
RATING = {"rater": {"open": frozenset({"score", "score_input", "comment"})}}

# mfg.appraisal.section: frozen at launch, computed scores only; nobody writes it.
SECTION = {}

# mfg.appraisal.note: appraiser and HR add notes; only the author edits the body.
NOTE_CREATE = frozenset({"appraisal_id", "body"})
NOTE_WRITE_AUTHOR = frozenset({"body"})

# mfg.appraisal.appeal: the appraisee files it with a reason; HR prepares the decision, which
# only the decide actions apply (state, decider, dates, the new score on the appraisal).
APPEAL_CREATE = frozenset({"appraisal_id", "reason"})
APPEAL = {
    "appraisee": {"submitted": frozenset({"reason"})},
    "hr": {"submitted": frozenset({"decision", "new_score"})},
}

# mfg.appraisal.exclusion: HR records and edits manual exclusions while the cycle is a draft;
# computed ones are kept as launched.
EXCLUSION_FIELDS = frozenset({"cycle_id", "employee_id", "reason", "note"})

# mfg.appraisal.cycle: HR configures a draft cycle; once running only the calendar and bonus
# amounts; thresholds move only through the calibration wizard (with its tracked reason).
CYCLE_CONFIG = frozenset(
    {
        "name",
        "kind",
        "appraisal_system",
        "company_id",
        "date_start",
        "date_end",
        "date_launch",
        "date_indicators_fixed",
        "date_rating_deadline",
        "date_publication_deadline",
        "appeal_days",
        "appeal_decision_days",
        "job_ids",
        "department_ids",
        "template_id",
        "apply_exclusions",
        "allow_without_login",
        "grant_groups",
        "threshold_excellent",
        "threshold_good",
        "threshold_pass",
        "policy_excellent_max",
        "policy_good_min",
        "policy_fail_target",
        "bonus_tier_1",
        "bonus_tier_2",
        "bonus_tier_3",
        "exclusion_ids",
    }
)
CYCLE = {
    "hr": {
        "draft": CYCLE_CONFIG,
        "running": frozenset(
            {
                "name",
                "date_rating_deadline",
                "date_publication_deadline",
                "bonus_tier_1",
                "bonus_tier_2",
                "bonus_tier_3",
            }
        ),
        "published": frozenset({"name"}),
        "closed": frozenset({"name"}),
        "cancelled": frozenset({"name"}),
    },
}


def allowed(table, roles, state):
    """Fields ``roles`` may write in ``state`` according to ``table`` ({role: {state: fields}})."""
    result = set()
    for role in roles:
        result |= table.get(role, {}).get(state, frozenset())
    return result


def line_allowed(roles, state, rule_kind):
    """Fields ``roles`` may write on a line of ``rule_kind`` while its appraisal is ``state``."""
    if any(LINE.get(role, {}).get(state) == "inputs" for role in roles):
        return set(LINE_INPUTS.get(rule_kind, ()))
    return set()


def effective_roles(roles):
    """The appraisee of an appraisal holds no other role on it."""
    roles = set(roles)
    if "appraisee" in roles:
        return {"appraisee", "rater"} & roles if "rater" in roles else {"appraisee"}
    return roles
