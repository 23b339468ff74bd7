# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

INSPECTION_KINDS = [
    ("incoming", "Incoming"),
    ("in_process", "In-process"),
    ("final", "Final"),
]
KIND_OF_PICKING_CODE = {"incoming": "incoming", "outgoing": "final"}


class MfgQcTriggerRule(models.Model):
    """When a transfer is validated or a manufacturing order is done, create inspections."""

    _name = "mfg.qc.trigger.rule"
    _description = "Inspection Trigger"
    _order = "company_id, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    trigger_on = fields.Selection(
        [("picking", "Transfer validated"), ("production", "Manufacturing order done")],
        required=True,
        default="picking",
        help="Transfer validated: receipts, deliveries or other transfers of the operation types "
        "below. Manufacturing order done: the finished product of the orders (of the operation "
        "types below, if any).",
    )
    picking_type_ids = fields.Many2many(
        "stock.picking.type",
        string="Operation Types",
        check_company=True,
        help="Required for transfers; for manufacturing orders, leave empty for every order.",
    )
    inspection_kind = fields.Selection(
        INSPECTION_KINDS,
        string="Inspection Kind",
        compute="_compute_inspection_kind",
        store=True,
        precompute=True,
        readonly=False,
        required=True,
        help="Incoming (原材料进厂检验), in-process (半成品/在制品) or final (成品出厂检验): "
        "each kind has its pass rate.",
    )
    test_id = fields.Many2one(
        "qc.test", string="Test", required=True, check_company=True, ondelete="restrict"
    )
    user_id = fields.Many2one(
        "res.users",
        string="Inspector",
        domain=[("share", "=", False)],
        help="Responsible of the inspections created; empty: the user who validates.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Partners",
        domain=[("parent_id", "=", False)],
        help="Only transfers with these suppliers or customers; empty: every partner.",
    )
    product_ids = fields.Many2many(
        "product.product", string="Products", help="Empty (with no category): every product."
    )
    product_categ_ids = fields.Many2many(
        "product.category",
        string="Product Categories",
        help="Products of these categories or their subcategories.",
    )
    per_lot = fields.Boolean(
        string="One Inspection per Lot",
        default=True,
        help="For products tracked by lot or serial number, one inspection per lot; otherwise "
        "one inspection per product line.",
    )

    @api.depends("trigger_on", "picking_type_ids")
    def _compute_inspection_kind(self):
        for rule in self:
            if rule.trigger_on == "production":
                rule.inspection_kind = rule.inspection_kind or "in_process"
                continue
            codes = set(rule.picking_type_ids.mapped("code"))
            kinds = {KIND_OF_PICKING_CODE.get(code, "in_process") for code in codes}
            if len(kinds) == 1:
                rule.inspection_kind = kinds.pop()
            elif not rule.inspection_kind:
                rule.inspection_kind = "incoming"

    @api.constrains("trigger_on", "picking_type_ids")
    def _check_picking_types(self):
        for rule in self:
            if rule.trigger_on == "picking" and not rule.picking_type_ids:
                raise ValidationError(
                    self.env._(
                        "Inspection trigger %(name)s: choose the operation types of the transfers "
                        "to inspect.",
                        name=rule.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Matching and creation
    # ------------------------------------------------------------------
    def _matches(self, move):
        """Whether this rule applies to the done ``move``."""
        self.ensure_one()
        if self.trigger_on == "picking":
            if not move.picking_id or move.picking_type_id not in self.picking_type_ids:
                return False
        else:
            production = move.production_id
            if not production or move.product_id != production.product_id:
                return False
            if self.picking_type_ids and production.picking_type_id not in self.picking_type_ids:
                return False
        if self.partner_ids:
            partner = move.picking_id.partner_id.commercial_partner_id
            if partner not in self.partner_ids:
                return False
        if self.product_ids or self.product_categ_ids:
            product = move.product_id
            category_ok = self.product_categ_ids and any(
                categ in self.product_categ_ids for categ in self._category_path(product.categ_id)
            )
            if product not in self.product_ids and not category_ok:
                return False
        return True

    @api.model
    def _category_path(self, category):
        path = []
        while category:
            path.append(category)
            category = category.parent_id
        return path

    @api.model
    def _mfg_trigger_inspections(self, moves):
        """Create the inspections that the active rules require for the done ``moves``.

        One inspection per (rule, move), or per (rule, move, lot) for lot-tracked products when
        the rule says so; a move already inspected by a rule is not inspected again by it.
        Returns the inspections created.
        """
        Inspection = self.env["qc.inspection"]
        moves = moves.filtered(lambda m: m.state == "done" and (m.picking_id or m.production_id))
        if not moves:
            return Inspection
        rules = self.sudo().search([("company_id", "in", moves.company_id.ids)])
        if not rules:
            return Inspection
        existing = {
            (inspection.mfg_rule_id.id, inspection.mfg_move_id.id, inspection.mfg_lot_id.id)
            for inspection in Inspection.sudo().search_fetch(
                [("mfg_move_id", "in", moves.ids), ("mfg_rule_id", "in", rules.ids)],
                ["mfg_rule_id", "mfg_move_id", "mfg_lot_id"],
            )
        }
        rules_by_company = defaultdict(list)
        for rule in rules:
            rules_by_company[rule.company_id].append(rule)
        employees = self._mfg_employees_of_users(moves.production_id.user_id)
        vals_list = []
        for move in moves:
            for rule in rules_by_company[move.company_id]:
                if not rule._matches(move):
                    continue
                for lot, qty in rule._lots_of(move):
                    if (rule.id, move.id, lot.id) in existing:
                        continue
                    vals_list.append(rule._inspection_vals(move, lot, qty, employees))
        if not vals_list:
            return Inspection
        return Inspection.sudo().create(vals_list)

    def _lots_of(self, move):
        """``[(lot, quantity)]`` to inspect for ``move`` (an empty lot: the whole move)."""
        self.ensure_one()
        if self.per_lot and move.product_id.tracking != "none" and move.move_line_ids.lot_id:
            quantities = defaultdict(float)
            for line in move.move_line_ids:
                quantities[line.lot_id] += line.quantity
            return list(quantities.items())
        return [(self.env["stock.lot"], move.quantity)]

    @api.model
    def _mfg_employees_of_users(self, users):
        """``{(user id, company id): employee}`` of the employees linked to ``users``."""
        if not users:
            return {}
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search_fetch([("user_id", "in", users.ids)], ["user_id", "company_id"], order="id")
        )
        result = {}
        for employee in employees:
            result.setdefault((employee.user_id.id, employee.company_id.id), employee)
        return result

    def _inspection_vals(self, move, lot, qty, employees):
        self.ensure_one()
        production = move.production_id
        picking = move.picking_id
        responsible = production.user_id
        employee = employees.get((responsible.id, move.company_id.id)) if responsible else None
        return {
            "object_id": f"product.product,{move.product_id.id}",
            "qty": qty,
            "state": "ready",
            "test": self.test_id.id,
            "user": (self.user_id or self.env.user).id,
            "auto_generated": True,
            "company_id": move.company_id.id,
            "mfg_rule_id": self.id,
            "mfg_kind": self.inspection_kind,
            "mfg_move_id": move.id,
            "mfg_picking_id": picking.id,
            "mfg_production_id": production.id,
            "mfg_lot_id": lot.id,
            "mfg_partner_id": picking.partner_id.commercial_partner_id.id,
            "mfg_employee_id": employee.id if employee else False,
            "inspection_lines": self.env["qc.inspection"]._prepare_inspection_lines(self.test_id),
        }
