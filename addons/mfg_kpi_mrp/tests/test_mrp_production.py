from odoo.exceptions import ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tests.common import freeze_time

from ..models.mfg_kpi_provider import MRP_PROVIDERS
from .common import MrpKpiCase, dt


@tagged("post_install", "-at_install")
class TestMrpProductionCommitment(MrpKpiCase):
    def test_team_must_be_below_workshop(self):
        with self.assertRaisesRegex(ValidationError, "not a department below"):
            self.wc_pack.mfg_team_id = self.team1  # team 1A is in workshop 1
        with self.assertRaisesRegex(ValidationError, "choose the workshop"):
            self.wc_free.mfg_team_id = self.team1
        with self.assertRaisesRegex(ValidationError, "not a department below"):
            self.wc_free.write(
                {"mfg_department_id": self.workshop1.id, "mfg_team_id": self.workshop1.id}
            )
        sub_team = self.env["hr.department"].create(
            {"name": "Team 1A-1", "parent_id": self.team1.id}
        )
        self.wc_free.write({"mfg_department_id": self.workshop1.id, "mfg_team_id": sub_team.id})
        self.assertEqual(self.wc_free.mfg_team_id, sub_team)

    def test_workcenter_form_proposes_the_team_workshop(self):
        form = Form(self.wc_free)
        form.mfg_department_id = self.workshop1
        form.mfg_team_id = self.team1
        form.mfg_department_id = self.workshop2  # the team is not in workshop 2: cleared
        self.assertFalse(form.mfg_team_id)
        form.mfg_department_id = self.workshop1
        form.mfg_team_id = self.team1
        form.save()
        self.assertEqual(self.wc_free.mfg_team_id, self.team1)

    def test_confirmation_records_the_commitment(self):
        production = self._create_mo(self.bom_bike, 10, dt(10))
        self.assertEqual(production.mfg_planned_finish, dt(10))
        self.assertEqual(production.mfg_planned_qty, 10)
        self.assertEqual(production.mfg_department_id, self.workshop1)
        self.assertEqual(production.mfg_team_id, self.team1)
        unit_qty = {m.product_id: m.mfg_bom_unit_qty for m in production.move_raw_ids}
        self.assertEqual(unit_qty, {self.frame: 2.0, self.bolt: 5.0})

        # Odoo overwrites the End date when the order is done; the commitment stays.
        self._produce(production, 10, dt(12))
        self.assertEqual(production.state, "done")
        self.assertEqual(production.date_finished, dt(12))
        self.assertEqual(production.mfg_planned_finish, dt(10))

    def test_without_deadline_the_scheduled_end_is_the_commitment(self):
        with freeze_time(dt(2, 8)):
            form = Form(self.env["mrp.production"])
            form.product_id = self.box
            form.bom_id = self.bom_box
            form.product_qty = 3
            production = form.save()
            self.assertFalse(production.date_deadline)
            production.action_confirm()
        self.assertTrue(production.date_finished)
        self.assertEqual(production.mfg_planned_finish, production.date_finished)
        self.assertEqual(production.mfg_department_id, self.workshop2)
        self.assertFalse(production.mfg_team_id)

    def test_owner_is_the_last_operation_workshop_unless_set(self):
        chair = self._create_mo(self.bom_chair, 2, dt(10))
        self.assertEqual(chair.mfg_department_id, self.workshop2, "Pack is the last operation")
        chosen = self._create_mo(self.bom_chair, 2, dt(10), mfg_department_id=self.workshop1)
        self.assertEqual(chosen.mfg_department_id, self.workshop1, "kept as chosen")

    def test_backorder_continues_the_plan(self):
        production = self._create_mo(self.bom_bike, 10, dt(20))
        backorder = self._produce(production, 6, dt(18), backorder=True)
        self.assertEqual(len(backorder), 1)
        self.assertEqual(backorder.product_qty, 4)
        self.assertEqual(backorder.mfg_planned_finish, dt(20))
        self.assertEqual(backorder.mfg_planned_qty, 0, "the plan is the original order's")
        self.assertEqual(production.mfg_planned_qty, 10)
        self.assertEqual(backorder.mfg_department_id, self.workshop1)
        self.assertEqual(backorder.mfg_team_id, self.team1)
        self.assertEqual(set(backorder.move_raw_ids.mapped("mfg_bom_unit_qty")), {2.0, 5.0})
        # Confirming the backorder again (it is already confirmed) changes nothing.
        backorder.action_confirm()
        self.assertEqual(backorder.mfg_planned_qty, 0)

    def test_rush_flag_survives_the_priority_reset(self):
        production = self._create_mo(self.bom_bike, 1, dt(10))
        self.assertFalse(production.mfg_is_rush)
        production.priority = "1"
        self.assertTrue(production.mfg_is_rush)
        production.priority = "0"
        self.assertFalse(production.mfg_is_rush, "an open order follows its priority")
        production.priority = "1"
        self._produce(production, 1, dt(9))
        self.assertEqual(production.priority, "0", "Odoo resets the priority at done")
        self.assertTrue(production.mfg_is_rush)
        urgent = self._create_mo(self.bom_bike, 1, dt(10), priority="1")
        self.assertTrue(urgent.mfg_is_rush)

    def test_rework_order(self):
        source = self._create_mo(self.bom_bike, 1, dt(10))
        self._produce(source, 1, dt(9))
        with freeze_time(dt(11)):
            form = Form(self.env["mrp.production"])
            form.product_id = self.bike
            form.bom_id = self.bom_bike
            form.mfg_is_rework = True
            form.mfg_rework_source_id = source
            rework = form.save()
        self.assertEqual(rework.mfg_rework_source_id, source)
        with self.assertRaisesRegex(ValidationError, "only a rework order"):
            rework.mfg_is_rework = False
        with self.assertRaisesRegex(ValidationError, "only a rework order"):
            source.write({"mfg_is_rework": True, "mfg_rework_source_id": source.id})

    def test_manufacturing_user_confirms_and_records(self):
        user = new_test_user(self.env, "mrp_kpi_planner", groups="mrp.group_mrp_user")
        production = self._create_mo(self.bom_bike, 3, dt(10), env=self.env(user=user))
        self.assertEqual(production.create_uid, user)
        self.assertEqual(production.mfg_planned_qty, 3)
        self.assertEqual(production.mfg_department_id, self.workshop1)
        # A manufacturing user reads the owners of the order (departments are public).
        self.assertEqual(production.with_user(user).mfg_team_id.name, "Team 1A")

    def test_backfill_records_open_orders(self):
        production = self._create_mo(self.bom_box, 4, dt(10))
        production.write(
            {
                "mfg_planned_finish": False,
                "mfg_planned_qty": 0,
                "mfg_department_id": False,
            }
        )
        production.move_raw_ids.mfg_bom_unit_qty = 0
        self.env["mrp.production"]._mfg_backfill_plan()
        self.assertEqual(production.mfg_planned_finish, dt(10))
        self.assertEqual(production.mfg_planned_qty, 4)
        self.assertEqual(production.mfg_department_id, self.workshop2)
        self.assertEqual(production.move_raw_ids.mfg_bom_unit_qty, 1.0)

    def test_every_provider_has_its_library_kpi(self):
        kpis = self.env["mfg.kpi"].search([("code", "in", list(MRP_PROVIDERS))])
        self.assertEqual(set(kpis.mapped("code")), set(MRP_PROVIDERS))
        self.assertEqual(set(kpis.mapped("measurement")), {"computed"})
