# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestSafetyTour(HttpCase):
    def test_safety_officer_journey(self):
        officer = new_test_user(
            self.env,
            "tour_safety",
            groups="base.group_user,mfg_safety.group_safety_officer",
            name="Tour Safety Officer",
        )
        self.env["hr.employee"].create({"name": "Tour Safety Officer", "user_id": officer.id})
        self.env["mfg.safety.area"].create({"name": "Tour press line"})
        # The tour reads the accident count of the month as 1: no other accident this month.
        month = self.env["mfg.kpi.period"]._get_or_create("month", fields.Date.today())
        self.env["mfg.safety.incident"].search(
            [("date", ">=", month.date_start), ("company_id", "=", self.env.company.id)]
        ).write({"date": fields.Datetime.to_datetime(month.date_start) - timedelta(days=40)})
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
        # The values the officer saw are stored for the month (company level).
        values = self.env["mfg.kpi.value"].search(
            [
                ("period_id", "=", month.id),
                ("subject_type", "=", "company"),
                ("kpi_id.code", "in", ["SAFETY_ACCIDENT_COUNT", "SAFETY_ACCIDENT_LOSS"]),
            ]
        )
        self.assertEqual(
            {v.kpi_id.code: v.value for v in values},
            {"SAFETY_ACCIDENT_COUNT": 1.0, "SAFETY_ACCIDENT_LOSS": 1500.0},
        )

    def test_safety_kpis_officer_only(self):
        """Only a safety officer asks for the safety KPIs to be computed (server check)."""
        manager = new_test_user(
            self.env, "kpi_sft_mgr", groups="base.group_user,mfg_safety.group_safety_manager"
        )
        with self.assertRaises(UserError):
            self.env["mfg.safety.incident"].with_user(manager).action_mfg_safety_kpis()
        officer = new_test_user(
            self.env, "kpi_sft_off", groups="base.group_user,mfg_safety.group_safety_officer"
        )
        action = self.env["mfg.safety.incident"].with_user(officer).action_mfg_safety_kpis()
        self.assertEqual(action["res_model"], "mfg.kpi.value")
        codes = set(self.env["mfg.kpi"].browse(action["domain"][1][2]).mapped("code"))
        self.assertIn("SAFETY_ACCIDENT_COUNT", codes)
