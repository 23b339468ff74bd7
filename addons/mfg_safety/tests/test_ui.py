# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSafetyTour(HttpCase):
    def test_safety_officer_journey(self):
        officer = new_test_user(
            self.env,
            "tour_safety",
            groups="base.group_user,mfg_safety.group_safety_officer,mfg_kpi.group_kpi_user",
            name="Tour Safety Officer",
        )
        self.env["hr.employee"].create({"name": "Tour Safety Officer", "user_id": officer.id})
        self.env["mfg.safety.area"].create({"name": "Tour press line"})
        self.start_tour(
            "/odoo/action-mfg_safety.mfg_safety_inspection_plan_action/new",
            "mfg_safety_officer_tour",
            login="tour_safety",
        )
        plan = self.env["mfg.safety.inspection.plan"].search([("name", "=", "Tour weekly walk")])
        self.assertTrue(plan.inspection_ids)
        hazard = self.env["mfg.safety.hazard"].search([("name", "=", "Tour missing guard")])
        self.assertEqual(hazard.state, "verified")
        self.assertEqual(hazard.verified_by_id, officer)
        self.assertIn(hazard.inspection_id, plan.inspection_ids)
        incident = self.env["mfg.safety.incident"].search([("name", "=", "Tour cut hand")])
        self.assertEqual(incident.direct_loss, 1500)
        self.assertEqual(incident.kind, "injury")
