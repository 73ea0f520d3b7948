"""Build step: fetch the web pages' front-end packages from npm into the package, at install time.

``newsledger serve`` draws its map with Leaflet and Leaflet.markercluster over
country shapes from world-atlas (Natural Earth, TopoJSON) read with
topojson-client. They are npm packages, pinned in ``web/package.json`` and
``web/package-lock.json``; this step runs ``npm ci`` in ``web/`` and copies the
files the pages load (and each package's licence) into
``src/newsledger/serve/static/vendor/``, which setuptools then packages. So
``pip install`` (editable or not) fetches them once, from the npm registry,
and the server never reaches the internet.

It runs as setuptools' ``build_py`` (``[tool.setuptools] cmdclass`` in
``pyproject.toml``). Files already in place are kept, so a second install
needs no network; ``NEWSLEDGER_WEB_ASSETS=skip`` builds without them (the
pages then say the map is missing). Hand-written: setuptools has no hook for
npm packages, and the copy is a list of paths.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "web"
VENDOR = ROOT / "src" / "newsledger" / "serve" / "static" / "vendor"
# (package, file inside it, where it goes under vendor/)
FILES = (
    ("leaflet", "dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet", "dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet", "dist/images/marker-icon.png", "leaflet/images/marker-icon.png"),
    ("leaflet", "dist/images/marker-icon-2x.png", "leaflet/images/marker-icon-2x.png"),
    ("leaflet", "dist/images/marker-shadow.png", "leaflet/images/marker-shadow.png"),
    ("leaflet", "dist/images/layers.png", "leaflet/images/layers.png"),
    ("leaflet", "dist/images/layers-2x.png", "leaflet/images/layers-2x.png"),
    ("leaflet", "LICENSE", "leaflet/LICENSE"),
    ("leaflet.markercluster", "dist/leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster", "dist/MarkerCluster.css", "markercluster/MarkerCluster.css"),
    ("leaflet.markercluster", "dist/MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
    ("leaflet.markercluster", "MIT-LICENCE.txt", "markercluster/LICENSE"),
    ("topojson-client", "dist/topojson-client.min.js", "topojson/topojson-client.min.js"),
    ("topojson-client", "LICENSE", "topojson/LICENSE"),
    ("world-atlas", "countries-50m.json", "world-atlas/countries-50m.json"),
    ("world-atlas", "LICENSE", "world-atlas/LICENSE"),
)


def vendor_complete() -> bool:
    return all((VENDOR / target).is_file() for _, _, target in FILES)


def fetch_web_assets() -> None:
    """``npm ci`` in ``web/`` and copy :data:`FILES` into the package (see the module docstring)."""
    if os.environ.get("NEWSLEDGER_WEB_ASSETS") == "skip" or vendor_complete():
        return
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            "newsledger: the web pages' map packages (Leaflet, world-atlas) come from npm, and npm is "
            "not installed: install Node.js (Debian: apt-get install npm), or set "
            "NEWSLEDGER_WEB_ASSETS=skip to install without the map."
        )
    subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"], cwd=WEB, check=True,
    )
    for package, source, target in FILES:
        path = VENDOR / target
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(WEB / "node_modules" / package / source, path)


class BuildPy(build_py):
    """setuptools' ``build_py``, after fetching the front-end packages."""

    def run(self) -> None:
        fetch_web_assets()
        super().run()
