"""Cross-report linking on real US shooting reports: one ledger incident per real incident.

``gun-violence/documents.jsonl`` files 4,454 real local-news reports under the
Gun Violence Archive incident each reports (1,168 incidents have several).
Every report is ingested as ``newsledger ingest`` would (reading, cleaning,
near-duplicate detection, extraction, the ledger's own incremental updates
every 25 articles) into one SQLite ledger, which is then compared with the
incidents the reports are filed under.

- **Items** are the reports whose incident has a gold record and whose URL
  is filed under one incident only. A report's *system incident* is the
  ledger incident of its *main event*: the first event the extractor found
  that is violent (ACLED's Violence against civilians, Battles,
  Explosions/Remote violence) and neither an aggregate nor background. A
  report with no such event, or whose main event joined no incident, is an
  incident of its own. A report stored as a copy of another (the same text
  at another address) has that article's incident.
- **B-cubed**, **MUC**, **CEAF-e** and **CoNLL F1** (their mean) over those
  reports, gold clusters being the GVA incidents (scorers of
  :mod:`benchmarks.coref_meantime`, CEAF-e aligned part by part).
- **incidents per gold incident**: how many system incidents a gold
  incident's reports fall in, on average (1.0 is ideal); **purity**: the share
  of reports in a system incident that belong to its largest gold incident.
- **Fields of the largest incident**: for each gold incident, the system
  incident holding most of its reports (ties: the smaller id), with
  **killed** and **injured** exact (the incident's conservative figure, the
  lowest a source gave, with no figure read as 0, as GVA codes it), **date**
  exact (the incident's canonical interval is the gold day), **city** and
  **state** exact (as in :mod:`benchmarks.events_gun_violence`).

``--incidents N`` takes every report of the first N gold incidents in a fixed
order (by a hash of the incident id), so a smaller run keeps whole incidents
and is a stable subset of the full one. ``--db PATH`` keeps the
ledger (a ledger already holding the reports is scored as it is; add
``--rebuild`` to resolve its stored extractions again with the current
resolver, without extracting again).

    python -m benchmarks.resolve_gun_violence [--incidents N] [--db PATH [--rebuild]] [--errors K]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, print_table, require_data
from benchmarks.coref_meantime import bcubed, muc
from benchmarks.events_gun_violence import (
    VIOLENT_TYPES,
    city_right,
    count_read,
    load_reports,
    state_right,
)
from benchmarks.resolve_ecbplus import ceaf_e_by_parts
from newsledger.schema import Count, PlaceMention

DATASET = "gun-violence (development)"


@dataclass(frozen=True)
class Scored:
    """One report: its gold incident and the system incident it landed in."""

    doc_id: str
    gold: str
    system: str


def build_ledger(pairs: list[tuple[dict, dict]], db: Path, pipeline=None) -> float:
    """Ingest the reports into the ledger at ``db`` as ``newsledger ingest`` does; returns seconds."""
    from newsledger.pipeline import Pipeline
    from newsledger.runners.local import ingest
    from newsledger.store import Store

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reports.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for report, _ in pairs:
                handle.write(json.dumps(report) + "\n")
        pipeline = pipeline or Pipeline()
        store = Store.open(str(db))
        started = time.perf_counter()
        try:
            ingest([str(path)], store, pipeline)
        finally:
            store.close()
    return time.perf_counter() - started


def rebuild_ledger(db: Path) -> float:
    """Forget the ledger's incidents and resolve every stored extraction again; returns seconds."""
    from sqlalchemy import delete

    from newsledger.ledger import Ledger
    from newsledger.store import Store
    from newsledger.store.models import (
        IncidentReportRow,
        IncidentRow,
        IncidentVersionRow,
        ResolvedRunRow,
    )

    store = Store.open(str(db))
    try:
        with store.transaction("forget the ledger") as session:
            for table in (IncidentVersionRow, IncidentReportRow, IncidentRow, ResolvedRunRow):
                session.execute(delete(table))
        started = time.perf_counter()
        Ledger(store).update()
        return time.perf_counter() - started
    finally:
        store.close()


