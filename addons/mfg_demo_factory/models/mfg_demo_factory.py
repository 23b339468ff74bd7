# Copyright 2026 Production Management Suite contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import random
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import SQL
from odoo.tools.date_utils import sum_intervals
from odoo.tools.intervals import Intervals

from . import mfg_demo_people as people

_logger = logging.getLogger(__name__)

XMLID = "mfg_demo_factory.%s"
SEED = 20260701
# The demo logins' passwords (each the login itself, as the README says), hashed once with Odoo's
# default key derivation (PBKDF2-SHA512, 600,000 rounds): hashing them at install took about a
# second each, a tenth of the demo factory's install. Odoo verifies them as any stored hash.
DEMO_PASSWORD_HASHES = {
    "mfg_hr": "$pbkdf2-sha512$600000$RIgRIkRoTYmxtnbunfMegw$wBaxS79jt7N4ESqK4oDN2gKtS6wMu9osPFGKYTeX.QGxazdZHYWPF.EAXSdKHeRaUzwYGTPTghgwj2mOZJRvxg",
    "mfg_manager": "$pbkdf2-sha512$600000$QohxTklJCQHg3Ls3JsQYgw$pyjN0bMjdVFW23ug8NUBUN9zBHQh1dH50kDeAXak3298yJTI3fSqE9fhrcFri5HHyT544t7/NWrDC4/7QQBl3Q",
    "mfg_director": "$pbkdf2-sha512$600000$/z.n9F4rBcA4BwDAWMvZuw$TokP79N/6MAdD63Vqtub6a.z3uUpalPCkslQv2BmlLXZN6n4QeLM4dUmofvVJV5qxfwhpRgfy6fI1KooJHSfPw",
    "mfg_leader": "$pbkdf2-sha512$600000$odRai/G.l1KK0XrPmdMaIw$g2S897UxhKuJRJpbzpNxYjDnBp2AuOf1.QZxgtXPl5aFnTXFmJc88LhLFUZuFeqlMXPAqo8QV6NNJ3GGrxMMUA",
    "mfg_operator": "$pbkdf2-sha512$600000$4ZzzHqO0NqbU2jvHWEsJgQ$JruAJvG1jAZ3ZBCBT.qR8Q2vDX6nufp18xfAVI11rRPIlZqGqEGay54yGe8FrZeCSTIw10rEHs2LBldFsz9nNQ",
    "mfg_director2": "$pbkdf2-sha512$600000$zrm39v7fm3NOqXVuLQVgrA$4lQabf7OlPH/9kMD212bJQBJB9tZ9Rw/BMDQ1WatiyPOVXgORpjDjnevoNmKGl04JJVfkqNL0zqwIrObChaV7g",
    "mfg_buyer": "$pbkdf2-sha512$600000$pzTmfC.ltPa.F6LUOqf0fg$Wo9NvDO8a8UJwfanz06YnuR7jNSuvB82np8rY7oqJp0mz.K6UEmmvHpY3ljzAFqJq4PeEoipR/jGf4A22CI5QA",
    "mfg_keeper": "$pbkdf2-sha512$600000$SWntvbcWovTee29NSQlhTA$Bg32fsRfJvHpanUeh05IQ2Ak0oIRQWV7Wy1sju3aXo5zQOFkvfJL.q8l2WfgLvaAK1//EiwkkvLCvBOsrZ3thA",
    "mfg_inspector": "$pbkdf2-sha512$600000$yNmbk5JyjlEKYQxhzPk/Rw$n/O1cq93llww1qdFxoccIHLdtLPJz/ouQZZfdSdow1vIrLxjbJAxC24hVK0Vs9Sioqfh9rNYBbazh3W4hE/gYA",
    "mfg_technician": "$pbkdf2-sha512$600000$Qkip9f6/F.KcUwrhfK.V8g$Ix.JjIdICMsxDsBTChkofh/A2RrBNTEaW/zNa5vu0lpLDpUWCwQpKtp/wUaxGfiZglXjhcmi.YAbhl91/WP99A",
    "mfg_equipment_admin": "$pbkdf2-sha512$600000$LmWslbL2PocQYmxt7T2HMA$CrUb4ufho5Twx5YYfqmHJb/USV0WnKIOs7GTCDXqXviM5NqzfWy6cUVR4snYbY9sW5aa.Q62TsXcIAvLZUkQbA",
    "mfg_op_milling": "$pbkdf2-sha512$600000$PEcohdDam3NOaU1pzZlTKg$YP/G8tzk3sSvRp4AtpVa2N5TBUEvipjT5OtSEW8akYYiFfGGapHCjC1BHXdbkIg40d/Yp1g7wGl7/KCUmHJr0g",
    "mfg_op_assembly": "$pbkdf2-sha512$600000$9D5HyLmXcm4t5dzb23tvTQ$M9EiPXrjYl4CRRGIAssf/praUZ/EoG/KyyvqcUAa2e7/fFAuu6itAkRyXPkqsuyUdXq1dqq.C6nlDdEB/38cqA",
    "mfg_op_testing": "$pbkdf2-sha512$600000$3ZvTeo.xltKacw4hpHTu/Q$A012cM9ZUGQdKgsQ4PkvUa4Am9EwHELANYzVdrleg0D.2ga8Wd.QY1wOsf07lkhKb.sKgQ2PkW.uICgVgYrLsQ",
    "mfg_safety": "$pbkdf2-sha512$600000$7N07x/hfy7kXIqQUgtBa6w$UyEraK2CQkOa1oyUWlkIAprL3nmAuz9iD5BrNDBTsbRv0GbBYg5iUxbp5bdFADaxNvIef4R2OZ.q.0bIYkHANA",
}


