# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""19.0.1.4.0: automatic period names in every installed language.

A period made by the computation (``_get_or_create``) was named only in its creator's language
(a Chinese name stored for English users too, or the reverse). Periods still carrying such an
automatic name, in any installed language, are renamed in every language; a name someone
changed by hand is left alone.
"""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Period = env["mfg.kpi.period"].with_context(active_test=False)
    langs = [code for code, _label in env["res.lang"].get_installed()]
    periods = Period.search([("kind", "!=", "custom")])
    cr.execute(
        "SELECT id, name FROM mfg_kpi_period WHERE id = ANY(%s)",
        [periods.ids],
    )
    stored = dict(cr.fetchall())
    automatic = periods.filtered(
        lambda p: set((stored.get(p.id) or {}).values())
        & {Period.with_context(lang=lang)._default_name(p.kind, p.date_start) for lang in langs}
    )
    automatic._name_in_every_language()
