# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Until 19.0.1.1.0 of ``mfg_kpi_stock`` the near-expiry inspections lived there. A database
upgraded from it installs this module first (``mfg_kpi_stock`` depends on it): the records are
adopted, not created again, so the activity type keeps its activities, the scheduled job its id
and the companies their lead time. Installing writes the shipped values over adopted records
(``noupdate`` only protects upgrades): what an administrator had changed on them is put back."""

from odoo.tools import SQL

OLD_MODULE = "mfg_kpi_stock"
# ir.model.data names of what moved here from the old module.
MOVED_XMLIDS = (
    "mail_activity_type_expiry_inspection",
    "ir_cron_expiry_inspection",
    "ir_cron_expiry_inspection_ir_actions_server",
    "res_config_settings_view_form",
    "model_res_company",
    "model_res_config_settings",
    "field_res_company__mfg_expiry_inspection_days",
    "field_res_config_settings__mfg_expiry_inspection_days",
)
# Adopted records whose shipped data is written at install: the fields the data file sets.
KEPT_VALUES = {
    "mail_activity_type_expiry_inspection": ["name", "summary", "icon", "decoration_type"],
    "ir_cron_expiry_inspection": ["name", "active", "interval_number", "interval_type"],
}
_kept = {}


def adopt_moved_records(cr):
    """Give this module the ir.model.data rows of the old module's near-expiry records
    (idempotent; rows this module already has are left alone)."""
    cr.execute(
        SQL(
            """UPDATE ir_model_data old
                  SET module = 'mfg_stock_expiry'
                WHERE old.module = %s
                  AND old.name IN %s
                  AND NOT EXISTS (
                      SELECT 1 FROM ir_model_data new
                       WHERE new.module = 'mfg_stock_expiry' AND new.name = old.name
                  )""",
            OLD_MODULE,
            MOVED_XMLIDS,
        )
    )
    return cr.rowcount


def pre_init_hook(env):
    if adopt_moved_records(env.cr):
        for name, fields in KEPT_VALUES.items():
            record = env.ref(f"mfg_stock_expiry.{name}", raise_if_not_found=False)
            if record:
                _kept[name] = record.with_context(active_test=False).read(fields)[0]


def post_init_hook(env):
    while _kept:
        name, values = _kept.popitem()
        values.pop("id")
        env.ref(f"mfg_stock_expiry.{name}").write(values)


def uninstall_hook(env):
    """The near-expiry inspections already planned stay on the lots as ordinary to-dos: their
    activity type is released from the module instead of failing to be deleted."""
    env.cr.execute(
        SQL(
            """DELETE FROM ir_model_data d
                WHERE d.module = 'mfg_stock_expiry'
                  AND d.model = 'mail.activity.type'
                  AND EXISTS (SELECT 1 FROM mail_activity a WHERE a.activity_type_id = d.res_id)"""
        )
    )
