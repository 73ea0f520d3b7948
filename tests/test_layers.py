"""Who may import whom: every import in the package follows the layers of ARCHITECTURE.md.

The allowed directions are written once, in :data:`MAY_IMPORT`; the test walks
every module's imports (at the top and inside functions) and fails on any
other, naming the module, the line and the rule it breaks.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "newsledger"

BASE = "base"
# Each part of the package, and the parts it may import besides itself and the base.
LAYER_OF = {
    # The base: errors, settings, the result types and contracts, the taxonomy.
    "__init__": BASE, "errors": BASE, "config": BASE, "schema": BASE, "taxonomy": BASE, "geodesy": BASE,
    "incident": BASE, "wording": BASE,
    "nlp": "extract",  # the spaCy pipeline with the entity rules extraction adds
    "models": "models",
    "ingest": "ingest",
    "clean": "clean",
    "extract": "extract",
    "data": "data",
    "pipeline": "pipeline",
    "resolve": "resolve",
    "store": "store",
    "ledger": "ledger",
    "export": "export",
    "batch": "runners",
    "runners": "runners",
    "demo": "demo",
    "serve": "serve",
    "watch": "watch",
    "cli": "cli",
}
MAY_IMPORT = {
    BASE: set(),
    "data": set(),
    "demo": set(),
    "models": set(),
    "ingest": set(),
    "clean": set(),
    "extract": {"models", "data"},
    "pipeline": {"extract"},
    "resolve": set(),  # mentions in, incidents out: no spaCy, no extractors, no tables
    "store": set(),  # tables, not incidents' rules: never resolve or extract
    "ledger": {"store", "resolve"},
    "export": {"ledger", "resolve"},
    "runners": {"ingest", "clean", "pipeline", "store", "ledger"},
    # The web: thin over the ledger (and the store it opens, the exports it serves); no NLP.
    "serve": {"store", "ledger", "export"},
    # Following live sources: fetches, then ingests through the batch runner.
    "watch": {"ingest", "clean", "pipeline", "store", "ledger", "runners"},
    "cli": {"ingest", "clean", "extract", "pipeline", "resolve", "store", "ledger", "export", "runners",
            "demo", "serve", "watch"},
}


def _part(module: str) -> str:
    """``newsledger.store.models`` -> ``store``; ``newsledger`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """``(line, module)`` for every newsledger module ``path`` imports."""
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    return imports_in(path.read_text(encoding="utf-8"), package)


def imports_in(source: str, package: str) -> list[tuple[int, str]]:
    """``(line, module)`` for every newsledger module ``source`` imports, relative ones resolved in ``package``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.startswith("newsledger")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module == "newsledger":
                found += [(node.lineno, f"newsledger.{alias.name}") for alias in node.names]
            elif module.startswith("newsledger."):
                found.append((node.lineno, module))
    return found


def violations(own_part: str, imported: list[tuple[int, str]]) -> list[str]:
    """The imports a module of ``own_part`` may not make."""
    own = LAYER_OF[own_part]
    allowed = MAY_IMPORT[own] | {own, BASE}
    return [
        f"line {line} imports {module} ({own} -> {LAYER_OF[_part(module)]})"
        for line, module in imported
        if LAYER_OF.get(_part(module)) is not None and LAYER_OF[_part(module)] not in allowed
    ]


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts)


def test_every_part_of_the_package_has_a_layer():
    parts = {_part(_module_name(p)) for p in _modules()}
    assert parts <= set(LAYER_OF), f"give these a layer in LAYER_OF: {sorted(parts - set(LAYER_OF))}"
    assert set(LAYER_OF.values()) <= set(MAY_IMPORT)


def test_no_module_imports_a_layer_above_its_own():
    broken = [
        f"{path.relative_to(PACKAGE.parent)}: {problem}"
        for path in _modules()
        for problem in violations(_part(_module_name(path)), _imports(path))
    ]
    assert not broken, "imports against the layers:\n" + "\n".join(broken)


def test_the_checker_sees_forbidden_imports_at_the_top_and_inside_functions():
    source = (
        "from newsledger.resolve import Resolver\n"
        "from .models import Base\n"
        "def f():\n"
        "    from newsledger import cli\n"
        "    import newsledger.extract.events\n"
    )
    imported = imports_in(source, "newsledger.store")
    assert [m for _, m in imported] == [
        "newsledger.resolve", "newsledger.store.models", "newsledger.cli", "newsledger.extract.events",
    ]
    assert violations("store", imported) == [
        "line 1 imports newsledger.resolve (store -> resolve)",
        "line 4 imports newsledger.cli (store -> cli)",
        "line 5 imports newsledger.extract.events (store -> extract)",
    ]
    assert violations("cli", imported) == []


@pytest.mark.parametrize("module", ["newsledger.ledger", "newsledger.store", "newsledger.resolve",
                                    "newsledger.taxonomy"])
def test_the_ledger_and_what_it_stands_on_load_without_spacy_typer_or_rich(module):
    code = (
        f"import sys, {module}; "
        "print(','.join(sorted(m for m in ('spacy', 'typer', 'rich', 'thinc') if m in sys.modules)))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "", f"importing {module} loads {loaded}"
