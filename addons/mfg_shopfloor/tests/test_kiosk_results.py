# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import tagged

from .common import KioskCase


@tagged("post_install", "-at_install")
class TestKioskResults(KioskCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_op.group_ids += cls.env.ref("mfg_appraisal.group_appraisal_user")
        today = fields.Date.context_today(cls.op_a.with_context(tz="UTC"))
        Period = cls.env["mfg.kpi.period"]
        cls.period_now = Period._get_or_create("month", today, cls.company)
        cls.period_last = Period._get_or_create(
            "month", today - relativedelta(months=1), cls.company
        )
        Kpi = cls.env["mfg.kpi"]
        common = {"category": "production", "subject_level": "employee"}
        cls.kpi_up = Kpi.create(
            dict(common, code="KIOSK_UP", name="Kiosk output", unit="percent", direction="higher")
        )
        cls.kpi_down = Kpi.create(
            dict(common, code="KIOSK_DOWN", name="Kiosk scrap", unit="count", direction="lower")
        )
        Target = cls.env["mfg.kpi.target"]
        Target.create({"kpi_id": cls.kpi_up.id, "company_id": cls.company.id, "target": 95})
        Target.create({"kpi_id": cls.kpi_down.id, "company_id": cls.company.id, "target": 2})
        Value = cls.env["mfg.kpi.value"]
        for kpi, period, employee, value in (
            (cls.kpi_up, cls.period_now, cls.op_a, 97.5),
            (cls.kpi_up, cls.period_last, cls.op_a, 90),
            (cls.kpi_down, cls.period_now, cls.op_a, 5),
            (cls.kpi_up, cls.period_now, cls.op_b, 12),
        ):
            Value.create(
                {
                    "kpi_id": kpi.id,
                    "period_id": period.id,
                    "subject_type": "employee",
                    "employee_id": employee.id,
                    "company_id": cls.company.id,
                    "value": value,
                }
            )
        cycle = (
            cls.env["mfg.appraisal.cycle"]
            .sudo()
            .create(
                {
                    "name": "Kiosk annual",
                    "kind": "annual",
                    "company_id": cls.company.id,
                    "date_start": today - timedelta(days=300),
                    "date_end": today - timedelta(days=10),
                }
            )
        )
        template = cls.env["mfg.appraisal.template"].search([], limit=1)
        Appraisal = cls.env["mfg.appraisal"].sudo()
        cls.appraisals = {}
        for employee in (cls.op_a, cls.op_b, cls.op_user):
            appraisal = Appraisal.create(
                {
                    "cycle_id": cycle.id,
                    "employee_id": employee.id,
                    "employee_user_id": employee.user_id.id,
                    "template_id": template.id,
                }
            )
            appraisal.write({"state": "published", "date_published": today})
            cls.appraisals[employee] = appraisal

    def test_my_kpis_and_results(self):
        session = self.sign_in(badge="KIOSKA0001")
        data = self.kiosk("results", token=self.token, session=session)
        up = next(row for row in data["kpi"]["kpis"] if row["id"] == self.kpi_up.id)
        down = next(row for row in data["kpi"]["kpis"] if row["id"] == self.kpi_down.id)
        self.assertEqual(
            (up["current"], up["last"], up["target"], up["status"]), (97.5, 90, 95, "green")
        )
        self.assertEqual(
            (down["current"], down["last"], down["target"], down["status"]), (5, None, 2, "red")
        )
        self.assertEqual(len(data["kpi"]["kpis"]), 2)  # not op_b's value
        self.assertEqual([row["id"] for row in data["appraisals"]], [self.appraisals[self.op_a].id])
        # Without a user account the employee appeals on the kiosk too.
        self.assertTrue(data["appraisals"][0]["can_appeal"])

    def test_team_ranking_where_the_company_allows_it(self):
        session = self.sign_in(badge="KIOSKA0001")
        rows = self.kiosk("results", token=self.token, session=session)["kpi"]["kpis"]
        # Off by default: no rank.
        self.assertEqual({(row["rank"], row["rank_of"]) for row in rows}, {(None, None)})
        self.company.mfg_kiosk_team_ranking = True
        # One more team member, better than op_a on the scrap count (lower is better).
        self.env["mfg.kpi.value"].create(
            {
                "kpi_id": self.kpi_down.id,
                "period_id": self.period_now.id,
                "subject_type": "employee",
                "employee_id": self.op_b.id,
                "company_id": self.company.id,
                "value": 1,
            }
        )
        rows = self.kiosk("results", token=self.token, session=session)["kpi"]["kpis"]
        ranks = {row["id"]: (row["rank"], row["rank_of"]) for row in rows}
        # Output: op_a 97.5, op_b 12 → first of two; scrap: op_a 5, op_b 1 → second of two.
        self.assertEqual(ranks, {self.kpi_up.id: (1, 2), self.kpi_down.id: (2, 2)})
        # Nothing of the colleague's values is sent.
        self.assertNotIn(12, [value for row in rows for value in row.values()])

    def test_appeal_as_the_employee_without_user(self):
        session = self.sign_in(badge="KIOSKA0001")
        own = self.appraisals[self.op_a]
        other = self.appraisals[self.op_b]
        # Another employee's appraisal (also without a user): refused, nothing written.
        self.refused_kiosk(
            "appeal",
            kinds=("AccessError",),
            token=self.token,
            session=session,
            appraisal_id=other.id,
            reason="Not mine",
        )
        self.assertFalse(other.appeal_ids)
        self.refused_kiosk(
            "appeal",
            kinds=("ValidationError",),
            token=self.token,
            session=session,
            appraisal_id=own.id,
            reason="  ",
        )
        self.assertFalse(own.appeal_ids)
        self.kiosk(
            "appeal", token=self.token, session=session, appraisal_id=own.id, reason="Score too low"
        )
        appeal = own.appeal_ids
        self.assertEqual((appeal.reason, appeal.state), ("Score too low", "submitted"))
        self.assertEqual(appeal.employee_id, self.op_a)
        self.assertFalse(appeal.employee_user_id)
        # Recorded as the employee, with the kiosk session as evidence, on both records.
        for record in (appeal, own):
            message = record.message_ids.filtered(lambda m: "Appeal filed by" in (m.body or ""))
            self.assertEqual(len(message), 1, record)
            self.assertEqual(message.author_id, self.op_a.work_contact_id)
            self.assertIn("Kiosk Workshop", message.body)
        # A second open appeal is refused by the appraisal.
        self.refused_kiosk(
            "appeal",
            kinds=("UserError",),
            token=self.token,
            session=session,
            appraisal_id=own.id,
            reason="Again",
        )
        self.assertEqual(len(own.appeal_ids), 1)
        data = self.kiosk("results", token=self.token, session=session)
        self.assertTrue(data["appraisals"][0]["appeal_open"])
        self.assertFalse(data["appraisals"][0]["can_appeal"])

    def test_appeal_without_user_after_deadline_refused(self):
        own = self.appraisals[self.op_a]
        own.sudo().date_published = fields.Date.today() - timedelta(days=60)
        session = self.sign_in(badge="KIOSKA0001")
        data = self.kiosk("results", token=self.token, session=session)
        self.assertFalse(data["appraisals"][0]["can_appeal"])
        self.refused_kiosk(
            "appeal",
            kinds=("UserError",),
            token=self.token,
            session=session,
            appraisal_id=own.id,
            reason="Late",
        )
        self.assertFalse(own.appeal_ids)

    def test_backend_user_cannot_appeal_for_the_employee(self):
        """A user cannot appeal for an employee without a user through RPC, whatever context
        they send, nor call the kiosk's entry point of the appraisal."""
        own = self.appraisals[self.op_a]
        forged = {"mfg_kiosk_employee_id": self.op_a.id, "kiosk_session": 1, "employee_id": 1}
        self.refused(
            self.user_op,
            "mfg.appraisal.appeal",
            "create",
            [{"appraisal_id": own.id, "reason": "Forged"}],
            context=forged,
        )
        self.refused(
            self.user_op,
            "mfg.appraisal.appeal",
            "_employee_create",
            self.op_a.id,
            own.id,
            "Forged",
            "evidence",
            context=forged,
        )
        self.env.invalidate_all()
        self.assertFalse(own.appeal_ids)

    def test_appeal_as_the_appraisees_user(self):
        session = self.sign_in(badge="KIOSKU0001")
        data = self.kiosk("results", token=self.token, session=session)
        self.assertTrue(data["appraisals"][0]["can_appeal"])
        own = self.appraisals[self.op_user]
        # Another employee's appraisal: refused, nothing written.
        self.refused_kiosk(
            "appeal",
            kinds=("AccessError",),
            token=self.token,
            session=session,
            appraisal_id=self.appraisals[self.op_b].id,
            reason="Not mine",
        )
        self.assertFalse(self.appraisals[self.op_b].appeal_ids)
        self.refused_kiosk(
            "appeal",
            kinds=("ValidationError",),
            token=self.token,
            session=session,
            appraisal_id=own.id,
            reason="  ",
        )
        self.kiosk(
            "appeal", token=self.token, session=session, appraisal_id=own.id, reason="Score too low"
        )
        self.assertEqual(own.appeal_ids.reason, "Score too low")
        self.assertEqual(own.appeal_ids.employee_user_id, self.user_op)
        # A second open appeal is refused by the backend.
        self.refused_kiosk(
            "appeal",
            kinds=("UserError",),
            token=self.token,
            session=session,
            appraisal_id=own.id,
            reason="Again",
        )
        data = self.kiosk("results", token=self.token, session=session)
        self.assertTrue(data["appraisals"][0]["appeal_open"])
        self.assertFalse(data["appraisals"][0]["can_appeal"])

    def test_appeal_after_deadline_refused(self):
        own = self.appraisals[self.op_user]
        own.sudo().date_published = fields.Date.today() - timedelta(days=60)
        session = self.sign_in(badge="KIOSKU0001")
        data = self.kiosk("results", token=self.token, session=session)
        self.assertFalse(data["appraisals"][0]["can_appeal"])
        self.refused_kiosk(
            "appeal",
            kinds=("UserError",),
            token=self.token,
            session=session,
            appraisal_id=own.id,
            reason="Late",
        )
        self.assertFalse(own.appeal_ids)
