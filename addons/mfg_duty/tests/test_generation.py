# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from datetime import date

from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import MARCH_1, MARCH_31, DutyCommon


@tagged("post_install", "-at_install")
class TestGeneration(DutyCommon):
    def _runs(self, templates=None):
        return self.Run.search(
            [("template_id", "in", (templates or self.template).ids)], order="id"
        )

    def test_month_of_runs_twice_no_duplicates(self):
        """A month generated twice: exactly one checklist per employee, frequency and period."""
        created = self._generate(MARCH_1, MARCH_31)
        # 4 operators × (31 days + 6 weeks touching March + 1 month).
        self.assertEqual(len(created), 4 * (31 + 6 + 1))
        self.assertEqual(created.mapped("employee_id"), self.operators)
        daily = created.filtered(lambda r: r.frequency == "daily")
        self.assertEqual(len(daily), 124)
        self.assertEqual(len(daily.item_ids), 248)
        self.assertEqual(len(created.item_ids), 248 + 24 + 4)
        self.assertEqual(set(created.mapped("state")), {"todo"})
        self.assertEqual(set(created.mapped("completion_rate")), {0.0})

        again = self._generate(MARCH_1, MARCH_31)
        self.assertFalse(again)
        runs = self._runs()
        self.assertEqual(runs, created)
        self.assertEqual(self.Item.search_count([("run_id", "in", runs.ids)]), 276)
        keys = {(r.employee_id, r.frequency, r.period_start) for r in runs}
        self.assertEqual(len(keys), len(runs))
        # The team leader holds another position; the other company has its own template.
        self.assertFalse(runs.filtered(lambda r: r.employee_id in (self.leader | self.emp_2)))

    def test_overlapping_range_only_adds_missing(self):
        self._generate(MARCH_1, MARCH_31)
        created = self._generate(date(2026, 3, 15), date(2026, 4, 10))
        # April 1-10 daily, the week of April 6, the month of April; for 4 operators.
        self.assertEqual(len(created), 4 * (10 + 1 + 1))
        self.assertEqual(
            sorted(set(created.filtered(lambda r: r.frequency == "weekly").mapped("period_start"))),
            [date(2026, 4, 6)],
        )
        self.assertEqual(len(self._runs()), 4 * 38 + 48)

    def test_period_bounds_and_items(self):
        runs = self._generate(MARCH_1, MARCH_31).filtered(lambda r: r.employee_id == self.emp_a)
        weekly = runs.filtered(lambda r: r.frequency == "weekly").sorted("period_start")
        self.assertEqual(
            [(r.period_start, r.period_end) for r in weekly[:2]],
            [(date(2026, 2, 23), date(2026, 3, 1)), (date(2026, 3, 2), date(2026, 3, 8))],
        )
        self.assertEqual(weekly[-1].period_end, date(2026, 4, 5))
        self.assertEqual(weekly[1].period_label, "2026-W10")
        monthly = runs.filtered(lambda r: r.frequency == "monthly")
        self.assertEqual((monthly.period_start, monthly.period_end), (MARCH_1, MARCH_31))
        self.assertEqual(monthly.deadline, MARCH_31)
        self.assertEqual(monthly.item_ids.line_id, self.line_monthly)
        day = runs.filtered(lambda r: r.period_start == date(2026, 3, 5) and r.frequency == "daily")
        self.assertEqual(day.item_ids.mapped("name"), ["Check guards", "First piece photo"])
        self.assertEqual(day.job_id, self.job_operator)
        self.assertEqual(day.company_id, self.company)
        self.assertEqual(day.item_ids.employee_id, self.emp_a)
        self.assertIn("Operator A", day.display_name)

    def test_archived_lines_templates_and_employees_are_skipped(self):
        self.line_monthly.active = False
        self.emp_d.active = False
        created = self._generate(MARCH_1, MARCH_31)
        self.assertEqual(len(created), 3 * (31 + 6))
        self.template.active = False
        self.assertFalse(self._generate(date(2026, 4, 1), date(2026, 4, 1)))

    def test_all_templates_by_default_and_per_company(self):
        self._generate(MARCH_1, MARCH_1, templates=self.template | self.template_2)
        runs_2 = self._runs(self.template_2)
        self.assertEqual(runs_2.employee_id, self.emp_2)
        self.assertEqual(runs_2.company_id, self.company_2)
        # Without templates: every active template, nothing new for those already done.
        created = self.Run._generate(MARCH_1, MARCH_1)
        self.assertFalse(created & self._runs(self.template | self.template_2))

    def test_duplicate_key_rejected_by_database(self):
        run = self._generate(MARCH_1, MARCH_1).filtered(
            lambda r: r.employee_id == self.emp_a and r.frequency == "daily"
        )
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Run.create(
                {
                    "template_id": self.template.id,
                    "employee_id": self.emp_a.id,
                    "job_id": self.job_operator.id,
                    "company_id": self.company.id,
                    "frequency": "daily",
                    "period_start": run.period_start,
                    "period_end": run.period_end,
                    "deadline": run.deadline,
                }
            )
            self.env.flush_all()

    def test_query_count_independent_of_headcount(self):
        """Generating for 5 or for 50 employees takes the same number of queries."""

        def setup(size):
            job = self.env["hr.job"].create({"name": f"Query test job {size}"})
            template = self.env["mfg.duty.template"].create(
                {
                    "name": f"Query test {size}",
                    "job_id": job.id,
                    "line_ids": [
                        Command.create({"name": "Daily check", "frequency": "daily"}),
                        Command.create({"name": "Weekly check", "frequency": "weekly"}),
                    ],
                }
            )
            self.env["hr.employee"].create(
                [{"name": f"Q{size}-{n}", "job_id": job.id} for n in range(size)]
            )
            return template

        def count(template):
            self.env.flush_all()
            self.env.cr.flush()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            runs = self._generate(MARCH_1, MARCH_1, templates=template)
            self.env.flush_all()
            self.env.cr.flush()
            return self.env.cr.sql_log_count - before, len(runs)

        warm_up, small, large = setup(2), setup(5), setup(50)
        count(warm_up)
        small_count, small_runs = count(small)
        large_count, large_runs = count(large)
        self.assertEqual((small_runs, large_runs), (10, 100))
        self.assertEqual(small_count, large_count)

    def test_cron_generates_today_once(self):
        today = fields.Date.context_today(self.Run)
        self.Run._cron_generate()
        runs = self._runs()
        self.assertEqual(len(runs), 4 * 3)
        self.assertTrue(all(r.period_start <= today <= r.period_end for r in runs))
        self.Run._cron_generate()
        self.assertEqual(self._runs(), runs)

    def test_generate_button(self):
        action = self.template.with_user(self.user_manager).action_generate_runs()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(len(self._runs()), 4 * 3)
        self.assertEqual(self.template.run_count, 12)
        self.assertEqual(self.template.employee_count, 4)
        self.assertEqual(self.template.line_count, 4)

    def test_template_form(self):
        form = Form(self.env["mfg.duty.template"].with_user(self.user_manager))
        form.name = "Leader checklist"
        form.job_id = self.job_leader
        with form.line_ids.new() as line:
            line.name = "Pre-shift meeting"
            line.frequency = "daily"
            line.evidence = "attachment"
        template = form.save()
        self.assertEqual(template.company_id, self.company)
        self.assertEqual(template.line_ids.evidence, "attachment")
        runs = self._generate(MARCH_1, MARCH_1, templates=template)
        self.assertEqual(runs.employee_id, self.leader)

    def test_used_template_lines_cannot_be_deleted(self):
        self._generate(MARCH_1, MARCH_1)
        with self.assertRaises(UserError):
            self.line_guards.unlink()
        with self.assertRaises(UserError):
            self.template.unlink()
        self.line_guards.active = False
        self.assertFalse(self.line_guards.active)

    def test_items_from_position_duties(self):
        """Recurring duties become items (with their translations); event duties do not."""
        self.env["res.lang"]._activate_lang("zh_CN")
        Duty = self.env["mfg.duty"]
        daily, weekly, event = Duty.create(
            [
                {"name": name, "frequency": frequency, "sequence": n, "job_id": self.job_leader.id}
                for n, (name, frequency) in enumerate(
                    [
                        ("Check oil level", "daily"),
                        ("Calibrate gauges", "weekly"),
                        ("Handle a power cut", "event"),
                    ]
                )
            ]
        )
        daily.with_context(lang="zh_CN").name = "检查油位"
        template = self.env["mfg.duty.template"].create(
            {"name": "Leader checklist", "job_id": self.job_leader.id}
        )
        template.with_user(self.user_manager).action_generate_lines()
        lines = template.line_ids.sorted("sequence")
        self.assertEqual(lines.duty_id, daily | weekly)
        self.assertNotIn(event, lines.duty_id)
        self.assertEqual(lines.mapped("frequency"), ["daily", "weekly"])
        self.assertEqual(lines[0].name, "Check oil level")
        self.assertEqual(lines[0].with_context(lang="zh_CN").name, "检查油位")
        # Clicking again adds only duties that are new.
        template.action_generate_lines()
        self.assertEqual(len(template.line_ids), 2)
        Duty.create(
            {"name": "Sign the shift log", "frequency": "daily", "job_id": self.job_leader.id}
        )
        template.action_generate_lines()
        self.assertEqual(len(template.line_ids), 3)
