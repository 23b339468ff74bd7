# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_round

# Fields only the computation writes (its last error and what it cost).
COMPUTATION_FIELDS = (
    "last_error",
    "last_error_at",
    "last_compute_at",
    "last_compute_seconds",
    "last_compute_queries",
)

CATEGORIES = [
    ("production", "Production"),
    ("quality", "Quality"),
    ("equipment", "Equipment"),
    ("safety", "Safety"),
    ("purchasing", "Purchasing"),
    ("warehouse", "Warehouse"),
    ("technology", "Technology"),
    ("hr", "Human Resources"),
    ("finance", "Finance"),
    ("customer", "Customer"),
]

UNITS = [
    ("percent", "%"),
    ("count", "Count"),
    ("amount", "Amount"),
    ("score", "Score"),
    ("hours", "Hours"),
    ("days", "Days"),
    ("pieces_per_hour", "Pieces per hour"),
    ("pieces_per_day", "Pieces per day"),
    ("units", "Units"),
]

# Valid range of a value per unit: (minimum, maximum); None = unbounded.
UNIT_RANGES = {
    "percent": (0.0, None),
    "count": (0.0, None),
    "amount": (None, None),
    "score": (0.0, 100.0),
    "hours": (0.0, None),
    "days": (0.0, None),
    "pieces_per_hour": (0.0, None),
    "pieces_per_day": (0.0, None),
    "units": (0.0, None),
}

# How the values of a KPI add up over subjects and periods (pivot, graph, roll-ups): a rate is
# the ratio of the summed numerators and denominators, never the sum of the rates.
AGGREGATIONS = [
    ("sum", "Sum"),
    ("ratio", "Ratio of sums"),
    ("average", "Average"),
    ("last", "Last value"),
]
UNIT_AGGREGATION = {
    "percent": "ratio",
    "pieces_per_hour": "ratio",
    "pieces_per_day": "ratio",
    "score": "average",
}
# A ratio value is numerator / denominator times this factor.
UNIT_SCALE = {"percent": 100.0}
UNIT_DECIMALS = {
    "percent": 1,
    "count": 0,
    "amount": 2,
    "score": 1,
    "hours": 1,
    "days": 1,
    "pieces_per_hour": 2,
    "pieces_per_day": 1,
    "units": 0,
}

DIRECTIONS = [
    ("higher", "Higher is better"),
    ("lower", "Lower is better"),
    ("zero", "Target zero"),
]

# The subject type of a value measuring each subject level (a team is a department).
SUBJECT_TYPE_OF_LEVEL = {
    "employee": "employee",
    "team": "department",
    "department": "department",
    "equipment": "record",
    "company": "company",
}
SUBJECT_LEVELS = [
    ("employee", "Employee"),
    ("team", "Team"),
    ("department", "Workshop / Department"),
    ("equipment", "Equipment"),
    ("company", "Company"),
]


