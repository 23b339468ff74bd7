# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.addons.mfg_appraisal.tests.common import AppraisalCase
from odoo.addons.mfg_appraisal.tests.test_launch_prefill import SteeringCase
from odoo.addons.mfg_kpi.tests.common import KpiCase
from odoo.addons.queue_job.job import Job
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..models import mfg_job_batch
from .common import JobsMixin, StepsMixin


@tagged("post_install", "-at_install")
class TestKpiInBackground(JobsMixin, KpiCase):
    def _snapshot(self):
        values = self.env["mfg.kpi.value"].search(
            [("period_id", "=", self.period.id), ("kpi_id", "=", self.kpi_team.id)]
        )
        return sorted(
            (v.subject_type, v.employee_id.id, v.department_id.id, v.value, v.numerator)
            for v in values
        )

    def test_inline_without_a_job_runner(self):
        """In tests (no job runner among the server-wide modules) the work runs inline."""
        self.assertFalse(self.env["mfg.job.batch"]._jobs_enabled())
        wizard = self.env["mfg.kpi.compute.wizard"].create(
            {"period_ids": [(6, 0, self.period.ids)], "kpi_ids": [(6, 0, self.kpi_team.ids)]}
        )
        wizard.action_compute()
        self.assertTrue(self._snapshot())
        self.assertFalse(self.env["mfg.job.batch"].search([("period_ids", "in", self.period.ids)]))

    def test_jobs_give_the_inline_values(self):
        Provider = self.env["mfg.kpi.provider"]
        Provider._compute_periods(self.period, self.kpi_team)
        inline = self._snapshot()
        self.assertTrue(inline)
        self.env["mfg.kpi.value"].search([("period_id", "=", self.period.id)]).sudo().unlink()

        self._use_jobs()
        wizard = (
            self.env["mfg.kpi.compute.wizard"]
            .with_user(self.user_manager)
            .create(
                {"period_ids": [(6, 0, self.period.ids)], "kpi_ids": [(6, 0, self.kpi_team.ids)]}
            )
        )
        action = wizard.action_compute()
        self.assertEqual(action["params"]["type"], "info")
        batch = self.period.with_user(self.user_manager).mfg_job_batch_id
        self.assertEqual(batch.kind, "kpi")
        self.assertEqual(batch.user_id, self.user_manager)
        self.assertEqual((batch.job_count, batch.job_done_count, batch.state), (1, 0, "queued"))
        self.assertFalse(self._snapshot(), "nothing computed before the job runs")

        self._run_jobs(batch)
        self.assertEqual((batch.job_done_count, batch.progress, batch.state), (1, 100.0, "done"))
        self.assertEqual(self._snapshot(), inline)
        # Running the part again (a retry) changes nothing.
        batch.sudo()._job_compute_kpis(self.period.ids, self.kpi_team.ids)
        self.assertEqual(self._snapshot(), inline)

    def test_value_readers_come_last(self):
        """A KPI that reads KPI values is computed in the period's last part, whatever its
        bridge's name: it reads the values the parts before it computed."""
        provider_cls = type(self.env["mfg.kpi.provider"])
        original = provider_cls._get_providers
        seen = []

        def _get_providers(provider):
            providers = original(provider)
            providers[self.kpi_rate.code] = {
                "name": "Reader (test)",
                "method": "_provide_test_reader",
                "reads_values": True,
                "module": "mfg_aaa",  # a bridge sorted before the team size's
            }
            return providers

        def reader(provider, kpi, period):
            value = provider.env["mfg.kpi.value"].search(
                [
                    ("kpi_id", "=", self.kpi_team.id),
                    ("period_id", "=", period.id),
                    ("employee_id", "=", self.boss.id),
                ]
            )
            seen.append(value.value if value else None)
            return []

        self._use_jobs()
        with (
            patch.object(provider_cls, "_get_providers", _get_providers),
            patch.object(provider_cls, "_provide_test_reader", reader, create=True),
        ):
            batch = self.env["mfg.job.batch"]._enqueue_kpis(
                self.period, self.kpi_rate | self.kpi_team
            )
            self.assertEqual(batch.job_count, 2)
            self.assertEqual(self._first_part(batch).args, [self.period.ids, self.kpi_team.ids])
            self._run_jobs(batch)
        self.assertEqual(seen, [2.0], "the team size computed by the part before")

    def test_cron_queues_a_batch_per_company(self):
        self._use_jobs()
        before = self.env["mfg.job.batch"].search([])
        self.env["mfg.kpi.provider"]._cron_compute()
        batches = self.env["mfg.job.batch"].search([]) - before
        companies = self.env["res.company"]._mfg_kpi_companies()
        self.assertEqual(batches.company_id, companies)
        for batch in batches:
            # month, quarter and year, current and previous: one part per period and bridge
            self.assertEqual(len(batch.period_ids), 6)
            self.assertEqual(batch.job_count % 6, 0)

    def test_only_kpi_managers_queue_a_computation(self):
        self._use_jobs()
        with self.assertRaises(UserError):
            self.period.with_user(self.user_steward).action_compute()
        self.assertFalse(self.env["mfg.job.batch"].search([("period_ids", "in", self.period.ids)]))
        self.period.with_user(self.user_manager).action_compute()
        self.assertTrue(self.period.mfg_job_batch_id)
        # Background work is read, never written, by the people who follow it.
        with self.assertRaises(AccessError):
            self.period.mfg_job_batch_id.with_user(self.user_manager).write({"name": "x"})
        with self.assertRaises(AccessError):
            self.env["mfg.job.batch"].with_user(self.user_steward).search([])


