"""The web works offline: the front-end packages are in the package, and nothing points to the internet.

``pip install`` ran the build step (``src/newsledger_build.py``), which copies
the npm packages pinned in ``web/package-lock.json`` into ``serve/static/vendor``.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

from newsledger.serve.app import STATIC

TEMPLATES = STATIC.parent / "templates"
REPO = Path(__file__).resolve().parents[2]
# The build step is no module of the installed package: load it from the source tree.
_spec = importlib.util.spec_from_file_location("newsledger_build", REPO / "src" / "newsledger_build.py")
newsledger_build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(newsledger_build)
# An address on another host: a scheme and host, or a protocol-relative //host.
EXTERNAL = re.compile(r"""(?:src|href|url\(|import|fetch\()\s*=?\s*["']?(?:https?:)?//""", re.IGNORECASE)


@pytest.mark.parametrize("target", [target for _, _, target in newsledger_build.FILES])
def test_every_front_end_file_is_installed(target):
    path = STATIC / "vendor" / target
    assert path.is_file() and path.stat().st_size > 0, f"{target} is missing: reinstall with npm on the PATH"


def test_the_pinned_versions_are_the_installed_ones():
    lock = json.loads((REPO / "web" / "package-lock.json").read_text(encoding="utf-8"))
    wanted = json.loads((REPO / "web" / "package.json").read_text(encoding="utf-8"))["dependencies"]
    for name, version in wanted.items():
        assert lock["packages"][f"node_modules/{name}"]["version"] == version


def test_the_basemap_is_natural_earth_countries_in_topojson():
    atlas = json.loads((STATIC / "vendor" / "world-atlas" / "countries-50m.json").read_text(encoding="utf-8"))
    assert atlas["type"] == "Topology"
    assert len(atlas["objects"]["countries"]["geometries"]) > 200


def test_no_page_or_script_of_ours_loads_anything_from_another_host():
    ours = [p for p in list(TEMPLATES.rglob("*")) + list(STATIC.rglob("*")) if p.is_file() and "vendor" not in p.parts]
    assert any(p.suffix == ".html" for p in ours) and any(p.suffix == ".js" for p in ours)
    for path in ours:
        if path.suffix in (".html", ".js", ".css"):
            text = path.read_text(encoding="utf-8")
            assert not EXTERNAL.search(text), f"{path.name} points to another host"
