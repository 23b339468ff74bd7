# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.2.0: transfers validated before the first installation get their validating user
(from the chatter), as the install hook now does."""

import logging

from odoo.addons.mfg_kpi_stock.hooks import fill_done_user

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    filled = fill_done_user(cr)
    _logger.info("mfg_kpi_stock: validating user filled on %s past transfers", filled)
