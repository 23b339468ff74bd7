# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .common import SafetyCase


@tagged("post_install", "-at_install")
class TestIncident(SafetyCase):
    def _record(self, user=None, **vals):
        Incident = self.env["mfg.safety.incident"].with_user(user or self.officer)
        return Incident.with_company(self.plant).create(
            {
                "name": "Finger crushed",
                "kind": "injury",
                "area_id": self.a1.id,
                "company_id": self.plant.id,
                "date": "2026-03-05 09:00:00",
                "injured_count": 1,
                "employee_ids": [(6, 0, self.emp_worker.ids)],
                **vals,
            }
        )

    def test_workflow_and_deadlines(self):
        self.plant.mfg_safety_report_days = 5
        self.plant.mfg_safety_handling_days = 20
        incident = self._record(direct_loss=800, indirect_loss=200)
        self.assertEqual(incident.total_loss, 1000)
        self.assertEqual(incident.report_due, date(2026, 3, 10))
        self.assertEqual(incident.handling_deadline, date(2026, 3, 25))
        self.assertEqual(incident.mfg_department_id, self.w1)
        self.assertTrue(incident.ref.startswith("AC"))

        with self.assertRaisesRegex(UserError, "investigator"):
            incident.action_investigate()
        incident.investigator_id = self.manager
        incident.action_investigate()
        self.assertEqual(incident.state, "investigation")
        as_investigator = incident.with_user(self.manager)
        with self.assertRaisesRegex(UserError, "report and the cause"):
            as_investigator.action_submit_report()
        as_investigator.write({"report": "<p>Guard bypassed</p>", "cause": "Guard bypassed"})
        as_investigator.action_submit_report()
        self.assertTrue(incident.date_report)
        with self.assertRaisesRegex(UserError, "corrective actions"):
            incident.action_close()
        with self.assertRaisesRegex(UserError, "Only a safety officer"):
            as_investigator.action_close()
        incident.corrective_actions = "Guard sealed, team retrained"
        incident.action_close()
        self.assertEqual(incident.state, "closed")
        with self.assertRaisesRegex(UserError, "direct_loss"):
            incident.write({"direct_loss": 5})

    def _refused(self, message, **vals):
        """Recording with ``vals`` is refused with ``message``; nothing is written."""
        with self.assertRaises(ValidationError) as caught:
            self._record(**vals)
        self.assertIn(message, str(caught.exception))

    def test_negative_loss_is_refused(self):
        Incident = self.env["mfg.safety.incident"]
        before = Incident.search_count([])
        self._refused("cannot be negative", direct_loss=-1)
        self._refused("cannot be negative", indirect_loss=-0.01)
        self._refused("cannot be negative", injury_days=-2)
        self._refused("at least one person", injured_count=0)
        self.assertEqual(Incident.search_count([]), before)
        incident = self._record(direct_loss=10)
        with self.assertRaises(ValidationError):
            incident.write({"direct_loss": -10})
        self.assertEqual(incident.direct_loss, 10)

    def test_who_records(self):
        with self.assertRaisesRegex(UserError, "records accidents"):
            self._record(user=self.worker)
        incident = self._record(user=self.manager)
        with self.assertRaisesRegex(UserError, "state"):
            incident.with_user(self.manager).write({"state": "closed"})
        with self.assertRaisesRegex(UserError, "Only a safety officer"):
            incident.with_user(self.manager).action_investigate()

    def test_report_pdf(self):
        incident = self._record(direct_loss=123)
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            "mfg_safety.report_incident", incident.ids
        )
        self.assertIn(b"Finger crushed", html)
        self.assertIn(incident.ref.encode(), html)

    def test_unsafe_act(self):
        act = (
            self.env["mfg.safety.unsafe.act"]
            .with_user(self.manager)
            .with_company(self.plant)
            .create(
                {
                    "employee_id": self.emp_worker.id,
                    "company_id": self.plant.id,
                    "description": "No gloves",
                    "kind": "ppe",
                }
            )
        )
        self.assertEqual(act.department_id, self.t1)
        with self.assertRaisesRegex(UserError, "Only a safety officer or a workshop manager"):
            self.env["mfg.safety.unsafe.act"].with_user(self.worker).with_company(
                self.plant
            ).create(
                {"employee_id": self.emp_worker.id, "company_id": self.plant.id, "description": "x"}
            )
        with self.assertRaisesRegex(UserError, "description"):
            act.with_user(self.manager).write({"description": "Changed"})
        act.with_user(self.officer).write({"description": "Changed"})
