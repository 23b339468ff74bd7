# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.2.0: a position's weighted appraisal KPIs are the lines of its appraisal sheets
(mfg_appraisal); ``mfg.job.kpi`` keeps the position description's key KPIs only.

The lines of the lists "Performance Sheet" and "Semi-annual Plan" repeated the sheets' lines and
weights. The shipped ones (XML ids of this module: the seed sheets' lines) are removed with their
XML ids (the data is ``noupdate``, an upgrade would not remove them), and so is a line added by
hand whose KPI is on a sheet of its position or already among the KPIs of its position
description. Any other line added by hand is kept, as a position description KPI without its
weight, so that no KPI of a position is lost; each such line is logged. The columns ``origin``
and ``weight`` go with their fields.
"""

import logging

from odoo.tools.sql import table_exists

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'mfg_job_kpi' AND column_name = 'origin'"""
    )
    if not cr.fetchone():
        return
    # Lines repeating a sheet line of their position (same KPI, named or by code) or a KPI the
    # position description already lists: duplicates.
    sheets = table_exists(cr, "mfg_appraisal_template_line") and table_exists(
        cr, "mfg_appraisal_template_job_rel"
    )
    on_sheet = (
        """EXISTS (
               SELECT 1
                 FROM mfg_appraisal_template_job_rel rel
                 JOIN mfg_appraisal_template_line line ON line.template_id = rel.template_id
                 JOIN mfg_kpi kpi ON kpi.id = line.kpi_id OR kpi.code = line.kpi_code
                WHERE rel.job_id = jk.job_id AND kpi.id = jk.kpi_id)"""
        if sheets
        else "FALSE"
    )
    cr.execute(
        f"""DELETE FROM mfg_job_kpi jk
             WHERE jk.origin IN ('performance', 'plan')
               AND (
                   {on_sheet}
                   OR EXISTS (
                       SELECT 1 FROM mfg_job_kpi other
                        WHERE other.job_id = jk.job_id AND other.kpi_id = jk.kpi_id
                          AND (other.origin = 'description'
                               OR (other.origin = 'performance' AND jk.origin = 'plan'))
                   )
                   OR EXISTS (
                       SELECT 1 FROM ir_model_data imd
                        WHERE imd.model = 'mfg.job.kpi' AND imd.res_id = jk.id
                          AND imd.module = 'mfg_org'
                   )
               )
         RETURNING jk.id"""
    )
    removed = [row[0] for row in cr.fetchall()]
    cr.execute(
        """DELETE FROM ir_model_data
            WHERE model = 'mfg.job.kpi' AND res_id = ANY(%s)""",
        [removed],
    )
    cr.execute(
        """SELECT jk.id, jk.job_id, jk.kpi_id, jk.origin, jk.weight
             FROM mfg_job_kpi jk
            WHERE jk.origin IN ('performance', 'plan')"""
    )
    for line_id, job_id, kpi_id, origin, weight in cr.fetchall():
        _logger.warning(
            "Position KPI line %s (position %s, KPI %s, list %s, weight %s) is on no appraisal "
            "sheet of its position: kept as a position description KPI, without its weight.",
            line_id,
            job_id,
            kpi_id,
            origin,
            weight,
        )
    _logger.info("Removed %s position KPI lines that repeated appraisal sheet lines.", len(removed))
    # The list is gone: the old unique key (position, KPI, list) makes way for (position, KPI).
    cr.execute("ALTER TABLE mfg_job_kpi DROP CONSTRAINT IF EXISTS mfg_job_kpi_job_kpi_origin_uniq")
