"""Check that every addon ships a complete zh_CN translation.

Usage: python3 tests/check_po.py  (exit 1 and a line per problem when a translation is missing)
"""

import sys
from pathlib import Path

import polib

ADDONS = Path(__file__).resolve().parent.parent / "addons"


def po_problems(addon_dir):
    """Problems of ``addon_dir``'s zh_CN.po against its .pot: missing file, untranslated,
    fuzzy or missing entries."""
    name = addon_dir.name
    po_path = addon_dir / "i18n" / "zh_CN.po"
    pot_path = addon_dir / "i18n" / f"{name}.pot"
    if not po_path.exists():
        return [f"{name}: i18n/zh_CN.po is missing"]
    po = polib.pofile(str(po_path))
    problems = [f"{name}: untranslated: {e.msgid[:60]!r}" for e in po.untranslated_entries()]
    problems += [f"{name}: fuzzy: {e.msgid[:60]!r}" for e in po.fuzzy_entries()]
    if pot_path.exists():
        translated = {(e.msgctxt, e.msgid) for e in po if e.msgstr and not e.obsolete}
        for entry in polib.pofile(str(pot_path)):
            if (entry.msgctxt, entry.msgid) not in translated:
                problems.append(f"{name}: not in zh_CN.po: {entry.msgid[:60]!r}")
    extra = addon_dir / "i18n_extra" / "zh_CN.po"
    if extra.exists():
        # Translations the addon ships for its dependencies' strings (see
        # mfg_kpi/code_translations.py): every entry translated.
        extra_po = polib.pofile(str(extra))
        problems += [
            f"{name}: i18n_extra untranslated: {e.msgid[:60]!r}"
            for e in extra_po.untranslated_entries()
        ]
        problems += [
            f"{name}: i18n_extra fuzzy: {e.msgid[:60]!r}" for e in extra_po.fuzzy_entries()
        ]
    return problems


def suite_addons():
    return sorted(p.parent for p in ADDONS.glob("*/__manifest__.py"))


def main():
    problems = [p for addon in suite_addons() for p in po_problems(addon)]
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
