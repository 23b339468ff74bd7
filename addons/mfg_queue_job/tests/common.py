# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixtures of the background work tests: jobs run as the job runner runs them, HR's steps on a
cycle's appraisals, and (with ``RpcCase``) another company and refusals checked against the
database read afresh."""

from odoo.addons.queue_job.job import Job
from odoo.tests import new_test_user

from ..models import mfg_job_batch

# A record's background work as it shows it (mfg.job.batch.mixin).
PROGRESS = ["mfg_job_batch_id", "mfg_job_state", "mfg_job_progress"]


class JobsMixin:
    """Jobs run as the job runner runs them: one at a time, each once those it depends on are
    done, as the user who asked for the work."""

    @classmethod
    def _use_jobs(cls, mode="jobs"):
        cls.env["ir.config_parameter"].sudo().set_param(mfg_job_batch.MODE_PARAM, mode)

    def _first_part(self, batch):
        """The part a batch's chain starts with (the one that depends on no other)."""
        [first] = batch.sudo().job_ids.filtered(lambda job: not job.dependencies["depends_on"])
        return first

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


class StepsMixin(JobsMixin):
    """HR's steps on the appraisals of a cycle (with ``SteeringCase``): cycles launched inline,
    scores and performance values filled, the appraisals compared field by field."""

    @classmethod
    def _launched(cls, name, jobs="jobs"):
        """A cycle launched inline (two appraisals), then ``jobs`` as the mode."""
        cycle = cls._cycle(name=name, apply_exclusions=False)
        cls._use_jobs("inline")
        cycle.with_user(cls.user_hr).action_launch()
        cls._use_jobs(jobs)
        return cycle, cls.env["mfg.appraisal"].browse(cycle.appraisal_ids.ids)

    @classmethod
    def _score(cls, appraisals, roles):
        appraisals.sudo().rater_ids.filtered(lambda r: r.role in roles).rating_ids.write(
            {"score": 85.0, "score_set": True}
        )

    @classmethod
    def _fill_actuals(cls, appraisals):
        appraisals.sudo().line_ids.filtered(lambda line: line.rule_kind != "direct").write(
            {"actual_value": 98.0, "actual_set": True}
        )

    @classmethod
    def _approve_all(cls, appraisals):
        """Every tier of the appraisals' approval chain approved (by HR)."""
        appraisals.sudo().review_ids.write({"status": "approved", "done_by": cls.user_hr.id})

    def _snapshot(self, cycle):
        sudo = cycle.sudo().appraisal_ids
        sudo.invalidate_recordset()
        return sorted(
            (
                a.employee_id.id,
                a.state,
                tuple(sorted((r.role, r.state, r.user_id.id) for r in a.rater_ids)),
                tuple(sorted((r.sequence, r.status, r.definition_id.id) for r in a.review_ids)),
                a.final_score,
                a.grade,
                tuple(sorted((x.user_id.id, x.summary or "") for x in a.activity_ids)),
                tuple(
                    sorted((x.user_id.id, x.summary or "") for x in a.rater_ids.sudo().activity_ids)
                ),
                tuple(
                    (x.name, x.actual_value, x.actual_set, x.kpi_value_state or "")
                    for x in a.line_ids.sorted("sequence")
                ),
            )
            for a in sudo
        )


class JobsApiMixin:
    """Background work through ``/jsonrpc`` (with ``RpcCase``): a manager of another company,
    and refusals after which nothing is queued and the database, read again by SQL, is as it
    was."""

    @classmethod
    def _other_company_user(cls, login, groups):
        """A user of ``groups`` in another company (created once per class: ``company2``)."""
        if not getattr(cls, "company2", None):
            cls.company2 = cls.env["res.company"].create({"name": "Other Factory"})
        return new_test_user(
            cls.env,
            login,
            groups=groups,
            company_id=cls.company2.id,
            company_ids=[(6, 0, cls.company2.ids)],
        )

    def _queued(self):
        """(batches, jobs) in the job queue, counted in the database."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT (SELECT count(*) FROM mfg_job_batch), (SELECT count(*) FROM queue_job)"
        )
        return self.env.cr.fetchone()

    def assertRefusedUnchanged(self, user, model, method, *args, state=None, message=None):
        """``model.method(*args)`` as ``user`` is refused with a clear error (a UserError or
        AccessError, with its message), queues nothing, and leaves ``state()`` (a fresh read of
        the database) as it was; returns the refusal."""
        queued = self._queued()
        before = state() if state else None
        error = self.refused(user, model, method, *args, kinds=("UserError", "AccessError"))
        label = f"{user.login}: {model}.{method}"
        self.assertTrue(error.message and error.message.strip(), label)
        if message:
            self.assertIn(message, error.message, label)
        self.assertEqual(self._queued(), queued, f"{label} queued something")
        if state:
            self.assertEqual(state(), before, f"{label} left changes")
        return error
