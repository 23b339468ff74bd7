"""Every probe of the integrity review, through the real external API (/jsonrpc, execute_kw),
as each role: refused with a clear message, and the database unchanged afterwards."""

from datetime import date

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import AppraisalRpcCase
from .test_appraisal_scoring import PERFORMANCE, SELF, SUPERIOR

APPRAISAL = "mfg.appraisal"


@tagged("post_install", "-at_install")
class TestAppraisalSecurityApi(AppraisalRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._add_peer_raters()
        cls.company2 = cls.env["res.company"].create({"name": "Other Factory"})
        cls.cycle2 = cls.env["mfg.appraisal.cycle"].create(
            {
                "name": "Other company cycle",
                "company_id": cls.company2.id,
                "date_start": date(2025, 1, 1),
                "date_end": date(2025, 12, 31),
            }
        )
        cls.cycle = cls._cycle()
        cls.cycle.with_user(cls.user_hr).action_launch()
        cls.appraisal = cls.cycle.appraisal_ids.filtered(lambda a: a.employee_id == cls.emp)
        cls.appraisal_peer = cls.cycle.appraisal_ids.filtered(lambda a: a.employee_id == cls.peer)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _rate_all(self, appraisal, user, scores):
        rater = appraisal.sudo().rater_ids.filtered(lambda r: r.user_id == user)
        ratings = rater.rating_ids.sorted(lambda r: r.line_id.sequence)
        for rating, score in zip(ratings, scores, strict=True):
            self.rpc(user, "mfg.appraisal.rating", "write", [rating.id], {"score": score})
        self.rpc(user, "mfg.appraisal.rater", "action_submit", [rater.id])
        return rater

    def _to_rating(self, appraisal=None):
        appraisal = appraisal or self.appraisal
        self._rate_all(appraisal, self.user_emp, SELF)
        self.rpc(self.user_emp, APPRAISAL, "action_submit_self", [appraisal.id])
        self._rate_all(appraisal, self.user_peer, [70.0] * 10)
        return appraisal

    def _to_review(self, appraisal=None, appraiser=None):
        appraisal = self._to_rating(appraisal)
        appraiser = appraiser or self.user_director
        lines = appraisal.sudo().line_ids.sorted(lambda ln: (ln.section_sequence, ln.sequence))
        for line, (field, value, _score) in zip(lines[:9], PERFORMANCE, strict=True):
            self.rpc(appraiser, "mfg.appraisal.line", "write", [line.id], {field: value})
        self._rate_all(appraisal, appraiser, SUPERIOR)
        self.rpc(appraiser, APPRAISAL, "action_submit_rating", [appraisal.id])
        self.assertEqual(appraisal.state, "review")
        return appraisal

    def _to_published(self, appraisal=None, appraiser=None):
        appraisal = self._to_review(appraisal, appraiser)
        self.rpc(self.user_hr, APPRAISAL, "validate_tier", [appraisal.id])
        self.rpc(self.user_hr, APPRAISAL, "action_publish", [appraisal.id])
        self.assertEqual(appraisal.state, "published")
        return appraisal

    # ------------------------------------------------------------------
    # 1. The appraisee cannot write its own result
    # ------------------------------------------------------------------
    def test_appraisee_cannot_write_results(self):
        appraisal = self._to_published()
        probes = [
            {"final_score": 100, "grade": "excellent"},
            {"appeal_score": 99},
            {"state": "done"},
            {"appraiser_id": self.user_emp.id},
            {"cycle_id": self.cycle2.id},
            {"bonus_tier": "tier_1", "flag_promotion": True},
            {"total_score": 100, "score_complete": True},
            {"date_published": "2020-01-01", "result_note": "x"},
            {"review_ids": [Command.clear()]},
            {"rater_ids": [Command.clear()]},
        ]
        for vals in probes:
            with self.subTest(vals=vals):
                error = self.assertRefusedUnchanged(
                    self.user_emp, appraisal, APPRAISAL, "write", [appraisal.id], vals
                )
                self.assertIn("You may not change", error.message)

    def test_appraisee_writes_only_the_self_report_during_self_assessment(self):
        appraisal = self.appraisal
        self.rpc(self.user_emp, APPRAISAL, "write", [appraisal.id], {"self_report": "<p>Done.</p>"})
        self.assertIn("Done.", appraisal.self_report)
        self.assertRefusedUnchanged(
            self.user_emp, appraisal, APPRAISAL, "write", [appraisal.id], {"appraiser_id": False}
        )
        self._to_rating()
        self.assertRefusedUnchanged(
            self.user_emp, appraisal, APPRAISAL, "write", [appraisal.id], {"self_report": "x"}
        )

    # ------------------------------------------------------------------
    # 2. Raters' and ratings' records
    # ------------------------------------------------------------------
    def test_rater_and_rating_rows_are_protected(self):
        appraisal = self._to_published()
        raters = appraisal.sudo().rater_ids
        own = raters.filtered(lambda r: r.role == "self")
        peer = raters.filtered(lambda r: r.role == "peer")
        ratings = raters.rating_ids
        # The appraisee resets its rater on a published appraisal and rewrites a score.
        self.assertRefusedUnchanged(
            self.user_emp,
            [raters, ratings],
            "mfg.appraisal.rater",
            "write",
            [own.id],
            {"state": "todo"},
        )
        self.assertRefusedUnchanged(
            self.user_emp,
            [raters, ratings],
            "mfg.appraisal.rating",
            "write",
            own.rating_ids[:1].ids,
            {"score": 10},
        )
        # The appraiser moves the peer's rater row to itself, or rewrites the peer's score.
        self.assertRefusedUnchanged(
            self.user_director,
            [raters, ratings],
            "mfg.appraisal.rater",
            "write",
            [peer.id],
            {"user_id": self.user_director.id},
        )
        self.assertRefusedUnchanged(
            self.user_director,
            [raters, ratings],
            "mfg.appraisal.rating",
            "write",
            peer.rating_ids[:1].ids,
            {"score": 1},
        )
        # Nobody adds or removes raters or ratings by hand.
        self.assertRefusedUnchanged(
            self.user_hr,
            [raters, ratings],
            "mfg.appraisal.rater",
            "create",
            {"appraisal_id": appraisal.id, "user_id": self.user_hr.id, "role": "peer"},
        )
        self.assertRefusedUnchanged(
            self.user_hr, [raters, ratings], "mfg.appraisal.rating", "unlink", ratings[:1].ids
        )

    def test_self_rater_cannot_change_its_role(self):
        own = self.appraisal.sudo().rater_ids.filtered(lambda r: r.role == "self")
        self.assertRefusedUnchanged(
            self.user_emp, own, "mfg.appraisal.rater", "write", [own.id], {"role": "superior"}
        )
        # Its comment and scores it may write, while its step is open.
        self.rpc(self.user_emp, "mfg.appraisal.rater", "write", [own.id], {"comment": "Fair."})
        self.assertEqual(own.comment, "Fair.")

    # ------------------------------------------------------------------
    # 3. The approval chain cannot be forged
    # ------------------------------------------------------------------
    def test_approval_reviews_cannot_be_forged(self):
        appraisal = self._to_review()
        reviews = appraisal.sudo().review_ids
        self.assertEqual(reviews.mapped("status"), ["pending"])
        forged = {
            "status": "approved",
            "done_by": self.user_director.id,
            "reviewed_date": "2025-01-10 10:00:00",
        }
        for user in (self.user_director, self.user_emp, self.user_hr):
            with self.subTest(user=user.login):
                self.assertRefusedUnchanged(
                    user, reviews, "tier.review", "write", reviews.ids, forged
                )
                self.assertRefusedUnchanged(user, reviews, "tier.review", "unlink", reviews.ids)
        self.assertRefusedUnchanged(
            self.user_director,
            reviews,
            "tier.review",
            "create",
            {"model": APPRAISAL, "res_id": appraisal.id, "status": "approved"},
        )
        # Only the reviewer of the pending tier decides it; the appraiser is not one.
        self.assertRefusedUnchanged(
            self.user_director, [reviews, appraisal], APPRAISAL, "validate_tier", [appraisal.id]
        )
        self.assertRefusedUnchanged(
            self.user_director,
            [reviews, appraisal],
            APPRAISAL,
            "restart_validation",
            [appraisal.id],
        )
        self.assertRefusedUnchanged(
            self.user_director,
            [reviews, appraisal],
            APPRAISAL,
            "request_validation",
            [appraisal.id],
        )
        # Publication reads the chain: refused while it is pending, with the missing tier named.
        error = self.assertRefusedUnchanged(
            self.user_hr, appraisal, APPRAISAL, "action_publish", [appraisal.id]
        )
        self.assertIn("HR review", error.message)
        self.rpc(self.user_hr, APPRAISAL, "validate_tier", [appraisal.id])
        self.assertEqual(reviews.status, "approved")
        self.assertEqual(reviews.done_by, self.user_hr)

    def test_an_appraisee_never_approves_its_own_appraisal(self):
        hr_employee = self.env["hr.employee"].create(
            {
                "name": "HR Officer",
                "user_id": self.user_hr.id,
                "parent_id": self.director.id,
                "job_id": self.job_equipment.id,
            }
        )
        cycle = self._cycle(name="HR appraised")
        cycle.with_user(self.user_hr).action_launch()
        appraisal = cycle.appraisal_ids.filtered(lambda a: a.employee_id == hr_employee)
        self.assertTrue(appraisal)
        # HR's own result: not its to write, approve or publish.
        self.assertRefusedUnchanged(
            self.user_hr, appraisal, APPRAISAL, "action_cancel", [appraisal.id]
        )
        self.assertRefusedUnchanged(
            self.user_hr,
            appraisal,
            APPRAISAL,
            "write",
            [appraisal.id],
            {"appraiser_id": self.user_hr.id},
        )

    # ------------------------------------------------------------------
    # 5. Frozen after approval; the adjustment belongs to the reviewer
    # ------------------------------------------------------------------
    def test_lines_frozen_once_rating_closes(self):
        appraisal = self._to_review()
        line = appraisal.sudo().line_ids.filtered(lambda ln: ln.rule_kind == "linear")[:1]
        self.assertRefusedUnchanged(
            self.user_director,
            [appraisal, line],
            "mfg.appraisal.line",
            "write",
            line.ids,
            {"actual_value": 1.0},
        )
        # ... even through the appraisal's one2many.
        self.assertRefusedUnchanged(
            self.user_director,
            [appraisal, line],
            APPRAISAL,
            "write",
            [appraisal.id],
            {"line_ids": [Command.update(line.id, {"actual_value": 1.0})]},
        )
        self.assertRefusedUnchanged(
            self.user_director,
            appraisal,
            APPRAISAL,
            "write",
            [appraisal.id],
            {"review_adjustment": -20.0, "adjustment_reason": "No."},
        )
        # The HR reviewer holding the pending tier adjusts, within bounds and with a reason.
        self.assertRefusedUnchanged(
            self.user_hr,
            appraisal,
            APPRAISAL,
            "write",
            [appraisal.id],
            {"review_adjustment": 30.0, "adjustment_reason": "Too much."},
        )
        self.rpc(
            self.user_hr,
            APPRAISAL,
            "write",
            [appraisal.id],
            {"review_adjustment": 2.0, "adjustment_reason": "Covered two extra shifts."},
        )
        self.assertEqual(appraisal.review_adjustment, 2.0)
        self.rpc(self.user_hr, APPRAISAL, "validate_tier", [appraisal.id])
        self.rpc(self.user_hr, APPRAISAL, "action_publish", [appraisal.id])
        for user in (self.user_director, self.user_hr):
            self.assertRefusedUnchanged(
                user,
                appraisal,
                APPRAISAL,
                "write",
                [appraisal.id],
                {"review_adjustment": 5.0, "adjustment_reason": "Later."},
            )

    # ------------------------------------------------------------------
    # 6. Appeals: filed with a reason only, decided by HR's action only
    # ------------------------------------------------------------------
    def test_appeal_created_with_its_reason_only(self):
        appraisal = self._to_published()
        Appeal = self.env["mfg.appraisal.appeal"]
        forged = {
            "appraisal_id": appraisal.id,
            "reason": "Unfair",
            "state": "accepted",
            "new_score": 100,
            "decided_by": self.user_emp.id,
            "date_decided": "2025-01-01",
        }
        self.refused(self.user_emp, "mfg.appraisal.appeal", "create", forged)
        self.assertFalse(Appeal.sudo().search([("appraisal_id", "=", appraisal.id)]))
        appeal_id = self.rpc(
            self.user_emp,
            "mfg.appraisal.appeal",
            "create",
            {"appraisal_id": appraisal.id, "reason": "The intact rate was measured wrong."},
        )
        appeal = Appeal.sudo().browse(appeal_id)
        self.assertEqual(appeal.state, "submitted")
        for user, vals in (
            (self.user_emp, {"state": "accepted"}),
            (self.user_emp, {"new_score": 100}),
            (self.user_hr, {"state": "accepted"}),
            (self.user_hr, {"decided_by": self.user_hr.id}),
        ):
            with self.subTest(user=user.login, vals=vals):
                self.assertRefusedUnchanged(
                    user, [appeal, appraisal], "mfg.appraisal.appeal", "write", [appeal_id], vals
                )
        self.assertRefusedUnchanged(
            self.user_emp, [appeal, appraisal], "mfg.appraisal.appeal", "action_accept", [appeal_id]
        )
        self.assertRefusedUnchanged(
            self.user_hr, [appeal, appraisal], "mfg.appraisal.appeal", "unlink", [appeal_id]
        )

    # ------------------------------------------------------------------
    # 10. Smaller holes
    # ------------------------------------------------------------------
    def test_peer_reads_only_what_it_rates(self):
        self.appraisal.sudo().self_report = "<p>SECRET-SELF-REPORT</p>"
        self._to_rating()
        self.refused(
            self.user_peer,
            APPRAISAL,
            "read",
            [self.appraisal.id],
            ["final_score", "grade", "self_report"],
            kinds=("AccessError",),
        )
        found = self.rpc(
            self.user_peer, APPRAISAL, "search_read", [("id", "=", self.appraisal.id)], ["grade"]
        )
        self.assertEqual(found, [], "no record of the colleague's appraisal")
        lines = self.rpc(
            self.user_peer,
            "mfg.appraisal.line",
            "search_read",
            [("appraisal_id", "=", self.appraisal.id)],
            ["score"],
        )
        self.assertEqual(lines, [])
        # Printing the colleague's sheet is refused as well.
        self.authenticate(self.user_peer.login, self.user_peer.login)
        response = self.url_open(
            f"/report/html/mfg_appraisal.report_appraisal/{self.appraisal.id}",
            allow_redirects=False,
        )
        self.assertNotIn("SECRET-SELF-REPORT", response.text)
        self.assertNotIn("Operating procedure errors", response.text)
        # Its own rater entry and rating rows it reads, with the criterion names.
        rows = self.rpc(
            self.user_peer,
            "mfg.appraisal.rating",
            "search_read",
            [("appraisal_id", "=", self.appraisal.id)],
            ["line_name", "score", "role"],
        )
        self.assertEqual({row["role"] for row in rows}, {"peer"})
        self.assertEqual(len(rows), 10)

    def test_sheet_parts_are_company_bound(self):
        manager = new_test_user(
            self.env, "appr_hrm2", groups="mfg_appraisal.group_appraisal_hr_manager"
        )
        other = self.template.sudo().copy({"company_id": self.company2.id, "name": "Other sheet"})
        self.env.flush_all()
        parts = {
            "mfg.appraisal.template.section": other.section_ids,
            "mfg.appraisal.template.line": self.env["mfg.appraisal.template.line"].search(
                [("template_id", "=", other.id)]
            ),
            "mfg.appraisal.template.rater": other.section_ids.rater_ids,
        }
        for model, records in parts.items():
            with self.subTest(model=model):
                self.assertTrue(records)
                found = self.rpc(manager, model, "search", [("id", "in", records.ids)])
                self.assertEqual(found, [])
                self.assertRefusedUnchanged(
                    manager, records, model, "write", records[:1].ids, {"sequence": 99}
                )

    def test_note_author_cannot_be_rewritten(self):
        note_id = self.rpc(
            self.user_director,
            "mfg.appraisal.note",
            "create",
            {"appraisal_id": self.appraisal.id, "body": "Check overtime."},
        )
        note = self.env["mfg.appraisal.note"].sudo().browse(note_id)
        self.assertEqual(note.author_id, self.user_director)
        self.assertRefusedUnchanged(
            self.user_hr, note, "mfg.appraisal.note", "write", [note_id], {"body": "Changed"}
        )
        self.assertRefusedUnchanged(
            self.user_director,
            note,
            "mfg.appraisal.note",
            "write",
            [note_id],
            {"author_id": self.user_hr.id},
        )
        self.refused(
            self.user_director,
            "mfg.appraisal.note",
            "create",
            {"appraisal_id": self.appraisal.id, "body": "x", "author_id": self.user_hr.id},
        )
        self.assertRefusedUnchanged(
            self.user_director, note, "mfg.appraisal.note", "unlink", [note_id]
        )

    def test_appeal_before_publication_and_bad_appeal_days(self):
        error = self.refused(
            self.user_emp,
            "mfg.appraisal.appeal",
            "create",
            {"appraisal_id": self.appraisal.id, "reason": "Too early"},
        )
        self.assertIn("published", error.message)
        self.assertRefusedUnchanged(
            self.user_hr,
            self.cycle,
            "mfg.appraisal.cycle",
            "write",
            [self.cycle.id],
            {"appeal_days": -3},
        )
        error = self.refused(
            self.user_hr,
            "mfg.appraisal.cycle",
            "create",
            {
                "name": "Bad days",
                "date_start": "2025-01-01",
                "date_end": "2025-12-31",
                "appeal_days": -1,
            },
        )
        self.assertIn("at least one day", error.message)

    def test_cycle_results_and_states_only_through_actions(self):
        for vals in (
            {"state": "published"},
            {"threshold_excellent": 50.0},
            {"calibration_reason": "Because."},
            {"date_published": "2025-01-01"},
        ):
            with self.subTest(vals=vals):
                self.assertRefusedUnchanged(
                    self.user_hr, self.cycle, "mfg.appraisal.cycle", "write", [self.cycle.id], vals
                )
        self.assertRefusedUnchanged(
            self.user_director,
            self.cycle,
            "mfg.appraisal.cycle",
            "write",
            [self.cycle.id],
            {"name": "Mine"},
        )

    def test_nobody_creates_or_deletes_appraisals_by_hand(self):
        self.refused(
            self.user_hr,
            APPRAISAL,
            "create",
            {
                "cycle_id": self.cycle.id,
                "employee_id": self.other.id,
                "template_id": self.template.id,
            },
        )
        self.assertRefusedUnchanged(
            self.user_hr, self.appraisal, APPRAISAL, "unlink", [self.appraisal.id]
        )
        self.assertRefusedUnchanged(
            self.user_hr, self.appraisal, APPRAISAL, "copy", [self.appraisal.id]
        )

    # ------------------------------------------------------------------
    # 4. Confidentiality: individual scores never reach the appraisee
    # ------------------------------------------------------------------
    def _visible_tracking(self, user, appraisal):
        """Tracked field names and values of every message the appraisee can read on its
        appraisal and its lines."""
        messages = []
        for model, ids in (
            (APPRAISAL, appraisal.ids),
            ("mfg.appraisal.line", appraisal.sudo().line_ids.ids),
        ):
            messages += self.rpc(
                user,
                "mail.message",
                "search_read",
                [("model", "=", model), ("res_id", "in", ids)],
                ["body"],
            )
        # What the chatter shows of these messages: their tracking values.
        values = (
            self.env["mail.tracking.value"]
            .sudo()
            .search([("mail_message_id", "in", [message["id"] for message in messages])])
        )
        return messages, {(v.field_id.name, v.new_value_float) for v in values}

    def test_appraisee_never_sees_individual_scores(self):
        self.template.sudo().min_aggregate_raters = 2
        appraisal = self._to_rating()
        # The peer has submitted (all 70): while the rating is open nothing moves for the
        # appraisee, neither line scores nor the total.
        lines = self.rpc(
            self.user_emp,
            "mfg.appraisal.line",
            "search_read",
            [("appraisal_id", "=", appraisal.id), ("rule_kind", "=", "direct")],
            ["score", "score_set", "rating_ids"],
        )
        self.assertEqual(len(lines), 10)
        self.assertFalse(any(line["score_set"] or line["score"] for line in lines))
        self._to_published_from_rating(appraisal)
        # One peer under a minimum of two: its score does not count at all (its weight goes
        # back to the superior, keeping the seed's self 30 / superior side 70), so it cannot
        # be singled out from the line score either.
        first = appraisal.sudo().line_ids.filtered(lambda ln: ln.rule_kind == "direct")
        first = first.sorted("sequence")[:1]
        self.assertAlmostEqual(first.score, (30 * SELF[0] + 70 * SUPERIOR[0]) / 100, 2)
        # Only its own ratings are readable, even grouped.
        rows = self.rpc(
            self.user_emp,
            "mfg.appraisal.rating",
            "search_read",
            [("appraisal_id", "=", appraisal.id)],
            ["role", "score"],
        )
        self.assertEqual({row["role"] for row in rows}, {"self"})
        groups = self.rpc(
            self.user_emp,
            "mfg.appraisal.rating",
            "formatted_read_group",
            [("appraisal_id", "=", appraisal.id)],
            ["role"],
            ["score:avg"],
        )
        self.assertEqual({group["role"] for group in groups}, {"self"})
        # No tracking message carries a score, a final score or a grade.
        messages, tracked = self._visible_tracking(self.user_emp, appraisal)
        self.assertTrue(messages)
        self.assertFalse(
            {name for name, _value in tracked} & {"score", "final_score", "grade", "total_score"}
        )
        superior_scores = {f"{score:.2f}" for score in SUPERIOR}
        for message in messages:
            self.assertFalse(
                any(score in (message["body"] or "") for score in superior_scores | {"70.00"})
            )
        # The peers' average: hidden below the minimum count (1 of 2), shown from it on.
        data = self.rpc(
            self.user_emp, APPRAISAL, "read", [appraisal.id], ["peer_average", "peer_count"]
        )[0]
        self.assertEqual((data["peer_average"], data["peer_count"]), (0.0, 1))
        self.template.sudo().min_aggregate_raters = 1
        data = self.rpc(self.user_emp, APPRAISAL, "read", [appraisal.id], ["peer_average"])[0]
        self.assertEqual(data["peer_average"], 70.0)

    def _to_published_from_rating(self, appraisal):
        lines = appraisal.sudo().line_ids.sorted(lambda ln: (ln.section_sequence, ln.sequence))
        for line, (field, value, _score) in zip(lines[:9], PERFORMANCE, strict=True):
            self.rpc(self.user_director, "mfg.appraisal.line", "write", [line.id], {field: value})
        self._rate_all(appraisal, self.user_director, SUPERIOR)
        self.rpc(self.user_director, APPRAISAL, "action_submit_rating", [appraisal.id])
        self.rpc(self.user_hr, APPRAISAL, "validate_tier", [appraisal.id])
        self.rpc(self.user_hr, APPRAISAL, "action_publish", [appraisal.id])

    # ------------------------------------------------------------------
    # 6. An accepted appeal recomputes everything derived from the final score
    # ------------------------------------------------------------------
    def test_accepted_appeal_recomputes_grade_bonus_and_flags(self):
        quarter = self._cycle(
            "quarterly",
            name="Q2",
            date_start=date(2025, 4, 1),
            date_end=date(2025, 6, 30),
            bonus_tier_1=1000,
            bonus_tier_2=600,
            bonus_tier_3=300,
        )
        quarter.with_user(self.user_hr).action_launch()
        appraisal = quarter.appraisal_ids.filtered(lambda a: a.employee_id == self.emp)
        self._to_published(appraisal)
        self.assertEqual((appraisal.grade, appraisal.bonus_tier), ("excellent", "tier_2"))
        self.assertEqual(appraisal.bonus_amount, 600)
        before = appraisal.final_score
        appeal_id = self.rpc(
            self.user_emp,
            "mfg.appraisal.appeal",
            "create",
            {"appraisal_id": appraisal.id, "reason": "Please review the intact rate."},
        )
        self.rpc(
            self.user_hr,
            "mfg.appraisal.appeal",
            "write",
            [appeal_id],
            {"decision": "Recounted: the rate was lower.", "new_score": 72.0},
        )
        self.rpc(self.user_hr, "mfg.appraisal.appeal", "action_accept", [appeal_id])
        appeal = self.env["mfg.appraisal.appeal"].sudo().browse(appeal_id)
        self.assertEqual((appeal.state, appeal.decided_by), ("accepted", self.user_hr))
        self.assertEqual(appraisal.final_score, 72.0)
        self.assertEqual(appraisal.grade, "pass")
        self.assertEqual((appraisal.bonus_tier, appraisal.bonus_amount), ("tier_3", 300))
        note = appraisal.sudo().message_ids.filtered(lambda m: "Appeal accepted" in (m.body or ""))
        self.assertIn("72.00", note.body)
        self.assertIn(f"Before: {before:.2f}", note.body)

    # ------------------------------------------------------------------
    # 7. Interview notes save (commit-time hooks run at the end of each call)
    # ------------------------------------------------------------------
    def test_interview_notes_and_improvement_plan_save(self):
        appraisal = self._to_published()
        self.rpc(self.user_director, APPRAISAL, "action_start_interview", [appraisal.id])
        self.rpc(
            self.user_director,
            APPRAISAL,
            "write",
            [appraisal.id],
            {
                "interview_notes": "<p>Agreed on the preventive plan.</p>",
                "improvement_plan": "<p>Train two operators by March.</p>",
            },
        )
        self.assertIn("preventive plan", appraisal.interview_notes)
        self.assertIn("Train two operators", appraisal.improvement_plan)
        self.assertIn("Train two operators", appraisal.sudo().message_ids[:1].body)
        self.assertRefusedUnchanged(
            self.user_emp,
            appraisal,
            APPRAISAL,
            "write",
            [appraisal.id],
            {"improvement_plan": "<p>None needed.</p>"},
        )
        self.rpc(self.user_director, APPRAISAL, "action_done", [appraisal.id])
        self.assertEqual(appraisal.state, "done")
        self.assertRefusedUnchanged(
            self.user_director,
            appraisal,
            APPRAISAL,
            "write",
            [appraisal.id],
            {"interview_notes": "<p>Rewritten later.</p>"},
        )

    # ------------------------------------------------------------------
    # 8. The indirect superior scores and submits like the direct one
    # ------------------------------------------------------------------
    def test_indirect_superior_from_launch_to_published(self):
        field = self.env["ir.model.fields"]._get("hr.employee", "parent_id")
        self.env["mail.message"].sudo().create(
            {
                "model": "hr.employee",
                "res_id": self.peer.id,
                "message_type": "notification",
                "tracking_value_ids": [
                    Command.create(
                        {
                            "field_id": field.id,
                            "old_value_integer": self.boss.id,
                            "new_value_integer": self.director.id,
                        }
                    )
                ],
            }
        )
        today = date.today()
        cycle = self._cycle(
            name="Indirect", date_start=today.replace(month=1, day=1), date_end=today
        )
        cycle.with_user(self.user_hr).action_launch()
        appraisal = cycle.appraisal_ids.filtered(lambda a: a.employee_id == self.peer)
        self.assertEqual(appraisal.appraiser_id, self.user_boss)
        indirect = appraisal.sudo().rater_ids.filtered(lambda r: r.role == "indirect")
        self.assertEqual(indirect.user_id, self.user_boss)
        self._rate_all(appraisal, self.user_peer, SELF)
        self.rpc(self.user_peer, APPRAISAL, "action_submit_self", [appraisal.id])
        self._rate_all(appraisal, self.user_emp, [70.0] * 10)
        lines = appraisal.sudo().line_ids.sorted(lambda ln: (ln.section_sequence, ln.sequence))
        for line, (name, value, _score) in zip(lines[:9], PERFORMANCE, strict=True):
            self.rpc(self.user_boss, "mfg.appraisal.line", "write", [line.id], {name: value})
        self._rate_all(appraisal, self.user_boss, SUPERIOR)
        self.rpc(self.user_boss, APPRAISAL, "action_submit_rating", [appraisal.id])
        self.assertEqual(appraisal.state, "review")
        self.assertTrue(appraisal.score_complete)
        self.rpc(self.user_hr, APPRAISAL, "validate_tier", [appraisal.id])
        self.rpc(self.user_hr, APPRAISAL, "action_publish", [appraisal.id])
        self.assertEqual(appraisal.state, "published")
        self.assertTrue(appraisal.grade)

    # ------------------------------------------------------------------
    # HR's tracked correction path after publication
    # ------------------------------------------------------------------
    def test_hr_manager_corrects_a_published_result_with_a_reason(self):
        appraisal = self._to_published()
        manager = new_test_user(
            self.env, "appr_hrm3", groups="mfg_appraisal.group_appraisal_hr_manager"
        )
        Wizard = "mfg.appraisal.correction.wizard"
        vals = {"appraisal_id": appraisal.id, "new_score": 59.0, "reason": ""}
        self.refused(self.user_hr, Wizard, "create", dict(vals, reason="Officer"))
        self.refused(self.user_emp, Wizard, "create", dict(vals, reason="Me"))
        wizard_id = self.rpc(manager, Wizard, "create", vals)
        self.assertRefusedUnchanged(manager, appraisal, Wizard, "action_apply", [wizard_id])
        wizard_id = self.rpc(
            manager, Wizard, "create", dict(vals, reason="Scrap was counted twice in March.")
        )
        self.rpc(manager, Wizard, "action_apply", [wizard_id])
        self.assertEqual((appraisal.final_score, appraisal.grade), (59.0, "fail"))
        note = appraisal.sudo().message_ids.filtered(lambda m: "Corrected by HR" in (m.body or ""))
        self.assertIn("Scrap was counted twice", note.body)