@tagged("post_install", "-at_install")
class TestCycleInBackground(JobsMixin, AppraisalCase):
    def _snapshot(self, cycle):
        return sorted(
            (
                a.employee_id.id,
                a.template_id.id,
                a.appraiser_id.id,
                a.state,
                len(a.line_ids),
                tuple(sorted(a.rater_ids.mapped("role"))),
                tuple(a.line_ids.sorted("sequence").mapped("name")),
            )
            for a in cycle.appraisal_ids
        )

    def test_launch_in_parts_gives_the_inline_appraisals(self):
        # One performance line of the sheet is fed by a KPI: the launch reports its prefill.
        kpi = self.env["mfg.kpi"].create({"code": "BG_TEST_RATE", "name": "Background rate"})
        line = self.template.section_ids.line_ids.filtered(
            lambda x: x.name == "Equipment intact rate"
        )
        line.sudo().kpi_id = kpi
        inline = self._cycle(name="inline")
        inline.with_user(self.user_hr).action_launch()
        expected = self._snapshot(inline)
        self.assertEqual(len(expected), 2)

        self._use_jobs()
        cycle = self._cycle(name="in the background")
        with patch.object(mfg_job_batch, "CHUNK", 1):
            cycle.with_user(self.user_hr).action_launch()
        # Checked and running at once; the appraisals come with the jobs.
        self.assertEqual(cycle.state, "running")
        self.assertFalse(cycle.appraisal_ids)
        batch = cycle.with_user(self.user_hr).mfg_job_batch_id
        self.assertEqual((batch.kind, batch.job_count, batch.state), ("launch", 3, "queued"))
        # Nothing else happens to the cycle while its launch runs.
        with self.assertRaises(UserError):
            cycle.with_user(self.user_hr).action_cancel()
        self._run_jobs(batch)
        self.assertEqual(batch.state, "done")
        self.assertEqual(self._snapshot(cycle), expected)
        # The appraisees got their to-do, as with an inline launch.
        self.assertEqual(
            cycle.appraisal_ids.activity_ids.user_id, inline.appraisal_ids.activity_ids.user_id
        )
        # The chatter reports the KPI prefill as an inline launch does.
        messages = cycle.message_ids.mapped("body")
        self.assertTrue(any("KPI lines filled" in str(body) for body in messages), messages)
        # A part run again (a retry) creates nothing twice.
        batch.sudo()._job_launch(cycle.id, (self.emp | self.peer).ids)
        self.assertEqual(len(cycle.appraisal_ids), 2)

    def test_launch_checks_before_queueing(self):
        """A launch that cannot succeed is refused at once, not in a failed job."""
        self._use_jobs()
        cycle = self._cycle(name="nobody", job_ids=[(6, 0, self.job_leader.ids)])
        with self.assertRaises(UserError):
            cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(cycle.state, "draft")
        self.assertFalse(self.env["mfg.job.batch"].search([("cycle_id", "=", cycle.id)]))
        user = new_test_user(self.env, "bg_user", groups="mfg_appraisal.group_appraisal_user")
        with self.assertRaises(UserError):
            self._cycle(name="other").with_user(user).action_launch()

    def test_publish_in_parts(self):
        cycle = self._cycle(name="publish")
        cycle.with_user(self.user_hr).action_launch()
        appraisals = cycle.appraisal_ids
        raters = appraisals.sudo().rater_ids
        raters.filtered(lambda r: r.role == "self").rating_ids.write(
            {"score": 85.0, "score_set": True}
        )
        appraisals.with_user(self.user_hr).action_submit_self()
        raters.filtered(lambda r: r.role != "self").rating_ids.write(
            {"score": 80.0, "score_set": True}
        )
        appraisals.sudo().line_ids.filtered(lambda line: line.rule_kind != "direct").write(
            {"actual_value": 98.0, "actual_set": True}
        )
        appraisals.with_user(self.user_hr).action_submit_rating()
        self.assertEqual(set(appraisals.mapped("state")), {"review"})
        appraisals.sudo().review_ids.write({"status": "approved", "done_by": self.user_hr.id})

        self._use_jobs()
        with patch.object(mfg_job_batch, "CHUNK", 1):
            cycle.with_user(self.user_hr).action_publish()
        self.assertEqual(cycle.state, "running")
        batch = cycle.with_user(self.user_hr).mfg_job_batch_id
        self.assertEqual((batch.kind, batch.job_count), ("publish", 3))
        with self.assertRaises(UserError):
            cycle.with_user(self.user_hr).action_publish()
        self._run_jobs(batch)
        self.assertEqual(cycle.state, "published")
        self.assertEqual(set(appraisals.mapped("state")), {"published"})
        self.assertTrue(all(appraisals.mapped("grade")))


