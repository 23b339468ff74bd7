"""Issue 12 §3, §6, §8 and issue 13 (approval chains): the launch checks everything at once and
may grant the groups, deadlines run from the launch day, the KPI prefill is steered (status
marker, refresh until rating starts, a report of what could not be filled, an HR manager's
tracked correction), and approval tiers without members are told before they are needed."""

from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.addons.mfg_kpi.tests.rpc import RpcCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import html2plaintext

from .common import AppraisalCase
from .test_appraisal_workflow import TestAppraisalWorkflow

APPRAISAL = "mfg.appraisal"
LINE_INTACT = "Equipment intact rate"  # linear: target 98, step 1, deduction 5
LINE_ERRORS = "Operating procedure errors"  # occurrence: deduction 10 each


class SteeringCase(AppraisalCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr_manager = new_test_user(
            cls.env,
            "appr_hr_manager",
            groups="mfg_appraisal.group_appraisal_hr_manager,hr.group_hr_user",
        )
        Kpi = cls.env["mfg.kpi"]
        # Codes no provider computes: both are "entered by hand".
        cls.kpi_intact = Kpi.create(
            {"code": "TEST_H2_INTACT", "name": "H2 intact rate", "unit": "percent"}
        )
        cls.kpi_errors = Kpi.create(
            {"code": "TEST_H2_ERRORS", "name": "H2 procedure errors", "unit": "count"}
        )
        lines = cls.template.line_ids
        lines.filtered(lambda t: t.name == LINE_INTACT).kpi_id = cls.kpi_intact
        lines.filtered(lambda t: t.name == LINE_ERRORS).kpi_id = cls.kpi_errors

    def _value(self, employee, kpi, value, period=None, state="draft"):
        period = period or self.env["mfg.kpi.period"]._get_or_create("year", date(2025, 1, 1))
        record = self.env["mfg.kpi.value"].create(
            {"kpi_id": kpi.id, "period_id": period.id, "employee_id": employee.id, "value": value}
        )
        if state == "confirmed":
            record.action_confirm()
        elif state == "locked":
            record.action_lock()
        return record

    def _line(self, cycle, employee, name):
        return self._appraisal(cycle, employee).line_ids.filtered(lambda x: x.name == name)

    def _chatter(self, record):
        return " ".join(html2plaintext(body) for body in record.sudo().message_ids.mapped("body"))


@tagged("post_install", "-at_install")
class TestKpiPrefill(SteeringCase):
    def test_prefill_marks_values_not_locked_and_refreshes_until_rating(self):
        self._value(self.emp, self.kpi_intact, 96.5, state="confirmed")
        cycle = self._cycle(apply_exclusions=False)
        action = cycle.with_user(self.user_hr).action_launch()
        self.assertIs(action, True, "something was prefilled: no warning")
        line = self._line(cycle, self.emp, LINE_INTACT)
        # 98 - 96.5 = 1.5 steps of 5 points: 92.5.
        self.assertEqual(
            (line.actual_value, line.kpi_value_state, line.score), (96.5, "confirmed", 92.5)
        )
        self.assertIn(
            "1 of 4 KPI lines filled, 1 of them from values not locked", self._chatter(cycle)
        )
        self.assertIn(
            "H2 procedure errors: entered by hand, no value entered", self._chatter(cycle)
        )
        # The KPI values move on: a value for the peer, the employee's value locked at 97.
        peer_value = self._value(self.peer, self.kpi_intact, 90.0)
        errors = self._value(self.emp, self.kpi_errors, 2.0, state="locked")
        emp_value = self.env["mfg.kpi.value"].browse(line.kpi_value_id.id)
        emp_value.write({"value": 97.0, "reason": "recount"})
        emp_value.action_lock()
        action = cycle.with_user(self.user_hr).action_refresh_kpi()
        self.assertEqual(action["params"]["type"], "success")
        line.invalidate_recordset()
        self.assertEqual(
            (line.actual_value, line.kpi_value_state, line.score), (97.0, "locked", 95.0)
        )
        errors_line = self._line(cycle, self.emp, LINE_ERRORS)
        # 2 occurrences, 10 points each: 80.
        self.assertEqual(
            (errors_line.kpi_value_id, errors_line.occurrences, errors_line.score),
            (errors, 2, 80.0),
        )
        peer_line = self._line(cycle, self.peer, LINE_INTACT)
        # 98 - 90 = 8 steps of 5 points: 60, from a draft value.
        self.assertEqual(
            (peer_line.kpi_value_id, peer_line.kpi_value_state, peer_line.score),
            (peer_value, "draft", 60.0),
        )
        self.assertIn(
            "3 of 4 KPI lines filled, 1 of them from values not locked", self._chatter(cycle)
        )
        # Rating starts for the employee: their appraisal is no longer refreshed.
        appraisal = self._appraisal(cycle)
        self._rate(appraisal, self.user_emp, [80.0] * 10)
        appraisal.with_user(self.user_emp).action_submit_self()
        peer_value.write({"value": 95.0})
        with self.assertRaisesRegex(UserError, "can no longer be refreshed: rating has started"):
            appraisal.with_user(self.user_hr).action_refresh_kpi()
        line.invalidate_recordset()
        self.assertEqual(line.actual_value, 97.0)
        # The cycle's refresh takes the appraisals still in self-assessment only.
        cycle.with_user(self.user_hr).action_refresh_kpi()
        peer_line.invalidate_recordset()
        self.assertEqual(peer_line.actual_value, 95.0)
        peer_appraisal = self._appraisal(cycle, self.peer)
        self._rate(peer_appraisal, self.user_peer, [80.0] * 10)
        peer_appraisal.with_user(self.user_peer).action_submit_self()
        with self.assertRaisesRegex(UserError, "Rating has started for every appraisal"):
            cycle.with_user(self.user_hr).action_refresh_kpi()
        peer_line.invalidate_recordset()
        self.assertEqual(peer_line.actual_value, 95.0, "nothing written")

    def test_only_hr_refreshes(self):
        cycle = self._cycle(apply_exclusions=False)
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        with self.assertRaisesRegex(UserError, "Only HR may refresh the KPI values"):
            appraisal.with_user(self.user_director).action_refresh_kpi()
        with self.assertRaises(UserError):
            cycle.with_user(self.user_director).action_refresh_kpi()

    def test_nothing_prefilled_says_why(self):
        # Odd dates: no KPI period has them.
        cycle = self._cycle(
            "irregular",
            name="Odd dates",
            date_start=date(2025, 3, 10),
            date_end=date(2025, 3, 20),
            apply_exclusions=False,
        )
        action = cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("No KPI value could be prefilled", action["params"]["message"])
        self.assertIn("No KPI period has the cycle's dates", action["params"]["message"])
        self.assertIn("No KPI period has the cycle's dates", self._chatter(cycle))
        # The dates of a year: the period exists but nobody entered the KPIs.
        cycle = self._cycle(apply_exclusions=False)
        action = cycle.with_user(self.user_hr).action_launch()
        message = action["params"]["message"]
        self.assertIn("0 of 4 KPI lines filled", message)
        self.assertIn("H2 intact rate: entered by hand, no value entered for", message)
        self.assertIn("H2 procedure errors: entered by hand", message)
        # The appraisal's own refresh logs on the appraisal.
        appraisal = self._appraisal(cycle)
        self._value(self.emp, self.kpi_intact, 99.0)
        action = appraisal.with_user(self.user_hr).action_refresh_kpi()
        self.assertEqual(action["params"]["type"], "success")
        self.assertIn("1 of 2 KPI lines filled", self._chatter(appraisal))


@tagged("post_install", "-at_install")
class TestKpiCorrection(SteeringCase):
    def _wizard(self, user, line, **vals):
        return (
            self.env["mfg.appraisal.kpi.correction.wizard"]
            .with_user(user)
            .create(dict({"line_id": line.id}, **vals))
        )

    def test_hr_manager_corrects_a_locked_value_with_a_reason(self):
        locked = self._value(self.emp, self.kpi_intact, 90.0, state="locked")
        cycle = self._cycle(apply_exclusions=False)
        cycle.with_user(self.user_hr).action_launch()
        line = self._line(cycle, self.emp, LINE_INTACT)
        self.assertEqual((line.actual_value, line.score), (90.0, 60.0))
        # The HR officer has no access to the correction.
        with self.assertRaises(AccessError):
            self._wizard(self.user_hr, line, new_value=97.0, reason="x")
        # No reason: refused, nothing written.
        wizard = self._wizard(self.user_hr_manager, line, new_value=97.0, reason=" ")
        with self.assertRaisesRegex(UserError, "Give the reason"):
            wizard.action_apply()
        line.invalidate_recordset()
        self.assertFalse(line.kpi_corrected)
        self.assertEqual(line.actual_value, 90.0)
        wizard = self._wizard(
            self.user_hr_manager, line, new_value=97.0, reason="Two repairs booked twice"
        )
        wizard.action_apply()
        line.invalidate_recordset()
        # 98 - 97 = 1 step: 95; the KPI value stays locked at 90.
        self.assertEqual(
            (line.actual_value, line.score, line.kpi_corrected, line.kpi_prefill_value),
            (97.0, 95.0, True, 90.0),
        )
        self.assertEqual((locked.state, locked.value), ("locked", 90.0))
        self.assertEqual(line.kpi_correction_reason, "Two repairs booked twice")
        chatter = self._chatter(self._appraisal(cycle))
        self.assertIn("corrected the KPI value of Equipment intact rate: 90.0 → 97.0", chatter)
        self.assertIn("Two repairs booked twice", chatter)
        # A refresh leaves the corrected line alone.
        cycle.with_user(self.user_hr).action_refresh_kpi()
        line.invalidate_recordset()
        self.assertEqual(line.actual_value, 97.0)
        # Once the rating is submitted, no correction.
        appraisal = self._appraisal(cycle)
        TestAppraisalWorkflow._to_review(self, appraisal)
        line.invalidate_recordset()
        before = line.actual_value
        wizard = self._wizard(self.user_hr_manager, line, new_value=before + 1, reason="late")
        with self.assertRaisesRegex(UserError, "KPI lines are corrected until the rating"):
            wizard.action_apply()
        line.invalidate_recordset()
        self.assertEqual(line.actual_value, before)


@tagged("post_install", "-at_install")
class TestLaunchChecks(SteeringCase):
    def test_launch_lists_every_problem_at_once(self):
        # A second position with its own sheet, parameters blank.
        job = self.env["hr.job"].create({"name": "Blank sheet position (test)"})
        blank = self.template.copy({"name": "Blank sheet (test)", "code": "blank_test"})
        blank.job_ids = job
        blank.line_ids.filtered(lambda t: t.name == LINE_INTACT).write(
            {"step": 0.0, "deduction": 0.0}
        )
        blank.state = "active"
        no_group = new_test_user(self.env, "appr_nogroup", groups="base.group_user")
        orphan = new_test_user(self.env, "appr_orphan", groups="mfg_appraisal.group_appraisal_user")
        Employee = self.env["hr.employee"]
        Employee.create(
            [
                {"name": "Nora No-login", "job_id": job.id, "parent_id": self.director.id},
                {"name": "Orphan Oscar", "job_id": job.id, "user_id": orphan.id},
                {
                    "name": "Gus No-group",
                    "job_id": job.id,
                    "parent_id": self.director.id,
                    "user_id": no_group.id,
                },
            ]
        )
        self.user_director.group_ids -= self.env.ref("mfg_appraisal.group_appraisal_appraiser")
        self.user_director.group_ids += self.env.ref("mfg_appraisal.group_appraisal_user")
        cycle = self._cycle(job_ids=[Command.set((self.job_equipment | job).ids)])
        with self.assertRaises(UserError) as caught:
            cycle.with_user(self.user_hr).action_launch()
        message = str(caught.exception)
        for expected in (
            "Fill the scoring parameters of sheet Blank sheet (test): Equipment intact rate "
            "(step S, deduction D).",
            "Without a login",
            "Nora No-login.",
            "No appraiser (no superior with a login; set their manager, or exclude them on the "
            "Exclusions tab): Orphan Oscar.",
            'Logins without the group "Employee: own appraisals and ratings"',
            f"{no_group.name}.",
            f'Appraisers without the group "Appraiser: team appraisals": {self.user_director.name}.',
            'tick "Grant the Appraisal Groups at Launch"',
        ):
            self.assertIn(expected, message)
        cycle.invalidate_recordset()
        self.assertEqual(cycle.state, "draft")
        self.assertFalse(cycle.appraisal_ids)
        self.assertFalse(cycle.exclusion_ids, "nothing half-written")

    def test_hr_manager_grants_the_groups_at_launch(self):
        no_group = new_test_user(self.env, "appr_nogroup", groups="base.group_user")
        self.emp.sudo().user_id = no_group
        self.user_director.group_ids -= self.env.ref("mfg_appraisal.group_appraisal_appraiser")
        self.user_director.group_ids += self.env.ref("mfg_appraisal.group_appraisal_user")
        cycle = self._cycle(apply_exclusions=False)
        with self.assertRaisesRegex(UserError, "Only an HR manager grants"):
            cycle.with_user(self.user_hr).grant_groups = True
        cycle.with_user(self.user_hr_manager).grant_groups = True
        # An HR officer does not launch a cycle that grants groups.
        with self.assertRaisesRegex(UserError, "Only an HR manager grants"):
            cycle.with_user(self.user_hr).action_launch()
        cycle.with_user(self.user_hr_manager).action_launch()
        self.assertTrue(no_group.has_group("mfg_appraisal.group_appraisal_user"))
        self.assertTrue(self.user_director.has_group("mfg_appraisal.group_appraisal_appraiser"))
        chatter = self._chatter(cycle)
        self.assertIn("Groups granted at launch", chatter)
        self.assertIn(no_group.name, chatter)
        appraisal = self._appraisal(cycle)
        self.assertEqual(appraisal.activity_ids.user_id, no_group)
        appraisal.with_user(no_group).check_access("read")

    def test_no_activity_for_users_who_cannot_open_it(self):
        cycle = self._cycle(apply_exclusions=False)
        cycle.with_user(self.user_hr).action_launch()
        appraisal = self._appraisal(cycle)
        outsider = new_test_user(self.env, "appr_outsider", groups="base.group_user")
        before = appraisal.activity_ids
        appraisal._schedule_activities(
            [(appraisal, outsider, "Look"), (appraisal, self.user_hr, "Look")]
        )
        self.assertEqual((appraisal.activity_ids - before).user_id, self.user_hr)

    @freeze_time("2025-05-10")
    def test_deadlines_run_from_the_launch_day(self):
        """A Q1 cycle planned for 1 April (self-assessment by the 3rd, rating by the 8th,
        publication by the 10th) launched on 10 May keeps those 2 / 7 / 9 days."""
        cycle = self._cycle(
            "quarterly",
            date_start=date(2025, 1, 1),
            date_end=date(2025, 3, 31),
            apply_exclusions=False,
        )
        self.assertEqual(
            (
                cycle.date_launch,
                cycle.date_indicators_fixed,
                cycle.date_rating_deadline,
                cycle.date_publication_deadline,
            ),
            (date(2025, 4, 1), date(2025, 4, 3), date(2025, 4, 8), date(2025, 4, 10)),
        )
        cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(
            (
                cycle.date_launch,
                cycle.date_indicators_fixed,
                cycle.date_rating_deadline,
                cycle.date_publication_deadline,
            ),
            (date(2025, 5, 10), date(2025, 5, 12), date(2025, 5, 17), date(2025, 5, 19)),
        )
        self.assertEqual(
            set(cycle.appraisal_ids.activity_ids.mapped("date_deadline")), {date(2025, 5, 12)}
        )
        self.assertIn("Launched 39 days after the planned 2025-04-01", self._chatter(cycle))
        # Rating to-dos follow the moved rating deadline.
        appraisal = self._appraisal(cycle)
        self._rate(appraisal, self.user_emp, [80.0] * 10)
        appraisal.with_user(self.user_emp).action_submit_self()
        rate = appraisal.activity_ids.filtered(lambda a: a.user_id == self.user_director)
        self.assertEqual(rate.date_deadline, date(2025, 5, 17))

    @freeze_time("2025-03-30")
    def test_launched_early_keeps_the_calendar(self):
        cycle = self._cycle(
            "quarterly",
            date_start=date(2025, 1, 1),
            date_end=date(2025, 3, 31),
            apply_exclusions=False,
        )
        cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(
            (cycle.date_launch, cycle.date_indicators_fixed, cycle.date_publication_deadline),
            (date(2025, 4, 1), date(2025, 4, 3), date(2025, 4, 10)),
        )


@tagged("post_install", "-at_install")
class TestApprovalChainGaps(SteeringCase):
    """Issue 13: a tier nobody can decide is told at launch and at submission, and the
    publication error names the tier and its group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.template.approval_chain_id = cls.env.ref("mfg_appraisal.approval_chain_president")
        cls.president_group = cls.env.ref("mfg_appraisal.group_appraisal_president")
        cls.president_group.sudo().user_ids = [Command.clear()]
        cls.user_production = new_test_user(
            cls.env,
            "appr_prod_director",
            groups="mfg_appraisal.group_appraisal_production_director",
        )

    def _approve(self, appraisal, user):
        """What the comment dialog of a tier asking for a comment does."""
        appraisal.with_user(user)._validate_tier()
        appraisal.with_user(user)._update_counter({"review_deleted": True})
        self.env.invalidate_all()

    def test_tier_without_member_warned_and_named(self):
        cycle = self._cycle(apply_exclusions=False)
        action = cycle.with_user(self.user_hr).action_launch()
        self.assertEqual(action["params"]["type"], "warning")
        expected = (
            'Approval tier "President\'s office approval" has nobody to decide it: the group '
            '"President\'s Office" has no member in the company. 2 appraisals'
        )
        self.assertIn(expected, action["params"]["message"])
        self.assertIn(expected, self._chatter(cycle))
        appraisal = self._appraisal(cycle)
        self._rate(appraisal, self.user_emp, [80.0] * 10)
        appraisal.with_user(self.user_emp).action_submit_self()
        lines = appraisal.line_ids.filtered(lambda x: x.rule_kind != "direct")
        lines.filtered(lambda x: x.rule_kind == "occurrence").with_user(
            self.user_director
        ).occurrences = 0
        lines.filtered(lambda x: x.rule_kind == "linear").with_user(
            self.user_director
        ).actual_value = 98.0
        self._rate(appraisal, self.user_director, [80.0] * 10)
        action = appraisal.with_user(self.user_director).action_submit_rating()
        self.assertEqual(action["params"]["type"], "warning")
        self.assertIn("has nobody to decide it", action["params"]["message"])
        self.assertIn("has nobody to decide it", self._chatter(appraisal))
        self._approve(appraisal, self.user_production)
        self._approve(appraisal, self.user_hr_manager)
        with self.assertRaises(UserError) as caught:
            appraisal.with_user(self.user_hr).action_publish()
        self.assertIn(
            "President's office approval (group President's Office: nobody can decide it, the "
            "group has no member",
            str(caught.exception),
        )
        appraisal.invalidate_recordset()
        self.assertEqual(appraisal.state, "review")
        # With a member, the chain completes and no warning is left to give (the tiers ask for
        # a comment: the comment dialog validates with _validate_tier).
        president = new_test_user(
            self.env, "appr_president", groups="mfg_appraisal.group_appraisal_president"
        )
        self.assertFalse(self._appraisal(cycle, self.peer)._tier_gaps())
        appraisal.sudo().review_ids._compute_reviewer_ids()
        self._approve(appraisal, president)
        appraisal.with_user(self.user_hr).action_publish()
        self.assertEqual(appraisal.state, "published")


@tagged("post_install", "-at_install")
class TestSteeringApi(SteeringCase, RpcCase):
    """Who may grant groups, launch, refresh and correct, through the external API; every
    refusal leaves the database as it was."""

    def assertRefused(self, user, records, model, method, *args, **kwargs):
        before = self.snapshot(records)
        error = self.refused(user, model, method, *args, **kwargs)
        self.assertEqual(self.snapshot(records), before, f"{model}.{method} left changes")
        return error

    def test_roles_through_the_api(self):
        Cycle = "mfg.appraisal.cycle"
        cycle = self._cycle(apply_exclusions=False)
        error = self.assertRefused(
            self.user_hr, cycle, Cycle, "write", [cycle.id], {"grant_groups": True}
        )
        self.assertIn("Only an HR manager grants", error.message)
        self.rpc(self.user_hr_manager, Cycle, "write", [cycle.id], {"grant_groups": True})
        self.assertTrue(cycle.grant_groups)
        error = self.assertRefused(self.user_hr, cycle, Cycle, "action_launch", [cycle.id])
        self.assertIn("Only an HR manager grants", error.message)
        self.assertFalse(cycle.appraisal_ids)
        self.rpc(self.user_hr_manager, Cycle, "action_launch", [cycle.id])
        self.assertEqual(cycle.state, "running")
        appraisal = self._appraisal(cycle)
        lines = appraisal.sudo().line_ids
        # Refresh: HR only, never the appraiser or the appraisee.
        for user in (self.user_director, self.user_emp):
            with self.subTest(user=user.login):
                self.assertRefused(user, lines, APPRAISAL, "action_refresh_kpi", [appraisal.id])
                self.assertRefused(user, cycle, Cycle, "action_refresh_kpi", [cycle.id])
        self.rpc(self.user_hr, APPRAISAL, "action_refresh_kpi", [appraisal.id])
        # The prefill's own fields are written by the system only.
        line = self._line(cycle, self.emp, LINE_INTACT)
        self._rate(appraisal, self.user_emp, [80.0] * 10)
        appraisal.with_user(self.user_emp).action_submit_self()
        for vals in (
            {"kpi_corrected": True},
            {"kpi_value_state": "locked"},
            {"kpi_correction_reason": "x"},
            {"kpi_prefill_value": 1.0},
        ):
            with self.subTest(vals=vals):
                self.assertRefused(
                    self.user_director, line, "mfg.appraisal.line", "write", [line.id], vals
                )
        # The correction: HR managers only.
        wizard_model = "mfg.appraisal.kpi.correction.wizard"
        vals = {"line_id": line.id, "new_value": 97.0, "reason": "Counted twice"}
        error = self.assertRefused(self.user_hr, line, wizard_model, "create", vals)
        self.assertEqual(error.kind, "AccessError")
        wizard_id = self.rpc(self.user_hr_manager, wizard_model, "create", vals)
        self.rpc(self.user_hr_manager, wizard_model, "action_apply", [wizard_id])
        line.invalidate_recordset()
        self.assertEqual((line.actual_value, line.kpi_corrected), (97.0, True))
