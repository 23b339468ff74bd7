# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Roles through the real external API (/jsonrpc, execute_kw): the employee sees their own
records, the workshop manager those of their workshops, the safety officer all of the company;
every refusal is clear and leaves the database unchanged."""

from datetime import date

from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.tests import tagged

from .common import SafetyCase

HAZARD = "mfg.safety.hazard"
INCIDENT = "mfg.safety.incident"


@tagged("post_install", "-at_install")
class TestSafetySecurityApi(SafetyCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls._hazard(cls.a1, "2026-03-02 08:00:00", reported_by_id=cls.worker.id)
        cls.w1_other = cls._hazard(cls.a1, "2026-03-03 08:00:00", reported_by_id=cls.officer.id)
        cls.w2_hazard = cls._hazard(cls.a2, "2026-03-04 08:00:00", reported_by_id=cls.officer.id)
        cls.assigned = cls._hazard(
            cls.a1,
            "2026-03-05 08:00:00",
            "assigned",
            reported_by_id=cls.officer.id,
            responsible_id=cls.worker.id,
            date_deadline=date(2030, 1, 1),
        )
        cls.injury = cls._incident(
            cls.a1, "2026-03-05 09:00:00", employee_ids=[(6, 0, cls.emp_worker.ids)]
        )
        cls.w2_incident = cls._incident(cls.a2, "2026-03-06 09:00:00")
        cls.act_worker = cls._unsafe_act(cls.emp_worker, date(2026, 3, 5))
        cls.act_other = cls._unsafe_act(cls.emp_other, date(2026, 3, 6))

    def _ids(self, user, model):
        return set(
            self.rpc(user, model, "search", [], context={"allowed_company_ids": self.plant.ids})
        )

    def test_who_sees_what(self):
        hazards = {self.own.id, self.w1_other.id, self.w2_hazard.id, self.assigned.id}
        self.assertEqual(self._ids(self.worker, HAZARD), {self.own.id, self.assigned.id})
        self.assertEqual(
            self._ids(self.manager, HAZARD), {self.own.id, self.w1_other.id, self.assigned.id}
        )
        self.assertEqual(self._ids(self.officer, HAZARD), hazards)
        self.assertEqual(self._ids(self.worker, INCIDENT), {self.injury.id})
        self.assertEqual(self._ids(self.manager, INCIDENT), {self.injury.id})
        self.assertEqual(self._ids(self.officer, INCIDENT), {self.injury.id, self.w2_incident.id})
        self.assertEqual(self._ids(self.worker, "mfg.safety.unsafe.act"), {self.act_worker.id})
        self.assertEqual(
            self._ids(self.officer, "mfg.safety.unsafe.act"),
            {self.act_worker.id, self.act_other.id},
        )
        self.refused(self.worker, HAZARD, "read", [self.w2_hazard.id], ["name"])

    def test_employee_refusals_leave_the_database_unchanged(self):
        before = self.snapshot(self.own | self.assigned)
        refused = self.refused(self.worker, HAZARD, "write", [self.own.id], {"state": "verified"})
        self.assertIn("state", refused.message)
        refused = self.refused(
            self.worker, HAZARD, "write", [self.assigned.id], {"date_deadline": "2031-01-01"}
        )
        self.assertIn("date_deadline", refused.message)
        refused = self.refused(self.worker, HAZARD, "action_verify", [self.assigned.id])
        self.assertIn("Only a safety officer", refused.message)
        self.refused(self.worker, HAZARD, "action_assign", [self.own.id])
        self.assertEqual(self.snapshot(self.own | self.assigned), before)
        count = self.env[INCIDENT].search_count([])
        self.refused(
            self.worker,
            INCIDENT,
            "create",
            [{"name": "Fake", "kind": "safety", "company_id": self.plant.id}],
        )
        self.assertEqual(self.env[INCIDENT].search_count([]), count)

    def test_employee_reports_and_rectifies(self):
        hazard_id = self.rpc(
            self.worker,
            HAZARD,
            "create",
            [{"name": "Loose rail", "area_id": self.a2.id, "company_id": self.plant.id}],
        )
        hazard = self.env[HAZARD].browse(hazard_id)
        self.assertEqual(hazard.reported_by_id, self.worker)
        self.assertEqual(hazard.state, "reported")
        self.rpc(self.worker, HAZARD, "write", [self.assigned.id], {"rectification": "Fixed"})
        self.rpc(self.worker, HAZARD, "action_rectify", [self.assigned.id])
        self.assertEqual(self.assigned.state, "rectified")

    def test_manager_assigns_in_their_workshop_only(self):
        self.rpc(
            self.manager,
            HAZARD,
            "write",
            [self.w1_other.id],
            {"responsible_id": self.worker.id, "date_deadline": "2030-01-01"},
        )
        self.rpc(self.manager, HAZARD, "action_assign", [self.w1_other.id])
        self.assertEqual(self.w1_other.state, "assigned")
        before = self.snapshot(self.w2_hazard)
        self.refused(
            self.manager, HAZARD, "write", [self.w2_hazard.id], {"responsible_id": self.worker.id}
        )
        self.assertEqual(self.snapshot(self.w2_hazard), before)

    def test_officer_bad_input(self):
        before = self.snapshot(self.assigned)
        refused = self.refused(self.officer, HAZARD, "action_verify", [self.assigned.id])
        self.assertEqual(refused.kind, "UserError")
        self.assertIn("not reported done yet", refused.message)
        self.assertEqual(self.snapshot(self.assigned), before)
        count = self.env[INCIDENT].search_count([])
        refused = self.refused(
            self.officer,
            INCIDENT,
            "create",
            [
                {
                    "name": "Negative",
                    "kind": "safety",
                    "company_id": self.plant.id,
                    "direct_loss": -100,
                }
            ],
        )
        self.assertEqual(refused.kind, "ValidationError")
        self.assertIn("cannot be negative", refused.message)
        self.assertEqual(self.env[INCIDENT].search_count([]), count)
        refused = self.refused(self.officer, INCIDENT, "write", [self.injury.id], {"total_loss": 1})
        self.assertIn("total_loss", refused.message)
