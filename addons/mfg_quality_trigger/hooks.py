# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Adopt the records of the previous release, where ``mfg_kpi_quality`` held the triggers.

Until 19.0.1.1.0 of ``mfg_kpi_quality`` the inspection triggers lived in that module. On the
upgrade, Odoo installs this module (a new dependency of ``mfg_kpi_quality``) before it upgrades
``mfg_kpi_quality``: the external ids, many2many tables and foreign keys of everything that moved
are handed over here, before this module's data is loaded, so the same records (rules, views,
menus, access rules, fields with their data) carry on under their new module instead of being
created again and the old ones deleted.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

OLD_MODULE = "mfg_kpi_quality"
NEW_MODULE = "mfg_quality_trigger"

# Many2one fields of qc.inspection recorded by the triggers (their foreign keys move too).
INSPECTION_MANY2ONES = (
    "mfg_rule_id",
    "mfg_move_id",
    "mfg_picking_id",
    "mfg_production_id",
    "mfg_lot_id",
    "mfg_partner_id",
    "mfg_employee_id",
    "mfg_department_id",
)
INSPECTION_FIELDS = (*INSPECTION_MANY2ONES, "mfg_kind", "mfg_deadline")
MOVED_XMLIDS = (
    "model_mfg_qc_trigger_rule",
    "model_mfg_qc_inspection_source",
    "model_inherit__stock_picking__mfg_qc_inspection_source",
    "model_inherit__mrp_production__mfg_qc_inspection_source",
    "field_res_company__mfg_qc_inspection_hours",
    "field_res_config_settings__mfg_qc_inspection_hours",
    *(f"field_qc_inspection__{name}" for name in INSPECTION_FIELDS),
    "access_mfg_qc_trigger_rule_user",
    "access_mfg_qc_trigger_rule_manager",
    "mfg_qc_trigger_rule_rule_company",
    "mfg_qc_trigger_rule_action",
    "mfg_qc_trigger_rule_menu",
    "mfg_qc_trigger_rule_view_list",
    "mfg_qc_trigger_rule_view_form",
    "mfg_qc_trigger_rule_view_search",
    "qc_inspection_view_list",
    "stock_picking_view_form",
    "mrp_production_view_form",
    "res_config_settings_view_form",
)
MOVED_PREFIXES = (
    "field_mfg_qc_trigger_rule__",
    "field_mfg_qc_inspection_source__",
    "field_stock_picking__mfg_qc_",
    "field_mrp_production__mfg_qc_",
    "selection__mfg_qc_trigger_rule__",
    "selection__qc_inspection__mfg_kind__",
)


def _like(prefix):
    return prefix.replace("_", r"\_") + "%"


def adopt_kpi_quality_records(cr):
    """Hand the external ids, tables and constraints of the triggers from ``mfg_kpi_quality``
    over to this module; nothing to do on a database that never had them (or after a first
    run). Returns the number of external ids handed over."""
    cr.execute(
        SQL(
            """UPDATE ir_model_data old
                  SET module = %(new)s
                WHERE old.module = %(old)s
                  AND (old.name IN %(names)s OR old.name LIKE ANY (%(prefixes)s))
                  AND NOT EXISTS (
                      SELECT FROM ir_model_data new
                       WHERE new.module = %(new)s AND new.name = old.name
                  )""",
            new=NEW_MODULE,
            old=OLD_MODULE,
            names=MOVED_XMLIDS,
            prefixes=[_like(prefix) for prefix in MOVED_PREFIXES],
        )
    )
    adopted = cr.rowcount
    if not adopted:
        return 0
    # The many2many tables and foreign keys belong to the module that owns their fields: an
    # uninstallation of mfg_kpi_quality must not drop them.
    for table in ("ir_model_relation", "ir_model_constraint"):
        cr.execute(
            SQL(
                """UPDATE %(table)s
                      SET module = (SELECT id FROM ir_module_module WHERE name = %(new)s)
                    WHERE module = (SELECT id FROM ir_module_module WHERE name = %(old)s)
                      AND (name LIKE %(rule)s OR name IN %(fkeys)s)""",
                table=SQL.identifier(table),
                new=NEW_MODULE,
                old=OLD_MODULE,
                rule=_like("mfg_qc_trigger_rule_"),
                fkeys=tuple(f"qc_inspection_{name}_fkey" for name in INSPECTION_MANY2ONES),
            )
        )
    return adopted


def pre_init_hook(env):
    adopted = adopt_kpi_quality_records(env.cr)
    if adopted:
        _logger.info("%s: %s external ids taken over from %s", NEW_MODULE, adopted, OLD_MODULE)
