from contextlib import ExitStack
from datetime import date
from unittest.mock import patch

from odoo import Command
from odoo.orm import models as orm_models
from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase


@tagged("post_install", "-at_install")
class TestWorkflowQueryCount(TransactionCase):
    """Every step of a cycle (launch, self-assessment → rating, rating → review with the
    approval chain requested, publication) takes as many queries for 200 appraisees with logins
    as for 20: activities, followers, notifications, chatter tracking, approval reviews and results
    are written for the cohort at once, never per appraisal."""

    SIZES = {"warm": 3, "small": 20, "large": 200}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr = new_test_user(
            cls.env,
            "qc_hr",
            groups="mfg_appraisal.group_appraisal_hr,hr.group_hr_user",
        )
        cls.cohorts = {name: cls._cohort(name, size) for name, size in cls.SIZES.items()}

    @classmethod
    def _cohort(cls, name, size):
        """A team leader and ``size`` operators, all with logins, of a position with its own
        sheet (performance lines and attitude lines rated by self and superior), and a draft
        annual cycle of that position."""
        env = cls.env
        job = env["hr.job"].create({"name": f"QC operator {name}"})
        env["mfg.appraisal.template"].create(
            {
                "name": f"QC sheet {name}",
                "code": f"qc_sheet_{name}",
                "job_ids": [(6, 0, job.ids)],
                "state": "active",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Performance",
                            "sequence": 1,
                            "weight": 60,
                            "line_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": f"Rate {i}",
                                        "weight": 50,
                                        "rule_kind": "linear",
                                        "target": 98.0,
                                        "step": 1.0,
                                        "deduction": 5.0,
                                        "direction": "higher",
                                        "sequence": i,
                                    },
                                )
                                for i in range(2)
                            ],
                        },
                    ),
                    (
                        0,
                        0,
                        {
                            "name": "Attitude",
                            "sequence": 2,
                            "weight": 40,
                            "rater_ids": [
                                (0, 0, {"role": "self", "weight": 30}),
                                (0, 0, {"role": "superior", "weight": 70}),
                            ],
                            "line_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "name": f"Attitude {i}",
                                        "weight": 50,
                                        "rule_kind": "direct",
                                        "sequence": i,
                                    },
                                )
                                for i in range(2)
                            ],
                        },
                    ),
                ],
            }
        )
        leader_user = new_test_user(
            env, f"qc_lead_{name}", groups="mfg_appraisal.group_appraisal_appraiser"
        )
        Employee = env["hr.employee"]
        leader = Employee.create({"name": f"QC leader {name}", "user_id": leader_user.id})
        users = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "name": f"QC operator {name} {i}",
                        "login": f"qc_op_{name}_{i}",
                        "email": f"qc.op.{name}.{i}@example.com",
                        "group_ids": [(6, 0, env.ref("mfg_appraisal.group_appraisal_user").ids)],
                    }
                    for i in range(size)
                ]
            )
        )
        Employee.create(
            [
                {
                    "name": user.name,
                    "user_id": user.id,
                    "parent_id": leader.id,
                    "job_id": job.id,
                }
                for user in users
            ]
        )
        cycle = (
            env["mfg.appraisal.cycle"]
            .with_user(cls.user_hr)
            .create(
                {
                    "name": f"QC cycle {name}",
                    "kind": "annual",
                    "date_start": date(2025, 1, 1),
                    "date_end": date(2025, 12, 31),
                    "job_ids": [(6, 0, job.ids)],
                }
            )
        )
        return {"cycle": cycle, "users": users, "leader": leader_user}

    def _queries(self, step):
        """Queries of ``step(cohort)`` for each cohort, in order (the first warms caches),
        including the tracking messages written when the transaction commits. The
        ORM splits inserts into batches of 100 rows and reads into chunks of 1,000 ids: those
        chunks are raised, so what is compared is the workflow's own queries."""
        counts = {}
        for name, cohort in self.cohorts.items():
            with ExitStack() as stack:
                stack.enter_context(patch.object(orm_models, "INSERT_BATCH_SIZE", 100000))
                stack.enter_context(patch.object(orm_models, "UPDATE_BATCH_SIZE", 100000))
                self._commit()
                before = self.env.cr.sql_log_count
                step(cohort)
                self._commit()
                counts[name] = self.env.cr.sql_log_count - before
        return counts

    def _commit(self):
        """What a commit runs: flush, then the pre-commit work (the chatter's tracking)."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.env.flush_all()
        self.env.invalidate_all()

    def assertFlat(self, counts, step):
        self.assertEqual(
            counts["small"],
            counts["large"],
            f"{step}: {counts['small']} queries for {self.SIZES['small']} appraisees, "
            f"{counts['large']} for {self.SIZES['large']}",
        )

    def _appraisals(self, cohort):
        return cohort["cycle"].sudo().appraisal_ids

    def test_cycle_steps_flat(self):
        Appraisal = self.env["mfg.appraisal"]
        todo = self.env.ref("mail.mail_activity_data_todo")

        # Launch: appraisals, sheets, raters and one to-do per appraisee, notified.
        counts = self._queries(lambda c: c["cycle"].with_user(self.user_hr).action_launch())
        self.assertFlat(counts, "launch")
        for name, cohort in self.cohorts.items():
            appraisals = self._appraisals(cohort)
            self.assertEqual(len(appraisals), self.SIZES[name])
            activities = appraisals.activity_ids
            self.assertEqual(sorted(activities.mapped("user_id").ids), sorted(cohort["users"].ids))
            self.assertEqual(set(activities.mapped("activity_type_id")), {todo})
            for appraisal in appraisals:
                # the appraisee follows their appraisal and was told about the to-do
                self.assertIn(appraisal.employee_user_id.partner_id, appraisal.message_partner_ids)
                notices = self.env["mail.message"].search(
                    [
                        ("model", "=", "mfg.appraisal"),
                        ("res_id", "=", appraisal.id),
                        ("message_type", "=", "user_notification"),
                    ]
                )
                self.assertEqual(len(notices), 1)
                self.assertEqual(notices.partner_ids, appraisal.employee_user_id.partner_id)
                self.assertEqual(
                    notices.notification_ids.res_partner_id, appraisal.employee_user_id.partner_id
                )

        # Self-assessment → rating (the appraisees scored themselves).
        for cohort in self.cohorts.values():
            raters = self._appraisals(cohort).rater_ids
            raters.filtered(lambda r: r.role == "self").rating_ids.write(
                {"score": 85.0, "score_set": True}
            )
        counts = self._queries(
            lambda c: c["cycle"].appraisal_ids.with_user(self.user_hr).action_submit_self()
        )
        self.assertFlat(counts, "self-assessment → rating")
        for cohort in self.cohorts.values():
            appraisals = self._appraisals(cohort)
            self.assertEqual(set(appraisals.mapped("state")), {"rating"})
            # The appraisees' to-dos are done, the leader has one to-do per appraisal.
            self.assertEqual(appraisals.activity_ids.user_id, cohort["leader"])
            self.assertEqual(len(appraisals.activity_ids), len(appraisals))
            self._assert_state_tracked(appraisals, "self_assessment", "rating")

        # Rating → review: the approval chain is requested for the cohort at once.
        for cohort in self.cohorts.values():
            appraisals = self._appraisals(cohort)
            appraisals.rater_ids.filtered(lambda r: r.role != "self").rating_ids.write(
                {"score": 80.0, "score_set": True}
            )
            appraisals.line_ids.filtered(lambda line: line.rule_kind != "direct").write(
                {"actual_value": 97.0, "actual_set": True}
            )
        requested = {}
        original = type(Appraisal).request_validation

        def counted(records):
            before = records.env.cr.sql_log_count
            result = original(records)
            records.env.flush_all()
            requested[len(records)] = records.env.cr.sql_log_count - before
            return result

        with patch.object(type(Appraisal), "request_validation", counted):
            counts = self._queries(
                lambda c: c["cycle"].appraisal_ids.with_user(self.user_hr).action_submit_rating()
            )
        self.assertFlat(counts, "rating → review")
        self.assertEqual(
            requested[self.SIZES["small"]],
            requested[self.SIZES["large"]],
            "request_validation",
        )
        for cohort in self.cohorts.values():
            appraisals = self._appraisals(cohort)
            self.assertEqual(set(appraisals.mapped("state")), {"review"})
            self.assertFalse(appraisals.activity_ids)
            self._assert_state_tracked(appraisals, "rating", "review")
            for appraisal in appraisals:
                self.assertEqual(appraisal.review_ids.mapped("status"), ["pending"])
                self.assertIn(self.user_hr, appraisal.review_ids.reviewer_ids)
                self.assertNotIn(appraisal.employee_user_id, appraisal.review_ids.reviewer_ids)
                # 60% × 95 (1 point below target: -5) + 40% × (30% × 85 + 70% × 80)
                self.assertAlmostEqual(appraisal.total_score, 89.6, places=2)

        # Publication (the HR reviewers approved): results, flags, chatter and to-dos at once.
        for cohort in self.cohorts.values():
            self._appraisals(cohort).review_ids.write(
                {"status": "approved", "done_by": self.user_hr.id}
            )
        counts = self._queries(lambda c: c["cycle"].with_user(self.user_hr).action_publish())
        self.assertFlat(counts, "publish")
        for cohort in self.cohorts.values():
            appraisals = self._appraisals(cohort)
            self.assertEqual(cohort["cycle"].state, "published")
            self.assertEqual(set(appraisals.mapped("state")), {"published"})
            self.assertEqual(set(appraisals.mapped("grade")), {"excellent"})
            self.assertEqual(set(appraisals.mapped("payroll_basis")), {False})
            self.assertEqual(
                sorted(appraisals.activity_ids.user_id.ids), sorted(cohort["users"].ids)
            )
            self._assert_state_tracked(appraisals, "review", "published")

    def test_bulk_hr_actions_flat(self):
        """HR sends a reviewed cohort back to rating, then cancels the cycle: flat as well."""
        for cohort in self.cohorts.values():
            cycle = cohort["cycle"].with_user(self.user_hr)
            cycle.action_launch()
            appraisals = self._appraisals(cohort)
            appraisals.rater_ids.rating_ids.write({"score": 80.0, "score_set": True})
            appraisals.line_ids.filtered(lambda line: line.rule_kind != "direct").write(
                {"actual_value": 98.0, "actual_set": True}
            )
            appraisals.with_user(self.user_hr).action_submit_self()
            appraisals.with_user(self.user_hr).action_submit_rating()
            self.assertTrue(all(appraisals.mapped("review_ids")))
        counts = self._queries(
            lambda c: c["cycle"].appraisal_ids.with_user(self.user_hr).action_back_to_rating()
        )
        self.assertFlat(counts, "back to rating")
        for cohort in self.cohorts.values():
            appraisals = self._appraisals(cohort)
            self.assertEqual(set(appraisals.mapped("state")), {"rating"})
            self.assertFalse(appraisals.review_ids)
            self.assertEqual(
                set(appraisals.rater_ids.filtered(lambda r: r.role == "superior").mapped("state")),
                {"todo"},
            )
            self._assert_state_tracked(appraisals, "review", "rating")
        counts = self._queries(lambda c: c["cycle"].with_user(self.user_hr).action_cancel())
        self.assertFlat(counts, "cancel the cycle")
        for cohort in self.cohorts.values():
            self.assertEqual(set(self._appraisals(cohort).mapped("state")), {"cancelled"})
            self._assert_state_tracked(self._appraisals(cohort), "rating", "cancelled")

    def test_hr_on_behalf_and_remind_flat(self):
        """HR's list actions: remind, submit on behalf (self-assessment, then rating), each in
        as many queries for 200 appraisals as for 20."""
        for cohort in self.cohorts.values():
            cohort["cycle"].with_user(self.user_hr).action_launch()
        counts = self._queries(
            lambda c: c["cycle"].appraisal_ids.with_user(self.user_hr).action_remind()
        )
        self.assertFlat(counts, "remind (self-assessment)")
        counts = self._queries(
            lambda c: c["cycle"]
            .appraisal_ids.with_user(self.user_hr)
            .action_submit_on_behalf("Appraisees on a training course")
        )
        self.assertFlat(counts, "self-assessment on behalf")
        for cohort in self.cohorts.values():
            appraisals = self._appraisals(cohort)
            self.assertEqual(set(appraisals.mapped("state")), {"rating"})
            # Nothing was self-scored: no self rater was submitted, no appraisee's to-do is open.
            self.assertEqual(appraisals.activity_ids.user_id, cohort["leader"])
            appraisals.rater_ids.filtered(lambda r: r.role != "self").rating_ids.write(
                {"score": 80.0, "score_set": True}
            )
            appraisals.line_ids.filtered(lambda line: line.rule_kind != "direct").write(
                {"actual_value": 98.0, "actual_set": True}
            )
        counts = self._queries(
            lambda c: c["cycle"].appraisal_ids.with_user(self.user_hr).action_remind()
        )
        self.assertFlat(counts, "remind (rating)")
        counts = self._queries(
            lambda c: c["cycle"]
            .appraisal_ids.with_user(self.user_hr)
            .action_submit_on_behalf("Leader away")
        )
        self.assertFlat(counts, "rating on behalf")
        for cohort in self.cohorts.values():
            appraisals = self._appraisals(cohort)
            self.assertEqual(set(appraisals.mapped("state")), {"review"})
            # 60% x 100 + 40% x 80 (the superior alone)
            self.assertEqual(set(appraisals.mapped("total_score")), {92.0})

    def _assert_state_tracked(self, appraisals, old, new):
        """Each appraisal's chatter shows its state change (one tracking value)."""
        labels = dict(appraisals._fields["state"]._description_selection(self.env))
        values = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.model", "=", "mfg.appraisal"),
                ("mail_message_id.res_id", "in", appraisals.ids),
                ("field_id.name", "=", "state"),
                ("old_value_char", "=", labels[old]),
                ("new_value_char", "=", labels[new]),
            ]
        )
        self.assertEqual(sorted(values.mail_message_id.mapped("res_id")), sorted(appraisals.ids))


