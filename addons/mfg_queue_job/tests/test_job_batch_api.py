# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Background work through the real external API (/jsonrpc), as each role: who may ask for it,
who sees it, and that nobody writes what only the queue writes (the database re-read after
every refusal)."""

from odoo.addons.mfg_kpi.tests.common import KpiCase
from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.tests import new_test_user, tagged

from .common import PROGRESS, JobsApiMixin, JobsMixin

BATCH = "mfg.job.batch"


@tagged("post_install", "-at_install")
class TestJobBatchApi(JobsApiMixin, JobsMixin, KpiCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_manager2 = cls._other_company_user(
            "kpi_manager_other", "mfg_kpi.group_kpi_manager"
        )
        # HR follows the cycles' background work, not the KPI computations.
        cls.user_hr = new_test_user(cls.env, "bg_api_hr", groups="mfg_appraisal.group_appraisal_hr")

    def test_roles_over_the_external_api(self):
        self._use_jobs()
        # A steward may not ask for a computation: refused, nothing queued.
        self.assertRefusedUnchanged(
            self.user_steward, "mfg.kpi.period", "action_compute", [self.period.id]
        )
        self.assertFalse(self.env[BATCH].search([("period_ids", "in", self.period.ids)]))
        # A KPI manager asks for it: a batch of parts, which the manager follows.
        self.rpc(self.user_manager, "mfg.kpi.period", "action_compute", [self.period.id])
        batch = self.env[BATCH].search([("period_ids", "in", self.period.ids)])
        self.assertEqual(len(batch), 1)
        self.assertTrue(batch.job_ids)
        [seen] = self.rpc(
            self.user_manager, BATCH, "read", [batch.id], ["state", "progress", "job_count"]
        )
        self.assertEqual(seen["state"], "queued")
        self.assertEqual(seen["job_count"], len(batch.sudo().job_ids))

        def state():
            return (
                self.snapshot(batch),
                self.snapshot(batch.sudo().job_ids, ["state", "uuid", "mfg_batch_id"]),
            )

        # Nobody but the queue writes it: not its owner, not its progress, not its parts.
        for user in (self.user_manager, self.user_steward, self.user_worker):
            self.assertRefusedUnchanged(
                user, BATCH, "write", [batch.id], {"name": "Done already"}, state=state
            )
            self.assertRefusedUnchanged(user, BATCH, "unlink", [batch.id], state=state)
            self.assertRefusedUnchanged(
                user, BATCH, "create", {"name": "Forged", "kind": "kpi"}, state=state
            )
        self.assertRefusedUnchanged(
            self.user_manager,
            "queue.job",
            "write",
            batch.sudo().job_ids.ids,
            {"state": "done"},
            state=state,
        )
        # Who does not follow KPI work does not see it (HR follows the cycles' work only);
        # another company's manager neither.
        self.refused(self.user_steward, BATCH, "search_read", [], ["name"])
        for user in (self.user_hr, self.user_manager2):
            self.assertEqual(self.rpc(user, BATCH, "search_read", [], ["name"]), [])
            self.refused(user, BATCH, "read", [batch.id], ["state"], kinds=("AccessError",))
        # Nor its progress on the period (the steward and the worker read the period).
        for user in (self.user_steward, self.user_worker):
            [seen] = self.rpc(user, "mfg.kpi.period", "read", [self.period.id], PROGRESS)
            self.assertEqual(
                (seen["mfg_job_state"], seen["mfg_job_progress"], seen["mfg_job_batch_id"]),
                (False, 0.0, False),
                user.login,
            )
        [seen] = self.rpc(self.user_manager, "mfg.kpi.period", "read", [self.period.id], PROGRESS)
        self.assertEqual(seen["mfg_job_state"], "queued")
        self.assertEqual(seen["mfg_job_batch_id"][0], batch.id)
        # The parts, run as the runner runs them, finish the batch the manager sees done.
        self._run_jobs(batch)
        [seen] = self.rpc(self.user_manager, BATCH, "read", [batch.id], ["state", "progress"])
        self.assertEqual((seen["state"], seen["progress"]), ("done", 100.0))
