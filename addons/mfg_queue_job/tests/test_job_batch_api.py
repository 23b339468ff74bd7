# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Background work through the real external API (/jsonrpc), as each role: who may ask for it,
who sees it, and that nobody writes what only the queue writes (the database re-read after
every refusal)."""

from odoo.addons.mfg_kpi.tests.common import KpiCase
from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.tests import new_test_user, tagged

from .test_background import JobsMixin

BATCH = "mfg.job.batch"


@tagged("post_install", "-at_install")
class TestJobBatchApi(JobsMixin, KpiCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company2 = cls.env["res.company"].create({"name": "Other Factory"})
        cls.user_manager2 = new_test_user(
            cls.env,
            "kpi_manager_other",
            groups="mfg_kpi.group_kpi_manager",
            company_id=cls.company2.id,
            company_ids=[(6, 0, cls.company2.ids)],
        )

    def test_roles_over_the_external_api(self):
        self._use_jobs()
        # A steward may not ask for a computation: refused, nothing queued.
        self.refused(self.user_steward, "mfg.kpi.period", "action_compute", [self.period.id])
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
        before = self.snapshot(batch)
        jobs_before = self.snapshot(batch.sudo().job_ids, ["state", "uuid", "mfg_batch_id"])
        # Nobody but the queue writes it: not its owner, not its progress, not its parts.
        for user in (self.user_manager, self.user_steward, self.user_worker):
            self.refused(user, BATCH, "write", [batch.id], {"name": "Done already"})
            self.refused(user, BATCH, "unlink", [batch.id])
            self.refused(user, BATCH, "create", {"name": "Forged", "kind": "kpi"})
        self.refused(
            self.user_manager, "queue.job", "write", batch.sudo().job_ids.ids, {"state": "done"}
        )
        self.assertEqual(self.snapshot(batch), before)
        self.assertEqual(
            self.snapshot(batch.sudo().job_ids, ["state", "uuid", "mfg_batch_id"]), jobs_before
        )
        # Who does not follow KPI work does not see it; another company's manager neither.
        self.refused(self.user_steward, BATCH, "search_read", [], ["name"])
        self.assertEqual(self.rpc(self.user_manager2, BATCH, "search_read", [], ["name"]), [])
        # The parts, run as the runner runs them, finish the batch the manager sees done.
        self._run_jobs(batch)
        [seen] = self.rpc(self.user_manager, BATCH, "read", [batch.id], ["state", "progress"])
        self.assertEqual((seen["state"], seen["progress"]), ("done", 100.0))
