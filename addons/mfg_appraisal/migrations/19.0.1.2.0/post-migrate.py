# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.2.0: a sheet's cycle kinds are a relation, a sheet names its approval chain, a cycle
links to the KPI period of its dates.

- The comma-separated ``cycle_kinds`` of every sheet becomes its ``cycle_kind_ids`` (the old
  column is still there: Odoo drops it after the upgrade).
- Sheets coded ``director_plan`` (the shipped director plan) go through the "president"
  chain, every other sheet through the HR review, as the tier definitions selected them so far.
- The shipped tier definitions (``noupdate``) select the chain instead of the template code,
  unless an administrator changed their domain.
- Each cycle links to its KPI period; the periods of draft and running cycles are created
  when missing, the others link to an existing one only.
"""

import ast
import logging

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL
from odoo.tools.sql import column_exists

_logger = logging.getLogger(__name__)

DIRECTOR_CHAIN = '[("approval_chain_id.code", "=", "president")]'
HR_CHAIN = '["|", ("approval_chain_id", "=", False), ("approval_chain_id.code", "=", "hr_review")]'
TIER_DOMAINS = {
    "tier_definition_director_plan_production": (
        [("template_code", "=", "director_plan")],
        DIRECTOR_CHAIN,
    ),
    "tier_definition_director_plan_hr": ([("template_code", "=", "director_plan")], DIRECTOR_CHAIN),
    "tier_definition_director_plan_president": (
        [("template_code", "=", "director_plan")],
        DIRECTOR_CHAIN,
    ),
    "tier_definition_hr_review": ([("template_code", "!=", "director_plan")], HR_CHAIN),
}


def _cycle_kinds(env):
    if not column_exists(env.cr, "mfg_appraisal_template", "cycle_kinds"):
        return
    kinds = {kind.code: kind.id for kind in env["mfg.appraisal.cycle.kind"].search([])}
    env.cr.execute(SQL("SELECT id, cycle_kinds FROM mfg_appraisal_template"))
    for template_id, text in env.cr.fetchall():
        codes = [code.strip() for code in (text or "").split(",") if code.strip()]
        unknown = [code for code in codes if code not in kinds]
        if unknown:
            _logger.info("Sheet %s: unknown cycle kinds %s dropped", template_id, unknown)
        env["mfg.appraisal.template"].browse(template_id).cycle_kind_ids = [
            kinds[code] for code in codes if code in kinds
        ]


def _approval_chains(env):
    templates = env["mfg.appraisal.template"].with_context(active_test=False).search([])
    president = env.ref("mfg_appraisal.approval_chain_president")
    hr_review = env.ref("mfg_appraisal.approval_chain_hr_review")
    director = templates.filtered(lambda t: t.code == "director_plan")
    director.filtered(lambda t: not t.approval_chain_id).approval_chain_id = president
    (templates - director).filtered(lambda t: not t.approval_chain_id).approval_chain_id = hr_review


def _tier_domains(env):
    for name, (old, new) in TIER_DOMAINS.items():
        definition = env.ref(f"mfg_appraisal.{name}", raise_if_not_found=False)
        if not definition:
            continue
        try:
            current = ast.literal_eval(definition.definition_domain or "[]")
        except (ValueError, SyntaxError):
            current = None
        if current == old:
            definition.definition_domain = new
        else:
            _logger.info("Tier definition %s was changed: its domain is kept", name)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    _cycle_kinds(env)
    _approval_chains(env)
    _tier_domains(env)
    cycles = env["mfg.appraisal.cycle"].with_context(active_test=False).search([])
    live = cycles.filtered(lambda c: c.state in ("draft", "running"))
    live._link_kpi_period()
    (cycles - live)._link_kpi_period(create=False)
