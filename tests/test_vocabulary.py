"""One module-level constant per vocabulary of the suite (no Odoo needed).

Directions and KPI period kinds belong to mfg_kpi, duty frequencies to mfg_org; the other addons
import them. A second module-level list of the same keys elsewhere is a copy that can drift.
"""

import ast
from pathlib import Path

import pytest

ADDONS = Path(__file__).resolve().parent.parent / "addons"

# concept: (home file, constant) — the one definition.
HOMES = {
    "directions": ("mfg_kpi/models/mfg_kpi.py", "DIRECTIONS"),
    "KPI period kinds": ("mfg_kpi/models/mfg_kpi_period.py", "PERIOD_KINDS"),
    "duty frequencies": ("mfg_org/models/mfg_duty.py", "PERIODIC_FREQUENCIES"),
}
# The pure scoring engine imports nothing from Odoo: it keeps the keys it implements, checked
# equal to its home's below.
KEY_COPIES = {("mfg_appraisal/scoring.py", "DIRECTIONS"): "directions"}


def module_constants(path):
    """{name: keys} of the module-level literal lists/tuples of ``path`` (selections give their
    keys, lists of strings themselves)."""
    constants = {}
    for node in ast.parse(path.read_text()).body:
        if not isinstance(node, ast.Assign) or not isinstance(node.value, ast.List | ast.Tuple):
            continue
        try:
            value = ast.literal_eval(node.value)
        except ValueError:
            continue
        keys = [item[0] if isinstance(item, tuple) and item else item for item in value]
        if not all(isinstance(key, str) for key in keys):
            continue
        for target in node.targets:
            if isinstance(target, ast.Name):
                constants[target.id] = keys
    return constants


def home_keys(concept):
    path, name = HOMES[concept]
    return module_constants(ADDONS / path)[name]


@pytest.mark.parametrize("concept", sorted(HOMES))
def test_vocabulary_has_one_home(concept):
    keys = set(home_keys(concept))
    copies = []
    for path in sorted(ADDONS.glob("*/**/*.py")):
        relative = path.relative_to(ADDONS).as_posix()
        if "/tests/" in relative or "/migrations/" in relative:
            continue
        for name, found in module_constants(path).items():
            if (relative, name) == HOMES[concept] or KEY_COPIES.get((relative, name)) == concept:
                continue
            if len(keys & set(found)) >= 2:
                copies.append(f"{relative}: {name} = {found}")
    assert not copies, f"{concept} are defined in {HOMES[concept][0]}; import them instead of: " + (
        "; ".join(copies)
    )


@pytest.mark.parametrize(("copy", "concept"), sorted(KEY_COPIES.items()))
def test_key_copies_match_their_home(copy, concept):
    path, name = copy
    assert module_constants(ADDONS / path)[name] == home_keys(concept)
