import json
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_open


@tagged("post_install", "-at_install")
class TestCockpit(HttpCase):
    """The cockpit's figures: each KPI aggregated its own way, at the company level."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            "cockpit_manager",
            groups="base.group_user,mfg_kpi.group_kpi_manager",
        )
        cls.worker = cls.env["hr.employee"].create({"name": "Cockpit worker"})
        Period = cls.env["mfg.kpi.period"]
        today = date.today()
        cls.month1 = Period._get_or_create("month", today - relativedelta(months=2))
        cls.month2 = Period._get_or_create("month", today - relativedelta(months=1))

    def store(self, kpi, month, company, employee=None):
        """Company value (numerator, denominator) and, optionally, one employee's."""
        measures = [
            {
                "subject_type": "company",
                "value": company[0] / company[1] * 100,
                "numerator": company[0],
                "denominator": company[1],
            }
        ]
        if employee:
            measures.append(
                {
                    "employee_id": self.worker.id,
                    "value": employee[0] / employee[1] * 100,
                    "numerator": employee[0],
                    "denominator": employee[1],
                }
            )
        self.env["mfg.kpi.value"]._store_measures(kpi, month, measures)

    def test_cockpit_tour(self):
        kpi = self.env["mfg.kpi"].create(
            {
                "code": "TOUR_INTACT_RATE",
                "name": "Tour intact rate",
                "unit": "percent",
                "subject_level": "company",
            }
        )
        # 724/736 = 98.37 %, 362/370 = 97.84 %; both months 1086/1106 = 98.19 %. The
        # employee's 1/2 is another subject level: the company rows leave it out.
        self.store(kpi, self.month1, (724, 736), employee=(1, 2))
        self.store(kpi, self.month2, (362, 370))
        self.start_tour("/odoo", "mfg_dashboard_cockpit_tour", login="cockpit_manager")

    def test_spreadsheet_pivot_figures(self):
        """The cockpit spreadsheet's first pivot, asked as the spreadsheet asks it."""
        with file_open("mfg_dashboard/data/files/production_cockpit_dashboard.json") as f:
            data = json.load(f)
        definition = data["pivots"]["1"]
        self.assertEqual(definition["model"], "mfg.kpi.value")
        kpi = self.env["mfg.kpi"].search([("code", "=", "EQUIPMENT_INTACT_RATE")])
        self.assertIn(kpi.code, json.dumps(definition["domain"]))
        Period = self.env["mfg.kpi.period"]
        old1 = Period._get_or_create("month", date(2020, 1, 10))
        old2 = Period._get_or_create("month", date(2020, 2, 10))
        self.store(kpi, old1, (724, 736), employee=(1, 2))
        self.store(kpi, old2, (362, 370))
        Value = (
            self.env["mfg.kpi.value"].with_user(self.manager).with_context(**definition["context"])
        )
        domain = [*definition["domain"], ("period_date_start", "<", "2020-03-01")]
        by_month, by_kpi = Value.formatted_read_grouping_sets(
            domain,
            [["kpi_id", "period_date_start:month"], ["kpi_id"]],
            [f"{m['fieldName']}:sum" for m in definition["measures"]],
        )
        months = {g["period_date_start:month"][1]: g["value:sum"] for g in by_month}
        self.assertEqual(
            {k: round(v, 2) for k, v in months.items()},
            {"January 2020": 98.37, "February 2020": 97.84},
        )
        ((total,),) = [[g for g in by_kpi if g["kpi_id"][0] == kpi.id]]
        self.assertAlmostEqual(total["value:sum"], 1086 / 1106 * 100)
        self.assertEqual(total["kpi_id"][1], f"{kpi.name} (%)")

    def test_demo_targets_cover_the_cockpit(self):
        """Every KPI of the cockpit has a demo target (traffic lights mean something), and a
        target reached shows green with its unit."""
        with file_open("mfg_dashboard/data/files/production_cockpit_dashboard.json") as f:
            domain = json.load(f)["pivots"]["1"]["domain"]
        codes = next(term[2] for term in domain if term[0] == "kpi_id.code")
        with file_open("mfg_dashboard/demo/mfg_kpi_target_demo.xml") as f:
            demo = f.read()
        kpis = self.env["mfg.kpi"].search([("code", "in", codes)])
        self.assertEqual(len(kpis), len(codes))
        for kpi in kpis:
            xmlid = kpi.get_external_id()[kpi.id]
            self.assertTrue(f'ref="{xmlid}"' in demo, f"{kpi.code} has no demo target")
        kpi = kpis.filtered(lambda k: k.code == "EQUIPMENT_INTACT_RATE")
        self.env["mfg.kpi.target"].search([("kpi_id", "=", kpi.id)]).unlink()
        self.env["mfg.kpi.target"].create(
            {"kpi_id": kpi.id, "target": 98.0, "threshold_warning": 95.0}
        )
        self.store(kpi, self.month1, (724, 736))
        value = self.env["mfg.kpi.value"].search(
            [
                ("kpi_id", "=", kpi.id),
                ("period_id", "=", self.month1.id),
                ("subject_type", "=", "company"),
            ]
        )
        self.assertEqual((value.status, value.target_display), ("green", "98.0 %"))
