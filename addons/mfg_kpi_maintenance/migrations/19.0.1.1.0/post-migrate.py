# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo.addons.mfg_kpi_maintenance.hooks import date_reported_at

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    """Installs before 19.0.1.1.0 reported every existing request at the install time (the
    column's default); report them when they were created."""
    if version:
        _logger.info(
            "mfg_kpi_maintenance: %s requests re-dated to their creation", date_reported_at(cr)
        )
