# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from odoo.addons.mfg_appraisal.tests.common import AppraisalCase
from odoo.addons.mfg_kpi.tests.common import KpiCase
from odoo.addons.queue_job.job import Job
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from ..models import mfg_job_batch


class JobsMixin:
    """Jobs run as the job runner runs them: one at a time, each once those it depends on are
    done, as the user who asked for the work."""

    def _use_jobs(self, mode="jobs"):
        self.env["ir.config_parameter"].sudo().set_param(mfg_job_batch.MODE_PARAM, mode)

    def _run_jobs(self, batch):
        records = batch.sudo().job_ids
        done = set()
        while len(done) < len(records):
            ready = [
                record
                for record in records
                if record.uuid not in done
                and set(record.dependencies.get("depends_on", [])) <= done
            ]
            self.assertTrue(ready, "a chain that cannot go on")
            job = Job.load(self.env, ready[0].uuid)
            job.set_started()
            job.perform()
            job.set_done()
            job.store()
            done.add(ready[0].uuid)
            self.env.flush_all()
        self.env.invalidate_all()


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
