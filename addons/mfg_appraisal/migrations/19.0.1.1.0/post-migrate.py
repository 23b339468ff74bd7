# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: the team-member exclusion rules (第2条) apply to the team-member sheets only.

The seed sheets are ``noupdate`` data: flag the two team-member sheets the earlier release
shipped (sheets a company made itself keep the flag off until HR sets it).
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in ("mfg_appraisal.template_team_leader", "mfg_appraisal.template_operator"):
        template = env.ref(xmlid, raise_if_not_found=False)
        if template:
            template.team_exclusions = True
