# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.1.0: the near-expiry inspections (activity type, scheduled job, lead-time setting)
moved to ``mfg_stock_expiry``. Their ir.model.data rows change module, so the records (and the
activities, the job, the companies' lead time) are kept. ``mfg_stock_expiry`` is a new
dependency installed before this script runs: its ``pre_init_hook`` has already adopted the
rows; this script adopts whatever is left (idempotent)."""

import logging

from odoo.addons.mfg_stock_expiry.hooks import adopt_moved_records

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    moved = adopt_moved_records(cr)
    _logger.info("mfg_kpi_stock: %s near-expiry records moved to mfg_stock_expiry", moved)
