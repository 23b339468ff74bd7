from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import AppraisalCase
from .test_appraisal_scoring import PERFORMANCE, SELF, SUPERIOR


@tagged("post_install", "-at_install")
class TestAppraisalWorkflow(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False

    def _launched(self):
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        return cycle, self._appraisal(cycle)

    def _to_review(self, appraisal):
        self._rate(appraisal, self.user_emp, SELF)
        appraisal.with_user(self.user_emp).action_submit_self()
        lines = appraisal.line_ids.sorted(lambda line: (line.section_sequence, line.sequence))
        for line, (field, value, _score) in zip(lines[:9], PERFORMANCE, strict=True):
            line.with_user(self.user_director).write({field: value})
        self._rate(appraisal, self.user_director, SUPERIOR)
        appraisal.with_user(self.user_director).action_submit_rating()

    # --- launching --------------------------------------------------------------------------
    def test_launch_needs_filled_parameters(self):
        self.template.line_ids.filtered(lambda t: t.name == "Equipment intact rate").write(
            {"step": 0.0, "deduction": 0.0}
        )
        cycle = self._cycle()
        with self.assertRaisesRegex(
            ValidationError, r"Equipment intact rate \(step S, deduction D\)"
        ):
            cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(cycle.state, "draft")
        self.assertFalse(cycle.appraisal_ids, "nothing half-written")

    def test_launch_needs_weights_of_100(self):
        self.template.section_ids[0].line_ids[0].weight = 11
        cycle = self._cycle()
        with self.assertRaisesRegex(ValidationError, "add up to 101%, not 100%"):
            cycle.with_user(self.user_hr).action_launch()
        with self.assertRaisesRegex(ValidationError, "add up to 101%, not 100%"):
            self.template.action_activate()

    def test_launch_records_who_has_no_sheet(self):
        """班组人员 第2条 / 车间人员 第3条: everyone in scope is appraised or visibly left
        out. A position without a sheet gives its people an exclusion naming it."""
        cycle = self._cycle(job_ids=[(6, 0, (self.job_equipment | self.job_leader).ids)])
        cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(cycle.appraisal_ids.employee_id, self.emp | self.peer)
        exclusion = cycle.exclusion_ids
        self.assertEqual((exclusion.employee_id, exclusion.reason), (self.other, "no_sheet"))
        self.assertIn(self.job_leader.name, exclusion.note)
        # Nobody with a sheet at all: the launch stops and says which positions lack one.
        alone = self._cycle(name="Leaders only", job_ids=[(6, 0, self.job_leader.ids)])
        with self.assertRaisesRegex(UserError, "No active Annual sheet for the positions"):
            alone.with_user(self.user_hr).action_launch()
        self.assertFalse(alone.exclusion_ids, "nothing half-written")

    def test_only_hr_launches(self):
        cycle = self._cycle()
        with self.assertRaisesRegex(UserError, "Only HR runs appraisal cycles"):
            cycle.with_user(self.user_director).action_launch()
        cycle.with_user(self.user_hr).action_launch()
        with self.assertRaisesRegex(UserError, "this action needs it Draft"):
            cycle.with_user(self.user_hr).action_launch()

    # --- wrong role, wrong state, bad scores --------------------------------------------------
    def test_wrong_roles_and_states(self):
        _cycle, appraisal = self._launched()
        with self.assertRaisesRegex(UserError, "Only the appraisee submits"):
            appraisal.with_user(self.user_director).action_submit_self()
        with self.assertRaisesRegex(UserError, "this action needs it Rating"):
            appraisal.with_user(self.user_director).action_submit_rating()
        line = appraisal.line_ids.filtered(lambda x: x.name == "Equipment intact rate")
        with self.assertRaisesRegex(UserError, "You may not change Actual Value"):
            line.with_user(self.user_director).write({"actual_value": 90})
        self._rate(appraisal, self.user_emp, SELF)
        appraisal.with_user(self.user_emp).action_submit_self()
        with self.assertRaisesRegex(UserError, "You may not change Actual Value"):
            line.with_user(self.user_emp).write({"actual_value": 100})
        with self.assertRaises(AccessError):
            appraisal.with_user(self.user_other).read(["final_score"])
        with self.assertRaisesRegex(UserError, "Score every line"):
            appraisal.with_user(self.user_director).action_submit_rating()
        self.assertEqual(appraisal.state, "rating", "nothing half-written")
        with self.assertRaisesRegex(UserError, "Only HR may publish"):
            appraisal.with_user(self.user_director).action_publish()

    def test_out_of_range_scores(self):
        _cycle, appraisal = self._launched()
        rater = appraisal.rater_ids.filtered(lambda r: r.role == "self").with_user(self.user_emp)
        with self.assertRaisesRegex(ValidationError, "outside 0..100"), self.cr.savepoint():
            rater.rating_ids[0].score = 120
        with self.assertRaisesRegex(UserError, "Score every line before submitting"):
            rater.action_submit()
        self.assertEqual(rater.state, "todo")
        superior_rating = appraisal.rater_ids.filtered(lambda r: r.role == "superior").rating_ids[0]
        with self.assertRaises(AccessError):
            superior_rating.with_user(self.user_emp).write({"score": 50})
        self.assertFalse(superior_rating.score_set)

    def test_submitted_scores_are_final(self):
        _cycle, appraisal = self._launched()
        rater = self._rate(appraisal, self.user_emp, SELF)
        with self.assertRaisesRegex(UserError, "You may not change Score"):
            rater.rating_ids[0].write({"score": 10})

    # --- confidentiality ---------------------------------------------------------------------
    def test_appraisee_never_reads_individual_superior_scores_or_notes(self):
        _cycle, appraisal = self._launched()
        self._to_review(appraisal)
        note = (
            self.env["mfg.appraisal.note"]
            .with_user(self.user_director)
            .create({"appraisal_id": appraisal.id, "body": "Watch his overtime."})
        )
        Rating = self.env["mfg.appraisal.rating"].with_user(self.user_emp)
        visible = Rating.search([("appraisal_id", "=", appraisal.id)])
        self.assertEqual(set(visible.mapped("role")), {"self"}, "only his own scores")
        with self.assertRaises(AccessError):
            self.env["mfg.appraisal.note"].with_user(self.user_emp).search([("id", "=", note.id)])
        # Even an appraiser never reads notes about himself.
        self.assertTrue(note.with_user(self.user_director).body)
        with self.assertRaises(AccessError):
            self.env["mfg.appraisal.note"].with_user(self.user_emp).create(
                {"appraisal_id": appraisal.id, "body": "x"}
            )
        # The appraisee still sees his combined line scores and total.
        self.assertAlmostEqual(appraisal.with_user(self.user_emp).final_score, 87.89, 2)

    # --- publication, interview, appeals --------------------------------------------------------
    def test_publish_interview_done(self):
        cycle, appraisal = self._launched()
        self._to_review(appraisal)
        peer = self._appraisal(cycle, self.peer)
        with self.assertRaisesRegex(UserError, "not reviewed yet"):
            cycle.with_user(self.user_hr).action_publish()
        peer.with_user(self.user_hr).action_cancel()
        cycle.with_user(self.user_hr).action_publish()
        self.assertEqual((cycle.state, appraisal.state), ("published", "published"))
        appraisal.with_user(self.user_director).action_start_interview()
        appraisal.with_user(self.user_director).write({"interview_notes": "<p>Talked.</p>"})
        appraisal.with_user(self.user_director).action_done()
        self.assertEqual(appraisal.state, "done")

    def test_appeal_within_five_days_decided_by_hr(self):
        _cycle, appraisal = self._launched()
        self._to_review(appraisal)
        appraisal.with_user(self.user_hr).action_publish()
        Appeal = self.env["mfg.appraisal.appeal"]
        with self.assertRaisesRegex(UserError, "Only the appraisee appeals"):
            Appeal.with_user(self.user_director).create(
                {"appraisal_id": appraisal.id, "reason": "x"}
            )
        appeal = Appeal.with_user(self.user_emp).create(
            {"appraisal_id": appraisal.id, "reason": "My training figure is wrong."}
        )
        self.assertEqual(
            appeal.decision_deadline, fields.Date.context_today(appeal) + timedelta(days=15)
        )
        with self.assertRaisesRegex(UserError, "Only HR decides"):
            appeal.with_user(self.user_emp).action_accept()
        appeal = appeal.with_user(self.user_hr)
        with self.assertRaisesRegex(ValidationError, "Write the decision"):
            appeal.action_reject()
        appeal.write({"decision": "Training record corrected.", "new_score": 90.5})
        appeal.action_accept()
        self.assertEqual(appeal.state, "accepted")
        self.assertAlmostEqual(appraisal.final_score, 90.5, 2)
        self.assertEqual(appraisal.grade, "excellent")

    def test_appeal_after_deadline_refused(self):
        _cycle, appraisal = self._launched()
        self._to_review(appraisal)
        appraisal.with_user(self.user_hr).action_publish()
        later = fields.Date.context_today(appraisal) + timedelta(days=6)
        with freeze_time(later), self.assertRaisesRegex(UserError, "appeal period ended"):
            self.env["mfg.appraisal.appeal"].with_user(self.user_emp).create(
                {"appraisal_id": appraisal.id, "reason": "Too late"}
            )
        self.assertFalse(appraisal.appeal_ids)

    def test_overdue_appeal_escalates_once(self):
        _cycle, appraisal = self._launched()
        self._to_review(appraisal)
        appraisal.with_user(self.user_hr).action_publish()
        appeal = (
            self.env["mfg.appraisal.appeal"]
            .with_user(self.user_emp)
            .create({"appraisal_id": appraisal.id, "reason": "Please check."})
        )
        Appeal = self.env["mfg.appraisal.appeal"]
        self.assertFalse(Appeal._cron_escalate())
        with freeze_time(fields.Date.context_today(appeal) + timedelta(days=16)):
            self.assertEqual(Appeal._cron_escalate(), appeal)
            self.assertFalse(Appeal._cron_escalate(), "escalated once")
        self.assertTrue(appeal.escalated)


@tagged("post_install", "-at_install")
class TestApprovalChain(AppraisalCase):
    def test_review_tiers_before_publication(self):
        TierDefinition = self.env["tier.definition"]
        TierDefinition.search([("model", "=", "mfg.appraisal")]).active = False
        model = self.env["ir.model"]._get("mfg.appraisal")
        user_president = self.env["res.users"].create(
            {
                "name": "President",
                "login": "appr_president",
                "group_ids": [(6, 0, self.env.ref("mfg_appraisal.group_appraisal_user").ids)],
            }
        )
        TierDefinition.create(
            [
                {
                    "model_id": model.id,
                    "review_type": "individual",
                    "reviewer_id": self.user_hr.id,
                    "definition_domain": "[('template_code', '=', 'equipment_admin_test')]",
                    "sequence": 20,  # tier definitions run by descending sequence
                    "approve_sequence": True,
                },
                {
                    "model_id": model.id,
                    "review_type": "individual",
                    "reviewer_id": user_president.id,
                    "definition_domain": "[('template_code', '=', 'equipment_admin_test')]",
                    "sequence": 10,
                    "approve_sequence": True,
                },
            ]
        )
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        TestAppraisalWorkflow._to_review(self, appraisal)
        self.assertEqual(len(appraisal.review_ids), 2)
        with self.assertRaisesRegex(UserError, "approval of .* is not complete"):
            appraisal.with_user(self.user_hr).action_publish()
        appraisal.with_user(self.user_hr).validate_tier()
        self.assertEqual(
            appraisal.review_ids.sorted("sequence").mapped("status"), ["approved", "pending"]
        )
        appraisal.with_user(user_president).validate_tier()
        self.assertEqual(appraisal.validation_status, "validated")
        appraisal.with_user(self.user_hr).action_publish()
        self.assertEqual(appraisal.state, "published")


@tagged("post_install", "-at_install")
class TestPeerAggregates(AppraisalCase):
    def test_peer_scores_only_as_an_average_above_the_minimum(self):
        self.env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False
        attitude = self.template.section_ids.filtered(lambda s: s.name == "Attitude and ability")
        attitude.rater_ids.filtered(lambda r: r.role == "self").weight = 20
        attitude.rater_ids = [(0, 0, {"role": "peer", "weight": 10})]
        self.template.min_aggregate_raters = 2
        user_peer2 = self.env["res.users"].create(
            {
                "name": "Peer Two",
                "login": "appr_peer2",
                "group_ids": [(6, 0, self.env.ref("mfg_appraisal.group_appraisal_user").ids)],
            }
        )
        self.env["hr.employee"].create(
            {
                "name": "Peer Two",
                "user_id": user_peer2.id,
                "parent_id": self.director.id,
                "job_id": self.job_equipment.id,
            }
        )
        cycle = self._cycle()
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        peers = appraisal.rater_ids.filtered(lambda r: r.role == "peer")
        self.assertEqual(peers.user_id, self.user_peer | user_peer2)
        self._rate(appraisal, self.user_emp, [80] * 10)
        appraisal.with_user(self.user_emp).action_submit_self()
        self._rate(appraisal, self.user_peer, [60] * 10)
        mine = appraisal.with_user(self.user_emp)
        self.assertEqual((mine.peer_count, mine.peer_average), (1, 0.0), "one rater: hidden")
        self._rate(appraisal, user_peer2, [70] * 10)
        appraisal.invalidate_recordset(["peer_count", "peer_average"])
        self.assertEqual((mine.peer_count, mine.peer_average), (2, 65.0), "average of two")
        # Individual peer scores stay out of the appraisee's reach.
        ratings = (
            self.env["mfg.appraisal.rating"]
            .with_user(self.user_emp)
            .search([("appraisal_id", "=", appraisal.id)])
        )
        self.assertEqual(set(ratings.mapped("role")), {"self"})
