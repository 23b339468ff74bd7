"""The production department's irregular inspections (车间人员 第4条: 不定期考核由生产部视具体情况而定,
at least three a year), through the real external API as a production user: its menu, its
cycles created and launched end to end, every other kind refused at create, write and launch
with the database read again after each refusal."""

from datetime import date

from odoo import Command
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common import AppraisalRpcCase

CYCLE = "mfg.appraisal.cycle"
RUNNER_REFUSAL = "the production department runs the irregular ones"
YEAR = 2031


@tagged("post_install", "-at_install")
class TestIrregularInspections(AppraisalRpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_production = new_test_user(
            cls.env, "appr_production", groups="mfg_appraisal.group_appraisal_production"
        )
        cls.sheet = cls.env.ref("mfg_appraisal.template_irregular_inspection").copy(
            {"company_id": cls.company.id}
        )
        cls.sheet.state = "active"
        # HR's draft annual workshop-staff cycle of the same people and year (a year no other
        # data of the database has).
        cls.annual = cls._cycle(
            appraisal_system="workshop_staff",
            date_start=date(YEAR, 1, 1),
            date_end=date(YEAR, 12, 31),
        )
        cls.action = cls.env.ref("mfg_appraisal.mfg_appraisal_cycle_action_irregular")
        cls.menu = cls.env.ref("mfg_appraisal.mfg_appraisal_cycle_menu_irregular")

    def _vals(self, **vals):
        """An inspection as the production manager fills it in from the menu: no kind (the
        menu's context gives it)."""
        return {
            "name": "Inspection March",
            "template_id": self.sheet.id,
            "job_ids": [Command.set(self.job_equipment.ids)],
            "date_start": f"{YEAR}-03-01",
            "date_end": f"{YEAR}-03-31",
            **vals,
        }

    def _context(self):
        """The context of the irregular inspections' menu, as the web client sends it."""
        return safe_eval(self.action.context)

    def _create(self, **vals):
        cycle_id = self.rpc(
            self.user_production, CYCLE, "create", self._vals(**vals), context=self._context()
        )
        return self.env[CYCLE].browse(cycle_id)

    def _count(self, domain):
        """Cycles in the database (as superuser, read afresh)."""
        self.env.invalidate_all()
        return self.env[CYCLE].sudo().search_count(domain)

    # ------------------------------------------------------------------
    # The menu
    # ------------------------------------------------------------------
    def test_menu_for_the_production_department_and_hr_only(self):
        Menu = self.env["ir.ui.menu"]
        self.assertEqual(self.menu.action, self.action)
        for user in (self.user_production, self.user_hr):
            with self.subTest(user=user.login):
                self.assertIn(self.menu.id, Menu.with_user(user)._visible_menu_ids())
        for user in (self.user_emp, self.user_director):
            with self.subTest(user=user.login):
                self.assertNotIn(self.menu.id, Menu.with_user(user)._visible_menu_ids())
        # The production department reaches no other cycle menu.
        cycles = self.env.ref("mfg_appraisal.mfg_appraisal_cycle_menu")
        self.assertNotIn(cycles.id, Menu.with_user(self.user_production)._visible_menu_ids())
        # Its action lists irregular cycles only and creates irregular ones.
        self.assertEqual(safe_eval(self.action.domain), [("kind", "=", "irregular")])
        self.assertEqual(self._context()["default_kind"], "irregular")

    def test_form_offers_launch_and_cancel_not_the_kind(self):
        """The production department's form: Launch and Cancel on irregular draft cycles, the
        kind read only; HR's form unchanged (one Launch, the kind editable)."""
        Cycle = self.env[CYCLE]
        for user in (self.user_production, self.user_hr):
            with self.subTest(user=user.login):
                arch = Cycle.with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]
                production = user == self.user_production
                for method in ("action_launch", "action_cancel"):
                    buttons = [line for line in arch.splitlines() if f'name="{method}"' in line]
                    self.assertEqual(len(buttons), 1, buttons)
                    self.assertEqual("kind != 'irregular'" in buttons[0], production, buttons)
                kinds = [line for line in arch.splitlines() if 'name="kind"' in line]
                self.assertEqual(len(kinds), 1, kinds)
                self.assertEqual('readonly="1"' in kinds[0], production, kinds)
        # The form, filled in as from the menu, saves an irregular cycle (as the web client
        # does: every value of a new record but the read-only ones).
        for user in (self.user_production, self.user_hr):
            with self.subTest(user=user.login):
                form = Form(Cycle.with_user(user).with_context(**self._context()))
                form.name = f"Inspection from the form ({user.login})"
                form.date_start = date(YEAR, 5, 1)
                form.date_end = date(YEAR, 5, 31)
                form.template_id = self.sheet
                cycle = form.save()
                self.assertEqual(
                    (cycle.kind, cycle.appraisal_system, cycle.state),
                    ("irregular", "workshop_staff", "draft"),
                )

    # ------------------------------------------------------------------
    # End to end through the external API
    # ------------------------------------------------------------------
    def test_production_creates_and_launches_an_inspection(self):
        cycle = self._create()
        self.assertEqual((cycle.kind, cycle.state), ("irregular", "draft"))
        self.assertEqual(cycle.appraisal_system, "workshop_staff")
        self.assertEqual(cycle.create_uid, self.user_production)
        # Listed under its menu, with the count of the year still short of three.
        [row] = self.rpc(
            self.user_production,
            CYCLE,
            "search_read",
            [*safe_eval(self.action.domain), ("date_end", ">=", f"{YEAR}-01-01")],
            ["name", "irregular_count", "irregular_warning"],
        )
        self.assertEqual(row["id"], cycle.id)
        self.assertEqual(row["irregular_count"], 0)
        self.assertIn(f"Only 0 irregular appraisals in {YEAR}", row["irregular_warning"])

        self.rpc(self.user_production, CYCLE, "action_launch", [cycle.id])
        self.env.invalidate_all()
        self.assertEqual(cycle.state, "running")
        appraisals = self.env["mfg.appraisal"].search([("cycle_id", "=", cycle.id)])
        self.assertEqual(appraisals.employee_id, self.emp | self.peer)
        self.assertEqual(appraisals.template_id, self.sheet)
        self.assertEqual(set(appraisals.mapped("cycle_kind")), {"irregular"})
        [row] = self.rpc(self.user_production, CYCLE, "read", [cycle.id], ["irregular_count"])
        self.assertEqual(row["irregular_count"], 1)
        # The annual cycle of the year counts it too.
        self.assertEqual(self.annual.irregular_count, 1)

    def test_production_cancels_its_inspection_until_results_are_published(self):
        draft = self._create(name="Called off")
        self.rpc(self.user_production, CYCLE, "action_cancel", [draft.id])
        self.env.invalidate_all()
        self.assertEqual(draft.state, "cancelled")

        running = self._create()
        self.rpc(self.user_production, CYCLE, "action_launch", [running.id])
        published = running.appraisal_ids.filtered(lambda a: a.employee_id == self.emp)
        published.sudo().with_context(tracking_disable=True).write({"state": "published"})
        error = self.assertRefusedUnchanged(
            self.user_production,
            [running, running.appraisal_ids],
            CYCLE,
            "action_cancel",
            [running.id],
        )
        self.assertIn("only HR cancels the cycle now", error.message)
        # HR still may.
        self.rpc(self.user_hr, CYCLE, "action_cancel", [running.id])
        self.env.invalidate_all()
        self.assertEqual(running.state, "cancelled")

    # ------------------------------------------------------------------
    # Every other kind refused, at create, write and launch
    # ------------------------------------------------------------------
    def test_other_kinds_refused_at_create(self):
        for kind in ("annual", "semi_annual", "quarterly"):
            with self.subTest(kind=kind):
                name = f"Not ours {kind}"
                error = self.refused(
                    self.user_production,
                    CYCLE,
                    "create",
                    self._vals(name=name, kind=kind),
                    context=self._context(),
                )
                self.assertIn(RUNNER_REFUSAL, error.message)
                self.assertEqual(self._count([("name", "=", name)]), 0)
        # Without the menu's context the kind is the default one, annual: refused as well.
        error = self.refused(self.user_production, CYCLE, "create", self._vals(name="No context"))
        self.assertIn(RUNNER_REFUSAL, error.message)
        self.assertEqual(self._count([("name", "=", "No context")]), 0)
        # Copying HR's annual cycle is creating one.
        before = self._count([])
        self.refused(self.user_production, CYCLE, "copy", [self.annual.id])
        self.assertEqual(self._count([]), before)
        # A plain employee creates no cycle, irregular or not.
        self.refused(
            self.user_emp, CYCLE, "create", self._vals(name="Mine"), context=self._context()
        )
        self.assertEqual(self._count([("name", "=", "Mine")]), 0)

    def test_other_kinds_refused_at_write(self):
        inspection = self._create()
        for kind in ("annual", "semi_annual", "quarterly"):
            with self.subTest(kind=kind):
                error = self.assertRefusedUnchanged(
                    self.user_production,
                    inspection,
                    CYCLE,
                    "write",
                    [inspection.id],
                    {"kind": kind},
                )
                self.assertIn(RUNNER_REFUSAL, error.message)
        self.assertEqual(inspection.kind, "irregular")
        # HR's annual cycle: not even its name, nor turned irregular to take it over.
        for vals in ({"name": "Renamed"}, {"kind": "irregular"}, {"date_end": f"{YEAR}-06-30"}):
            with self.subTest(vals=vals):
                error = self.assertRefusedUnchanged(
                    self.user_production, self.annual, CYCLE, "write", [self.annual.id], vals
                )
                self.assertIn(RUNNER_REFUSAL, error.message)
        # Its own inspection it edits while a draft.
        self.rpc(
            self.user_production, CYCLE, "write", [inspection.id], {"name": "Inspection April"}
        )
        self.env.invalidate_all()
        self.assertEqual(inspection.name, "Inspection April")

    def test_other_kinds_refused_at_launch_and_cancel(self):
        for method in ("action_launch", "action_cancel"):
            with self.subTest(method=method):
                error = self.assertRefusedUnchanged(
                    self.user_production, self.annual, CYCLE, method, [self.annual.id]
                )
                self.assertIn(RUNNER_REFUSAL, error.message)
                self.assertEqual(self.annual.state, "draft")
                self.assertFalse(
                    self.env["mfg.appraisal"].search_count([("cycle_id", "=", self.annual.id)])
                )
        # Publishing its own inspection is HR's.
        inspection = self._create()
        self.rpc(self.user_production, CYCLE, "action_launch", [inspection.id])
        for method in ("action_publish", "action_close", "action_open_calibration"):
            with self.subTest(method=method):
                error = self.assertRefusedUnchanged(
                    self.user_production, inspection, CYCLE, method, [inspection.id]
                )
                self.assertIn("Only HR runs appraisal cycles", error.message)
