# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: the record rules are no longer ``noupdate``, so that this upgrade (and later
ones) rewrites them: peers no longer read the appraisals they rate, the sheet's parts get
company rules."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET noupdate = false
         WHERE module = 'mfg_appraisal' AND model = 'ir.rule'
        """
    )