class MfgDemoFactory(models.AbstractModel):
    """Loader of the demo factory's quarter of operations (demo data only).

    Runs the ordinary flows of purchasing, inventory, manufacturing, quality, maintenance and
    time off for the demo factory, dated in the quarter before today, then computes the KPI
    periods of that quarter and locks the quarter. Odoo stamps some dates with "now" (done
    dates, approval dates): the loader writes the historical dates afterwards.

    The same model grows the factory for load tests (``_demo_workforce``, ``_demo_copies``): the
    benchmarks of ``scripts/`` call it inside a transaction they roll back.
    """

    _name = "mfg.demo.factory"
    _description = "Demo Factory Loader"

    # ------------------------------------------------------------------
    # Entry point
    # ------------------------------------------------------------------
    @api.model
    def _populate(self):
        """Generate the demo quarter once (the demo data is loaded again when this module is
        installed into a database that already has the demo factory: see the migration of
        ``mfg_production_management`` 19.0.1.1.0)."""
        if self._demo_populated():
            _logger.info("Demo factory: operations already generated, nothing to do")
            return True
        start_time = datetime.now()
        ctx = {
            "tracking_disable": True,
            "mail_create_nolog": True,
            "mail_notrack": True,
            "mail_create_nosubscribe": True,
            "no_reset_password": True,
        }
        self = self.with_context(**ctx).sudo()
        company = self.env.ref("base.main_company")
        self = self.with_company(company)
        state = self._demo_state(company)
        q_start, q_end = state["q_start"], state["q_end"]
        for step in (
            self._demo_opening_stock,
            self._demo_purchases,
            self._demo_productions,
            self._demo_scraps,
            self._demo_deliveries,
            self._demo_counts,
            self._demo_safety_stock,
            self._demo_near_expiry,
            self._demo_maintenance,
            self._demo_time_off,
            self._demo_attendances,
            self._demo_duty_checklists,
            self._demo_safety,
            self._demo_training,
            self._demo_surveys,
            self._demo_kpis,
        ):
            # Where the install time goes (scripts/bench_install.py prints these lines).
            started, queries = datetime.now(), self.env.cr.sql_log_count
            step(state)
            self.env.flush_all()
            _logger.info(
                "Demo factory: step %s in %.2f s, %s queries",
                step.__name__,
                (datetime.now() - started).total_seconds(),
                self.env.cr.sql_log_count - queries,
            )
        _logger.info(
            "Demo factory: quarter %s..%s populated in %.1f s",
            q_start,
            q_end,
            (datetime.now() - start_time).total_seconds(),
        )
        return True

    @api.model
    def _demo_passwords(self):
        """Give the demo logins their passwords (each login's own name), from the hashes above.

        Only logins of this module's demo users without a password yet: a password changed since
        is kept."""
        data = self.env["ir.model.data"].search(
            [("module", "=", "mfg_demo_factory"), ("model", "=", "res.users")]
        )
        users = self.env["res.users"].sudo().browse(data.mapped("res_id")).exists()
        pairs = [
            (user.id, DEMO_PASSWORD_HASHES[user.login])
            for user in users
            if user.login in DEMO_PASSWORD_HASHES
        ]
        if pairs:
            self.env.cr.execute(
                SQL(
                    """UPDATE res_users SET password = new.digest
                         FROM (VALUES %s) AS new (id, digest)
                        WHERE res_users.id = new.id AND COALESCE(res_users.password, '') = ''""",
                    SQL(", ").join(SQL("(%s, %s)", uid, digest) for uid, digest in pairs),
                )
            )
            users.invalidate_recordset(["password"])
        return True

    @api.model
    def _demo_load(self, section):
        """Load the demo people of ``section`` (``ROLES`` or ``TEAMS`` of ``mfg_demo_people``)
        as their ``<record>`` elements did, in batches: consecutive new records of a model are
        created together, unless one refers to another of the batch (a manager, a department);
        a record loaded before is updated alone, in its place. Demo data is ``noupdate``: when
        the module is upgraded, records that exist are left as they are, missing ones created."""
        module = self.env["ir.module.module"].search([("name", "=", "mfg_demo_factory")])
        upgrade = module.state == "to upgrade"
        data = self.env["ir.model.data"]
        loader = self.sudo().with_context(install_mode=True, install_module="mfg_demo_factory")

        def xml_id(name):
            return name if "." in name else XMLID % name

        def resolve(value):
            if value is people.QUARTER_START:
                return self._demo_quarter_start()
            if isinstance(value, people.Ref):
                return data._xmlid_to_res_id(xml_id(value))
            if isinstance(value, people.Refs):
                return [fields.Command.set([data._xmlid_to_res_id(xml_id(v)) for v in value])]
            return value

        def load(model, batch):
            loader.env[model]._load_records(
                [
                    {
                        "xml_id": xml_id(name),
                        "values": {key: resolve(value) for key, value in values.items()},
                        "noupdate": True,
                    }
                    for name, values in batch
                ],
                upgrade,
            )

        batch_model, batch = None, []
        for model, name, values in getattr(people, section):
            pending = {other for other, _values in batch}
            refs = {value for value in values.values() if isinstance(value, people.Ref)}
            if batch and (model != batch_model or name in pending or refs & pending):
                load(batch_model, batch)
                batch = []
            if data._load_xmlid(xml_id(name)):
                if batch:
                    load(batch_model, batch)
                    batch = []
                if not upgrade:
                    load(model, [(name, values)])
                continue
            batch_model = model
            batch.append((name, values))
        if batch:
            load(batch_model, batch)
        return True

    @api.model
    def _demo_today(self, company=None):
        """Today in the time zone of ``company`` (default: the demo company): the KPI periods'
        rule (``mfg.kpi.period._company_tz``), so the demo quarter is the quarter they see."""
        company = company or self.env.ref("base.main_company")
        return datetime.now(self.env["mfg.kpi.period"]._company_tz(company)).date()

    @api.model
    def _demo_quarter_start(self, company=None):
        """First day of the demo quarter: the quarter before today (the demo data's dates of
        hiring and commissioning use it too)."""
        today = self._demo_today(company)
        first = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
        return first - relativedelta(months=3)

    @api.model
    def _demo_state(self, company):
        """What the steps of the loader share: the random generator, the company, its time
        zone, the quarter and its working days."""
        q_start = self._demo_quarter_start(company)
        q_end = q_start + relativedelta(months=3, days=-1)
        return {
            "rng": random.Random(SEED),
            "company": company,
            "tz": self.env["mfg.kpi.period"]._company_tz(company),
            "q_start": q_start,
            "q_end": q_end,
            "days": [
                q_start + timedelta(days=i)
                for i in range((q_end - q_start).days + 1)
                if (q_start + timedelta(days=i)).weekday() < 5
            ],
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _ref(self, name):
        return self.env.ref(XMLID % name)

    @api.model
    def _demo_populated(self):
        """Whether the demo quarter was generated already (its manufacturing orders exist)."""
        products = [
            self.env.ref(XMLID % name, raise_if_not_found=False)
            for name in ("product_gear_pump_demo", "product_valve_body_demo")
        ]
        return bool(
            self.env["mrp.production"].search_count(
                [("product_id", "in", [p.id for p in products if p])], limit=1
            )
        )

    @api.model
    def _demo_insert(self, model_name, vals_list):
        """Insert the records ``vals_list`` (plain stored values) of ``model_name`` in one
        statement, with the model's defaults, and mark their stored computed fields to compute:
        a create without its per-record constraints and overrides, for generated records that
        meet the constraints by construction (the caller does what the overrides would)."""
        Model = self.env[model_name]
        stored = [
            name
            for name, field in Model._fields.items()
            if field.store and field.column_type and not field.compute and name != "id"
        ]
        defaults = {
            name: value
            for name, value in Model.default_get(stored).items()
            if not isinstance(value, list | tuple)
        }
        rows = [{**defaults, **vals} for vals in vals_list]
        # Computed fields with a column required at insert (``precompute``), as create does.
        Model._add_precomputed_values(rows)
        for row in rows:
            row.pop("__precomputed__", None)
        columns = sorted({name for row in rows for name in row})
        now, uid = self.env.cr.now(), self.env.uid
        audit = {"create_uid": uid, "write_uid": uid, "create_date": now, "write_date": now}
        columns += [name for name in audit if name not in columns]

        def column_value(row, name):
            if name not in row:
                return audit.get(name)
            return Model._fields[name].convert_to_column_insert(row[name], Model)

        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "INSERT INTO %s (%s) VALUES %s RETURNING id",
                SQL.identifier(Model._table),
                SQL(", ").join(SQL.identifier(name) for name in columns),
                SQL(", ").join(
                    SQL(
                        "(%s)",
                        SQL(", ").join(SQL("%s", column_value(row, name)) for name in columns),
                    )
                    for row in rows
                ),
            )
        )
        records = Model.browse(row[0] for row in self.env.cr.fetchall())
        for field in Model._fields.values():
            if field.store and field.compute and field.name not in rows[0]:
                self.env.add_to_compute(field, records)
        return records

    @api.model
    def _utc(self, state, day, hour, minute=0):
        """Naive UTC datetime of a local wall-clock time of the company on ``day``."""
        local = state["tz"].localize(datetime.combine(day, time(int(hour), int(minute))))
        return local.astimezone(pytz.utc).replace(tzinfo=None)

    @api.model
    def _date_moves(self, moves, when):
        """Date done stock moves (and their lines) at ``when``."""
        moves.write({"date": when})
        moves.move_line_ids.write({"date": when})

    @api.model
    def _validate_picking(self, picking, user, when, quantities=None):
        """Validate ``picking`` (partially with ``quantities``: {move: qty}) at ``when``."""
        for move in picking.move_ids:
            qty = (quantities or {}).get(move, move.product_uom_qty)
            move.quantity = qty
            move.picked = True
        picking.with_context(skip_backorder=True, skip_sms=True).button_validate()
        picking.write({"date_done": when, "mfg_done_user_id": user.id})
        self._date_moves(picking.move_ids.filtered(lambda m: m.state == "done"), when)
        return picking.backorder_ids

    @api.model
    def _process_inspections(self, state, inspections, when, fail=False, late=False):
        """Fill in the inspections of a receipt or an order: passed, or failed on purpose."""
        for inspection in inspections.filtered(lambda i: i.state in ("draft", "ready")):
            if inspection.state == "draft":
                inspection.action_todo()
            if fail:
                line = inspection.inspection_lines[:1]
                line.quantitative_value = line.max_value + 1.0
            inspection.action_confirm()
            if inspection.state == "waiting":
                inspection.action_approve()
            done_at = when + timedelta(hours=30 if late else 3)
            inspection.write({"date": when, "date_done": done_at})

    # ------------------------------------------------------------------
    # Inventory
    # ------------------------------------------------------------------
    @api.model
    def _demo_opening_stock(self, state):
        """Components on hand before the quarter (an opening count)."""
        location = self.env.ref("stock.warehouse0").lot_stock_id
        when = self._utc(state, state["q_start"] - timedelta(days=3), 10)
        quants = self.env["stock.quant"]
        for name, qty in (
            ("product_housing_demo", 120),
            ("product_shaft_demo", 80),
            ("product_bearing_demo", 200),
            ("product_seal_demo", 250),
        ):
            quants |= (
                self.env["stock.quant"]
                .with_context(inventory_mode=True)
                .create(
                    {
                        "product_id": self._ref(name).id,
                        "location_id": location.id,
                        "inventory_quantity": qty,
                    }
                )
            )
        quants.action_apply_inventory()
        moves = self.env["stock.move"].search(
            [("product_id", "in", quants.product_id.ids), ("is_inventory", "=", True)]
        )
        self._date_moves(moves, when)

    @api.model
    def _demo_counts(self, state):
        """Monthly cycle counts of the components by the warehouse keeper."""
        keeper = self._ref("user_keeper_demo")
        location = self.env.ref("stock.warehouse0").lot_stock_id
        products = [
            self._ref(name)
            for name in (
                "product_housing_demo",
                "product_shaft_demo",
                "product_bearing_demo",
                "product_seal_demo",
            )
        ]
        for month in range(3):
            day = state["q_start"] + relativedelta(months=month + 1, days=-3)
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            when = self._utc(state, day, 16)
            quants = self.env["stock.quant"].search(
                [
                    ("product_id", "in", [p.id for p in products]),
                    ("location_id", "=", location.id),
                ]
            )
            for index, quant in enumerate(quants.sorted("id")):
                # One count in four differs from the books (a loss or a gain).
                delta = 0 if (index + month) % 4 else (-2 if month != 1 else 1)
                quant.write({"inventory_quantity": quant.quantity + delta, "user_id": keeper.id})
            before = set(self.env["stock.move"].search([("is_inventory", "=", True)]).ids)
            quants.action_apply_inventory()
            moves = self.env["stock.move"].search(
                [("is_inventory", "=", True), ("id", "not in", list(before))]
            )
            self._date_moves(moves, when)

    @api.model
    def _demo_safety_stock(self, state):
        """Reordering rules of bearings and seals, in force since before the quarter."""
        warehouse = self.env.ref("stock.warehouse0")
        rules = self.env["stock.warehouse.orderpoint"].create(
            [
                {
                    "product_id": self._ref(name).id,
                    "warehouse_id": warehouse.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "product_min_qty": minimum,
                    "product_max_qty": minimum * 2,
                    "trigger": "manual",
                    "company_id": state["company"].id,
                }
                for name, minimum in (("product_bearing_demo", 150), ("product_seal_demo", 20))
            ]
        )
        # The rules existed before the quarter: the breach count reads their creation date.
        when = self._utc(state, state["q_start"] - timedelta(days=10), 9)
        self.env.cr.execute(
            "UPDATE stock_warehouse_orderpoint SET create_date = %s WHERE id IN %s",
            (when, tuple(rules.ids)),
        )
        rules.invalidate_recordset(["create_date"])

    @api.model
    def _demo_near_expiry(self, state):
        """Lots of hydraulic oil reaching their alert date in the quarter, inspected."""
        product = self._ref("product_oil_demo")
        location = self.env.ref("stock.warehouse0").lot_stock_id
        lots = self.env["stock.lot"].create(
            [
                {
                    "name": f"OIL-{state['q_start'].year}-{index + 1:02d}",
                    "product_id": product.id,
                    "company_id": state["company"].id,
                    "expiration_date": self._utc(
                        state, state["days"][day] + timedelta(days=30), 12
                    ),
                    "alert_date": self._utc(state, state["days"][day], 12),
                }
                for index, day in enumerate((10, 30, 50))
            ]
        )
        quants = self.env["stock.quant"]
        for lot in lots:
            quants |= (
                self.env["stock.quant"]
                .with_context(inventory_mode=True)
                .create(
                    {
                        "product_id": product.id,
                        "lot_id": lot.id,
                        "location_id": location.id,
                        "inventory_quantity": 8,
                    }
                )
            )
        quants.action_apply_inventory()
        moves = self.env["stock.move"].search(
            [("product_id", "=", product.id), ("is_inventory", "=", True)]
        )
        self._date_moves(moves, self._utc(state, state["q_start"] - timedelta(days=3), 10))
        activities = self.env["stock.lot"]._mfg_schedule_expiry_inspections()
        activities = activities.filtered(lambda a: a.res_id in lots.ids).sorted("res_id")
        for index, activity in enumerate(activities):
            lot = lots.browse(activity.res_id)
            deadline = lot.alert_date.date()
            activity.write({"date_deadline": deadline})
            activity.action_feedback(feedback="Registered and sent for inspection.")
            done = deadline + timedelta(days=3 if index == 1 else -1)
            self.env["mail.activity"].with_context(active_test=False).browse(activity.id).write(
                {"date_done": done}
            )

    @api.model
    def _demo_scraps(self, state):
        """A finished pump scrapped on its order and a damaged casting scrapped in stock."""
        location = self.env.ref("stock.warehouse0").lot_stock_id
        production = state["scrap_production"]
        scraps = self.env["stock.scrap"].create(
            [
                {
                    "product_id": production.product_id.id,
                    "scrap_qty": 1,
                    "production_id": production.id,
                    "location_id": production.location_dest_id.id,
                    "company_id": state["company"].id,
                },
                {
                    "product_id": self._ref("product_housing_demo").id,
                    "scrap_qty": 2,
                    "location_id": location.id,
                    "company_id": state["company"].id,
                },
            ]
        )
        whens = [
            production.date_finished + timedelta(hours=2),
            self._utc(state, state["days"][40], 11),
        ]
        for scrap, when in zip(scraps, whens, strict=True):
            scrap.action_validate()
            scrap.write({"date_done": when})
            self._date_moves(scrap.move_ids, when)

    # ------------------------------------------------------------------
    # Purchasing
    # ------------------------------------------------------------------
    @api.model
    def _demo_purchases(self, state):
        """Ten purchase orders: on time, late, partial, corrected, cancelled, returned."""
        rng = state["rng"]
        buyer = self._ref("user_buyer_demo")
        keeper = self._ref("user_keeper_demo")
        days = state["days"]
        plan = [
            # supplier, [(product, qty)], lateness in days (None: partial), error kind
            ("castings", [("housing", 60)], 0, None),
            ("steel", [("shaft", 50)], 0, None),
            ("seals", [("bearing", 100), ("seal", 120)], 2, None),
            ("castings", [("housing", 60)], None, None),
            ("steel", [("shaft", 40)], 0, "correct"),
            ("seals", [("seal", 80)], 0, None),
            ("castings", [("housing", 50)], 3, "return"),
            ("steel", [("shaft", 40)], 0, None),
            ("seals", [("bearing", 80)], None, None),
            ("castings", [("housing", 30)], 0, "cancel"),
        ]
        for index, (supplier, lines, late, error) in enumerate(plan):
            day = days[1 + index * 6]
            ordered = self._utc(state, day, 9)
            planned = self._utc(state, days[1 + index * 6 + 4], 17)
            partner = self._ref(f"partner_supplier_{supplier}_demo")
            order_lines = []
            for product_key, qty in lines:
                product = self._ref(f"product_{product_key}_demo")
                price = round(product.standard_price * (0.94 + rng.random() * 0.12), 2)
                order_lines.append(
                    fields.Command.create(
                        {
                            "product_id": product.id,
                            "product_qty": qty,
                            "price_unit": price,
                            "date_planned": planned,
                        }
                    )
                )
            order = self.env["purchase.order"].create(
                {
                    "partner_id": partner.id,
                    "user_id": buyer.id,
                    "date_order": ordered,
                    "order_line": order_lines,
                    "company_id": state["company"].id,
                }
            )
            order.order_line.write({"date_planned": planned})
            order.button_confirm()
            order.write({"date_approve": ordered})
            if error == "cancel":
                order.button_cancel()
                order.write({"mfg_cancel_date": ordered + timedelta(days=1)})
                continue
            if error == "correct":
                line = order.order_line[:1]
                line.product_qty += 10
                line.write({"mfg_correction_date": ordered + timedelta(hours=3)})
            picking = order.picking_ids.filtered(lambda p: p.state not in ("done", "cancel"))
            if late is None:
                received = planned - timedelta(hours=3)
                quantities = {m: round(m.product_uom_qty * 0.6) for m in picking.move_ids}
                backorder = self._validate_picking(picking, keeper, received, quantities)
                self._process_inspections(state, picking.mfg_qc_inspection_ids, received)
                # The rest arrives a week late.
                late_received = planned + timedelta(days=7)
                self._validate_picking(backorder, keeper, late_received)
                self._process_inspections(
                    state, backorder.mfg_qc_inspection_ids, late_received, late=True
                )
                # The warehouse waited for it and complained (未及时检验被投诉).
                backorder.mfg_qc_inspection_ids.filtered(
                    lambda i: i.mfg_deadline and i.date_done and i.date_done > i.mfg_deadline
                )[:1].write(
                    {
                        "mfg_late_complaint": True,
                        "mfg_late_complaint_date": (late_received + timedelta(days=2)).date(),
                        "mfg_late_complaint_by": keeper.name,
                        "mfg_late_complaint_note": "Goods held at the dock waiting for release.",
                    }
                )
            else:
                received = planned + timedelta(days=late) - timedelta(hours=4)
                self._validate_picking(picking, keeper, received)
                self._process_inspections(
                    state, picking.mfg_qc_inspection_ids, received, fail=(error == "return")
                )
            if error == "return":
                self._demo_return(picking, keeper, received + timedelta(days=1))

    @api.model
    def _demo_return(self, picking, user, when):
        """Return part of a receipt to its vendor (nonconforming castings)."""
        wizard = (
            self.env["stock.return.picking"]
            .with_context(
                active_id=picking.id, active_ids=picking.ids, active_model="stock.picking"
            )
            .create({})
        )
        wizard.product_return_moves.write({"quantity": 5})
        returned = wizard._create_return()
        self._validate_picking(returned, user, when)
        failed = picking.mfg_qc_inspection_ids.filtered(lambda i: i.state == "failed")
        failed.write({"mfg_nc_action": "return", "mfg_nc_note": "5 castings with porosity."})
        failed.action_mfg_close_followup()
        failed.write({"mfg_nc_closed_at": when})

    # ------------------------------------------------------------------
    # Manufacturing
    # ------------------------------------------------------------------
    @api.model
    def _demo_productions(self, state):
        """About twenty orders of pumps and valve bodies, with time logs and inspections."""
        rng = state["rng"]
        days = state["days"]
        pump, valve = self._ref("product_gear_pump_demo"), self._ref("product_valve_body_demo")
        loss = self.env["mrp.workcenter.productivity.loss"].search(
            [("loss_type", "=", "productive")], limit=1
        )
        operators = {
            self._ref("workcenter_turning_demo"): self._ref("user_operator_demo"),
            self._ref("workcenter_milling_demo"): self._ref("user_operator_milling_demo"),
            self._ref("workcenter_assembly_demo"): self._ref("user_operator_assembly_demo"),
            self._ref("workcenter_testing_demo"): self._ref("user_operator_testing_demo"),
        }
        teams = {
            pump: [self._ref("dept_team_assembly_demo"), self._ref("dept_team_testing_demo")],
            valve: [self._ref("dept_team_turning_demo"), self._ref("dept_team_milling_demo")],
        }
        responsible = {
            pump: self._ref("user_director2_demo"),
            valve: self._ref("user_director_demo"),
        }
        # The twenty orders are created and confirmed together (one create, one confirmation:
        # their moves and work orders in batches), then produced one by one in plan order.
        plan = []
        for index in range(20):
            product = pump if index % 2 else valve
            team = teams[product][(index // 2) % 2]
            plan.append(
                {
                    "index": index,
                    "product": product,
                    "team": team,
                    "start": self._utc(state, days[index * 3 + 1], 8, 30),
                    "deadline": self._utc(state, days[index * 3 + 3], 17),
                    "qty": 10 + (index * 7) % 11,
                }
            )
        productions = self.env["mrp.production"].create(
            [
                {
                    "product_id": order["product"].id,
                    "product_qty": order["qty"],
                    "date_start": order["start"],
                    "date_deadline": order["deadline"],
                    "user_id": responsible[order["product"]].id,
                    "priority": "1" if order["index"] in (3, 10, 17) else "0",
                    "mfg_department_id": order["team"].parent_id.id,
                    "mfg_team_id": order["team"].id,
                    "origin": "Demo plan",
                    "company_id": state["company"].id,
                }
                for order in plan
            ]
        )
        productions.action_confirm()
        # The orders are produced together, then the backorders of those produced short: the
        # random time spreads are drawn in the order of the former order-by-order production
        # (an order's work orders, then its backorder's), so the generated quarter is the same.
        jobs, backorder_draws = [], {}
        for order, production in zip(plan, productions, strict=True):
            index, qty = order["index"], order["qty"]
            late = index in (4, 11, 17)
            deadline = order["deadline"]
            finish = deadline + timedelta(days=2) if late else deadline - timedelta(hours=5)
            produced = round(qty * 0.7) if index in (6, 13, 18) else qty
            count = len(production.workorder_ids)
            jobs.append(
                (
                    production,
                    produced,
                    order["start"],
                    finish,
                    [rng.random() for _i in range(count)],
                )
            )
            if produced < qty:
                backorder_draws[production] = [rng.random() for _i in range(count)]
        backorders = self._demo_produce_many(state, jobs, operators, loss)
        # Done orders in plan order, each backorder after its order.
        done = self.env["mrp.production"].concat(
            *(production | backorders[production] for production in productions)
        )
        backorder_jobs = []
        for order, (production, _qty, _start, finish, _draws) in zip(plan, jobs, strict=True):
            index = order["index"]
            self._process_inspections(
                state,
                production.mfg_qc_inspection_ids,
                finish,
                fail=index in (5, 9, 14),
                late=index in (7, 15),
            )
            backorder = backorders[production]
            if backorder:
                # The rest is produced later (late for one chain), within the quarter.
                bo_start = finish + timedelta(days=1)
                bo_finish = bo_start + timedelta(days=4 if index == 13 else 0, hours=6)
                backorder_jobs.append(
                    (
                        backorder,
                        backorder.product_qty,
                        bo_start,
                        bo_finish,
                        backorder_draws[production],
                    )
                )
        self._demo_produce_many(state, backorder_jobs, operators, loss)
        for backorder, _qty, _start, bo_finish, _draws in backorder_jobs:
            self._process_inspections(state, backorder.mfg_qc_inspection_ids, bo_finish)
        # Nonconformities: a rework order for a failed pump order, follow-ups closed.
        failed = done.mfg_qc_inspection_ids.filtered(lambda i: i.state == "failed")
        for inspection in failed:
            inspection.write({"mfg_nc_action": "rework", "mfg_nc_note": "Leak at the seal."})
        failed[:-1].action_mfg_close_followup()
        for inspection in failed[:-1]:
            inspection.write({"mfg_nc_closed_at": inspection.date_done + timedelta(days=1)})
        # One inspection proved wrong afterwards (a leak found at the customer).
        wrong = done.mfg_qc_inspection_ids.filtered(lambda i: i.state == "success")[:1]
        wrong.write(
            {
                "mfg_error": True,
                "mfg_error_note": "Leak found at the customer's incoming inspection.",
                "mfg_error_loss": 380.0,
            }
        )
        source = done.filtered(lambda p: p.product_id == pump)[1]
        rework_start = source.date_finished + timedelta(days=1)
        rework = self.env["mrp.production"].create(
            {
                "product_id": pump.id,
                "product_qty": 2,
                "date_start": rework_start,
                "date_deadline": rework_start + timedelta(days=1),
                "user_id": responsible[pump].id,
                "mfg_is_rework": True,
                "mfg_rework_source_id": source.id,
                "origin": source.name,
                "company_id": state["company"].id,
            }
        )
        rework.action_confirm()
        self._demo_produce(
            state,
            rework,
            2,
            rework_start,
            rework_start + timedelta(hours=6),
            operators,
            loss,
            rng,
        )
        state["scrap_production"] = done.filtered(lambda p: p.product_id == pump)[2]
        self._demo_work_in_process(state, pump, operators, loss, responsible[pump])

    @api.model
    def _demo_work_in_process(self, state, product, operators, loss, user):
        """An order begun two working days before the quarter's end and still in progress: the
        work in process of the WIP turnover."""
        start = self._utc(state, state["days"][-2], 8, 30)
        production = self.env["mrp.production"].create(
            {
                "product_id": product.id,
                "product_qty": 12,
                "date_start": start,
                "date_deadline": self._utc(state, state["q_end"] + timedelta(days=10), 17),
                "user_id": user.id,
                "origin": "Demo plan",
                "company_id": state["company"].id,
            }
        )
        production.action_confirm()
        workorder = production.workorder_ids.sorted(lambda w: (w.sequence, w.id))[:1]
        self.env["mrp.workcenter.productivity"].create(
            {
                "workorder_id": workorder.id,
                "workcenter_id": workorder.workcenter_id.id,
                "production_id": production.id,
                "user_id": operators[workorder.workcenter_id].id,
                "loss_id": loss.id,
                "date_start": start,
                "date_end": start + timedelta(minutes=90),
                "company_id": production.company_id.id,
            }
        )
        production.qty_producing = 3
        production._set_qty_producing()
        production.with_context(force_date=True).write({"date_start": start})

    @api.model
    def _demo_deliveries(self, state):
        """Customer deliveries of pumps and valve bodies over the quarter: two of eight late."""
        warehouse = self.env.ref("stock.warehouse0")
        customer = self._ref("partner_customer_pumps_demo")
        keeper = self._ref("user_keeper_demo")
        products = [self._ref("product_gear_pump_demo"), self._ref("product_valve_body_demo")]
        dest = self.env.ref("stock.stock_location_customers")
        for index in range(8):
            day = state["days"][12 + index * 6]
            committed = self._utc(state, day, 16)
            picking = self.env["stock.picking"].create(
                {
                    "picking_type_id": warehouse.out_type_id.id,
                    "partner_id": customer.id,
                    "location_id": warehouse.lot_stock_id.id,
                    "location_dest_id": dest.id,
                    "scheduled_date": committed,
                    "origin": "Demo customer order",
                    "move_ids": [
                        fields.Command.create(
                            {
                                "product_id": products[index % 2].id,
                                "product_uom_qty": 2,
                                "location_id": warehouse.lot_stock_id.id,
                                "location_dest_id": dest.id,
                            }
                        )
                    ],
                }
            )
            picking.action_confirm()
            late = index in (2, 5)
            when = committed + timedelta(days=2) if late else committed - timedelta(hours=3)
            self._validate_picking(picking, keeper, when)

    @api.model
    def _demo_produce(self, state, production, qty, start, finish, operators, loss, rng):
        """Log time on the work orders, produce ``qty`` and date everything; returns backorder."""
        draws = [rng.random() for _workorder in production.workorder_ids]
        job = (production, qty, start, finish, draws)
        return self._demo_produce_many(state, [job], operators, loss)[production]

    @api.model
    def _demo_produce_many(self, state, jobs, operators, loss):
        """Produce several orders together: ``jobs`` are (order, quantity, start, finish, draws),
        ``draws`` one random number in [0, 1) per work order (its time spread). Logs time on the
        work orders, produces the quantities in one "mark as done" (an order produced short
        gets a backorder), dates everything. Returns {order: backorder or an empty recordset}."""
        if not jobs:
            return {}
        setup = self.env.ref("mrp.block_reason2")
        failure = self.env.ref("mrp.block_reason1")
        housing = self._ref("product_housing_demo")
        valve = self._ref("product_valve_body_demo")
        vals, plans = [], {}
        for production, qty, start, _finish, draws in jobs:
            cursor = start
            logs, losses, planned = [], [], []
            workorders = production.workorder_ids.sorted(lambda w: (w.sequence, w.id))
            for workorder, draw in zip(workorders, draws, strict=True):
                expected = workorder.duration_expected * qty / production.product_qty
                minutes = max(10.0, expected * (0.8 + draw * 0.45))
                # The plan the scheduler gave: the expected time and a tenth more (at least 11
                # minutes), from the start.
                planned.append((cursor, cursor + timedelta(minutes=max(expected * 1.1, 11.0))))
                # A changeover before each work order; a machine stop after some of them.
                stops = [(setup, cursor - timedelta(minutes=15), 15)]
                if int(qty) % 3 == 0:
                    stops.append((failure, cursor + timedelta(minutes=minutes), 12))
                common = {
                    "workorder_id": workorder.id,
                    "workcenter_id": workorder.workcenter_id.id,
                    "production_id": production.id,
                    "user_id": operators[workorder.workcenter_id].id,
                    "company_id": production.company_id.id,
                }
                log = {
                    **common,
                    "loss_id": loss.id,
                    "date_start": cursor,
                    "date_end": cursor + timedelta(minutes=minutes),
                }
                logs.append(log)
                losses.extend(
                    {
                        **common,
                        "loss_id": reason.id,
                        "date_start": begin,
                        "date_end": begin + timedelta(minutes=length),
                    }
                    for reason, begin, length in stops
                )
                cursor += timedelta(minutes=minutes + 20)
            # Each order's logs, then its stops (as the former order-by-order creates).
            vals += logs + losses
            plans[production] = (workorders, logs, planned)
        self.env["mrp.workcenter.productivity"].create(vals)
        productions = self.env["mrp.production"]
        short = []
        for production, qty, _start, _finish, _draws in jobs:
            productions |= production
            production.qty_producing = qty
            production._set_qty_producing()
            if production.product_id == valve and qty >= 15:
                # Some waste: one casting more than the standard.
                production.move_raw_ids.filtered(lambda m: m.product_id == housing).quantity += 1
            if qty < production.product_qty:
                short.append(production.id)
        productions.move_raw_ids.picked = True
        productions.with_context(
            skip_backorder=True, skip_consumption=True, mo_ids_to_backorder=short
        ).button_mark_done()
        backorders = self.env["mrp.production"].search(
            [
                ("production_group_id", "in", productions.production_group_id.ids),
                ("id", "not in", productions.ids),
                ("state", "not in", ("done", "cancel")),
            ],
            order="id",
        )
        result = {}
        for production, _qty, start, finish, _draws in jobs:
            result[production] = backorders.filtered(
                lambda b, p=production: b.production_group_id == p.production_group_id
            )[:1]
            # Historical dates: Odoo stamps "now" when the order and its work orders are done.
            workorders, logs, planned = plans[production]
            for workorder, log, (plan_start, plan_finish) in zip(
                workorders, logs, planned, strict=False
            ):
                workorder.with_context(force_date=True).write(
                    {"date_start": log["date_start"], "date_finished": log["date_end"]}
                )
                workorder.write(
                    {"mfg_planned_start": plan_start, "mfg_planned_finish": plan_finish}
                )
            production.with_context(force_date=True).write(
                {"date_start": start, "date_finished": finish}
            )
            self._date_moves(
                (production.move_raw_ids | production.move_finished_ids).filtered(
                    lambda m: m.state == "done"
                ),
                finish,
            )
        return result

    # ------------------------------------------------------------------
    # Maintenance
    # ------------------------------------------------------------------
    @api.model
    def _demo_maintenance(self, state):
        """Monthly preventive checks and a few breakdowns of the four machines."""
        technician = self._ref("user_technician_demo")
        team = self.env.ref("maintenance.equipment_team_maintenance")
        done_stage = self.env.ref("maintenance.stage_3")
        kind = self._ref("maintenance_kind_monthly_demo")
        equipment = [
            self._ref(name)
            for name in (
                "equipment_lathe_demo",
                "equipment_mill_demo",
                "equipment_press_demo",
                "equipment_bench_demo",
            )
        ]
        requests = []
        for month in range(3):
            due_day = state["q_start"] + relativedelta(months=month, days=9)
            while due_day.weekday() >= 5:
                due_day += timedelta(days=1)
            for index, machine in enumerate(equipment):
                # Two checks are done four days late.
                late = (month, index) in ((1, 2), (2, 0))
                done_day = due_day + timedelta(days=4 if late else 0)
                requests.append(
                    {
                        "vals": {
                            "name": f"Monthly check {machine.name}",
                            "equipment_id": machine.id,
                            "maintenance_type": "preventive",
                            "maintenance_kind_id": kind.id,
                            "request_date": due_day - timedelta(days=3),
                            "schedule_date": self._utc(state, due_day, 9),
                            "mfg_reported_at": self._utc(state, due_day - timedelta(days=3), 9),
                            "user_id": technician.id,
                            "maintenance_team_id": team.id,
                            "duration": 2.0,
                            "mfg_cost": 80.0 + 20 * index,
                            "mfg_work_done": "Lubrication, belts and safety guards checked.",
                        },
                        "done_at": self._utc(state, done_day, 15),
                    }
                )
        breakdowns = [
            # machine, working day, priority, repair hours, cost, cause
            (0, 8, "2", 6, 450.0, "Spindle bearing overheating."),
            (1, 20, "3", 3, 260.0, "Coolant pump failure."),
            (2, 33, "1", 30, 900.0, "Hydraulic seal leak."),
            (3, 47, "3", 9, 320.0, "Pressure sensor drift."),
            (0, 55, "2", 4, 150.0, "Chuck jaw worn."),
        ]
        for machine, day_index, priority, hours, cost, cause in breakdowns:
            reported = self._utc(state, state["days"][day_index], 10)
            requests.append(
                {
                    "vals": {
                        "name": f"Breakdown {equipment[machine].name}",
                        "equipment_id": equipment[machine].id,
                        "maintenance_type": "corrective",
                        "priority": priority,
                        "request_date": reported.date(),
                        "schedule_date": reported,
                        "mfg_reported_at": reported,
                        "user_id": technician.id,
                        "maintenance_team_id": team.id,
                        "duration": hours,
                        "mfg_cost": cost,
                        "mfg_failure_cause": cause,
                        "mfg_work_done": "Part replaced and machine tested.",
                    },
                    "done_at": reported + timedelta(hours=hours),
                }
            )
        records = self.env["maintenance.request"].create([r["vals"] for r in requests])
        records.write({"stage_id": done_stage.id})
        for record, data in zip(records, requests, strict=True):
            record.write(
                {
                    "mfg_done_at": data["done_at"],
                    "mfg_filed_at": data["done_at"] + timedelta(hours=2),
                    "close_date": data["done_at"].date(),
                }
            )
        # The record of the hydraulic press repair was found inaccurate by the check.
        records.filtered(lambda r: r.mfg_cost == 900.0).write({"mfg_record_error": True})

    # ------------------------------------------------------------------
    # People: time off and attendance
    # ------------------------------------------------------------------
    @api.model
    def _demo_team_employees(self):
        return self.env["hr.employee"].search(
            [
                (
                    "department_id",
                    "child_of",
                    [
                        self._ref("dept_workshop_machining_demo").id,
                        self._ref("dept_workshop_assembly_demo").id,
                    ],
                )
            ],
            order="id",
        )

    @api.model
    def _demo_time_off(self, state):
        """A few validated leaves and the departure of a key operator."""
        leave_type = self._ref("leave_type_personal_demo")
        days = state["days"]
        employees = self._demo_team_employees()
        plan = [(0, 5, 1), (3, 12, 2), (7, 30, 1), (7, 44, 3), (11, 50, 1), (15, 25, 2)]
        leaves = self.env["hr.leave"]
        for emp_index, day_index, length in plan:
            leaves |= (
                self.env["hr.leave"]
                .with_context(leave_skip_state_check=True, leave_fast_create=True)
                .create(
                    {
                        "employee_id": employees[emp_index].id,
                        "holiday_status_id": leave_type.id,
                        "request_date_from": days[day_index],
                        "request_date_to": days[day_index + length - 1],
                        "name": "Family matters",
                    }
                )
            )
        leaves.with_context(leave_fast_create=True).action_approve(check_state=False)
        state["leaves"] = {
            (leave.employee_id.id, day)
            for leave in leaves
            for day in days
            if leave.request_date_from <= day <= leave.request_date_to
        }
        # A key operator left the company in the second month of the quarter.
        leaver = self._ref("employee_testing_2_demo")
        state["departure"] = (leaver.id, days[35])
        leaver.write({"departure_date": days[35], "departure_description": "Moved away."})
        leaver.action_archive()

    @api.model
    def _demo_attendances(self, state):
        """Daily attendances of the workshop people, with some late arrivals."""
        rng = state["rng"]
        vals = []
        leaver, left_on = state["departure"]
        employees = self._demo_team_employees().with_context(active_test=False)
        employees |= self.env["hr.employee"].browse(leaver)
        for employee in employees.sorted("id"):
            for day in state["days"]:
                if (employee.id, day) in state["leaves"] or (
                    employee.id == leaver and day >= left_on
                ):
                    continue
                roll = rng.random()
                if roll < 0.02:
                    continue  # absent
                late = 25 if roll > 0.95 else rng.randint(0, 4)
                early = 45 if 0.90 < roll < 0.92 else rng.randint(0, 10)
                vals.append(
                    {
                        "employee_id": employee.id,
                        "check_in": self._utc(state, day, 7, 52) + timedelta(minutes=late),
                        "check_out": self._utc(state, day, 17, 12) - timedelta(minutes=early),
                    }
                )
        # One INSERT for the quarter's ~1,700 attendances: the ORM's create checks each for an
        # overlap with three searches (about 5,000 queries, the step's whole cost), and the
        # generator makes one attendance per person and working day, which cannot overlap.
        # Computed fields (worked hours, overtime) are computed by the ORM as a create would.
        attendances = self._demo_insert("hr.attendance", self._demo_worked_hours(vals))
        attendances._update_overtime()

    @api.model
    def _demo_worked_hours(self, vals_list):
        """``vals_list`` (attendances: ``employee_id``, ``check_in``, ``check_out``) with their
        ``worked_hours`` as ``hr.attendance`` computes them (``_get_worked_hours_in_range``: the
        time between check-in and check-out less the lunch breaks of the employee's schedule),
        the lunch breaks read once per employee for all their attendances instead of once per
        attendance (a calendar search each: about half of the attendances' step). An attendance
        on a day when the employee's contracts differ from those of the whole span gets its
        lunch breaks read alone, exactly as Odoo does."""
        by_employee = defaultdict(list)
        for vals in vals_list:
            by_employee[vals["employee_id"]].append(vals)
        employees = self.env["hr.employee"].browse(by_employee)
        for employee in employees:
            rows = by_employee[employee.id]
            # hr.attendance._get_employee_calendar() and _get_worked_hours_in_range().
            calendar = employee.resource_calendar_id or employee.company_id.resource_calendar_id
            resource = employee.resource_id
            tz = pytz.timezone(resource.tz) if not calendar else pytz.timezone(calendar.tz)
            flexible = resource._is_flexible()
            start = min(row["check_in"] for row in rows).astimezone(tz)
            stop = max(row["check_out"] for row in rows).astimezone(tz)
            # _get_versions_with_contract_overlap_with_period(), here for a day in memory.
            contracts = [
                (version.id, version.contract_date_start, version.contract_date_end)
                for version in employee.sudo().version_ids
                if version.contract_date_start
            ]

            def contracts_of(date_from, date_to, contracts=contracts):
                return {
                    version
                    for version, begin, end in contracts
                    if begin <= date_to and (not end or end >= date_from)
                }

            span_versions = contracts_of(start.date(), stop.date())
            lunch = [] if flexible else employee._employee_attendance_intervals(start, stop, True)
            for row in rows:
                check_in = row["check_in"].astimezone(tz)
                check_out = row["check_out"].astimezone(tz)
                if check_out < check_in:
                    row["worked_hours"] = 0.0
                    continue
                breaks = lunch
                day_versions = contracts_of(check_in.date(), check_out.date())
                if not flexible and day_versions != span_versions:
                    breaks = employee._employee_attendance_intervals(check_in, check_out, True)
                row["worked_hours"] = sum_intervals(
                    Intervals([(check_in, check_out, self.env["hr.attendance"])]) - breaks
                )
        return vals_list

    @api.model
    def _demo_duty_checklists(self, state):
        """Duty checklists of the last two weeks of the quarter, mostly answered; one report or
        document delivered in five is a day late."""
        if "mfg.duty.run" not in self.env:
            return
        rng = state["rng"]
        date_from = state["q_end"] - timedelta(days=13)
        runs = self.env["mfg.duty.run"]._generate(date_from, state["q_end"])
        runs = runs.filtered(lambda r: r.period_end <= state["q_end"])
        deliveries = self.env["mfg.duty.run.item"]
        for run in runs.sorted("id"):
            items = run.item_ids.filtered(lambda i: i.evidence == "none")
            answered = items.filtered(lambda i: rng.random() < 0.9)
            if not answered:
                continue
            answered.write({"result": "done"})
            answered.write({"checked_date": self._utc(state, run.period_end, 16)})
            deliveries |= answered.filtered("due_date")
        # Every fifth report or document delivered is a day late.
        for index, item in enumerate(deliveries.sorted("id")):
            if index % 5 == 4:
                item.checked_date = self._utc(state, item.due_date + timedelta(days=1), 10)

    # ------------------------------------------------------------------
    # Safety: inspections, hazards, accidents of the workshops
    # ------------------------------------------------------------------
    @api.model
    def _demo_safety(self, state):
        """A quarter of safety work in the two workshops: weekly and monthly inspections
        (every fifth one missed), hazards (verified, waiting for verification, one overdue,
        one just reported), a work injury and a fire with their losses, two quality accidents, the
        unsafe act behind the injury, and the output value the loss rate divides by."""
        if "mfg.safety.area" not in self.env:
            return
        days, company = state["days"], state["company"]
        officer = self._ref("user_safety_demo")
        turning = self._ref("safety_area_turning_demo")
        testing = self._ref("safety_area_testing_demo")
        plans = self._ref("safety_plan_turning_demo") | self._ref("safety_plan_testing_demo")
        inspections = plans._generate_inspections(state["q_start"], state["q_end"])
        for index, inspection in enumerate(inspections.sorted("date_planned")):
            if (index + 1) % 5:
                inspection.write(
                    {
                        "state": "done",
                        "date_done": self._utc(state, inspection.date_deadline, 15),
                        "note": "No finding beyond the hazards recorded.",
                    }
                )
        operator = self._ref("user_operator_milling_demo")
        leader = self._ref("user_leader_demo")
        self.env["mfg.safety.hazard"].create(
            [
                {
                    "name": "Chuck guard left open on lathe 2",
                    "area_id": turning.id,
                    "severity": "major",
                    "date_reported": self._utc(state, days[6], 8),
                    "responsible_id": leader.id,
                    "date_deadline": days[8],
                    "rectification": "Guard interlock repaired and tested.",
                    "state": "verified",
                    "date_rectified": self._utc(state, days[7], 16),
                    "verified_by_id": officer.id,
                    "date_verified": self._utc(state, days[8], 9),
                },
                {
                    "name": "Coolant on the floor by the lathes",
                    "area_id": turning.id,
                    "location": "West aisle",
                    "date_reported": self._utc(state, days[30], 10),
                    "responsible_id": operator.id,
                    "date_deadline": days[33],
                    "rectification": "Leak repaired, floor cleaned, drip tray installed.",
                    "state": "rectified",
                    "date_rectified": self._utc(state, days[32], 15),
                },
                {
                    "name": "Pressure hose of the test bench worn",
                    "area_id": testing.id,
                    "severity": "major",
                    "date_reported": self._utc(state, days[45], 9),
                    "responsible_id": self._ref("user_technician_demo").id,
                    "date_deadline": days[50],
                    "state": "assigned",
                },
                {
                    "name": "Emergency stop label missing",
                    "area_id": testing.id,
                    "date_reported": self._utc(state, days[-2], 11),
                },
            ]
        )
        injured = self._ref("employee_turning_1_demo")
        injury, _fire = self.env["mfg.safety.incident"].create(
            [
                {
                    "name": "Hand cut on the lathe chuck",
                    "kind": "injury",
                    "severity": "serious",
                    "area_id": turning.id,
                    "date": self._utc(state, days[5], 9, 30),
                    "employee_ids": [(6, 0, injured.ids)],
                    "injured_count": 1,
                    "injury_days": 12,
                    "direct_loss": 8600,
                    "indirect_loss": 2400,
                    "investigator_id": officer.id,
                    "report_due": days[10],
                    "handling_deadline": days[20],
                    "cause": "Chuck guard opened while the spindle was still turning.",
                    "report": "<p>The operator reached for a chip before the spindle stopped.</p>",
                    "corrective_actions": "Guard interlock repaired; retrained the team; "
                    "weekly check of the interlocks.",
                    "date_report": self._utc(state, days[9], 16),
                    "date_closed": self._utc(state, days[18], 16),
                    "state": "closed",
                },
                {
                    "name": "Small fire at the test bench's power supply",
                    "kind": "safety",
                    "area_id": testing.id,
                    "date": self._utc(state, days[40], 14),
                    "injured_count": 0,
                    "direct_loss": 3500,
                    "investigator_id": officer.id,
                    "report_due": days[45],
                    "handling_deadline": days[-1] + timedelta(days=20),
                    "state": "investigation",
                },
            ]
        )
        # Quality accidents (质量事故): a batch of shafts scrapped, closed in time, and a major
        # one, housings of a wrong bore shipped to a customer, closed after its deadline.
        self.env["mfg.safety.incident"].create(
            [
                {
                    "name": "Batch of shafts turned undersize and scrapped",
                    "kind": "quality",
                    "severity": "serious",
                    "area_id": turning.id,
                    "date": self._utc(state, days[12], 10),
                    "direct_loss": 4200,
                    "indirect_loss": 800,
                    "handling_deadline": days[17],
                    "cause": "Worn insert not changed at the interval.",
                    "corrective_actions": "Insert change added to the daily checklist.",
                    "date_closed": self._utc(state, days[16], 15),
                    "state": "closed",
                },
                {
                    "name": "Housings with a wrong bore delivered to a customer",
                    "kind": "quality",
                    "severity": "major",
                    "area_id": testing.id,
                    "date": self._utc(state, days[25], 11),
                    "direct_loss": 9800,
                    "indirect_loss": 6000,
                    "handling_deadline": days[30],
                    "cause": "Final test skipped on a rush order.",
                    "corrective_actions": "Rush orders keep the final test; customer stock sorted.",
                    "date_closed": self._utc(state, days[34], 15),
                    "state": "closed",
                },
            ]
        )
        self.env["mfg.safety.unsafe.act"].create(
            {
                "employee_id": injured.id,
                "incident_id": injury.id,
                "date": days[5],
                "kind": "procedure",
                "description": "Opened the chuck guard before the spindle stopped.",
            }
        )
        ppe = self._ref("safety_ppe_shoes_demo") | self._ref("safety_ppe_gloves_demo")
        ppe.action_issue_to_positions()
        # The output value of the quarter and its months (manual KPI): the loss rate's
        # denominator.
        Period = self.env["mfg.kpi.period"].with_company(company)
        periods = Period._get_or_create("quarter", state["q_start"], company)
        for month in range(3):
            periods |= Period._get_or_create(
                "month", state["q_start"] + relativedelta(months=month), company
            )
        kpi = self.env.ref("mfg_safety.kpi_safety_output_value")
        self.env["mfg.kpi.value"].create(
            [
                {
                    "kpi_id": kpi.id,
                    "period_id": period.id,
                    "company_id": company.id,
                    "subject_type": "company",
                    "value": 1500000 if period.kind == "quarter" else 500000,
                    "source": "manual",
                }
                for period in periods
            ]
        )

    @api.model
    def _demo_training(self, state):
        """The training plan of ``mfg_training``'s demo data (its quarter is this quarter) goes
        to the machining workshop: its sessions are organised by the factory's safety and
        training officer and attended by the workshop's operators instead of Odoo's sample
        employees (loaded before the factory's people exist)."""
        plan = self.env.ref("mfg_training.mfg_training_plan_quarter_demo", raise_if_not_found=False)
        if not plan:
            return
        people = {
            "al": "employee_turning_1_demo",
            "qdp": "employee_turning_2_demo",
            "stw": "employee_turning_3_demo",
            "chs": "employee_turning_4_demo",
            "han": "employee_milling_1_demo",
            "fme": "employee_milling_2_demo",
        }
        mapping = {}
        for sample, ours in people.items():
            employee = self.env.ref(f"hr.employee_{sample}", raise_if_not_found=False)
            if employee:
                mapping[employee] = self._ref(ours)
        officer = self._ref("user_safety_demo")
        machining = self._ref("dept_workshop_machining_demo")
        plan.write({"department_id": machining.id, "user_id": officer.id})
        sessions = plan.session_ids
        sessions.write(
            {
                "department_id": machining.id,
                "user_id": officer.id,
                "authorized_by": self._ref("employee_director_demo").id,
            }
        )
        for session in sessions:
            session.attendant_ids = [(6, 0, [mapping.get(e, e).id for e in session.attendant_ids])]
        attendees = sessions.with_context(active_test=False).course_attendee_ids
        for sample, ours in mapping.items():
            attendees.filtered(lambda a, e=sample: a.employee_id == e).write(
                {"employee_id": ours.id}
            )

    # ------------------------------------------------------------------
    # KPIs
    # ------------------------------------------------------------------
    @api.model
    def _demo_surveys(self, state):
        """The satisfaction surveys of the quarter: the 5S rule rates the two workshops, the
        three demo suppliers are asked every quarter (two answers make a score); every rule launched for the quarter, six answers in
        seven given (levels drawn at random, mostly satisfied), the campaigns closed."""
        if "mfg.kpi.survey.campaign" not in self.env:
            return
        rng, company = state["rng"], state["company"]
        rules = self.env["mfg.kpi.survey.rule"].search([("company_id", "=", company.id)])
        five_s = self.env.ref("mfg_kpi_survey.rule_five_s")
        five_s.subject_department_ids = self._ref("dept_workshop_machining_demo") | self._ref(
            "dept_workshop_assembly_demo"
        )
        supplier = self.env.ref("mfg_kpi_survey.rule_supplier")
        supplier.write(
            {
                "period_kind": "quarter",
                "min_responses": 2,
                "respondent_partner_ids": [
                    (
                        6,
                        0,
                        [
                            self._ref(f"partner_supplier_{name}_demo").id
                            for name in ("castings", "steel", "seals")
                        ],
                    )
                ],
            }
        )
        quarter = (
            self.env["mfg.kpi.period"]
            .with_company(company)
            ._get_or_create("quarter", state["q_start"], company)
        )
        campaigns = self.env["mfg.kpi.survey.campaign"].create(
            [{"rule_id": rule.id, "period_id": quarter.id} for rule in rules]
        )
        campaigns.action_launch()
        levels = (100, 75, 75, 75, 50, 25)
        for index, answer in enumerate(campaigns.answer_ids.sorted("id")):
            if index % 7 == 6:
                continue
            for question in answer.survey_id.question_ids.sorted("sequence"):
                points = rng.choice(levels)
                choice = question.suggested_answer_ids.filtered(
                    lambda a, p=points: a.answer_score == p
                )
                answer._save_lines(question, choice.id)
            answer._mark_done()
        campaigns.action_close()

    @api.model
    def _demo_kpis(self, state):
        """Periods of the quarter, the output quantity, every provider computed, quarter locked."""
        company = state["company"]
        Period = self.env["mfg.kpi.period"].with_company(company)
        months = Period
        for month in range(3):
            months |= Period._get_or_create(
                "month", state["q_start"] + relativedelta(months=month), company
            )
        quarter = Period._get_or_create("quarter", state["q_start"], company)
        periods = months | quarter
        output_kpi = self.env.ref(
            "mfg_kpi_maintenance.kpi_maintenance_output_quantity", raise_if_not_found=False
        )
        if output_kpi:
            produced = self.env["mfg.kpi.provider"]._mfg_mrp_produced(
                self.env["mrp.production"].search(
                    [
                        ("company_id", "=", company.id),
                        ("state", "=", "done"),
                        ("date_finished", ">=", state["q_start"]),
                        ("date_finished", "<", state["q_end"] + timedelta(days=1)),
                    ]
                )
            )
            total = sum(produced.values())
            self.env["mfg.kpi.value"].create(
                [
                    {
                        "kpi_id": output_kpi.id,
                        "period_id": period.id,
                        "company_id": company.id,
                        "subject_type": "company",
                        "value": total / 3 if period.kind == "month" else total,
                        "source": "manual",
                    }
                    for period in periods
                ]
            )
        self.env["mfg.kpi.provider"]._compute_periods(periods)
        quarter.action_lock()

    # ------------------------------------------------------------------
    # Volume: a bigger factory for load tests (scripts/bench_*.py)
    # ------------------------------------------------------------------
    @api.model
    def _demo_workforce(self, employees, workcentres=0, workshops=10, teams=50, job=None):
        """Grow the factory by ``employees`` people: ``workshops`` workshops of ``teams`` teams
        in all, one leader per team and operators (of position ``job``) under the leaders; and
        ``workcentres`` work centres when manufacturing is installed. Returns
        ``{"workshops", "teams", "leaders", "operators", "workcentres"}``."""
        company = self.env.company
        Department = self.env["hr.department"]
        shops = Department.create(
            [{"name": f"Load workshop {i}", "company_id": company.id} for i in range(workshops)]
        )
        team_units = Department.create(
            [
                {
                    "name": f"Load team {i}",
                    "parent_id": shops[i % workshops].id,
                    "company_id": company.id,
                }
                for i in range(teams)
            ]
        )
        Employee = self.env["hr.employee"]
        leaders = Employee.create(
            [{"name": f"Load leader {i}", "department_id": team_units[i].id} for i in range(teams)]
        )
        operators = Employee.create(
            [
                {
                    "name": f"Load operator {i}",
                    "department_id": team_units[i % teams].id,
                    "parent_id": leaders[i % teams].id,
                    "job_id": job.id if job else False,
                }
                for i in range(max(employees - teams, 0))
            ]
        )
        centres = self.env["mrp.workcenter"] if "mrp.workcenter" in self.env else None
        if centres is not None and workcentres:
            centres = centres.create(
                [{"name": f"Load WC {i}", "code": f"LWC{i}"} for i in range(workcentres)]
            )
        return {
            "workshops": shops,
            "teams": team_units,
            "leaders": leaders,
            "operators": operators,
            "workcentres": centres,
        }

    @api.model
    def _demo_copies(self, period, orders=0, purchase_lines=0, requests=0):
        """Bulk copies of the demo quarter's operations into ``period``: ``orders`` done
        manufacturing orders (with their stock moves), ``purchase_lines`` confirmed purchase
        lines (with their receipt moves), ``requests`` maintenance requests. Every date of a
        copy is moved to a day of the period, keeping its time of day. Returns the number of
        copies per kind."""
        day0, days = period.date_start, (period.date_end - period.date_start).days + 1
        counts = {}
        products = [self._ref("product_gear_pump_demo"), self._ref("product_valve_body_demo")]
        templates = self.env["mrp.production"].search(
            [("state", "=", "done"), ("product_id", "in", [p.id for p in products])]
        )
        counts["manufacturing orders"] = len(
            self._demo_clone(
                "mrp_production",
                templates.ids,
                orders,
                day0,
                days,
                children=[
                    ("stock_move", "raw_material_production_id"),
                    ("stock_move", "production_id"),
                ],
                # Each copy is its own order chain (a shared production group would merge
                # every copy of a template into one chain).
                overrides={
                    "name": SQL("t.name || '/L' || m.new_id"),
                    "production_group_id": SQL("NULL"),
                },
            )
        )
        suppliers = [
            self._ref(f"partner_supplier_{name}_demo").id for name in ("castings", "steel", "seals")
        ]
        templates = self.env["purchase.order.line"].search(
            [("order_id.state", "=", "purchase"), ("order_id.partner_id", "in", suppliers)]
        )
        counts["purchase lines"] = len(
            self._demo_clone(
                "purchase_order_line",
                templates.ids,
                purchase_lines,
                day0,
                days,
                children=[("stock_move", "purchase_line_id")],
            )
        )
        machines = [
            self._ref(name).id
            for name in (
                "equipment_lathe_demo",
                "equipment_mill_demo",
                "equipment_press_demo",
                "equipment_bench_demo",
            )
        ]
        templates = self.env["maintenance.request"].search([("equipment_id", "in", machines)])
        counts["maintenance requests"] = len(
            self._demo_clone("maintenance_request", templates.ids, requests, day0, days)
        )
        return counts

    @api.model
    def _demo_table_columns(self, table):
        self.env.cr.execute(
            SQL(
                """SELECT column_name, data_type FROM information_schema.columns
                    WHERE table_name = %s AND column_name != 'id' ORDER BY ordinal_position""",
                table,
            )
        )
        return self.env.cr.fetchall()

    @api.model
    def _demo_copy_values(self, columns, alias, day0, days, key, overrides):
        """Select list copying ``alias``'s columns, dates moved to day ``key % days`` from
        ``day0`` (time of day kept), ``overrides`` ({column: SQL}) replacing columns."""
        parts = []
        for name, data_type in columns:
            column = SQL("%s.%s", SQL.identifier(alias), SQL.identifier(name))
            if name in overrides:
                parts.append(overrides[name])
            elif name not in ("create_date", "write_date") and data_type in (
                "date",
                "timestamp without time zone",
            ):
                moved = SQL(
                    "(%s::timestamp + (%s %% %s) * interval '1 day'"
                    " + (%s - date_trunc('day', %s)))",
                    day0,
                    key,
                    days,
                    column,
                    column,
                )
                parts.append(SQL("%s::date", moved) if data_type == "date" else moved)
            else:
                parts.append(column)
        return SQL(", ").join(parts)

    @api.model
    def _demo_clone(self, table, template_ids, total, day0, days, children=(), overrides=None):
        """Copy the rows ``template_ids`` of ``table`` until ``total`` copies exist, and their
        ``children`` rows ((child table, foreign key column)) onto the copies; returns the new
        ids."""
        # SQL: bulk copies of up to 100,000 orders with their moves; the ORM would take hours.
        if not template_ids or total <= 0:
            return []
        cr = self.env.cr
        self.env.flush_all()
        copies = -(-total // len(template_ids))
        cr.execute(SQL("SELECT COALESCE(max(id), 0) FROM %s", SQL.identifier(table)))
        base = cr.fetchone()[0]
        mapping = SQL.identifier(f"mfg_demo_copy_{table}")
        cr.execute(SQL("DROP TABLE IF EXISTS %s", mapping))
        cr.execute(
            SQL(
                """CREATE TEMP TABLE %s AS
                   SELECT old_id, %s + row_number() OVER (ORDER BY k, old_id) AS new_id
                     FROM unnest(%s::int[]) AS old_id, generate_series(1, %s) AS k
                    LIMIT %s""",
                mapping,
                base,
                list(template_ids),
                copies,
                total,
            )
        )
        columns = self._demo_table_columns(table)
        cr.execute(
            SQL(
                """INSERT INTO %s (id, %s)
                   SELECT m.new_id, %s FROM %s m JOIN %s t ON t.id = m.old_id""",
                SQL.identifier(table),
                SQL(", ").join(SQL.identifier(name) for name, _type in columns),
                self._demo_copy_values(columns, "t", day0, days, SQL("m.new_id"), overrides or {}),
                mapping,
                SQL.identifier(table),
            )
        )
        cr.execute(
            SQL(
                "SELECT setval(%s, (SELECT max(id) FROM %s))",
                f"{table}_id_seq",
                SQL.identifier(table),
            )
        )
        for child, key in children:
            child_columns = self._demo_table_columns(child)
            cr.execute(
                SQL(
                    "INSERT INTO %s (%s) SELECT %s FROM %s m JOIN %s c ON c.%s = m.old_id",
                    SQL.identifier(child),
                    SQL(", ").join(SQL.identifier(name) for name, _type in child_columns),
                    self._demo_copy_values(
                        child_columns, "c", day0, days, SQL("m.new_id"), {key: SQL("m.new_id")}
                    ),
                    mapping,
                    SQL.identifier(child),
                    SQL.identifier(key),
                )
            )
        cr.execute(SQL("SELECT new_id FROM %s", mapping))
        new_ids = [row[0] for row in cr.fetchall()]
        self.env.invalidate_all()
        return new_ids
