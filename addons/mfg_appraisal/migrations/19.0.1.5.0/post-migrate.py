# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.5.0: appraisal lines remember the status of the KPI value that filled them.

Until this version only locked KPI values filled the lines, and locking is final: every line
that has a KPI value was filled by a locked one, at the value it carries.
"""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE mfg_appraisal_line
           SET kpi_value_state = 'locked',
               kpi_prefill_value = actual_value
         WHERE kpi_value_id IS NOT NULL
           AND kpi_value_state IS NULL
        """
    )
    _logger.info("mfg_appraisal: %s KPI lines marked as filled by a locked value", cr.rowcount)
