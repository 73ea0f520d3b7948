"""What every benchmark shares: where the public data lives, and one table format.

Each benchmark script exposes a ``run_*`` function returning :class:`Row`s, so
the quality gate in ``tests/gate/`` can call the same code on a small fixed
subset and compare it with floors, and a ``main()`` that prints the table.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def shared_data_dir() -> Path:
    """``$NEWSLEDGER_SHARED_DATA``, else ``../shared/data`` beside the repository."""
    env = os.environ.get("NEWSLEDGER_SHARED_DATA")
    return Path(env) if env else REPO_ROOT.parent / "shared" / "data"


def require_data(*parts: str) -> Path:
    """The path of a public data set, or exit with a reason when it is absent."""
    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        sys.exit(f"skipped: {path} is absent (set NEWSLEDGER_SHARED_DATA to the shared data folder)")
    return path


@dataclass(frozen=True)
class Row:
    """One measured figure beside its published anchor (None where there is none)."""

    dataset: str
    metric: str
    ours: float
    anchor: float | None = None
    anchor_name: str = ""
    n: int | None = None


def print_table(title: str, rows: list[Row]) -> None:
    """Print rows as the Markdown table BENCHMARKS.md uses."""
    print(f"### {title}\n")
    print("| dataset | metric | newsledger | anchor | n |")
    print("|---|---|---|---|---|")
    for r in rows:
        anchor = f"{r.anchor:.3f} ({r.anchor_name})" if r.anchor is not None else "-"
        n = "" if r.n is None else str(r.n)
        print(f"| {r.dataset} | {r.metric} | {r.ours:.3f} | {anchor} | {n} |")
    print()
