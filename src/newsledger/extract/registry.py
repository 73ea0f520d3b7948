"""Extractors declare themselves here: name, version, what they need, what they set.

Every module of :mod:`newsledger.extract` that extracts a kind of fact holds
one ``EXTRACTOR = Extractor(...)``. :func:`extractors` finds them by walking
the package (and adds any a third party passed to :func:`register`), and puts
them in dependency order: an extractor comes after everything it needs, and
among those free to run, the one with the shorter chain of needs first, then
by name. The pipeline's order, its ``EXTRACTOR_VERSIONS`` and ``NEEDS``, the
``--extractors`` choice and the run signature all read these declarations
(the CSV export, below the extractors, reads the mention kinds they name from
:mod:`newsledger.schema`), so adding an extractor is adding one module (and the storage
for what it sets); the built-in extractors use the same extension point as
any other.

Written here rather than with a plugin library: pluggy or entry points give
discovery, not dependency order or the fields a result holds, which are the
whole of what is needed; the walk is a dozen lines of ``pkgutil``.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from newsledger.errors import NewsledgerError
from newsledger.schema import MentionKind


@dataclass(frozen=True)
class Extractor:
    """One extractor's declaration.

    Attributes:
        name: what ``--extractors`` calls it and ``runs`` records (``"places"``).
        version: its versioned name (``"places.v1"``), stored with every row it makes.
        needs: the extractors whose output it reads; choosing it runs them too.
        sets: the fields of the extraction it writes (``("places", "entities")``):
            an :class:`~newsledger.schema.ExtractionResult` field, or a name later
            extractors read.
        run: ``run(doc, article, found)`` -> a mapping from some of ``sets`` to
            values; ``found`` holds what the extractors before it set.
        mentions: where its mentions are flat spans, their kind as flat exports
            lay it out (:data:`newsledger.schema.PLACE_KIND`); else None.
    """

    name: str
    version: str
    needs: tuple[str, ...]
    sets: tuple[str, ...]
    run: Callable[[Any, Any, Mapping[str, Any]], Mapping[str, Any]]
    mentions: MentionKind | None = None


_REGISTERED: dict[str, Extractor] = {}


def register(extractor: Extractor) -> Extractor:
    """Add an extractor declared outside :mod:`newsledger.extract` (it replaces one of its name)."""
    _REGISTERED[extractor.name] = extractor
    return extractor


def unregister(name: str) -> None:
    """Remove an extractor added with :func:`register`; a built-in one stays."""
    _REGISTERED.pop(name, None)


def _declared() -> dict[str, Extractor]:
    """The ``EXTRACTOR`` of every module of this package, by name."""
    package = importlib.import_module("newsledger.extract")
    found: dict[str, Extractor] = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        declared = getattr(module, "EXTRACTOR", None)
        if isinstance(declared, Extractor):
            found[declared.name] = declared
    return found


_BUILT_IN: dict[str, Extractor] | None = None


def extractors() -> tuple[Extractor, ...]:
    """Every extractor, each after the ones it needs.

    Raises:
        NewsledgerError: an extractor needs one that does not exist, or needs form a cycle.
    """
    global _BUILT_IN
    if _BUILT_IN is None:
        _BUILT_IN = _declared()
    everything = {**_BUILT_IN, **_REGISTERED}
    depth: dict[str, int] = {}

    def depth_of(name: str, path: tuple[str, ...]) -> int:
        if name in path:
            raise NewsledgerError(f"extractors need each other in a cycle: {' -> '.join((*path, name))}")
        if name not in everything:
            raise NewsledgerError(f"extractor {path[-1]} needs {name}, which is no extractor")
        if name not in depth:
            needs = everything[name].needs
            depth[name] = 1 + max((depth_of(n, (*path, name)) for n in needs), default=-1)
        return depth[name]

    return tuple(sorted(everything.values(), key=lambda e: (depth_of(e.name, ()), e.name)))
