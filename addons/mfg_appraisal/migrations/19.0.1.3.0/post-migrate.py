# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.3.0: appraisal lines and sections keep the sheet's wording in every language.

Their name, group (dimension) and scoring rule text, and the section names, were plain text
frozen in the launcher's language; they are now translatable (Odoo turned each column into a
translation map holding the old text). Where the old text is the sheet's wording in one of the
installed languages, the sheet's wording in every language is copied; text someone changed is
kept as it is.
"""

import json

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    for column in ("name", "dimension"):
        cr.execute(
            SQL(
                """UPDATE mfg_appraisal_line l SET %(col)s = t.%(col)s
                     FROM mfg_appraisal_template_line t
                    WHERE t.id = l.template_line_id AND t.%(col)s IS NOT NULL
                      AND l.%(col)s->>'en_US' IN (SELECT value FROM jsonb_each_text(t.%(col)s))""",
                col=SQL.identifier(column),
            )
        )
    cr.execute(
        """UPDATE mfg_appraisal_section s SET name = ts.name
             FROM (SELECT DISTINCT l.section_id, t.section_id AS sheet_section_id
                     FROM mfg_appraisal_line l
                     JOIN mfg_appraisal_template_line t ON t.id = l.template_line_id) v
             JOIN mfg_appraisal_template_section ts ON ts.id = v.sheet_section_id
            WHERE s.id = v.section_id
              AND s.name->>'en_US' IN (SELECT value FROM jsonb_each_text(ts.name))"""
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    langs = [code for code, _label in env["res.lang"].get_installed()]
    cr.execute(
        """SELECT id, template_line_id, rule_text->>'en_US' FROM mfg_appraisal_line
            WHERE template_line_id IS NOT NULL AND rule_text IS NOT NULL"""
    )
    rows = cr.fetchall()
    sheet_lines = env["mfg.appraisal.template.line"].browse({row[1] for row in rows}).exists()
    texts = {
        code: dict(
            zip(
                sheet_lines.ids,
                sheet_lines.with_context(lang=code).mapped("rule_text"),
                strict=False,
            )
        )
        for code in langs
    }
    values = []
    for line_id, sheet_line_id, text in rows:
        translations = {code: texts[code].get(sheet_line_id) for code in langs}
        if text in translations.values():
            values.append(SQL("(%s, %s::jsonb)", line_id, json.dumps(translations)))
    if values:
        cr.execute(
            SQL(
                """UPDATE mfg_appraisal_line l SET rule_text = l.rule_text || v.texts
                     FROM (VALUES %s) AS v(id, texts) WHERE l.id = v.id""",
                SQL(", ").join(values),
            )
        )
