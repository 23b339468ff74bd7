"""The write policy as a matrix: every stored field of the appraisal models, written by each
role in each state, is accepted exactly when policy.py says so."""

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .. import policy
from .common import AppraisalCase

AUTOMATIC = {"id", "create_uid", "create_date", "write_uid", "write_date", "display_name"}


class Undo(Exception):
    """Raised inside a savepoint to roll back a write that went through."""


@tagged("post_install", "-at_install")
class TestAppraisalPolicyMatrix(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        attitude = cls.template.section_ids.filtered(lambda s: s.sequence == 2)
        attitude.rater_ids.filtered(lambda r: r.role == "superior").weight = 50
        attitude.rater_ids = [Command.create({"role": "peer", "weight": 20})]
        cls.user_reviewer = new_test_user(
            cls.env, "appr_reviewer", groups="mfg_appraisal.group_appraisal_user"
        )
        cls.user_admin = new_test_user(
            cls.env,
            "appr_admin",
            groups="mfg_appraisal.group_appraisal_hr_manager,hr.group_hr_user",
        )
        cycle = cls._cycle()
        cycle.with_user(cls.user_hr).action_launch()
        cls.appraisal = cycle.appraisal_ids.filtered(lambda a: a.employee_id == cls.emp).sudo()
        cls.definition = cls.env["tier.definition"].create(
            {
                "name": "Matrix review",
                "model_id": cls.env["ir.model"]._get_id("mfg.appraisal"),
                "review_type": "individual",
                "reviewer_id": cls.user_reviewer.id,
                "definition_domain": "[('id', '=', 0)]",
            }
        )
        # The roles each user holds on the appraisal (policy.ROLES), by construction.
        cls.roles = {
            cls.user_emp: {"appraisee", "rater"},
            cls.user_peer: {"rater"},
            cls.user_director: {"appraiser", "rater"},
            cls.user_reviewer: {"reviewer"},
            cls.user_hr: {"hr"},
            cls.user_admin: {"hr", "admin"},
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _set_state(self, state):
        self.appraisal.review_ids.unlink()
        self.appraisal.state = state
        if state == "review":
            self.env["tier.review"].create(
                {
                    "model": "mfg.appraisal",
                    "res_id": self.appraisal.id,
                    "definition_id": self.definition.id,
                    "status": "pending",
                    "sequence": 1,
                }
            )
        self.env.flush_all()
        self.env.invalidate_all()

    def _value(self, record, name):
        """A value for field ``name`` that differs from the record's, or None to skip."""
        field = record._fields[name]
        current = record[name]
        if field.type == "boolean":
            return not current
        if field.type in ("integer",):
            return (current or 0) + 1
        if field.type in ("float", "monetary"):
            return 1.0 if current != 1.0 else 2.0
        if field.type in ("char", "text"):
            return "matrix"
        if field.type == "html":
            return "<p>matrix</p>"
        if field.type == "selection":
            options = [key for key, _label in field._description_selection(self.env)]
            others = [key for key in options if key != current]
            return others[0] if others else None
        if field.type == "date":
            return "2024-02-03"
        if field.type == "datetime":
            return "2024-02-03 04:05:06"
        if field.type in ("one2many", "many2many"):
            return []
        if field.type == "many2one":
            other = self.env[field.comodel_name].sudo().search([("id", "!=", current.id)], limit=1)
            return other.id or None
        return None

    def _attempt(self, record, user, name, value):
        """True when the write passes the policy (a validation error of the value itself
        counts as passing: the policy let it through), False when it is refused."""
        try:
            with self.cr.savepoint():
                record.with_user(user).write({name: value})
                record.env.flush_all()
                raise Undo
        except (Undo, ValidationError):
            return True
        except (UserError, AccessError):
            return False
        finally:
            self.env.invalidate_all()

    def _check_model(self, records, expected_for):
        """Try every stored field of ``records`` (one record per entry) as each role user in
        each appraisal state; ``expected_for(record, user, state)`` gives the allowed set."""
        mismatches = []
        for state in policy.APPRAISAL_STATES:
            self._set_state(state)
            for record in records:
                names = [
                    name
                    for name, field in record._fields.items()
                    if field.store and name not in AUTOMATIC and name not in policy.MAIL_FIELDS
                ]
                values = {name: self._value(record, name) for name in names}
                for user in self.roles:
                    allowed = expected_for(record, user, state)
                    for name in names:
                        value = values[name]
                        if value is None:
                            continue
                        passed = self._attempt(record, user, name, value)
                        if passed != (name in allowed):
                            mismatches.append((record._name, state, user.login, name, passed))
        self.assertEqual(mismatches, [], "(model, state, user, field, accepted) against policy")

    def _appraisal_roles(self, user, state):
        roles = set(self.roles[user])
        if "reviewer" in roles and state != "review":
            roles.discard("reviewer")
        return policy.effective_roles(roles)

    # ------------------------------------------------------------------
    # The matrix, per model
    # ------------------------------------------------------------------
    def test_appraisal_fields(self):
        self._check_model(
            self.appraisal,
            lambda record, user, state: policy.allowed(
                policy.APPRAISAL, self._appraisal_roles(user, state), state
            ),
        )

    def test_line_fields(self):
        lines = self.appraisal.line_ids
        kinds = {}
        for line in lines:
            kinds.setdefault(line.rule_kind, line)
        self._check_model(
            self.env["mfg.appraisal.line"].sudo().union(*kinds.values()),
            lambda record, user, state: policy.line_allowed(
                self._appraisal_roles(user, state), state, record.rule_kind
            ),
        )

    def test_section_fields(self):
        self._check_model(self.appraisal.section_ids[:1], lambda record, user, state: set())

    def test_rater_and_rating_fields(self):
        raters = self.appraisal.rater_ids
        peer = raters.filtered(lambda r: r.role == "peer")
        own = raters.filtered(lambda r: r.role == "self")

        def expected(table, rater):
            def allowed(record, user, state):
                if user != rater.user_id:
                    return set()
                window = (
                    "open"
                    if state == ("self_assessment" if rater.role == "self" else "rating")
                    else state
                )
                return policy.allowed(table, {"rater"}, window)

            return allowed

        self._check_model(peer, expected(policy.RATER, peer))
        self._check_model(own, expected(policy.RATER, own))
        self._check_model(peer.rating_ids[:1], expected(policy.RATING, peer))

    def test_nobody_creates_or_deletes_appraisal_records(self):
        self._set_state("rating")
        for user in self.roles:
            for records in (
                self.appraisal,
                self.appraisal.line_ids[:1],
                self.appraisal.section_ids[:1],
                self.appraisal.rater_ids[:1],
                self.appraisal.rater_ids.rating_ids[:1],
            ):
                with self.subTest(user=user.login, model=records._name):
                    with self.assertRaises(UserError), self.cr.savepoint():
                        records.with_user(user).unlink()
                    with self.assertRaises(UserError), self.cr.savepoint():
                        records.with_user(user).copy()
