"""The rating screens: blank is "no data", 0 is a value; rules and levels in full; the rater
scores on the appraisal; buttons by role; HR's bulk actions; appeals' titles and decisions."""

from odoo import Command, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import AppraisalCase
from .test_appraisal_scoring import PERFORMANCE, SELF, SUPERIOR


@tagged("post_install", "-at_install")
class TestRatingScreens(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["tier.definition"].search([("model", "=", "mfg.appraisal")]).active = False
        performance = cls.template.section_ids.filtered(lambda s: s.sequence == 1)
        # A qualitative line and a band line next to the seed's lines (weights still 100).
        performance.line_ids.filtered(lambda ln: ln.name == "Changeover time").write(
            {
                "rule_kind": "levels",
                "level_ids": [
                    Command.create(
                        {"name": "No accident all year", "score_min": 91, "score_max": 100}
                    ),
                    Command.create(
                        {"name": "One minor accident", "score_min": 60, "score_max": 90}
                    ),
                    Command.create({"name": "A serious accident", "score_min": 0, "score_max": 59}),
                ],
            }
        )
        performance.line_ids.filtered(lambda ln: ln.name == "Equipment failure rate").write(
            {
                "rule_kind": "bands",
                "direction": "lower",
                "band_ids": [
                    Command.create(
                        {
                            "label": "A ≤ 2%",
                            "low": 0.0,
                            "high": 2.0,
                            "high_inclusive": True,
                            "score_min": 91,
                            "score_max": 100,
                        }
                    ),
                    Command.create(
                        {
                            "label": "A > 2%",
                            "low": 2.0,
                            "low_inclusive": False,
                            "high": 100.0,
                            "high_inclusive": True,
                            "score_min": 0,
                            "score_max": 90,
                        }
                    ),
                ],
            }
        )
        cls.cycle = cls._cycle()
        cls.cycle.with_user(cls.user_hr).action_launch()
        cls.appraisal = cls._appraisal(cls, cls.cycle)
        cls.appraisal_peer = cls._appraisal(cls, cls.cycle, cls.peer)

    def _line(self, name, appraisal=None):
        return (appraisal or self.appraisal).line_ids.filtered(lambda ln: ln.name == name)

    def _to_rating(self, appraisal=None):
        appraisal = appraisal or self.appraisal
        employee_user = appraisal.employee_user_id
        self._rate(appraisal, employee_user, SELF)
        appraisal.with_user(employee_user).action_submit_self()
        return appraisal

    # ------------------------------------------------------------------
    # Blank is "no data", 0 is a value
    # ------------------------------------------------------------------
    def test_zero_occurrences_is_a_value(self):
        appraisal = self._to_rating()
        line = self._line("Operating procedure errors").with_user(self.user_director)
        self.assertFalse(line.actual_set)
        self.assertEqual(line.occurrences_input, "")
        self.assertFalse(line.score_set)
        self.assertEqual(line.score_status, "No data")
        self.assertIn(line, appraisal._missing_lines())
        # Typing 0 (the value the field shows anyway) is an entry: the line scores 100.
        line.occurrences_input = "0"
        self.assertTrue(line.actual_set)
        self.assertEqual(line.occurrences, 0)
        self.assertTrue(line.score_set)
        self.assertEqual(line.score, 100.0)
        self.assertEqual(line.score_status, "")
        self.assertEqual(line.occurrences_input, "0")
        self.assertNotIn(line, appraisal._missing_lines())
        # 2 occurrences: 100 - 2 x 10; back to blank: no data again, the line is missing.
        line.occurrences_input = " 2 "
        self.assertEqual(line.score, 80.0)
        line.occurrences_input = ""
        self.assertFalse(line.actual_set)
        self.assertFalse(line.score_set)
        self.assertEqual(line.score_status, "No data")
        with self.assertRaises(ValidationError):
            line.occurrences_input = "1.5"
        with self.assertRaises(ValidationError):
            line.occurrences_input = "many"

    def test_zero_actual_value_and_no_data(self):
        self._to_rating()
        line = self._line("Loss from procedure errors").with_user(self.user_director)
        self.assertEqual(line.actual_input, "")
        self.assertEqual(line.score_status, "No data")
        line.actual_input = "0"
        self.assertTrue(line.actual_set)
        self.assertEqual(line.actual_value, 0.0)
        self.assertEqual(line.score, 100.0)
        line.actual_input = "2,5"
        self.assertEqual(line.actual_value, 2.5)
        line.invalidate_recordset()
        self.assertEqual(line.actual_input, "2.5")
        self.assertEqual(line.score, 87.5)  # 100 - 5 x 2.5

    def test_zero_rating_is_a_score(self):
        """A rater's 0 is a score; blank is "not scored" (and blocks the submission)."""
        own = self.appraisal.rater_ids.filtered(lambda r: r.role == "self").with_user(self.user_emp)
        rating = own.rating_ids[0]
        self.assertEqual(rating.score_input, "")
        rating.score_input = "0"
        self.assertTrue(rating.score_set)
        self.assertEqual(rating.score, 0.0)
        rating.score_input = ""
        self.assertFalse(rating.score_set)
        with self.assertRaises(ValidationError):
            rating.score_input = "good"
        with self.assertRaises(ValidationError):
            rating.score_input = "101"
        with self.assertRaises(UserError):
            rating.with_user(self.user_director).score_input = "50"
        self.assertFalse(rating.score_set)
        (own.rating_ids - rating).write({"score": 80.0})
        with self.assertRaisesRegex(UserError, rating.line_name):
            own.action_submit()
        rating.score_input = "0"
        own.action_submit()
        self.assertEqual(own.state, "submitted")

    def test_no_data_keeps_the_missing_line_rule(self):
        """A line without data is missing, exactly as before: the section, the total and the
        grade stay unknown and the rating cannot be submitted."""
        appraisal = self._to_rating()
        self._rate(appraisal, self.user_director, SUPERIOR)
        self.assertFalse(appraisal.score_complete)
        self.assertFalse(appraisal.grade)
        with self.assertRaisesRegex(UserError, "Operating procedure errors"):
            appraisal.with_user(self.user_director).action_submit_rating()
        self.assertEqual(appraisal.state, "rating")

    def test_refused_inputs_for_others(self):
        """The text inputs follow the same write policy as the numbers they write."""
        self._to_rating()
        line = self._line("Operating procedure errors")
        for user in (self.user_emp, self.user_peer, self.user_other):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                line.with_user(user).occurrences_input = "0"
        self.assertFalse(line.actual_set)

    # ------------------------------------------------------------------
    # Rules and levels in full
    # ------------------------------------------------------------------
    def test_levels_and_bands_in_full(self):
        self._to_rating()
        level_line = self._line("Changeover time")
        detail = level_line.rule_detail
        self.assertIn("1. 91–100 No accident all year", detail)
        self.assertIn("2. 60–90 One minor accident", detail)
        self.assertIn("3. 0–59 A serious accident", detail)
        band_line = self._line("Equipment failure rate")
        self.assertIn("A ≤ 2% → 91–100", band_line.rule_detail)
        self.assertIn("A > 2% → 0–90", band_line.rule_detail)
        self.assertEqual(level_line.score_status, "Choose a level")
        # Choosing level 2 in the form shows its text and proposes the top of its range.
        with Form(self.appraisal.with_user(self.user_director)) as form:
            index = next(i for i, line in enumerate(self.appraisal.line_ids) if line == level_line)
            with form.line_ids.edit(index) as row:
                row.level_number = 2
                self.assertEqual(row.level_name, "One minor accident")
                self.assertEqual(row.rated_score, 90.0)
                row.rated_score = 75.0
        self.assertEqual(level_line.score, 75.0)
        self.assertEqual(level_line.level_name, "One minor accident")

    # ------------------------------------------------------------------
    # The rater lands on the lines; buttons by role
    # ------------------------------------------------------------------
    def test_rater_lands_on_the_lines(self):
        appraisal = self.appraisal
        own = appraisal.rater_ids.filtered(lambda r: r.role == "self").with_user(self.user_emp)
        action = own.action_open_rating()
        self.assertEqual((action["res_model"], action["res_id"]), ("mfg.appraisal", appraisal.id))
        self._to_rating()
        superior = appraisal.rater_ids.filtered(lambda r: r.user_id == self.user_director)
        action = superior.with_user(self.user_director).action_open_rating()
        self.assertEqual((action["res_model"], action["res_id"]), ("mfg.appraisal", appraisal.id))
        # The appraiser's own scores are on the appraisal: written there, under their policy.
        as_director = appraisal.with_user(self.user_director)
        ratings = as_director.my_rating_ids
        self.assertEqual(ratings, superior.rating_ids)
        as_director.write({"my_rating_ids": [Command.update(ratings[0].id, {"score": 0.0})]})
        self.assertTrue(ratings[0].score_set)
        self.assertEqual(ratings[0].score, 0.0)
        # Another rater's score cannot be reached through one's own appraisal view.
        self_rating = appraisal.rater_ids.filtered(lambda r: r.role == "self").rating_ids[0]
        with self.assertRaises(UserError):
            as_director.write({"my_rating_ids": [Command.update(self_rating.id, {"score": 1})]})
        # The appraisee's own scores are closed once the self-assessment is in.
        with self.assertRaises(UserError):
            appraisal.with_user(self.user_emp).write(
                {"my_rating_ids": [Command.update(self_rating.id, {"score": 1.0})]}
            )
        self.assertEqual(self_rating.score, SELF[0])

    def test_buttons_by_role(self):
        appraisal = self.appraisal
        expected = {
            # user: (appraisee, can rate, can follow up)
            self.user_emp: (True, False, False),
            self.user_director: (False, True, True),
            self.user_hr: (False, False, True),
        }
        for user, flags in expected.items():
            mine = appraisal.with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(
                    (mine.user_is_appraisee, mine.user_can_rate, mine.user_can_follow_up), flags
                )

    def test_self_assessment_confirmation(self):
        appraisal = self.appraisal
        self._rate(appraisal, self.user_emp, SELF)
        result = appraisal.with_user(self.user_emp).action_submit_self()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("self-assessment is submitted", result["params"]["message"])
        bodies = " ".join(appraisal.message_ids.mapped("body"))
        self.assertIn("Self-assessment submitted.", bodies)
        self.assertNotIn("Scores submitted.", bodies)

    # ------------------------------------------------------------------
    # HR bulk actions
    # ------------------------------------------------------------------
    def test_submit_on_behalf(self):
        both = self.appraisal | self.appraisal_peer
        # The appraisee of the first scored half the items and did not submit; the second
        # scored nothing: both move to rating, their incomplete self-scores do not count.
        own = self.appraisal.rater_ids.filtered(lambda r: r.role == "self").with_user(self.user_emp)
        own.rating_ids[:5].write({"score": 90.0})
        with self.assertRaises(UserError):
            both.with_user(self.user_hr).action_submit_on_behalf("  ")
        with self.assertRaises(UserError):
            both.with_user(self.user_director).action_submit_on_behalf("on leave")
        wizard = (
            self.env["mfg.appraisal.on.behalf.wizard"]
            .with_user(self.user_hr)
            .with_context(active_model="mfg.appraisal", active_ids=both.ids)
            .create({"reason": "On leave until the deadline"})
        )
        self.assertEqual(wizard.appraisal_count, 2)
        wizard.action_apply()
        self.assertEqual(set(both.mapped("state")), {"rating"})
        self.assertEqual(
            set(both.rater_ids.filtered(lambda r: r.role == "self").mapped("state")), {"todo"}
        )
        self.assertFalse(
            both.activity_ids.filtered(lambda a: a.user_id in (self.user_emp | self.user_peer))
        )
        for appraisal in both:
            log = appraisal.message_ids.filtered(lambda m: "On leave until" in (m.body or ""))
            self.assertEqual(len(log), 1)
            self.assertIn("submitted on behalf of", log.body)
        # The rating on behalf of the appraiser who scored but did not submit.
        appraisal = self.appraisal
        lines = appraisal.line_ids.sorted(lambda ln: (ln.section_sequence, ln.sequence))
        for line, (field, value, _score) in zip(lines[:9], PERFORMANCE, strict=True):
            if line.rule_kind == "levels":
                line.with_user(self.user_director).write({"level_number": 1, "rated_score": 100})
            elif line.rule_kind == "bands":
                line.with_user(self.user_director).write({"actual_value": 1.0})
            else:
                line.with_user(self.user_director).write({field: value})
        superior = appraisal.rater_ids.filtered(lambda r: r.user_id == self.user_director)
        for rating, score in zip(
            superior.rating_ids.sorted(lambda r: r.line_id.sequence), SUPERIOR, strict=True
        ):
            rating.with_user(self.user_director).score = score
        appraisal.with_user(self.user_hr).action_submit_on_behalf("Director in hospital")
        self.assertEqual(appraisal.state, "review")
        self.assertEqual(superior.state, "submitted")
        # Attitude without self-scores: the superior's scores alone (today's rule).
        attitude = appraisal.section_ids.filtered(lambda s: s.sequence == 2)
        self.assertAlmostEqual(attitude.score, 79.0, places=2)

    def test_remind(self):
        appraisal = self.appraisal
        with self.assertRaises(UserError):
            appraisal.with_user(self.user_director).action_remind()
        before = self.env["mail.message"].search_count(
            [
                ("model", "=", "mfg.appraisal"),
                ("res_id", "=", appraisal.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        result = appraisal.with_user(self.user_hr).action_remind()
        self.assertEqual(result["tag"], "display_notification")
        notices = self.env["mail.message"].search(
            [
                ("model", "=", "mfg.appraisal"),
                ("res_id", "=", appraisal.id),
                ("message_type", "=", "user_notification"),
            ]
        )
        self.assertEqual(len(notices), before + 1)
        self.assertEqual(notices[0].partner_ids, self.user_emp.partner_id)
        self.assertIn("Reminder sent by", " ".join(appraisal.message_ids.mapped("body")))
        # In rating, the appraiser (and the peer raters) are reminded.
        self._to_rating()
        appraisal.with_user(self.user_hr).action_remind()
        self.assertIn(self.user_director, appraisal.activity_ids.user_id)
        appraisal.with_user(self.user_hr).action_cancel()
        with self.assertRaisesRegex(UserError, "nobody"):
            appraisal.with_user(self.user_hr).action_remind()

    def test_print_and_list(self):
        both = self.appraisal | self.appraisal_peer
        action = both.with_user(self.user_hr).action_print_sheets()
        self.assertEqual(action["report_name"], "mfg_appraisal.report_appraisal")
        self.assertEqual(action["context"]["active_ids"], both.ids)
        action = self.cycle.with_user(self.user_hr).action_open_appraisals()
        self.assertNotIn("group_by", str(action["context"]))

    # ------------------------------------------------------------------
    # Appeals
    # ------------------------------------------------------------------
    def test_appeal_title_and_decision_message(self):
        appraisal = self.appraisal
        appraisal.sudo().write({"state": "published", "date_published": fields.Date.today()})
        action = appraisal.with_user(self.user_emp).action_appeal()
        self.assertEqual(action["name"], f"Appeal: {self.emp.name}, {self.cycle.name}")
        appeal = (
            self.env["mfg.appraisal.appeal"]
            .with_user(self.user_emp)
            .with_context(**action["context"])
            .create({"appraisal_id": appraisal.id, "reason": "My intact rate was counted wrong."})
        )
        self.assertEqual(appeal.appraisal_id, appraisal)
        self.assertEqual(appeal.display_name, f"Appeal: {self.emp.name}, {self.cycle.name}")
        appeal.with_user(self.user_hr).write({"decision": "Recounted: the figure stands."})
        appeal.with_user(self.user_hr).action_reject()
        message = appeal.message_ids.filtered(lambda m: self.user_emp.partner_id in m.partner_ids)
        self.assertEqual(len(message), 1)
        self.assertIn("Your appeal is Rejected", message.body)
        self.assertIn("Recounted", message.body)
