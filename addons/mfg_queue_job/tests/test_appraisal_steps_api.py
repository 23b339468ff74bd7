# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""HR's steps on many appraisals in background parts, through the real external API
(``/jsonrpc``, ``execute_kw``) as each role: who may send them to the job queue (HR), that every
other role is refused at once with nothing queued and nothing changed (the database read again
by SQL after each refusal), that the parts give the inline results, and who sees the work."""

from unittest.mock import patch

from odoo import Command
from odoo.addons.mfg_appraisal.tests.test_launch_prefill import SteeringCase
from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.addons.queue_job.job import Job
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from ..models import mfg_job_batch
from .common import PROGRESS, JobsApiMixin, StepsMixin

APPRAISAL = "mfg.appraisal"
APPRAISER = "mfg_appraisal.group_appraisal_appraiser"
BATCH = "mfg.job.batch"
CYCLE = "mfg.appraisal.cycle"
# What the one who asked follows on a batch (its form).
FOLLOW = [
    "name",
    "state",
    "progress",
    "job_done_count",
    "job_count",
    "job_summary",
    "user_id",
    "cycle_id",
]
# What a step can move, read by SQL (the ORM's cache plays no part): the cycle, its appraisals,
# their raters, scores, lines, approval tiers, to-dos and chatter.
STATE_QUERIES = [
    "SELECT id, state, date_published, write_uid FROM mfg_appraisal_cycle WHERE id = %(cycle)s",
    "SELECT id, state, final_score, grade, date_published, review_adjustment, write_uid"
    " FROM mfg_appraisal WHERE id IN %(ids)s ORDER BY id",
    "SELECT id, state, date_submitted, write_uid FROM mfg_appraisal_rater"
    " WHERE appraisal_id IN %(ids)s ORDER BY id",
    "SELECT id, score, score_set, write_uid FROM mfg_appraisal_rating"
    " WHERE appraisal_id IN %(ids)s ORDER BY id",
    "SELECT id, actual_value, actual_set, kpi_value_id, kpi_value_state, score, write_uid"
    " FROM mfg_appraisal_line WHERE appraisal_id IN %(ids)s ORDER BY id",
    "SELECT id, status, write_uid FROM tier_review"
    " WHERE model = 'mfg.appraisal' AND res_id IN %(ids)s ORDER BY id",
    "SELECT id, user_id, active, write_uid FROM mail_activity"
    " WHERE (res_model = 'mfg.appraisal' AND res_id IN %(ids)s)"
    " OR (res_model = 'mfg.appraisal.rater'"
    " AND res_id IN (SELECT id FROM mfg_appraisal_rater WHERE appraisal_id IN %(ids)s))"
    " ORDER BY id",
    "SELECT id, model, res_id, message_type, author_id FROM mail_message WHERE (model = 'mfg.appraisal' AND res_id IN %(ids)s)"
    " OR (model = 'mfg.appraisal.cycle' AND res_id = %(cycle)s)"
    " OR (model = 'mfg.appraisal.rater'"
    " AND res_id IN (SELECT id FROM mfg_appraisal_rater WHERE appraisal_id IN %(ids)s))",
]


@tagged("post_install", "-at_install")
class TestAppraisalStepsApi(JobsApiMixin, StepsMixin, SteeringCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        appraisal_user = "mfg_appraisal.group_appraisal_user"
        cls.user_steward = new_test_user(
            cls.env, "bg_steward", groups=f"mfg_kpi.group_kpi_steward,{appraisal_user}"
        )
        cls.user_kpi_manager = new_test_user(
            cls.env, "bg_kpi_manager", groups=f"mfg_kpi.group_kpi_manager,{appraisal_user}"
        )
        cls.user_production = new_test_user(
            cls.env, "bg_production", groups="mfg_appraisal.group_appraisal_production_director"
        )
        cls.user_president = new_test_user(
            cls.env, "bg_president", groups="mfg_appraisal.group_appraisal_president"
        )
        cls.user_hr_other = cls._other_company_user(
            "bg_hr_other", "mfg_appraisal.group_appraisal_hr_manager,hr.group_hr_user"
        )
        cls.user_appraiser_other = cls._other_company_user("bg_appraiser_other", APPRAISER)
        # Every role but HR: the appraisee, an employee not involved, the appraiser (manager)
        # and the indirect superior, the KPI steward and manager, the production department,
        # the president's office, and HR of another company.
        cls.not_hr = (
            cls.user_emp
            | cls.user_other
            | cls.user_director
            | cls.user_boss
            | cls.user_steward
            | cls.user_kpi_manager
            | cls.user_production
            | cls.user_president
            | cls.user_hr_other
        )
        # Two cycles of the same people (two appraisals each, in self-assessment): one steered
        # inline, one in background parts of one appraisal (CHUNK patched to 1).
        cls.inline, cls.inline_appraisals = cls._launched("inline", jobs="inline")
        cls.cycle, cls.appraisals = cls._launched("background")
        cls._score(cls.inline_appraisals | cls.appraisals, ("self",))

    def setUp(self):
        super().setUp()
        # The test server runs in this process: the patch holds for the requests too.
        patcher = patch.object(mfg_job_batch, "CHUNK", 1)
        patcher.start()
        self.addCleanup(patcher.stop)

    def _db_state(self):
        """The background cycle and everything a step moves, read again by SQL (what the test
        itself wrote first flushed, with its tracking, as a commit would)."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        params = {"cycle": self.cycle.id, "ids": tuple(self.appraisals.ids)}
        rows = []
        for query in STATE_QUERIES:
            self.env.cr.execute(query, params)
            rows.append(self.env.cr.fetchall())
        return rows

    def _move(self, method, *args):
        """Move the background cycle's appraisals on as HR, inline (the step under test is
        the next one)."""
        self._use_jobs("inline")
        getattr(self.appraisals.with_user(self.user_hr), method)(*args)
        self._use_jobs()

    def _refused_to(self, users, model, method, *args, messages=None):
        """Each of ``users`` is refused ``model.method(*args)``: nothing queued, nothing
        changed; ``messages``: {user: text the refusal must say}."""
        for user in users:
            with self.subTest(user=user.login, method=method):
                self.assertRefusedUnchanged(
                    user,
                    model,
                    method,
                    *args,
                    state=self._db_state,
                    message=(messages or {}).get(user),
                )

    def test_every_role_but_hr_is_refused_before_anything_is_queued(self):
        ids = self.appraisals.ids
        only_hr = dict.fromkeys(self.user_director | self.user_boss, "Only HR may")
        # Self-assessment: the KPI refresh (the cycle's and the list's), the submission (an
        # appraisee submits their own only) and the submission on behalf.
        self._refused_to(self.not_hr, CYCLE, "action_refresh_kpi", [self.cycle.id])
        self._refused_to(self.not_hr, APPRAISAL, "action_refresh_kpi", ids, messages=only_hr)
        self._refused_to(self.not_hr, APPRAISAL, "action_submit_self", ids)
        self._refused_to(
            self.not_hr, APPRAISAL, "action_submit_on_behalf", ids, "Away", messages=only_hr
        )
        # Rating: the appraiser submits his team's ratings (the manager's own step), nobody
        # else but HR; the submission on behalf is HR's.
        self._move("action_submit_self")
        self._score(self.appraisals, ("superior", "indirect"))
        self._fill_actuals(self.appraisals)
        self._refused_to(
            self.not_hr - self.user_director,
            APPRAISAL,
            "action_submit_rating",
            ids,
            messages={self.user_boss: "Only the appraiser of"},
        )
        self._refused_to(
            self.not_hr, APPRAISAL, "action_submit_on_behalf", ids, "Away", messages=only_hr
        )
        # Review, approvals complete: sending back, publishing from the list, the cycle's
        # publication.
        self._move("action_submit_rating")
        self._approve_all(self.appraisals)
        self._refused_to(self.not_hr, APPRAISAL, "action_back_to_rating", ids, messages=only_hr)
        self._refused_to(self.not_hr, APPRAISAL, "action_publish", ids, messages=only_hr)
        self._refused_to(self.not_hr, CYCLE, "action_publish", [self.cycle.id])
        # The refusals were about the role: HR's publication is queued.
        queued = self._queued()
        self.rpc(self.user_hr, APPRAISAL, "action_publish", ids)
        self.assertEqual(self._queued(), (queued[0] + 1, queued[1] + 3))

    def test_hr_steps_in_parts_give_the_inline_results(self):
        self._value(self.emp, self.kpi_intact, 96.0)

        def rated(appraisals):
            self._score(appraisals, ("superior", "indirect"))
            self._fill_actuals(appraisals)

        steps = [
            # (as, model, method, extra arguments, kind, what the people did before)
            (self.user_hr, CYCLE, "action_refresh_kpi", (), "refresh_kpi", None),
            (self.user_hr_manager, APPRAISAL, "action_submit_self", (), "submit_self", None),
            (self.user_hr, APPRAISAL, "action_submit_rating", (), "submit_rating", rated),
            (self.user_hr, APPRAISAL, "action_back_to_rating", (), "back_to_rating", None),
            (self.user_hr, APPRAISAL, "action_submit_on_behalf", ("Away",), "on_behalf", None),
            (self.user_hr_manager, APPRAISAL, "action_publish", (), "publish_results", None),
        ]
        for user, model, method, args, kind, before in steps:
            with self.subTest(step=kind):
                if kind == "publish_results":
                    self._approve_all(self.inline_appraisals | self.appraisals)
                results = []
                for cycle, appraisals, mode in (
                    (self.inline, self.inline_appraisals, "inline"),
                    (self.cycle, self.appraisals, "jobs"),
                ):
                    if before:
                        before(appraisals)
                    self._use_jobs(mode)
                    queued = self._queued()
                    ids = [cycle.id] if model == CYCLE else appraisals.ids
                    results.append(self.rpc(user, model, method, ids, *args))
                self.assertEqual(self._queued(), (queued[0] + 1, queued[1] + 3), kind)
                self.assertEqual(results[1]["params"]["type"], "info")
                batch = self.env[BATCH].search([("cycle_id", "=", self.cycle.id)], limit=1)
                # A batch of two parts (one appraisal each) and the report, for whom asked.
                self.assertEqual(
                    (batch.kind, batch.user_id, batch.company_id, batch.job_count),
                    (kind, user, self.cycle.company_id, 3),
                )
                self.assertNotEqual(
                    self._snapshot(self.cycle), self._snapshot(self.inline), "nothing moved yet"
                )
                [seen] = self.rpc(user, CYCLE, "read", [self.cycle.id], PROGRESS)
                self.assertEqual(
                    (seen["mfg_job_batch_id"][0], seen["mfg_job_state"], seen["mfg_job_progress"]),
                    (batch.id, "queued", 0.0),
                )
                self._use_jobs()
                self._run_jobs(batch)
                [seen] = self.rpc(user, BATCH, "read", [batch.id], ["state", "progress"])
                self.assertEqual((seen["state"], seen["progress"]), ("done", 100.0))
                snapshot = self._snapshot(self.cycle)
                self.assertEqual(snapshot, self._snapshot(self.inline))
                if kind == "refresh_kpi":
                    self.assertIn(96.0, [line[1] for row in snapshot for line in row[-1]])
        self.assertEqual(set(self.appraisals.mapped("state")), {"published"})

    def test_who_sees_the_work_and_its_progress(self):
        self.rpc(self.user_hr, APPRAISAL, "action_submit_self", self.appraisals.ids)
        batch = self.env[BATCH].search([("cycle_id", "=", self.cycle.id)])
        self.assertEqual(len(batch), 1)
        # HR (officer and manager) follows it: the batch, and the progress on the cycle.
        for user in (self.user_hr, self.user_hr_manager):
            [seen] = self.rpc(user, BATCH, "search_read", [("id", "=", batch.id)], ["state"])
            self.assertEqual(seen["state"], "queued")
            [seen] = self.rpc(user, CYCLE, "read", [self.cycle.id], PROGRESS)
            self.assertEqual(
                (seen["mfg_job_batch_id"][0], seen["mfg_job_state"]), (batch.id, "queued")
            )
        # The others read the cycle, not its background work: no batch, no state, no progress
        # (the form hides them; the server gives none either).
        for user in self.not_hr - self.user_hr_other:
            with self.subTest(user=user.login):
                [seen] = self.rpc(user, CYCLE, "read", [self.cycle.id], PROGRESS)
                self.assertEqual(
                    (seen["mfg_job_batch_id"], seen["mfg_job_state"], seen["mfg_job_progress"]),
                    (False, False, 0.0),
                )
                self.refused(user, BATCH, "read", [batch.id], ["state"], kinds=("AccessError",))
                self.refused(user, BATCH, "action_open_jobs", [batch.id], kinds=("AccessError",))
                if user == self.user_kpi_manager or user.has_group(APPRAISER):
                    # A KPI manager follows the KPI computations only, an appraiser the work
                    # he asked for.
                    self.assertEqual(self.rpc(user, BATCH, "search_read", [], ["name"]), [])
                else:
                    self.refused(user, BATCH, "search_read", [], ["name"], kinds=("AccessError",))
                self.refused(user, "queue.job", "search_read", [], ["name"], kinds=("AccessError",))
        # Nor through a refusal: who may not act on the cycle is not told what runs on it.
        for user in self.not_hr:
            for method in ("action_cancel", "action_close", "action_publish"):
                with self.subTest(user=user.login, method=method):
                    error = self.assertRefusedUnchanged(
                        user, CYCLE, method, [self.cycle.id], state=self._db_state
                    )
                    self.assertNotIn(batch.name, error.message)
                    self.assertNotIn("parts done", error.message)
        error = self.assertRefusedUnchanged(
            self.user_hr, CYCLE, "action_cancel", [self.cycle.id], state=self._db_state
        )
        self.assertIn(f"{batch.name} is still running in the background (0 of 3", error.message)
        # HR of another company sees neither the cycle nor its work.
        self.assertEqual(self.rpc(self.user_hr_other, BATCH, "search_read", [], ["name"]), [])
        self.refused(self.user_hr_other, BATCH, "read", [batch.id], ["state"])
        self.refused(self.user_hr_other, CYCLE, "read", [self.cycle.id], PROGRESS)
        # The work done, HR sees it done.
        self._run_jobs(batch)
        [seen] = self.rpc(self.user_hr, CYCLE, "read", [self.cycle.id], PROGRESS)
        self.assertEqual((seen["mfg_job_state"], seen["mfg_job_progress"]), ("done", 100.0))

    def test_parts_run_with_the_rights_of_who_asked(self):
        """A part takes its step as the HR user who asked for it, never as superuser: it
        checks their rights again, as the step inline does (nobody's rights outlive their
        request in a queued part)."""
        self.rpc(self.user_hr, APPRAISAL, "action_submit_self", self.appraisals.ids)
        batch = self.env[BATCH].search([("cycle_id", "=", self.cycle.id)])
        for job in batch.sudo().job_ids:
            self.assertEqual((job.records.env.uid, job.records.env.su), (self.user_hr.id, False))
        # HR's rights are revoked before the parts run: the first part refuses, moves nothing.
        hr = self.env.ref("mfg_appraisal.group_appraisal_hr")
        self.user_hr.write({"group_ids": [Command.unlink(hr.id)]})
        self.assertFalse(self.user_hr.has_group("mfg_appraisal.group_appraisal_hr"))
        before = self._db_state()
        first = self._first_part(batch)
        self.assertEqual(first.method_name, "_job_step")
        # (AccessError is a UserError; Odoo's assertRaises rolls the part back to a savepoint.)
        with self.assertRaises(UserError):
            Job.load(self.env, first.uuid).perform()
        self.assertEqual(self._db_state(), before)
        # With their rights back, the parts take the step.
        self.user_hr.write({"group_ids": [Command.link(hr.id)]})
        self._run_jobs(batch)
        self.assertEqual(set(self.appraisals.mapped("state")), {"rating"})

    # ------------------------------------------------------------------
    # Whoever asked follows the work: the appraiser's ratings, the production department's launch
    # ------------------------------------------------------------------
    def _work_state(self):
        """Every batch and queue job, read again by SQL (nobody writes them but the runner)."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT id, name, kind, user_id, company_id, cycle_id, write_uid FROM mfg_job_batch"
            " ORDER BY id"
        )
        batches = self.env.cr.fetchall()
        self.env.cr.execute(
            "SELECT id, uuid, state, mfg_batch_id, date_done FROM queue_job ORDER BY id"
        )
        return batches, self.env.cr.fetchall()

    def assertFollows(self, user, batch, state, done):
        """``user`` reads ``batch`` where the notification leads (its form) and on the cycle:
        its state, progress, parts done and report (the parts, their state and result)."""
        [seen] = self.rpc(user, BATCH, "read", [batch.id], FOLLOW)
        self.assertEqual(
            (seen["state"], seen["progress"], seen["job_done_count"], seen["job_count"]),
            (state, 100.0 * done / 3, done, 3),
            user.login,
        )
        self.assertEqual(
            (seen["user_id"][0], seen["cycle_id"][0]), (batch.user_id.id, batch.cycle_id.id)
        )
        for job in batch.sudo().job_ids:
            self.assertIn(job.name, seen["job_summary"])
        [seen] = self.rpc(user, CYCLE, "read", [batch.cycle_id.id], PROGRESS)
        self.assertEqual(
            (seen["mfg_job_batch_id"][0], seen["mfg_job_state"], seen["mfg_job_progress"]),
            (batch.id, state, 100.0 * done / 3),
        )

    def _refused_to_follow(self, users, batch, follower):
        """None of ``users`` reads ``batch``, lists it, or finds it on its cycle; after each
        refusal the work is as it was (SQL) and ``follower`` still reads it as before."""
        seen = self.rpc(follower, BATCH, "read", [batch.id], FOLLOW)

        def state():
            return self._work_state(), self.rpc(follower, BATCH, "read", [batch.id], FOLLOW)

        for user in users:
            with self.subTest(user=user.login):
                self.assertRefusedUnchanged(user, BATCH, "read", [batch.id], ["state"], state=state)
                self.assertRefusedUnchanged(
                    user, BATCH, "action_open_jobs", [batch.id], state=state
                )
                if user.has_group(APPRAISER):
                    found = self.rpc(user, BATCH, "search_read", [("id", "=", batch.id)], ["name"])
                    self.assertEqual(found, [])
                else:
                    self.assertRefusedUnchanged(
                        user, BATCH, "search_read", [], ["name"], state=state
                    )
                if user.company_id == batch.company_id:
                    [progress] = self.rpc(user, CYCLE, "read", [batch.cycle_id.id], PROGRESS)
                    self.assertNotEqual(
                        progress["mfg_job_batch_id"] and progress["mfg_job_batch_id"][0], batch.id
                    )
                else:
                    self.assertRefusedUnchanged(
                        user, CYCLE, "read", [batch.cycle_id.id], PROGRESS, state=state
                    )
                self.assertEqual(state()[1], seen)

    def _refused_to_touch(self, user, batch):
        """``user`` follows ``batch`` but neither writes, creates nor deletes one, nor reads the
        queue's jobs (the batch's or any)."""
        state = self._work_state
        self.assertRefusedUnchanged(user, BATCH, "write", [batch.id], {"name": "x"}, state=state)
        self.assertRefusedUnchanged(user, BATCH, "unlink", [batch.id], state=state)
        self.assertRefusedUnchanged(
            user, BATCH, "create", [{"name": "x", "kind": "publish"}], state=state
        )
        self.assertRefusedUnchanged(user, BATCH, "read", [batch.id], ["job_ids"], state=state)
        self.assertRefusedUnchanged(user, BATCH, "action_open_jobs", [batch.id], state=state)
        self.assertRefusedUnchanged(user, "queue.job", "search_read", [], ["name"], state=state)
        self.assertNotIn("job_ids", self.rpc(user, BATCH, "read", [batch.id])[0])

    def test_the_manager_who_asked_follows_his_ratings(self):
        # HR's work on the cycle first (done): the manager follows his own work, not HR's.
        self.rpc(self.user_hr, APPRAISAL, "action_submit_self", self.appraisals.ids)
        hr_batch = self.env[BATCH].search([("cycle_id", "=", self.cycle.id)])
        self._run_jobs(hr_batch)
        self._score(self.appraisals, ("superior", "indirect"))
        self._fill_actuals(self.appraisals)
        # The appraiser submits his team's ratings: more than a part, so in the background.
        queued = self._queued()
        notification = self.rpc(
            self.user_director, APPRAISAL, "action_submit_rating", self.appraisals.ids
        )
        self.assertEqual(self._queued(), (queued[0] + 1, queued[1] + 3))
        batch = self.env[BATCH].search([("cycle_id", "=", self.cycle.id)], limit=1)
        self.assertEqual(
            (batch.kind, batch.user_id, batch.company_id),
            ("submit_rating", self.user_director, self.cycle.company_id),
        )
        # The notification leads to the batch, in the menu of the work he asked for.
        params = notification["params"]
        self.assertEqual(
            params["links"],
            [
                {
                    "label": batch.name,
                    "url": f"/odoo/action-mfg_queue_job.mfg_job_batch_action_mine/{batch.id}",
                }
            ],
        )
        self.assertEqual(params["message"].count("%s"), 1)
        action = self.env.ref("mfg_queue_job.mfg_job_batch_action_mine")
        menu = self.env.ref("mfg_queue_job.mfg_job_batch_menu_mine")
        self.assertEqual(menu.action, action)
        self.assertIn(
            menu.id, self.env["ir.ui.menu"].with_user(self.user_director)._visible_menu_ids()
        )
        # He follows it: the batch and the cycle show it queued; he lists it, not HR's.
        self.assertFollows(self.user_director, batch, "queued", 0)
        listed = self.rpc(self.user_director, BATCH, "search_read", [], ["name"])
        self.assertEqual([row["id"] for row in listed], batch.ids)
        self.assertRefusedUnchanged(
            self.user_director, BATCH, "read", hr_batch.ids, ["state"], state=self._work_state
        )
        self._refused_to_touch(self.user_director, batch)
        # Another manager, the production department, employees, another company: nothing.
        self._refused_to_follow(
            self.user_boss
            | self.user_production
            | self.user_emp
            | self.user_other
            | self.user_steward
            | self.user_appraiser_other
            | self.user_hr_other,
            batch,
            self.user_director,
        )
        # HR follows the cycles' work, the manager's included.
        [seen] = self.rpc(self.user_hr, BATCH, "read", [batch.id], ["state"])
        self.assertEqual(seen["state"], "queued")
        # The parts done, he reads it done, with each part's result.
        self._run_jobs(batch)
        self.assertFollows(self.user_director, batch, "done", 3)
        [seen] = self.rpc(self.user_director, BATCH, "read", [batch.id], ["job_summary"])
        self.assertIn("1 of 1 appraisals done", seen["job_summary"])
        self.assertEqual(set(self.appraisals.mapped("state")), {"review"})

    def test_the_production_department_follows_its_launch(self):
        cycle = self._cycle(kind="irregular", name="inspection", apply_exclusions=False)
        notification = self.rpc(self.user_production, CYCLE, "action_launch", cycle.ids)
        batch = self.env[BATCH].search([("cycle_id", "=", cycle.id)])
        self.assertEqual(
            (batch.kind, batch.user_id, batch.job_count), ("launch", self.user_production, 3)
        )
        # The notification leads to the work (the cycles' menu is HR's).
        self.assertEqual(
            notification["params"]["links"],
            [{"label": batch.name, "url": f"/odoo/action-{mfg_job_batch.BATCH_ACTION}/{batch.id}"}],
        )
        self.assertIn("3 parts", notification["params"]["message"])
        self.assertFollows(self.user_production, batch, "queued", 0)
        self._refused_to_touch(self.user_production, batch)
        self._refused_to_follow(
            self.user_director | self.user_emp | self.user_appraiser_other,
            batch,
            self.user_production,
        )
        self._run_jobs(batch)
        self.assertFollows(self.user_production, batch, "done", 3)
        self.assertEqual(len(cycle.appraisal_ids), 2)