def read_ledger(db: Path) -> tuple[dict[str, str], dict[str, dict], dict[str, str]]:
    """(URL -> article id, incident id -> incident dict, article id -> its main event's incident)."""
    from sqlalchemy import func, select

    from newsledger.ledger import Ledger
    from newsledger.store import Store
    from newsledger.store.models import (
        ArticleCopyRow,
        ArticleRow,
        EventRow,
        IncidentReportRow,
        RunRow,
    )

    store = Store.open(str(db))
    try:
        incidents = {d["id"]: d for d in Ledger(store).incidents()}
        with store.reading("read the ledger") as session:
            article_of = {url: ident for ident, url in session.execute(select(ArticleRow.id, ArticleRow.url))}
            for article_id, url in session.execute(select(ArticleCopyRow.article_id, ArticleCopyRow.url)):
                article_of.setdefault(url, article_id)
            latest = select(func.max(RunRow.id)).group_by(RunRow.article_id)
            incident_of = {m: i for m, i in session.execute(select(IncidentReportRow.member, IncidentReportRow.incident_id))}
            main: dict[str, str] = {}
            query = select(EventRow).where(EventRow.run_id.in_(latest)).order_by(EventRow.run_id, EventRow.position)
            for row in session.scalars(query):
                if row.article_id in main or row.event_type not in VIOLENT_TYPES or row.aggregate or row.background:
                    continue
                ident = incident_of.get(f"{row.article_id}:{row.event_key}")
                if ident:
                    main[row.article_id] = ident
    finally:
        store.close()
    return article_of, incidents, main


def assign(pairs: list[tuple[dict, dict]], article_of: dict[str, str], main: dict[str, str]) -> list[Scored]:
    """Each scored report with its gold and system incident (see the module docstring)."""
    incidents_of_url: dict[str, set[str]] = defaultdict(set)
    for report, _ in pairs:
        incidents_of_url[report["url"]].add(report["incident_id"])
    scored = []
    for report, _ in pairs:
        if len(incidents_of_url[report["url"]]) > 1:
            continue
        article = article_of.get(report["url"])
        system = main.get(article) if article else None
        scored.append(Scored(report["doc_id"], report["incident_id"], system or f"alone:{report['doc_id']}"))
    return scored


def _count(detail: dict, name: str) -> Count | None:
    figure = detail.get(name)
    if not figure or figure["conservative"] is None:
        return None
    return Count(figure["conservative"], figure["conservative"], "", 0, 0)


def _place(detail: dict) -> PlaceMention | None:
    value = detail["place"]["value"]
    return PlaceMention(**value) if value else None


@dataclass(frozen=True)
class _PlacedEvent:
    """Just enough of an event for the place scorers of the events benchmark."""

    location: PlaceMention | None


def field_hits(scored: list[Scored], incidents: dict[str, dict], gold: dict[str, dict]) -> dict[str, list[bool]]:
    """For each gold incident's largest system incident, which of its fields are right."""
    by_gold: dict[str, Counter] = defaultdict(Counter)
    for item in scored:
        by_gold[item.gold][item.system] += 1
    hits: dict[str, list[bool]] = {k: [] for k in ("killed", "injured", "date", "city", "state")}
    for gold_id, systems in by_gold.items():
        record = gold[gold_id]
        best = min(systems, key=lambda s: (-systems[s], s))
        detail = incidents.get(best)
        if detail is None:
            for values in hits.values():
                values.append(False)
            continue
        hits["killed"].append(count_read(_count(detail, "fatalities")) == record["num_killed"])
        hits["injured"].append(count_read(_count(detail, "injured")) == record["num_injured"])
        hits["date"].append(detail["date"]["start"] == detail["date"]["end"] == record["date"])
        placed = _PlacedEvent(_place(detail))
        hits["city"].append(city_right(placed, record))
        hits["state"].append(state_right(placed, record))
    return hits


def score_ledger(scored: list[Scored], incidents: dict[str, dict], gold: dict[str, dict],
                 name: str = DATASET) -> list[Row]:
    n = len(scored)
    if not n:
        return []
    key = {s.doc_id: s.gold for s in scored}
    response = {s.doc_id: s.system for s in scored}
    b3 = bcubed(key, response)
    links = muc(key, response)
    ceaf = ceaf_e_by_parts(key, response)
    conll = (b3[2] + links[2] + ceaf[2]) / 3
    per_gold: dict[str, set[str]] = defaultdict(set)
    members: dict[str, Counter] = defaultdict(Counter)
    for item in scored:
        per_gold[item.gold].add(item.system)
        members[item.system][item.gold] += 1
    purity = sum(max(c.values()) for c in members.values()) / n
    several = [g for g in per_gold if sum(1 for s in scored if s.gold == g) > 1]
    hits = field_hits(scored, incidents, gold)
    gold_n = len(per_gold)
    rows = [
        Row(name, "B-cubed precision", b3[0], n=n),
        Row(name, "B-cubed recall", b3[1], n=n),
        Row(name, "B-cubed F1", b3[2], 0.85, "target", n=n),
        Row(name, "MUC F1", links[2], n=n),
        Row(name, "CEAF-e F1", ceaf[2], n=n),
        Row(name, "CoNLL F1", conll, n=n),
        Row(name, "incidents per gold incident", sum(len(s) for s in per_gold.values()) / gold_n, 1.2,
            "target, at most", n=gold_n),
        Row(name, "incidents per gold incident with 2+ reports",
            sum(len(per_gold[g]) for g in several) / len(several) if several else 0.0, n=len(several)),
        Row(name, "purity", purity, 0.95, "target", n=n),
    ]
    targets = {"killed": 0.85, "date": 0.8}
    for field in ("killed", "injured", "date", "city", "state"):
        values = hits[field]
        rows.append(Row(
            name, f"largest incident: {field} exact", sum(values) / len(values),
            targets.get(field), "target" if field in targets else "", n=len(values),
        ))
    return rows


