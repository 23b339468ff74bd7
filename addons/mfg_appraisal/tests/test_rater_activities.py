"""The rating to-dos of peers and subordinates land on their rater entry, which they may open:
checked through the real external API (/jsonrpc) as the peer, the appraisee and an outsider,
from the rating's start to its end (submitted, closed, sent back, cancelled, reminded), and
the migration that moves the to-dos earlier releases left on appraisals."""

import importlib.util
import re

from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.tests import tagged
from odoo.tools.misc import file_path

from .common import AppraisalCase
from .test_appraisal_scoring import PERFORMANCE, SELF, SUPERIOR

APPRAISAL = "mfg.appraisal"
RATER = "mfg.appraisal.rater"
ACTIVITY = "mail.activity"


@tagged("post_install", "-at_install")
class TestRaterActivities(AppraisalCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_peer_raters()
        cls.cycle = cls._cycle()
        cls.cycle.with_user(cls.user_hr).action_launch()
        cls.appraisal = cls.cycle.appraisal_ids.filtered(lambda a: a.employee_id == cls.emp)
        cls.entry = cls.appraisal.rater_ids.filtered(lambda r: r.user_id == cls.user_peer)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _submit_scores(self, user, scores, submit=True):
        rater = self.appraisal.sudo().rater_ids.filtered(lambda r: r.user_id == user)
        ratings = rater.rating_ids.sorted(lambda r: r.line_id.sequence)
        for rating, score in zip(ratings, scores, strict=True):
            self.rpc(user, "mfg.appraisal.rating", "write", [rating.id], {"score": score})
        if submit:
            self.rpc(user, RATER, "action_submit", [rater.id])

    def _to_rating(self):
        self._submit_scores(self.user_emp, SELF)
        self.rpc(self.user_emp, APPRAISAL, "action_submit_self", [self.appraisal.id])
        self.assertEqual(self.appraisal.state, "rating")

    def _to_review(self):
        """The appraiser closes the rating; the peer has not handed in."""
        lines = self.appraisal.sudo().line_ids.sorted(lambda ln: (ln.section_sequence, ln.sequence))
        for line, (field, value, _score) in zip(lines[:9], PERFORMANCE, strict=True):
            self.rpc(self.user_director, "mfg.appraisal.line", "write", [line.id], {field: value})
        self._submit_scores(self.user_director, SUPERIOR)
        self.rpc(self.user_director, APPRAISAL, "action_submit_rating", [self.appraisal.id])
        self.assertEqual(self.appraisal.state, "review")

    def _my_todos(self, user):
        """The open to-dos ``user`` reads through the API (what the systray lists), but the
        one of their own self-assessment."""
        own = self.cycle.appraisal_ids.filtered(lambda a: a.employee_user_id == user).ids
        todos = self.rpc(
            user,
            ACTIVITY,
            "search_read",
            [("user_id", "=", user.id)],
            ["res_model", "res_id", "summary"],
        )
        return [t for t in todos if not (t["res_model"] == APPRAISAL and t["res_id"] in own)]

    def _entry_todos(self):
        return self.env[ACTIVITY].search(
            [("res_model", "=", RATER), ("res_id", "=", self.entry.id)]
        )

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_peer_opens_its_todo_and_submitting_marks_it_done(self):
        self.assertEqual(self.entry.role, "peer")
        self.assertFalse(self._my_todos(self.user_peer), "no to-do before rating starts")
        self._to_rating()
        todos = self._my_todos(self.user_peer)
        self.assertEqual(
            [(t["res_model"], t["res_id"]) for t in todos],
            [(RATER, self.entry.id)],
            "one to-do, on the peer's own rater entry",
        )
        self.assertEqual(todos[0]["summary"], f"Rate {self.emp.name}")
        self.assertFalse(re.search(r"\d", todos[0]["summary"]), "no score in the summary")
        # The peer opens the document of its to-do, as the systray does: its rater entry.
        record = self.rpc(
            self.user_peer,
            todos[0]["res_model"],
            "read",
            [todos[0]["res_id"]],
            ["employee_id", "state", "rating_ids"],
        )
        self.assertEqual(record[0]["state"], "todo")
        action = self.rpc(self.user_peer, ACTIVITY, "action_open_document", [todos[0]["id"]])
        self.assertEqual((action["res_model"], action["res_id"]), (RATER, self.entry.id))
        # The appraiser's to-do stays on the appraisal, where the appraiser rates.
        self.assertEqual(
            [(t["res_model"], t["res_id"]) for t in self._my_todos(self.user_director)],
            [(APPRAISAL, self.appraisal.id)],
        )
        # Nobody else learns of the peer's to-do: not the appraisee, not an outsider.
        for user in (self.user_emp, self.user_other):
            found = self.rpc(
                user, ACTIVITY, "search_read", [("res_model", "=", RATER)], ["summary"]
            )
            self.assertEqual(found, [], user.login)
            self.refused(
                user, ACTIVITY, "read", self._entry_todos().ids, ["summary"], kinds=("AccessError",)
            )
        # The peer hands in: the to-do is done, logged on its entry.
        self._submit_scores(self.user_peer, [70.0] * 10)
        self.assertFalse(self._my_todos(self.user_peer))
        done = (
            self.env[ACTIVITY]
            .with_context(active_test=False)
            .search([("res_model", "=", RATER), ("res_id", "=", self.entry.id)])
        )
        self.assertEqual(len(done), 1)
        self.assertFalse(done.active)
        self.assertEqual(done.feedback, "Scores submitted.")
        self.assertIn("Scores submitted.", " ".join(self.entry.message_ids.mapped("body")))

    def test_todo_goes_when_the_rating_closes_and_comes_back_with_it(self):
        self._to_rating()
        self.assertEqual(len(self._entry_todos()), 1)
        # The appraiser closes the rating without the peer's scores: nothing left to rate.
        self._to_review()
        self.assertFalse(self._entry_todos())
        self.assertFalse(self._my_todos(self.user_peer))
        # HR sends it back: the peer, still to rate, has its to-do again, on its entry.
        self.rpc(self.user_hr, APPRAISAL, "action_back_to_rating", [self.appraisal.id])
        todos = self._my_todos(self.user_peer)
        self.assertEqual([(t["res_model"], t["res_id"]) for t in todos], [(RATER, self.entry.id)])
        self.rpc(self.user_peer, RATER, "read", [self.entry.id], ["state"])
        # Cancelled: gone again.
        self.rpc(self.user_hr, APPRAISAL, "action_cancel", [self.appraisal.id])
        self.assertFalse(self._entry_todos())
        self.assertFalse(self._my_todos(self.user_peer))

    def test_reminder_reaches_the_peer_on_its_entry(self):
        self._to_rating()
        todo = self._entry_todos()
        self.rpc(self.user_hr, APPRAISAL, "action_remind", [self.appraisal.id])
        # The open to-do is notified again, on the entry; none is added on the appraisal.
        self.assertEqual(self._entry_todos(), todo)
        notices = self.env["mail.message"].search(
            [
                ("model", "=", RATER),
                ("res_id", "=", self.entry.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(len(notices), 2, "assigned, then reminded")
        self.assertEqual(notices.partner_ids, self.user_peer.partner_id)
        self.assertNotIn(self.user_peer, self.appraisal.activity_ids.user_id)
        # A peer whose to-do was deleted gets a new one, on its entry again.
        todo.unlink()
        self.rpc(self.user_hr, APPRAISAL, "action_remind", [self.appraisal.id])
        todos = self._my_todos(self.user_peer)
        self.assertEqual([(t["res_model"], t["res_id"]) for t in todos], [(RATER, self.entry.id)])
        self.assertIn("Reminder", todos[0]["summary"])
        self.assertNotIn(self.user_peer, self.appraisal.activity_ids.user_id)

    def test_migration_moves_peer_todos_to_their_entry(self):
        """A database of the previous release: the peer's to-do is on the appraisal."""
        self._to_rating()
        todo = self._entry_todos()
        director_todo = self.appraisal.activity_ids
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE mail_activity SET res_model = %s, res_model_id = %s, res_id = %s WHERE id = %s",
            (APPRAISAL, self.env["ir.model"]._get_id(APPRAISAL), self.appraisal.id, todo.id),
        )
        self.env.cr.execute(
            "DELETE FROM mail_followers WHERE res_model = %s AND res_id = %s",
            (RATER, self.entry.id),
        )
        self.env.invalidate_all()
        self.refused(self.user_peer, APPRAISAL, "read", [self.appraisal.id], ["employee_id"])
        path = file_path("mfg_appraisal/migrations/19.0.1.6.0/post-migrate.py")
        spec = importlib.util.spec_from_file_location("mfg_appraisal_post_migrate_1_6", path)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "19.0.1.5.0")
        self.env.invalidate_all()
        self.assertEqual((todo.res_model, todo.res_id), (RATER, self.entry.id))
        self.assertEqual(todo.res_name, self.entry.display_name)
        self.assertIn(self.user_peer.partner_id, self.entry.message_partner_ids)
        # The appraiser's to-do stays on the appraisal, where the appraiser rates.
        self.assertEqual(self.appraisal.activity_ids, director_todo)
        self.assertEqual(director_todo.user_id, self.user_director)
        todos = self._my_todos(self.user_peer)
        self.assertEqual([(t["res_model"], t["res_id"]) for t in todos], [(RATER, self.entry.id)])
        self.rpc(self.user_peer, RATER, "read", [self.entry.id], ["state"])
        # Run again, it moves nothing more.
        migration.migrate(self.env.cr, "19.0.1.5.0")
        self.env.invalidate_all()
        self.assertEqual((todo.res_model, todo.res_id), (RATER, self.entry.id))
