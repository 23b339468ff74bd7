# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from lxml import etree

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Command, Domain
from odoo.tools.misc import file_path

# The checklist, in the order an administrator works through it.
ITEMS = [
    ("companies", "Companies using the suite"),
    ("positions", "Positions mapped onto the seed organisation"),
    ("workcentres", "Workshops and teams on work centres"),
    ("open_mos", "Workshops on open manufacturing orders"),
    ("keepers", "Keepers on warehouses"),
    ("key_staff", "Key staff flagged"),
    ("parameters", "Scoring parameters of the appraisal sheets"),
    ("tolerance", "Late arrival / early departure tolerance"),
    ("approvers", "Approvers of the approval chains"),
    ("people", "Logins and groups of the people in scope"),
]

# A late/early tolerance of 0 minutes counts a check-in one minute late; five minutes is the
# usual grace of a time clock (the seeds give none).
SUGGESTED_TOLERANCE_MINUTES = 5

# The example values of the sheets' blank parameters are documented in the appraisal demo data.
EXAMPLE_FILE = "mfg_appraisal/demo/mfg_appraisal_demo.xml"
PARAMETERS = ("target", "step", "deduction", "allowed")


class MfgOnboarding(models.TransientModel):
    """The onboarding assistant: what the suite needs in a company, with its state, each item
    one click from its screen or fixed by one button. Opening it again checks everything anew."""

    _name = "mfg.onboarding"
    _description = "Production Management Onboarding"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    item_ids = fields.One2many(
        "mfg.onboarding.item",
        "onboarding_id",
        string="Checklist",
        compute="_compute_item_ids",
        store=True,
        readonly=False,
    )
    done_count = fields.Integer(compute="_compute_progress", string="Done")
    item_count = fields.Integer(compute="_compute_progress", string="Items")
    progress = fields.Float(compute="_compute_progress")

    @api.depends("company_id")
    def _compute_item_ids(self):
        for onboarding in self:
            onboarding.item_ids = [Command.clear()] + [
                Command.create(vals) for vals in onboarding._checklist()
            ]

    @api.depends("item_ids.state")
    def _compute_progress(self):
        for onboarding in self:
            onboarding.item_count = len(onboarding.item_ids)
            onboarding.done_count = len(onboarding.item_ids.filtered(lambda i: i.state == "done"))
            onboarding.progress = (
                100.0 * onboarding.done_count / onboarding.item_count
                if onboarding.item_count
                else 0.0
            )

    @api.model_create_multi
    def create(self, vals_list):
        Company = self.env["res.company"]
        for vals in vals_list:
            self._check_onboarding_rights(
                Company.browse(vals.get("company_id")) or self.env.company
            )
        return super().create(vals_list)

    # ------------------------------------------------------------------
    # Rights
    # ------------------------------------------------------------------
    @api.model
    def _check_onboarding_rights(self, company=None):
        """The assistant changes the configuration of several apps: administrators and HR
        managers only, in a company of theirs (it then works as superuser, within what each
        item does)."""
        if self.env.su:
            return
        user = self.env.user
        if not (
            user._is_admin()
            or user.has_group("base.group_system")
            or user.has_group("hr.group_hr_manager")
        ):
            raise AccessError(
                self.env._("Only administrators and HR managers use the onboarding assistant.")
            )
        company = company if company is not None else self.company_id
        if company and company not in user.company_ids:
            raise AccessError(
                self.env._(
                    "%(company)s is not one of your companies: its onboarding is not yours.",
                    company=company.name,
                )
            )

    # ------------------------------------------------------------------
    # Checklist
    # ------------------------------------------------------------------
    def _checklist(self):
        """Values of the checklist items of the company."""
        self.ensure_one()
        if not self.company_id:
            return []
        self._check_onboarding_rights()
        sudo = self.sudo()
        result = []
        for sequence, (key, __) in enumerate(ITEMS, start=1):
            check = getattr(sudo, f"_check_{key}")()
            result.append(
                {
                    "sequence": sequence,
                    "key": key,
                    "state": "done" if not check["missing"] else "missing",
                    "missing_count": check["missing"],
                    "detail": check["detail"],
                    "applicable": check.get("applicable", True),
                }
            )
        return result

    @api.model
    def _action_start(self):
        """The menu: a new assistant for the current company, checked at once."""
        return self.create({"company_id": self.env.company.id})._reopen()

    def action_refresh(self):
        self.ensure_one()
        self._compute_item_ids()
        return self._reopen()

    def _reopen(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Onboarding"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def _company_employees(self):
        return self.env["hr.employee"].search([("company_id", "=", self.company_id.id)])

    def _in_scope_employees(self):
        """Employees of the company on a position of the production organisation."""
        return self.env["hr.employee"].search(
            [
                ("company_id", "=", self.company_id.id),
                "|",
                ("job_id.mfg_is_production", "=", True),
                ("job_id.mfg_appraisal_scope", "!=", False),
            ]
        )

    # companies --------------------------------------------------------
    def _check_companies(self):
        enabled = self.env["res.company"].search([("mfg_suite_enabled", "=", True)])
        return {
            "missing": 0 if self.company_id in enabled else 1,
            "detail": self.env._(
                "Enabled: %(names)s.", names=", ".join(enabled.mapped("name")) or "-"
            ),
        }

    def _open_companies(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Companies Using the Suite"),
            "res_model": "res.company",
            "view_mode": "list",
            "views": [(self.env.ref("mfg_onboarding.res_company_view_list_onboarding").id, "list")],
            "target": "current",
        }

    def _apply_companies(self):
        self.company_id.mfg_suite_enabled = True

    # positions --------------------------------------------------------
    def _check_positions(self):
        Job = self.env["hr.job"]
        seeds = Job._mfg_seed_positions()
        current = Job._mfg_company_positions(self.company_id, seeds)
        proposal = Job._mfg_propose_mapping(self.company_id)
        absent = [key for key in seeds if key not in current]
        duplicates = [
            key for key, job in proposal.items() if job and current.get(key) not in (None, job)
        ]
        return {
            "missing": len(set(absent) | set(duplicates)),
            "detail": self.env._(
                "%(present)s of %(total)s seed positions in the company; %(absent)s to create, "
                "%(duplicates)s existing positions with a seed name to merge.",
                present=len(seeds) - len(absent),
                total=len(seeds),
                absent=len(absent),
                duplicates=len(duplicates),
            ),
        }

    def _open_positions(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Map Positions"),
            "res_model": "mfg.job.mapping",
            "view_mode": "form",
            "target": "new",
            "context": {"default_company_id": self.company_id.id},
        }

    def _apply_positions(self):
        """Merge the existing positions with a seed name, create the others."""
        Job = self.env["hr.job"]
        Job._mfg_apply_mapping(self.company_id, Job._mfg_propose_mapping(self.company_id))

    # work centres -----------------------------------------------------
    def _workcentre_domain(self):
        return [("company_id", "=", self.company_id.id), ("mfg_department_id", "=", False)]

    def _check_workcentres(self):
        count = self.env["mrp.workcenter"].search_count(self._workcentre_domain())
        return {
            "missing": count,
            "detail": self.env._("%(count)s work centres without a workshop.", count=count),
        }

    def _open_workcentres(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Work Centres without a Workshop"),
            "res_model": "mrp.workcenter",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("mfg_onboarding.mrp_workcenter_view_list_onboarding").id, "list"),
                (False, "form"),
            ],
            "domain": self._workcentre_domain(),
            "target": "current",
        }

    # open manufacturing orders ----------------------------------------
    def _open_mo_domain(self):
        return [
            ("company_id", "=", self.company_id.id),
            ("state", "in", ("draft", "confirmed", "progress", "to_close")),
            ("mfg_department_id", "=", False),
        ]

    def _mo_owners(self):
        """``{(workshop id, team id): orders}``: the open orders without a workshop whose work
        centres now have one (the last operation's, as at confirmation)."""
        orders = self.env["mrp.production"].search(self._open_mo_domain())
        orders.workorder_ids.workcenter_id.fetch(["mfg_department_id", "mfg_team_id"])
        owners = defaultdict(lambda: self.env["mrp.production"])
        for order in orders:
            workcenter = order._mfg_owner_workcenter()
            if workcenter:
                vals = workcenter._mfg_owner_vals()
                owners[(vals["mfg_department_id"], vals["mfg_team_id"])] |= order
        return orders, owners

    def _check_open_mos(self):
        orders, owners = self._mo_owners()
        fixable = sum(len(group) for group in owners.values())
        return {
            "missing": len(orders),
            "applicable": bool(fixable),
            "detail": self.env._(
                "%(count)s open orders without a workshop, %(fixable)s of them can take their "
                "work centre's.",
                count=len(orders),
                fixable=fixable,
            ),
        }

    def _open_open_mos(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Open Orders without a Workshop"),
            "res_model": "mrp.production",
            "view_mode": "list,form",
            "domain": self._open_mo_domain(),
            "target": "current",
        }

    def _apply_open_mos(self):
        """Give open orders the workshop and team of their work centre (one write per owner)."""
        __, owners = self._mo_owners()
        for (workshop, team), orders in owners.items():
            orders.write({"mfg_department_id": workshop, "mfg_team_id": team})

    # warehouse keepers ------------------------------------------------
    def _keeper_domain(self):
        return [("company_id", "=", self.company_id.id), ("mfg_keeper_ids", "=", False)]

    def _check_keepers(self):
        count = self.env["stock.warehouse"].search_count(self._keeper_domain())
        return {
            "missing": count,
            "detail": self.env._("%(count)s warehouses without a keeper.", count=count),
        }

    def _open_keepers(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Warehouses without a Keeper"),
            "res_model": "stock.warehouse",
            "view_mode": "list,form",
            "domain": self._keeper_domain(),
            "target": "current",
        }

    # key staff --------------------------------------------------------
    def _check_key_staff(self):
        count = self.env["hr.employee"].search_count(
            [("company_id", "=", self.company_id.id), ("mfg_is_key_staff", "=", True)]
        )
        return {
            "missing": 0 if count else 1,
            "detail": self.env._(
                "%(count)s employees flagged as key staff (key staff turnover KPI).", count=count
            ),
        }

    def _open_key_staff(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Key Staff"),
            "res_model": "hr.employee",
            "view_mode": "list,form",
            "domain": [("company_id", "=", self.company_id.id)],
            "context": {"search_default_group_job": 1},
            "target": "current",
        }

    # sheet parameters -------------------------------------------------
    def _sheet_lines(self):
        """Lines of the company's active sheets whose scoring parameters are blank."""
        lines = self.env["mfg.appraisal.template.line"].search(
            [
                ("template_id.company_id", "=", self.company_id.id),
                ("template_id.state", "=", "active"),
                ("rule_kind", "in", ("linear", "occurrence")),
            ]
        )
        return lines.filtered(lambda line: line._missing_parameters())

    def _check_parameters(self):
        lines = self._sheet_lines()
        return {
            "missing": len(lines),
            "detail": self.env._(
                "%(count)s sheet lines with blank parameters, in %(sheets)s sheets.",
                count=len(lines),
                sheets=len(lines.template_id),
            ),
        }

    def _open_parameters(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Sheet Lines with Blank Parameters"),
            "res_model": "mfg.appraisal.template.line",
            "view_mode": "list",
            "views": [
                (
                    self.env.ref(
                        "mfg_onboarding.mfg_appraisal_template_line_view_list_onboarding"
                    ).id,
                    "list",
                )
            ],
            "domain": [("id", "in", self._sheet_lines().ids)],
            "target": "current",
        }

    @api.model
    def _example_parameters(self):
        """``{(sheet code, line name in English): {parameter: value}}``: the example values the
        appraisal demo data documents for the shipped sheets' blank parameters."""
        with open(file_path(EXAMPLE_FILE), "rb") as example:
            tree = etree.parse(example)
        examples = {}
        for record in tree.iterfind(".//record[@model='mfg.appraisal.template.line']"):
            line = self.sudo().env.ref(
                f"mfg_appraisal.{record.get('id')}", raise_if_not_found=False
            )
            values = {
                field.get("name"): float(field.text)
                for field in record.iterfind("field")
                if field.get("name") in PARAMETERS and (field.text or "").strip()
            }
            if line and values:
                key = (line.template_id.code, line.with_context(lang="en_US").name)
                examples[key] = values
        return examples

    def _apply_parameters(self):
        """Fill the blank parameters with the documented example values; values already
        filled stay."""
        examples = self._example_parameters()
        for line in self._sheet_lines():
            example = examples.get((line.template_id.code, line.with_context(lang="en_US").name))
            if not example:
                continue
            filled = line._parameters_filled()
            vals = {
                name: value
                for name, value in example.items()
                if (filled.get(name) is None if name in filled else not line[name])
            }
            if "allowed" in vals:
                vals["allowed"] = int(vals["allowed"])
            if vals:
                line.write(vals)

    # tolerance --------------------------------------------------------
    def _check_tolerance(self):
        minutes = self.company_id.mfg_late_tolerance_minutes
        return {
            "missing": 0 if minutes else 1,
            "detail": self.env._(
                "%(minutes)s minutes; 0 counts a check-in one minute late (suggested: "
                "%(suggested)s).",
                minutes=minutes,
                suggested=SUGGESTED_TOLERANCE_MINUTES,
            ),
        }

    def _open_tolerance(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Settings"),
            "res_model": "res.config.settings",
            "view_mode": "form",
            "target": "current",
            "context": {"module": "hr_attendance"},
        }

    def _apply_tolerance(self):
        if not self.company_id.mfg_late_tolerance_minutes:
            self.company_id.mfg_late_tolerance_minutes = SUGGESTED_TOLERANCE_MINUTES

    # approvers --------------------------------------------------------
    def _empty_review_groups(self):
        """Reviewer groups of the appraisal approval tiers that nobody of the company is in."""
        tiers = self.env["tier.definition"].search(
            [
                ("model", "=", "mfg.appraisal"),
                ("review_type", "=", "group"),
                ("company_id", "in", [self.company_id.id, False]),
            ]
        )
        return tiers.reviewer_group_id.filtered(
            lambda group: not group.all_user_ids.filtered(
                lambda user: user.active and not user.share and self.company_id in user.company_ids
            )
        )

    def _check_approvers(self):
        groups = self._empty_review_groups()
        return {
            "missing": len(groups),
            "detail": self.env._(
                "Approval groups without members: %(groups)s.",
                groups=", ".join(groups.mapped("name")) or "-",
            ),
        }

    def _open_approvers(self):
        """The reviewer groups of the appraisal tiers, to add their members."""
        groups = (
            self.env["tier.definition"]
            .search([("model", "=", "mfg.appraisal"), ("review_type", "=", "group")])
            .reviewer_group_id
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Approval Groups"),
            "res_model": "res.groups",
            "view_mode": "list,form",
            "domain": [("id", "in", groups.ids)],
            "target": "current",
        }

    # people in scope --------------------------------------------------
    def _people(self):
        """People in scope without a login; logins missing the employee group; superiors'
        logins missing the appraiser group."""
        employees = self._in_scope_employees()
        user_group = self.env.ref("mfg_appraisal.group_appraisal_user")
        appraiser_group = self.env.ref("mfg_appraisal.group_appraisal_appraiser")
        internal = Domain("share", "=", False)
        users = employees.user_id.filtered_domain(internal)
        superiors = employees.parent_id.user_id.filtered_domain(internal)
        return {
            "no_login": employees.filtered(lambda e: not e.user_id),
            "employees": users.filtered(lambda u: user_group not in u.all_group_ids),
            "appraisers": superiors.filtered(lambda u: appraiser_group not in u.all_group_ids),
        }

    def _check_people(self):
        people = self._people()
        return {
            "missing": sum(len(records) for records in people.values()),
            "applicable": bool(people["employees"] or people["appraisers"]),
            "detail": self.env._(
                "%(no_login)s people in scope without a login; %(employees)s logins without the "
                "appraisal employee group; %(appraisers)s superiors without the appraiser group.",
                no_login=len(people["no_login"]),
                employees=len(people["employees"]),
                appraisers=len(people["appraisers"]),
            ),
        }

    def _open_people(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("People in Scope"),
            "res_model": "hr.employee",
            "view_mode": "list,form",
            "domain": [("id", "in", self._in_scope_employees().ids)],
            "target": "current",
        }

    def _apply_people(self):
        """Grant the appraisal employee group to the logins of the people in scope and the
        appraiser group to their superiors' (people without a login need one first)."""
        people = self._people()
        for users, xmlid in (
            (people["employees"], "mfg_appraisal.group_appraisal_user"),
            (people["appraisers"], "mfg_appraisal.group_appraisal_appraiser"),
        ):
            if users:
                self.env.ref(xmlid).write({"user_ids": [Command.link(u.id) for u in users]})