@tagged("post_install", "-at_install")
class TestStepsInBackground(StepsMixin, SteeringCase):
    """HR's steps on many appraisals (issue 17): in parts beyond one CHUNK, checked first."""

    def _step(self, appraisals, step, *args, user=None):
        """Take ``step`` on ``appraisals`` as HR (or ``user``), through the job queue when
        jobs are on: returns the batch (or None when the step ran inline)."""
        before = self.env["mfg.job.batch"].search([])
        with patch.object(mfg_job_batch, "CHUNK", 1):
            result = getattr(appraisals.with_user(user or self.user_hr), step)(*args)
        batch = self.env["mfg.job.batch"].search([]) - before
        if batch:
            self.assertEqual(result["params"]["type"], "info")
        return batch

    def _run_and_retry(self, batch, cycle):
        """Run the batch's parts, then a part again (a retry): nothing changes the second
        time."""
        self._run_jobs(batch)
        self.assertEqual(batch.state, "done")
        after = self._snapshot(cycle)
        first = self._first_part(batch)
        self.assertEqual(first.method_name, "_job_step")
        job = Job.load(self.env, first.uuid)
        job.perform()
        self.env.flush_all()
        self.assertEqual(self._snapshot(cycle), after, "a part run twice moves nothing twice")
        return after

    def test_steps_in_parts_give_the_inline_results(self):
        inline, inline_appraisals = self._launched("inline")
        background, appraisals = self._launched("background")
        self.assertEqual(self._snapshot(inline), self._snapshot(background))
        steps = [
            ("action_submit_self", (), "submit_self", ("self",), False),
            ("action_submit_rating", (), "submit_rating", ("superior", "indirect"), True),
            ("action_back_to_rating", (), "back_to_rating", (), False),
            ("action_submit_on_behalf", ("They were away",), "on_behalf", (), False),
        ]
        for method, args, kind, roles, actuals in steps:
            for records, jobs in ((inline_appraisals, "inline"), (appraisals, "jobs")):
                self._score(records, roles)
                if actuals:
                    self._fill_actuals(records)
                self._use_jobs(jobs)
                batch = self._step(records, method, *args)
                self.assertEqual(bool(batch), jobs == "jobs", method)
            self.assertEqual(batch.kind, kind)
            self.assertEqual(batch.cycle_id, background)
            # Two parts of one appraisal each (CHUNK 1), then the report.
            self.assertEqual((batch.job_count, batch.state), (3, "queued"))
            self.assertNotEqual(
                self._snapshot(background), self._snapshot(inline), "nothing moved yet"
            )
            self.assertEqual(background.with_user(self.user_hr).mfg_job_batch_id, batch)
            # The cycle is not published, closed or cancelled while the step runs.
            with self.assertRaises(UserError):
                background.with_user(self.user_hr).action_cancel()
            self.assertEqual(self._run_and_retry(batch, background), self._snapshot(inline))
        # The cycle's chatter tells what ran in the background.
        bodies = " ".join(map(str, background.message_ids.mapped("body")))
        self.assertIn("Submitted on behalf in the background", bodies)
        self.assertEqual(set(appraisals.mapped("state")), {"review"})

        # HR publishes the results from the appraisal list.
        for records, jobs in ((inline_appraisals, "inline"), (appraisals, "jobs")):
            records.sudo().review_ids.write({"status": "approved", "done_by": self.user_hr.id})
            self._use_jobs(jobs)
            batch = self._step(records, "action_publish")
        self.assertEqual(batch.kind, "publish_results")
        self.assertEqual(self._run_and_retry(batch, background), self._snapshot(inline))
        self.assertEqual(set(appraisals.mapped("state")), {"published"})

    def test_on_behalf_of_both_steps(self):
        """Self-assessments and ratings handed in on behalf together: each once, in its step
        (the ratings first, as inline)."""
        snapshots = []
        for jobs in ("inline", "jobs"):
            cycle, appraisals = self._launched(jobs)
            self._score(appraisals, ("self",))
            self._use_jobs("inline")
            first = appraisals.filtered(lambda a: a.employee_id == self.emp)
            first.with_user(self.user_hr).action_submit_self()
            self._score(first, ("superior", "indirect"))
            self._fill_actuals(appraisals)
            self._use_jobs(jobs)
            batch = self._step(appraisals, "action_submit_on_behalf", "Away")
            if batch:
                self._run_and_retry(batch, cycle)
            self.assertEqual(
                sorted(appraisals.mapped("state")), ["rating", "review"], "each moved once"
            )
            snapshots.append(self._snapshot(cycle))
        self.assertEqual(snapshots[0], snapshots[1])

    def test_refusals_come_before_anything_is_queued(self):
        cycle, appraisals = self._launched("refused")
        Batch = self.env["mfg.job.batch"]

        def refused(user, method, *args, message=None):
            with self.assertRaisesRegex(UserError, message or ""):
                self._step(appraisals, method, *args, user=user)
            self.assertFalse(Batch.search([("cycle_id", "=", cycle.id)]), method)

        # Wrong state.
        refused(self.user_hr, "action_submit_rating", message="this action needs it")
        refused(self.user_hr, "action_back_to_rating")
        refused(self.user_hr, "action_publish")
        # Wrong role: an appraiser sends nothing back, an appraisee submits for nobody else.
        refused(self.user_director, "action_back_to_rating", message="Only HR")
        refused(self.user_emp, "action_submit_self")
        refused(self.user_director, "action_submit_on_behalf", "x", message="Only HR")
        refused(self.user_hr, "action_submit_on_behalf", " ", message="Give the reason")
        # Self-scores missing: the appraisee's own entry cannot be handed in.
        refused(self.user_hr, "action_submit_self", message="Score every line")
        self._score(appraisals, ("self",))
        self._use_jobs("inline")
        appraisals.with_user(self.user_hr).action_submit_self()
        self._use_jobs()
        # The superior's scores or a performance value missing: refused at once too.
        refused(self.user_hr, "action_submit_rating", message="Score every line")
        self._score(appraisals, ("superior", "indirect"))
        refused(self.user_hr, "action_submit_rating", message="Score every line of")
        self._fill_actuals(appraisals)
        self.assertTrue(self._step(appraisals, "action_submit_rating"))

    def test_one_appraisal_stays_inline(self):
        """A single appraisal (its form) moves at once, whatever the mode."""
        cycle, appraisals = self._launched("single")
        self._score(appraisals, ("self",))
        own = appraisals.filtered(lambda a: a.employee_id == self.emp)
        self.assertFalse(self._step(own, "action_submit_self", user=self.user_emp))
        self.assertEqual(own.state, "rating")
        self.assertFalse(self.env["mfg.job.batch"].search([("cycle_id", "=", cycle.id)]))

    def test_a_busy_cycle_takes_no_other_step(self):
        cycle, appraisals = self._launched("busy")
        self._score(appraisals, ("self",))
        batch = self._step(appraisals, "action_submit_self")
        with self.assertRaisesRegex(UserError, "still running in the background"):
            self._step(appraisals, "action_submit_self")
        self._run_jobs(batch)
        self.assertEqual(set(appraisals.mapped("state")), {"rating"})

    def test_kpi_refresh_in_parts(self):
        snapshots = []
        for jobs in ("inline", "jobs"):
            cycle, _appraisals = self._launched(jobs)
            value = self._value(self.emp, self.kpi_intact, 96.0)
            self._use_jobs(jobs)
            with patch.object(mfg_job_batch, "CHUNK", 1):
                action = cycle.with_user(self.user_hr).action_refresh_kpi()
            batch = self.env["mfg.job.batch"].search([("cycle_id", "=", cycle.id)])
            if jobs == "jobs":
                self.assertEqual(action["params"]["type"], "info")
                self.assertEqual((batch.kind, batch.job_count), ("refresh_kpi", 3))
                self._run_and_retry(batch, cycle)
            else:
                self.assertFalse(batch)
            self.assertIn(
                "KPI values refreshed", " ".join(map(str, cycle.message_ids.mapped("body")))
            )
            snapshots.append(self._snapshot(cycle))
            value.unlink()
        self.assertEqual(snapshots[0], snapshots[1])
        self.assertIn(96.0, [line[1] for row in snapshots[1] for line in row[-1]])
