# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.2.0: orders cancelled after confirmation before the first installation get their
cancellation date (from the chatter), as the install hook now does."""

import logging

from odoo.addons.mfg_kpi_purchase.hooks import date_cancellations

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    dated = date_cancellations(cr)
    _logger.info("mfg_kpi_purchase: cancellation dated on %s past orders", dated)
