# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re
import zipfile
from datetime import date
from html import unescape

from odoo.tests import new_test_user, tagged
from odoo.tests.common import TransactionCase

SHEET_REPORT = "mfg_appraisal.mfg_appraisal_action_report"
CYCLE_REPORT = "mfg_appraisal.mfg_appraisal_cycle_action_report"
CYCLE_XLSX = "mfg_appraisal.mfg_appraisal_cycle_action_report_xlsx"


def text_of(html):
    """The visible text of rendered HTML, whitespace collapsed."""
    html = html.decode() if isinstance(html, bytes) else html
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def xlsx_cells(content):
    """Strings and numbers of the first worksheet of an XLSX file (read as XML)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        strings = re.findall(r"<t[^>]*>([^<]*)</t>", archive.read("xl/sharedStrings.xml").decode())
        numbers = re.findall(r"<v>([^<]*)</v>", archive.read("xl/worksheets/sheet1.xml").decode())
    return strings, numbers


@tagged("post_install", "-at_install")
class TestAppraisalReports(TransactionCase):
    """The appraisal sheet PDF, the cycle summary PDF and the cycle spreadsheet, rendered from
    appraisals launched, scored and approved by the people of a small workshop."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.department = cls.env["hr.department"].create({"name": "Report Workshop"})
        cls.job = cls.env["hr.job"].create({"name": "Report Operator"})
        cls.job_director = cls.env["hr.job"].create({"name": "Report Director"})
        cls.user_hr = new_test_user(
            cls.env,
            "rep_hr",
            name="Hedda HR",
            groups="mfg_appraisal.group_appraisal_hr,hr.group_hr_user",
        )
        cls.user_hr_director = new_test_user(
            cls.env,
            "rep_hr_director",
            name="Harriet HR Director",
            groups="mfg_appraisal.group_appraisal_hr_manager,hr.group_hr_user",
        )
        cls.user_production_director = new_test_user(
            cls.env,
            "rep_prod_director",
            name="Pia Production Director",
            groups="mfg_appraisal.group_appraisal_production_director",
        )
        cls.user_president = new_test_user(
            cls.env,
            "rep_president",
            name="Paul President",
            groups="mfg_appraisal.group_appraisal_president",
        )
        cls.user_boss = new_test_user(
            cls.env, "rep_boss", name="Bob Boss", groups="mfg_appraisal.group_appraisal_appraiser"
        )
        cls.user_emp = new_test_user(
            cls.env, "rep_emp", name="Olga Operator", groups="mfg_appraisal.group_appraisal_user"
        )
        cls.user_director = new_test_user(
            cls.env,
            "rep_director",
            name="Dora Director",
            groups="mfg_appraisal.group_appraisal_user",
        )
        Employee = cls.env["hr.employee"]
        cls.boss = Employee.create(
            {"name": "Bob Boss", "user_id": cls.user_boss.id, "department_id": cls.department.id}
        )
        cls.emp = Employee.create(
            {
                "name": "Olga Operator",
                "user_id": cls.user_emp.id,
                "parent_id": cls.boss.id,
                "job_id": cls.job.id,
                "department_id": cls.department.id,
            }
        )
        cls.director = Employee.create(
            {
                "name": "Dora Director",
                "user_id": cls.user_director.id,
                "parent_id": cls.boss.id,
                "job_id": cls.job_director.id,
                "department_id": cls.department.id,
            }
        )
        cls.template = cls.env["mfg.appraisal.template"].create(
            {
                "name": "Report test sheet",
                "code": "report_test",
                "job_ids": [(6, 0, cls.job.ids)],
                "state": "active",
                "section_ids": [
                    (
                        0,
                        0,
                        {
                            "name": "Performance",
                            "weight": 100,
                            "line_ids": [
                                (
                                    0,
                                    0,
                                    {
                                        "dimension": "Output",
                                        "name": "Task completion rate",
                                        "weight": 100,
                                        "rule_kind": "linear",
                                        "direction": "higher",
                                        "target": 98.0,
                                        "step": 1.0,
                                        "deduction": 5.0,
                                    },
                                )
                            ],
                        },
                    )
                ],
            }
        )
        cls.cycle = cls._launch(
            {
                "name": "Report annual cycle",
                "kind": "annual",
                "job_ids": [(6, 0, cls.job.ids)],
            }
        )
        cls.appraisal = cls.cycle.appraisal_ids
        cls.appraisal.with_user(cls.user_emp).action_submit_self()
        cls.appraisal.line_ids.with_user(cls.user_boss).write({"actual_value": 96.0})
        cls.appraisal.with_user(cls.user_boss).action_submit_rating()
        # The single HR review tier shipped for every sheet but the director plan.
        cls.appraisal.with_user(cls.user_hr).validate_tier()

    @classmethod
    def _launch(cls, vals):
        vals = dict(
            {"date_start": date(2025, 1, 1), "date_end": date(2025, 12, 31)},
            apply_exclusions=False,
            **vals,
        )
        cycle = cls.env["mfg.appraisal.cycle"].with_user(cls.user_hr).create(vals)
        cycle.with_user(cls.user_hr).action_launch()
        return cycle

    def _html(self, report, records, user=None):
        env = self.env(user=user) if user else self.env
        html, _kind = env["ir.actions.report"]._render_qweb_html(report, records.ids)
        return text_of(html)

    def test_appraisal_sheet(self):
        appraisal = self.appraisal
        self.assertEqual(appraisal.state, "review")
        self.assertEqual(appraisal.validation_status, "validated")
        self.assertEqual((appraisal.final_score, appraisal.grade), (90.0, "excellent"))
        text = self._html(SHEET_REPORT, appraisal)
        for expected in (
            "Report test sheet",
            "Report annual cycle",
            "Position Report Operator",
            "Department Report Workshop",
            "Appraisee Olga Operator",
            "Direct Superior Bob Boss",
            "Appraiser Bob Boss",
            "Output Task completion rate 100%",
            "Target 98; each 1 below deducts 5 points",
            "96",
            "Section Score 90",
            "Total Score 90",
            "Final Score 90",
            "Grade Excellent",
        ):
            self.assertIn(expected, text)
        # Signature rows: the appraiser and the HR reviewer who approved the tier.
        self.assertIn("Signature", text)
        self.assertIn("Date", text)
        self.assertRegex(text, r"Appraiser Bob Boss \d")
        self.assertRegex(text, r"HR review Hedda HR \d")
        self.assertNotIn("President's office approval", text)

    def test_appraisal_sheet_as_pdf(self):
        """The real PDF (wkhtmltopdf, installed by scripts/setup.sh)."""
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(SHEET_REPORT, self.appraisal.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        self.assertGreater(len(pdf), 5000)

    def test_appraisee_prints_own_sheet(self):
        """A plain employee prints their own sheet: the reporting line comes from the public
        employee data, the score as published to them."""
        text = self._html(SHEET_REPORT, self.appraisal, user=self.user_emp)
        self.assertIn("Direct Superior Bob Boss", text)
        self.assertIn("Final Score 90", text)

    def test_director_plan_sheet(self):
        """The shipped director plan: bands and levels, initial score, review adjustment, final
        score, and the approval chain HR director → president's office on the signature rows."""
        plan = self.env.ref("mfg_appraisal.template_director_plan")
        cycle = self._launch(
            {
                "name": "Report director H1",
                "kind": "semi_annual",
                "date_end": date(2025, 6, 30),
                "job_ids": [(6, 0, self.job_director.ids)],
                "template_id": plan.id,
            }
        )
        appraisal = cycle.appraisal_ids
        self.assertEqual(len(appraisal.line_ids), 7)
        appraisal.with_user(self.user_director).action_submit_self()
        for line in appraisal.line_ids.with_user(self.user_boss):
            if line.rule_kind == "bands":
                line.write({"actual_value": 100.0})
            else:
                line.write({"level_number": 2, "rated_score": 85.0})
        appraisal.rater_ids.filtered(lambda r: r.role == "superior").with_user(
            self.user_boss
        ).comment = "Solid half year"
        appraisal.with_user(self.user_boss).action_submit_rating()
        # 方案 六(三)2: the production director reviews and confirms first, and records the
        # disposition HR carries out (七1).
        reviews = appraisal.review_ids.sorted("sequence")
        self.assertEqual(
            reviews.mapped("name"),
            [
                "Production director confirmation",
                "HR director review",
                "President's office approval",
            ],
        )
        appraisal.with_user(self.user_production_director).write(
            {"disposition": "renewal", "disposition_note": "Keep on the line."}
        )
        self.assertEqual(appraisal.disposition_by, self.user_production_director)
        self._validate(appraisal, self.user_production_director, "Confirmed")
        # 复核调整: then the HR director, holding the next tier, adjusts.
        appraisal.with_user(self.user_hr_director).write(
            {"review_adjustment": 1.0, "adjustment_reason": "Extra shift in June"}
        )
        # 60% of bands at 100 (A = 100 → 100, B = 100 → 100, C = 100 → 100) + 40% of 85 = 94.
        self.assertEqual(appraisal.total_score, 94.0)
        self.assertEqual(appraisal.final_score, 95.0)
        for user, comment in (
            (self.user_hr_director, "Reviewed by HR"),
            (self.user_president, "Approved by the office"),
        ):
            self._validate(appraisal, user, comment)
        self.assertEqual(appraisal.validation_status, "validated")
        appraisal.with_user(self.user_hr).action_publish()
        self.assertTrue(appraisal.flag_reward, "方案 七2: Excellent is rewarded")
        self.assertEqual(appraisal.payroll_basis, "year_end_bonus")

        text = self._html(SHEET_REPORT, appraisal)
        for expected in (
            "Workshop Director semi-annual appraisal plan",
            "Semi-annual indicators (100%)",
            "A = 100%: 91–100",
            # 车间主任绩效考核指标表: the band labels as the seed writes them.
            "B = 100%: 91–100",
            "B > 120%: 0–50",
            "91–100: No production accident; safety work runs very smoothly.",
            "Level 2 (81–90)",
            "Initial Score 94",
            "Review Adjustment 1",
            "Final Score 95",
            "Extra shift in June",
            "Appraiser's comments Solid half year Bob Boss",
            "Production director confirmation Confirmed Pia Production Director",
            "HR director review Reviewed by HR Harriet HR Director",
            "President's office approval Approved by the office Paul President",
        ):
            self.assertIn(expected, text)
        # The president's office reads the director plans it approves, and prints them.
        text = self._html(SHEET_REPORT, appraisal, user=self.user_president)
        self.assertIn("Appraisee Dora Director", text)
        self.assertIn("President's office approval Approved by the office Paul President", text)

    def _validate(self, appraisal, user, comment):
        action = appraisal.with_user(user).validate_tier()
        wizard = (
            self.env["comment.wizard"]
            .with_user(user)
            .with_context(**action["context"])
            .create({"comment": comment})
        )
        wizard.add_comment()

    def test_cycle_summary(self):
        text = self._html(CYCLE_REPORT, self.cycle, user=self.user_hr)
        for expected in (
            "Report annual cycle",
            "Grade Distribution",
            "Excellent 85 and above 1 100%",
            "at most 10% (max. 0) No",
            "Good 75 to below 85 0 0%",
            "at least 60% (min. 1) No",
            "Fail below 60 0 0% about 5% (max. 0) Yes",
            "By Department",
            "Report Workshop 1 1 0 0 0 0 90",
        ):
            self.assertIn(expected, text)

    def test_cycle_spreadsheet(self):
        report = self.env["ir.actions.report"].with_user(self.user_hr)
        content, kind = report._render_xlsx(CYCLE_XLSX, self.cycle.ids, None)
        self.assertEqual(kind, "xlsx")
        strings, numbers = xlsx_cells(content)
        for expected in (
            "Report annual cycle",
            "Employee",
            "Performance",
            "Final score",
            "Olga Operator",
            "Report Operator",
            "Report Workshop",
            "Report test sheet",
            "Excellent",
        ):
            self.assertIn(expected, strings)
        self.assertIn("90", numbers)
