# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged

from .common import Q1_DAY, SurveyKpiCase


@tagged("post_install", "-at_install")
class TestSurveyCampaign(SurveyKpiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._rule(
            "TEAM_COLLABORATION_SATISFACTION",
            "survey_team_collaboration_satisfaction",
            subject_type="employee",
            respondents="colleagues",
            subject_job_ids=[(6, 0, cls.job_tech.ids)],
        )

    def test_colleagues_rate_each_other_never_themselves(self):
        campaign = self._launch(self.rule)
        # Team A has T1, T2, L1-L3, O1-O4 (9 people): each technician is rated by the 8 others.
        self.assertEqual(campaign.invitation_count, 16)
        about_t1 = campaign.answer_ids.filtered(lambda a: a.mfg_subject_employee_id == self.t1)
        self.assertNotIn(self.t1.work_contact_id, about_t1.partner_id)
        self.assertIn(self.t2.work_contact_id, about_t1.partner_id)

    def test_launch_wizard_creates_and_launches_once(self):
        wizard = Form(
            self.env["mfg.kpi.survey.launch"]
            .with_user(self.user_manager)
            .with_context(allowed_company_ids=self.plant.ids)
        )
        wizard.date = Q1_DAY
        wizard.rule_ids.clear()
        wizard.rule_ids.add(self.rule)
        wizard.save().action_launch()
        campaign = self.env["mfg.kpi.survey.campaign"].search([("rule_id", "=", self.rule.id)])
        self.assertEqual(campaign.period_id, self.quarter)
        self.assertEqual(campaign.state, "open")
        # Launching the same period again changes nothing.
        wizard = Form(self.env["mfg.kpi.survey.launch"].with_user(self.user_manager))
        wizard.date = date(2026, 3, 31)
        wizard.rule_ids.clear()
        wizard.rule_ids.add(self.rule)
        wizard.save().action_launch()
        self.assertEqual(
            self.env["mfg.kpi.survey.campaign"].search_count([("rule_id", "=", self.rule.id)]), 1
        )
        self.assertEqual(campaign.invitation_count, 16)
        with self.assertRaises(UserError):
            campaign.with_user(self.user_manager).action_launch()

    def test_incomplete_rule_names_what_is_missing(self):
        five_s = self._rule(
            "FIVE_S_SATISFACTION",
            "survey_five_s_satisfaction",
            subject_type="department",
            respondents="positions",
        )
        with self.assertRaises(UserError) as caught:
            self._launch(five_s)
        self.assertIn("the departments rated", str(caught.exception))
        self.assertIn("the respondent positions", str(caught.exception))
        self.assertFalse(
            self.env["survey.user_input"].search([("mfg_campaign_id.rule_id", "=", five_s.id)])
        )

    def test_subjects_must_fit_respondents(self):
        with self.assertRaises(ValidationError):
            self._rule(
                "SUPPLIER_SATISFACTION",
                "survey_supplier_satisfaction",
                subject_type="employee",
                respondents="partners",
            )

    def test_only_managers_launch_and_answers_stay_linked(self):
        campaign = self.env["mfg.kpi.survey.campaign"].create(
            {"rule_id": self.rule.id, "period_id": self.quarter.id}
        )
        with self.assertRaises(AccessError):
            campaign.with_user(self.user_kpi).action_launch()
        self.assertEqual(campaign.state, "draft")
        campaign.with_user(self.user_manager).action_launch()
        answer = campaign.answer_ids[0]
        with self.assertRaises(AccessError):
            answer.with_user(self.user_manager).write({"mfg_subject_employee_id": self.l1.id})

    def test_close_withdraws_open_invitations(self):
        rule = self._rule(
            "TECHNICAL_SERVICE_SATISFACTION",
            "survey_technical_service_satisfaction",
            subject_type="employee",
            respondents="positions",
            subject_job_ids=[(6, 0, self.job_tech.ids)],
            respondent_job_ids=[(6, 0, self.job_leader.ids)],
        )
        campaign = self._launch(rule)
        domain = [("res_model", "=", campaign._name), ("res_id", "=", campaign.id)]
        self.assertEqual(self.env["mail.activity"].search_count(domain), 3)
        campaign.with_user(self.user_manager).action_close()
        self.assertEqual(campaign.state, "closed")
        self.assertEqual(self.env["mail.activity"].search_count(domain), 0)
