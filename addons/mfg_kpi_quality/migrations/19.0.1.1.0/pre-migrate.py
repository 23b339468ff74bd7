# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: the inspection triggers moved to ``mfg_quality_trigger``.

Their external ids (models, fields, selections, views, menu, action, access and record rules),
many2many tables and foreign keys change module, so rules, inspections and their links survive
the upgrade. Odoo installs the new dependency before it upgrades this module, and the new
module's ``pre_init_hook`` hands them over then (before its data is loaded); this script runs
the same hand-over for a database where that has not happened yet, and is a no-op otherwise.
"""

import logging

from odoo.addons.mfg_quality_trigger.hooks import adopt_kpi_quality_records

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    adopted = adopt_kpi_quality_records(cr)
    _logger.info("mfg_kpi_quality: %s external ids handed over to mfg_quality_trigger", adopted)
