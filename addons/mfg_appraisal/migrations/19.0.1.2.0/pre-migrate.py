# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.2.0: the president's office group and its three read rules move from
``data/tier_definition_data.xml`` to ``security/`` under the same XML ids; they are not
``noupdate``, so that this upgrade rewrites their domains (the sheet's approval chain instead
of the template code)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_model_data
           SET noupdate = false
         WHERE module = 'mfg_appraisal'
           AND name IN (
               'group_appraisal_president',
               'mfg_appraisal_rule_president',
               'mfg_appraisal_section_rule_president',
               'mfg_appraisal_line_rule_president'
           )
        """
    )