@tagged("post_install", "-at_install")
class TestRefreshQueryCount(TestWorkflowQueryCount):
    """Refreshing the KPI values of a running cycle takes as many queries for 200 appraisees as
    for 20 (the values read in one query, the lines written in batches)."""

    # Only the refresh is measured here; the workflow steps are measured above.
    test_cycle_steps_flat = None
    test_bulk_hr_actions_flat = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.kpi = cls.env["mfg.kpi"].create(
            {"code": "QC_REFRESH", "name": "QC refresh rate", "unit": "percent"}
        )
        for cohort in cls.cohorts.values():
            cohort["cycle"].sudo()._link_kpi_period()
            sheet = cls.env["mfg.appraisal.template"].search(
                [("job_ids", "in", cohort["users"].employee_ids.job_id.ids)]
            )
            sheet.line_ids.filtered(lambda t: t.rule_kind == "linear").kpi_id = cls.kpi

    def test_refresh_flat(self):
        for cohort in self.cohorts.values():
            cohort["cycle"].with_user(self.user_hr).action_launch()
            period = cohort["cycle"].kpi_period_id
            self.env["mfg.kpi.value"].create(
                [
                    {
                        "kpi_id": self.kpi.id,
                        "period_id": period.id,
                        "employee_id": employee.id,
                        "value": 90.0 + i % 8,
                    }
                    for i, employee in enumerate(cohort["users"].employee_ids)
                ]
            )
        counts = self._queries(lambda c: c["cycle"].with_user(self.user_hr).action_refresh_kpi())
        self.assertFlat(counts, "refresh the KPI values")
        for cohort in self.cohorts.values():
            lines = self._appraisals(cohort).line_ids.filtered(lambda x: x.kpi_id == self.kpi)
            self.assertEqual(len(lines), 2 * len(cohort["users"]))
            self.assertEqual(set(lines.mapped("kpi_value_state")), {"draft"})
            for line in lines:
                employee = line.appraisal_id.employee_id
                value = 90.0 + list(cohort["users"].employee_ids).index(employee) % 8
                # target 98, 5 points per point below
                self.assertEqual(
                    (line.actual_value, line.score), (value, max(0.0, 100 - 5 * (98 - value)))
                )


