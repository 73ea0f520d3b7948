"""The taxonomy is data defined once: consistent with itself, light to import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsledger import schema, taxonomy


def test_every_family_member_is_a_known_subtype():
    names = {s.name for s in taxonomy.SUBTYPES}
    for family, members in taxonomy.FAMILIES.items():
        assert members <= names, family
    for family, default in taxonomy.FAMILY_DEFAULTS.items():
        assert default in taxonomy.FAMILIES[family]


@pytest.mark.parametrize("subtype, family", [
    ("Air/drone strike", "attack"), ("Peaceful protest", "protest"), ("Blockade", "blockade"),
    ("Other", "other"), ("not a sub-type", "other"),
])
def test_family_of(subtype, family):
    assert taxonomy.family_of(subtype) == family


def test_precision_tables_cover_the_contract_values():
    assert tuple(taxonomy.PRECISION_RANK) == taxonomy.PLACE_PRECISIONS
    assert sorted(taxonomy.PRECISION_RANK.values()) == list(range(len(taxonomy.PLACE_PRECISIONS)))
    assert set(taxonomy.GEO_PRECISION) == set(taxonomy.PLACE_PRECISIONS)
    assert set(taxonomy.GEO_PRECISION.values()) == {1, 2, 3}
    assert set(taxonomy.TIME_PRECISION) == set(taxonomy.TIME_PRECISIONS) - {"unknown"}
    assert set(taxonomy.GRADE_RANK) == set(taxonomy.GRADES)


def test_plover_codes_use_the_manual_or_declared_extensions():
    for sub in taxonomy.SUBTYPES:
        if sub.plover is None:
            continue
        assert sub.plover.event in taxonomy.PLOVER_EVENTS
        if sub.plover.mode is not None:
            manual = taxonomy.PLOVER_MODES.get(sub.plover.event, ())
            extra = taxonomy.NEWSLEDGER_PLOVER_MODES.get(sub.plover.event, ())
            assert sub.plover.mode in manual + extra
            assert sub.plover.extension == (sub.plover.mode in extra)


def test_the_taxonomy_is_defined_nowhere_else():
    import ast
    from pathlib import Path

    names = {"SUBTYPES", "EVENT_TYPES", "FAMILIES", "FAMILY_DEFAULTS", "PRECISION_RANK", "GEO_PRECISION",
             "TIME_PRECISION", "GRADE_RANK", "GRADES", "PLACE_PRECISIONS", "TIME_PRECISIONS", "PLOVER_EVENTS"}
    package = Path(taxonomy.__file__).parent
    defined = []
    for path in package.rglob("*.py"):
        if path.name == "taxonomy.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
                node, ast.AnnAssign) else []
            defined += [f"{path.name}: {t.id}" for t in targets if isinstance(t, ast.Name) and t.id in names]
    assert defined == []
    # The contract names its precisions; they are the taxonomy's objects.
    assert schema.PLACE_PRECISIONS is taxonomy.PLACE_PRECISIONS
    assert schema.TIME_PRECISIONS is taxonomy.TIME_PRECISIONS


def test_importing_the_taxonomy_loads_no_heavy_package():
    code = "import sys, newsledger.taxonomy; print(sorted(m for m in ('spacy', 'typer', 'rich') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
