# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).


def post_init_hook(env):
    """Orders confirmed before the installation get their commitment recorded now."""
    env["mrp.production"]._mfg_backfill_plan()