def first_incidents(pairs: list[tuple[dict, dict]], n: int | None) -> list[tuple[dict, dict]]:
    """Every report of the first ``n`` gold incidents by a hash of their id (all when ``n`` is None)."""
    if n is None:
        return pairs
    ids = sorted({r["incident_id"] for r, _ in pairs}, key=lambda i: hashlib.sha256(i.encode()).hexdigest())
    chosen = set(ids[:n])
    return [(report, record) for report, record in pairs if report["incident_id"] in chosen]


def run_resolve_gun_violence(incidents: int | None = None, db: Path | None = None, rebuild: bool = False,
                             pipeline=None) -> tuple[list[Row], list[Scored], dict[str, dict]]:
    """Build (or reuse) the ledger of the reports and score it; also the items and the incidents."""
    folder = require_data("gun-violence")
    pairs = first_incidents(load_reports(folder / "documents.jsonl", folder / "incidents.jsonl"), incidents)
    gold = {record["incident_id"]: record for _, record in pairs}
    with tempfile.TemporaryDirectory() as scratch:
        path = db or Path(scratch) / "ledger.db"
        if not path.exists():
            build_ledger(pairs, path, pipeline)
        elif rebuild:
            rebuild_ledger(path)
        article_of, ledger, main = read_ledger(path)
    scored = assign(pairs, article_of, main)
    return score_ledger(scored, ledger, gold), scored, ledger


def print_errors(scored: list[Scored], incidents: dict[str, dict], k: int) -> None:
    """The largest over-merged incidents and the most split gold incidents."""
    members: dict[str, Counter] = defaultdict(Counter)
    per_gold: dict[str, set[str]] = defaultdict(set)
    for item in scored:
        members[item.system][item.gold] += 1
        per_gold[item.gold].add(item.system)
    impure = sorted(members.items(), key=lambda kv: -(sum(kv[1].values()) - max(kv[1].values())))[:k]
    print("### most mixed incidents\n")
    for system, golds in impure:
        detail = incidents.get(system, {})
        print(f"- {system} {dict(golds)} date {detail.get('date', {}).get('value')} "
              f"place {(detail.get('place', {}).get('value') or {}).get('name')}")
    split = sorted(per_gold.items(), key=lambda kv: -len(kv[1]))[:k]
    print("\n### most split gold incidents\n")
    for gold_id, systems in split:
        print(f"- {gold_id}: {len(systems)} incidents")
        for system in sorted(systems):
            detail = incidents.get(system)
            if detail:
                print(f"    {system} date {detail['date']['value']} place "
                      f"{(detail['place']['value'] or {}).get('name')} killed "
                      f"{(detail['fatalities'] or {}).get('conservative')} reports {len(detail['members'])}")
            else:
                print(f"    {system} (no incident)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=None, help="only the reports of the first N incidents")
    parser.add_argument("--db", type=Path, default=None, help="keep the ledger here (reused when present)")
    parser.add_argument("--rebuild", action="store_true", help="resolve a kept ledger's extractions again")
    parser.add_argument("--errors", type=int, default=0, help="print the K worst incidents each way")
    args = parser.parse_args()
    started = time.perf_counter()
    rows, scored, incidents = run_resolve_gun_violence(args.incidents, args.db, args.rebuild)
    print_table(f"Cross-report linking: {DATASET} ({time.perf_counter() - started:.0f} s)", rows)
    if args.errors:
        print_errors(scored, incidents, args.errors)


if __name__ == "__main__":
    main()
