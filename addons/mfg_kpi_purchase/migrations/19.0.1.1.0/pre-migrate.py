# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The "ask at least three suppliers" rule moved to ``mfg_purchase_rfq_rule``.

Its fields, model, access rule and views change module in ``ir_model_data`` before this module
is loaded, so that the upgrade does not drop them as leftovers of this module: the company
settings, the waivers recorded on the orders and the columns holding them are kept, and the new
addon, installed by the same upgrade, takes them over.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

OLD, NEW = "mfg_kpi_purchase", "mfg_purchase_rfq_rule"
MOVED_FIELDS = {
    "purchase.order": (
        "mfg_rfq_supplier_count",
        "mfg_rfq_rule_blocking",
        "mfg_rfq_waiver_reason",
        "mfg_rfq_waiver_user_id",
        "mfg_rfq_waiver_date",
    ),
    "res.company": ("mfg_rfq_rule_active", "mfg_rfq_min_suppliers", "mfg_rfq_amount_threshold"),
    "res.config.settings": (
        "mfg_rfq_rule_active",
        "mfg_rfq_min_suppliers",
        "mfg_rfq_amount_threshold",
    ),
}
MOVED_MODEL = "mfg.rfq.waiver.wizard"
MOVED_RECORDS = (
    "model_mfg_rfq_waiver_wizard",
    "access_mfg_rfq_waiver_wizard_manager",
    "mfg_rfq_waiver_wizard_view_form",
    "purchase_order_view_form",
    "res_config_settings_view_form",
)


def _xmlid_field(model, field):
    return f"field_{model.replace('.', '_')}__{field}"


def migrate(cr, version):
    if not version:
        return
    names = [_xmlid_field(model, f) for model, fnames in MOVED_FIELDS.items() for f in fnames]
    names += list(MOVED_RECORDS)
    # The wizard's fields, whatever they are (including the automatic ones).
    cr.execute(
        SQL(
            "SELECT name FROM ir_model_data WHERE module = %s AND model = 'ir.model.fields' "
            "AND name LIKE %s",
            OLD,
            _xmlid_field(MOVED_MODEL, "%"),
        )
    )
    names += [name for (name,) in cr.fetchall()]
    # A row the new addon already holds (an earlier attempt) is left as it is.
    cr.execute(
        SQL(
            """UPDATE ir_model_data old
                  SET module = %(new)s
                WHERE old.module = %(old)s
                  AND old.name IN %(names)s
                  AND NOT EXISTS (
                      SELECT 1 FROM ir_model_data new
                       WHERE new.module = %(new)s AND new.name = old.name
                  )""",
            old=OLD,
            new=NEW,
            names=tuple(names),
        )
    )
    _logger.info("%s: %s records moved to %s", OLD, cr.rowcount, NEW)
    # The rule was part of this module: the database keeps it, whether or not the meta-module
    # is upgraded in the same run (a module marked here is installed by the same run).
    cr.execute(
        SQL(
            "UPDATE ir_module_module SET state = 'to install' "
            "WHERE name = %s AND state = 'uninstalled'",
            NEW,
        )
    )
    cr.execute(SQL("SELECT state FROM ir_module_module WHERE name = %s", NEW))
    if not cr.fetchone():
        _logger.warning("%s: %s is not in the addons path; install it to keep the rule", OLD, NEW)