class MfgKpi(models.Model):
    """A key performance indicator (关键业绩指标) of the library."""

    _name = "mfg.kpi"
    _description = "KPI"
    _inherit = ["mail.thread"]
    _order = "category, sequence, code"
    _rec_names_search = ["name", "code"]

    code = fields.Char(
        required=True,
        index=True,
        tracking=True,
        help="Stable technical code; providers register under it.",
    )
    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    category = fields.Selection(CATEGORIES, required=True, default="production", tracking=True)
    unit = fields.Selection(UNITS, required=True, default="percent", tracking=True)
    direction = fields.Selection(DIRECTIONS, required=True, default="higher", tracking=True)
    aggregation = fields.Selection(
        AGGREGATIONS,
        compute="_compute_unit_defaults",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        tracking=True,
        help="How values of this KPI add up over subjects and periods in pivots, graphs and "
        "dashboards: a rate is the ratio of the summed numerators and denominators (the sum of "
        "rates means nothing), counts and amounts add up, scores average, a stock level takes "
        "its last value. Derived from the unit.",
    )
    decimals = fields.Integer(
        compute="_compute_unit_defaults",
        store=True,
        readonly=False,
        precompute=True,
        help="Decimals the values of this KPI are shown with.",
    )
    unit_symbol = fields.Char(compute="_compute_unit_symbol")
    subject_level = fields.Selection(
        SUBJECT_LEVELS,
        string="Measured For",
        required=True,
        default="employee",
        tracking=True,
        help="Whose performance the value describes.",
    )
    source_ids = fields.Many2many(
        "mfg.kpi.source",
        string="Data Sources",
        help="Departments that deliver the data (数据来源).",
    )
    definition = fields.Text(translate=True, help="What the indicator measures.")
    formula = fields.Text(translate=True, help="How the value is computed, in words.")
    measurement = fields.Selection(
        [("manual", "Manual entry"), ("computed", "Computed")],
        compute="_compute_measurement",
        help="Computed when an installed module registers a provider for this KPI's code.",
    )
    provider_name = fields.Char(compute="_compute_measurement", string="Provider")
    # Set by the computation only: the last failure of this KPI's provider (the other KPIs of
    # the period were computed all the same).
    last_error = fields.Text(string="Last Computation Error", readonly=True, copy=False)
    last_error_at = fields.Datetime(string="Failed At", readonly=True, copy=False)
    # Set by the computation only: what the last computation of this KPI cost (all the periods
    # of that run). KPIs sharing a cohort (see mfg.kpi.provider._cohort): the first one of the
    # run reads it and carries its cost, the others only derive their figures from it.
    last_compute_at = fields.Datetime(string="Last Computed", readonly=True, copy=False)
    last_compute_seconds = fields.Float(
        string="Computation Time (s)",
        readonly=True,
        copy=False,
        digits=(16, 3),
        help="Seconds the last computation of this KPI took (every period of that run). KPIs "
        "of one provider share the records they read: the first one computed pays for reading "
        "them.",
    )
    last_compute_queries = fields.Integer(
        string="Computation Queries",
        readonly=True,
        copy=False,
        help="SQL queries of the last computation of this KPI (every period of that run).",
    )
    target_ids = fields.One2many("mfg.kpi.target", "kpi_id", string="Targets")
    value_ids = fields.One2many("mfg.kpi.value", "kpi_id", string="Values")
    value_count = fields.Integer(compute="_compute_value_count")
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty for a KPI shared by every company.",
    )

    _code_uniq = models.Constraint("UNIQUE(code)", "The KPI code must be unique.")

    @api.model_create_multi
    def create(self, vals_list):
        kpis = self
        if self.env.context.get("install_mode"):
            # The KPIs of a module's data (the library: 158 of them) are loaded without a
            # "created" message each: posting them was two thirds of loading the library.
            # Later changes are tracked as any other.
            kpis = self.with_context(mail_create_nolog=True)
        return super(MfgKpi, kpis).create(vals_list)

    def write(self, vals):
        if not self.env.su and set(COMPUTATION_FIELDS) & set(vals):
            raise UserError(_("Only the KPI computation records its errors and costs."))
        return super().write(vals)

    @api.model
    def _record_costs(self, costs):
        """Store ``{kpi id: [seconds, queries]}`` of a computation on the KPIs (one query)."""
        if not costs:
            return
        now = fields.Datetime.now()
        rows = SQL(", ").join(
            SQL("(%s, %s::numeric, %s::int)", kpi_id, round(seconds, 3), queries)
            for kpi_id, (seconds, queries) in sorted(costs.items())
        )
        # SQL: one UPDATE for every KPI of the run (a write per KPI would be one query each,
        # and these system figures are neither tracked nor computed from).
        self.env.cr.execute(
            SQL(
                """UPDATE mfg_kpi k
                      SET last_compute_seconds = d.seconds, last_compute_queries = d.queries,
                          last_compute_at = %s
                     FROM (VALUES %s) AS d(id, seconds, queries)
                    WHERE k.id = d.id""",
                now,
                rows,
            )
        )
        self.invalidate_model(["last_compute_at", "last_compute_seconds", "last_compute_queries"])

    @api.depends("unit")
    def _compute_unit_defaults(self):
        for kpi in self:
            kpi.aggregation = UNIT_AGGREGATION.get(kpi.unit, "sum")
            kpi.decimals = UNIT_DECIMALS.get(kpi.unit, 2)

    @api.depends("unit")
    @api.depends_context("lang")
    def _compute_unit_symbol(self):
        symbols = self._unit_symbols()
        for kpi in self:
            kpi.unit_symbol = symbols.get(kpi.unit, "")

    @api.model
    def _unit_symbols(self):
        """The short unit shown after a value, in the user's language."""
        return {
            "percent": "%",
            "count": _("times"),
            "amount": self.env.company.currency_id.symbol or "",
            "score": _("pts"),
            "hours": _("h"),
            "days": _("d"),
            "pieces_per_hour": _("pcs/h"),
            "pieces_per_day": _("pcs/d"),
            "units": _("pcs"),
        }

    def _format_value(self, value):
        """``value`` with the KPI's decimals and unit, e.g. ``98.4 %``."""
        self.ensure_one()
        digits = max(self.decimals, 0)
        text = f"{float_round(value, precision_digits=digits):,.{digits}f}"
        return f"{text} {self.unit_symbol}".strip()

    def _compute_measurement(self):
        providers = self.env["mfg.kpi.provider"]._get_providers()
        for kpi in self:
            provider = providers.get(kpi.code)
            kpi.measurement = "computed" if provider else "manual"
            kpi.provider_name = provider["name"] if provider else False

    def _compute_value_count(self):
        counts = dict(
            self.env["mfg.kpi.value"]._read_group(
                [("kpi_id", "in", self.ids)], ["kpi_id"], ["__count"]
            )
        )
        for kpi in self:
            kpi.value_count = counts.get(kpi, 0)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_valued(self):
        """A KPI with values stays (archive it); uninstalling the module that brought it
        removes its values with it (the values' ``kpi_id`` cascades)."""
        valued = (
            self.env["mfg.kpi.value"]
            .sudo()
            ._read_group([("kpi_id", "in", self.ids)], ["kpi_id"], limit=1)
        )
        if valued:
            raise UserError(
                _(
                    "KPI %(kpi)s has values and cannot be deleted: archive it instead.",
                    kpi=valued[0][0].display_name,
                )
            )

    @api.depends("code", "name", "unit")
    @api.depends_context("mfg_kpi_name_unit")
    def _compute_display_name(self):
        # Dashboards and My KPIs: the name with its unit, codes hidden ("设备完好率 (%)").
        if self.env.context.get("mfg_kpi_name_unit"):
            symbols = self._unit_symbols()
            for kpi in self:
                unit = symbols.get(kpi.unit)
                kpi.display_name = f"{kpi.name} ({unit})" if unit else kpi.name
            return
        for kpi in self:
            kpi.display_name = f"[{kpi.code}] {kpi.name}" if kpi.code else kpi.name

    def action_enter_value(self):
        """A new value of this KPI for the period of the "manual entries due" list."""
        self.ensure_one()
        period_id = self.env.context.get("mfg_due_period_id")
        return {
            "type": "ir.actions.act_window",
            "name": self.display_name,
            "res_model": "mfg.kpi.value",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_kpi_id": self.id,
                "default_period_id": period_id,
                "default_subject_type": SUBJECT_TYPE_OF_LEVEL.get(self.subject_level, "employee"),
            },
        }

    def action_open_values(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("mfg_kpi.mfg_kpi_value_action")
        action["domain"] = [("kpi_id", "=", self.id)]
        action["context"] = {"default_kpi_id": self.id}
        return action
