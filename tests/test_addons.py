"""Repository-level checks of the suite's addons (no Odoo needed)."""

import ast
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_po import ADDONS, po_problems, suite_addons

ADDON_DIRS = suite_addons()


def manifest(addon_dir):
    return ast.literal_eval((addon_dir / "__manifest__.py").read_text())


def test_suite_has_addons():
    names = {d.name for d in ADDON_DIRS}
    assert {"mfg_kpi", "mfg_production_management"} <= names


@pytest.mark.parametrize("addon_dir", ADDON_DIRS, ids=lambda d: d.name)
def test_manifest_conventions(addon_dir):
    data = manifest(addon_dir)
    assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", data["version"])
    # LGPL-3, or AGPL-3 where the addon builds on AGPL-licensed OCA addons.
    assert data["license"] in {"LGPL-3", "AGPL-3"}
    agpl_deps = {"base_tier_validation", "report_xlsx", "quality_control_oca", "maintenance_plan"}
    agpl_suite = {d.name for d in ADDON_DIRS if manifest(d)["license"] == "AGPL-3"}
    if set(data["depends"]) & (agpl_deps | agpl_suite):
        assert data["license"] == "AGPL-3", f"{addon_dir.name} builds on AGPL addons"
    assert data["author"] == "Production Management Suite contributors"
    assert data["maintainers"] and isinstance(data["maintainers"], list)
    assert data["development_status"] in {"Alpha", "Beta", "Production/Stable", "Mature"}
    assert data.get("installable", True)
    for key in ("data", "demo"):
        for path in data.get(key, []):
            assert (addon_dir / path).is_file(), f"{addon_dir.name}: {key} file {path} missing"
    for path in data.get("data", []):
        assert not path.startswith("demo/"), f"{addon_dir.name}: demo file {path} loaded as data"


@pytest.mark.parametrize("addon_dir", ADDON_DIRS, ids=lambda d: d.name)
def test_packaging_and_docs(addon_dir):
    assert (addon_dir / "pyproject.toml").is_file()
    for fragment in ("DESCRIPTION.md", "USAGE.md", "CONFIGURE.md"):
        text = (addon_dir / "readme" / fragment).read_text().strip()
        assert text, f"{addon_dir.name}: readme/{fragment} is empty"
    assert (addon_dir / "static" / "description" / "icon.png").is_file()


@pytest.mark.parametrize("addon_dir", ADDON_DIRS, ids=lambda d: d.name)
def test_zh_cn_translation_complete(addon_dir):
    assert po_problems(addon_dir) == []


def test_meta_module_depends_on_every_addon():
    meta = manifest(ADDONS / "mfg_production_management")
    # The demo-only addon depends on the meta module, whose install hook adds it with demo data.
    others = {d.name for d in ADDON_DIRS} - {"mfg_production_management", "mfg_demo_factory"}
    assert "mfg_production_management" in manifest(ADDONS / "mfg_demo_factory")["depends"]
    # Every addon is reached through the meta module's dependencies (directly or not).
    reached, todo = set(), list(meta["depends"])
    while todo:
        name = todo.pop()
        if name in reached or not (ADDONS / name / "__manifest__.py").exists():
            continue
        reached.add(name)
        todo.extend(manifest(ADDONS / name)["depends"])
    assert others <= reached, f"not installed by the meta module: {sorted(others - reached)}"


def test_one_model_per_file():
    pattern = re.compile(r"^\s+_name = ", re.M)
    for path in ADDONS.glob("mfg_*/models/*.py"):
        assert len(pattern.findall(path.read_text())) <= 1, f"{path} defines several models"
