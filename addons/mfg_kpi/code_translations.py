# Copyright 2026 Production Management Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Translations the suite ships for the code strings of the modules it depends on.

Odoo imports a module's ``i18n_extra/<lang>.po`` along with its ``i18n/<lang>.po``; entries of
records (views, fields, selection values, data) are imported for the module their XML id names,
so a suite addon's ``i18n_extra/zh_CN.po`` can carry the translation of a dependency's screens
(e.g. OCA ``base_tier_validation``, whose release leaves most of its zh_CN empty). Strings in a
module's Python and JavaScript code, however, are read only from that module's own po files.
``post_load`` (run once when this module is imported) makes the code translations of a module M
also come from the ``i18n_extra`` files of the suite's addons, from their entries marked
``#. module: M``. M's own translations win where both exist.
"""

import glob
import os

import odoo.addons
from odoo.tools import translate

SUITE_PREFIX = "mfg_"


def overlay_files(lang):
    """The suite's ``i18n_extra`` po files for ``lang`` (and its base language)."""
    for addons_dir in odoo.addons.__path__:
        for code in translate.get_base_langs(lang):
            pattern = os.path.join(addons_dir, f"{SUITE_PREFIX}*", "i18n_extra", f"{code}.po")
            yield from sorted(glob.glob(pattern))


def overlay_code_translations(module_name, lang, filter_func):
    """{source: translation} of ``module_name``'s code strings in the suite's overlays."""
    translations = {}
    for path in overlay_files(lang):
        for row in translate.PoFileReader(path):
            if (
                row.get("type") == "code"
                and row.get("module") == module_name
                and row.get("src")
                and filter_func(row)
            ):
                translations[row["src"]] = row["value"]
    return translations


def post_load():
    code_translations = translate.CodeTranslations
    original = code_translations._get_code_translations
    if getattr(original, "mfg_overlay", False):
        return

    def _get_code_translations(module_name, lang, filter_func):
        own = original(module_name, lang, filter_func)
        if module_name.startswith(SUITE_PREFIX):
            return own
        extra = overlay_code_translations(module_name, lang, filter_func)
        return {**extra, **own} if extra else own

    _get_code_translations.mfg_overlay = True
    code_translations._get_code_translations = staticmethod(_get_code_translations)