@tagged("post_install", "-at_install")
class TestRaterToDoQueryCount(TestWorkflowQueryCount):
    """With peers rating (each operator rates the others of the team, on their rater entry:
    n × (n - 1) entries), their to-dos are scheduled, reminded, done, dropped when the rating
    closes, scheduled again when it is sent back and dropped at cancellation, in as many
    queries for 20 appraisees (380 peer entries) as for 8 (56). Kept under 1,000 rating rows,
    which the ORM would read in two chunks."""

    SIZES = {"warm": 3, "small": 8, "large": 20}
    # Only the peers' to-dos are measured here; the workflow steps are measured above.
    test_cycle_steps_flat = None
    test_bulk_hr_actions_flat = None
    test_hr_on_behalf_and_remind_flat = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for name in cls.SIZES:
            sheet = cls.env["mfg.appraisal.template"].search([("code", "=", f"qc_sheet_{name}")])
            attitude = sheet.section_ids.filtered(lambda s: s.name == "Attitude")
            attitude.rater_ids.filtered(lambda r: r.role == "superior").weight = 50
            attitude.rater_ids = [Command.create({"role": "peer", "weight": 20})]

    def _peers(self, cohort):
        return self._appraisals(cohort).rater_ids.filtered(lambda r: r.role == "peer")

    def _assert_peer_todos(self, open_raters):
        """Each of ``open_raters`` has one open to-do of its rater, on itself; no peer has one
        on an appraisal."""
        for cohort in self.cohorts.values():
            peers = self._peers(cohort)
            expected = sorted((r.id, r.user_id.id) for r in peers & open_raters)
            self.assertEqual(sorted((a.res_id, a.user_id.id) for a in peers.activity_ids), expected)
            self.assertFalse(self._appraisals(cohort).activity_ids.user_id & peers.user_id)

    def test_peer_todos_flat(self):
        for name, cohort in self.cohorts.items():
            cohort["cycle"].with_user(self.user_hr).action_launch()
            size = self.SIZES[name]
            self.assertEqual(len(self._peers(cohort)), size * (size - 1))
            raters = self._appraisals(cohort).rater_ids
            raters.filtered(lambda r: r.role == "self").rating_ids.write(
                {"score": 85.0, "score_set": True}
            )
        all_peers = self.env["mfg.appraisal.rater"].union(
            *(self._peers(c) for c in self.cohorts.values())
        )
        counts = self._queries(
            lambda c: c["cycle"].appraisal_ids.with_user(self.user_hr).action_submit_self()
        )
        self.assertFlat(counts, "self-assessment → rating (peer to-dos)")
        self._assert_peer_todos(all_peers)
        counts = self._queries(
            lambda c: c["cycle"].appraisal_ids.with_user(self.user_hr).action_remind()
        )
        self.assertFlat(counts, "remind (peers)")
        self._assert_peer_todos(all_peers)
        # The first operator of each team hands in its peer scores (HR on their behalf).
        first = self.env["mfg.appraisal.rater"].union(
            *(
                self._peers(c).filtered(lambda r, c=c: r.user_id == c["users"][0])
                for c in self.cohorts.values()
            )
        )
        first.rating_ids.write({"score": 75.0, "score_set": True})
        counts = self._queries(
            lambda c: (first & self._peers(c)).with_user(self.user_hr).action_submit()
        )
        self.assertFlat(counts, "peers submit")
        self._assert_peer_todos(all_peers - first)
        self.assertEqual(
            set(first.with_context(active_test=False).activity_ids.mapped("feedback")),
            {"Scores submitted."},
        )
        # The rating closes without the others: their to-dos go.
        for cohort in self.cohorts.values():
            appraisals = self._appraisals(cohort)
            appraisals.rater_ids.filtered(lambda r: r.role == "superior").rating_ids.write(
                {"score": 80.0, "score_set": True}
            )
            appraisals.line_ids.filtered(lambda line: line.rule_kind != "direct").write(
                {"actual_value": 98.0, "actual_set": True}
            )
        counts = self._queries(
            lambda c: c["cycle"].appraisal_ids.with_user(self.user_hr).action_submit_rating()
        )
        self.assertFlat(counts, "rating → review (peer to-dos dropped)")
        self._assert_peer_todos(all_peers.browse())
        counts = self._queries(
            lambda c: c["cycle"].appraisal_ids.with_user(self.user_hr).action_back_to_rating()
        )
        self.assertFlat(counts, "back to rating (peer to-dos again)")
        self._assert_peer_todos(all_peers - first)
        counts = self._queries(lambda c: c["cycle"].with_user(self.user_hr).action_cancel())
        self.assertFlat(counts, "cancel the cycle (peer to-dos dropped)")
        self._assert_peer_todos(all_peers.browse())
