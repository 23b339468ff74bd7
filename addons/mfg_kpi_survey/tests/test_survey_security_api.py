# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The satisfaction campaigns' guards through the external API (JSON-RPC)."""

from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.tests import tagged

from .common import SurveyKpiCase


@tagged("post_install", "-at_install")
class TestSurveySecurityApi(SurveyKpiCase, RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls._rule(
            "EMERGENCY_HANDLING_SATISFACTION",
            "survey_emergency_handling_satisfaction",
            subject_type="employee",
            respondents="superior",
            subject_job_ids=[(6, 0, cls.job_tech.ids)],
            min_responses=1,
        )
        cls.campaign = cls.env["mfg.kpi.survey.campaign"].create(
            {"rule_id": cls.rule.id, "period_id": cls.quarter.id}
        )

    def test_employees_and_kpi_users_cannot_launch_or_configure(self):
        for user in (self.user_boss, self.user_kpi):
            self.refused(user, "mfg.kpi.survey.campaign", "action_launch", [self.campaign.id])
            self.refused(user, "mfg.kpi.survey.rule", "write", [self.rule.id], {"min_responses": 0})
        self.assertEqual(self.snapshot(self.campaign, ["state"])[0]["state"], "draft")
        self.assertEqual(self.snapshot(self.rule, ["min_responses"])[0]["min_responses"], 1)
        self.assertFalse(
            self.env["survey.user_input"].search([("mfg_campaign_id", "=", self.campaign.id)])
        )

    def test_manager_launches_but_cannot_relink_or_read_other_answers(self):
        self.rpc(self.user_manager, "mfg.kpi.survey.campaign", "action_launch", [self.campaign.id])
        self.assertEqual(self.snapshot(self.campaign, ["state"])[0]["state"], "open")
        answer = self.campaign.sudo().answer_ids[0]
        subject = answer.mfg_subject_employee_id
        self.refused(
            self.user_manager,
            "survey.user_input",
            "write",
            [answer.id],
            {"mfg_subject_employee_id": self.l1.id},
        )
        self.assertEqual(
            self.snapshot(answer, ["mfg_subject_employee_id"])[0]["mfg_subject_employee_id"][0],
            subject.id,
        )
        # The KPI manager reads the campaign's answers; the respondent (a plain employee) reads
        # none, not even the campaign's.
        read = self.rpc(
            self.user_manager,
            "survey.user_input",
            "search_read",
            [["mfg_campaign_id", "=", self.campaign.id]],
            ["id"],
        )
        self.assertEqual(len(read), 2)
        self.refused(
            self.user_boss, "survey.user_input", "read", [answer.id], ["scoring_percentage"]
        )
