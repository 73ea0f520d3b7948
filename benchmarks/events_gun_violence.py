"""Events per article on real US shooting reports: one event per report, with its day, city and toll.

``gun-violence/documents.jsonl`` files 4,454 real local-news reports under
the Gun Violence Archive incident each reports; ``incidents.jsonl`` gives the
incident's gold record (date, state, city or county, killed, injured). Each
report goes through ``ingest``'s own reading and cleaning (the JSONL record as
it is: title, text, the crawler's publication date) and the full extraction
pipeline; the report's events are then compared with its incident's record.

- **events per article**: the report's *incident events*: violent events
  (ACLED's Violence against civilians, Battles, Explosions/Remote violence)
  that are neither aggregates ("three shootings this year") nor background
  (an earlier event the report recalls). 1.0 is ideal: every report here is
  about one shooting. Also the share of reports with exactly one, and with none.
- **main event**: the report's first incident event (none: every field wrong).
- **killed / injured exact**: the main event's count read as GVA would code
  it (no count is 0; a range is never exact) equals the gold number. GVA
  counts everyone shot, suspects included.
- **date exact**: the main event's interval is the gold day; **date within**:
  the gold day lies in it.
- **city exact**: the main event's place, or the city it lies in, is the gold
  city or county (names folded: case, accents, "St." for "Saint"; a gold
  "Goleta (Isla Vista)" accepts either name); **state exact**: its admin1 is
  the gold state; **within 25 km**: the event's place lies within 25 km of
  the gold town (its most populous namesake in the gold state in the
  gazetteer; reports whose town the gazetteer lacks are left out), which
  credits a neighbourhood ("South Shore" for Chicago) as the city row does not.
- **sub-types**: the share of main events coded Attack or Armed clash, and the
  share coded as something a shooting never is (Sexual violence,
  Abduction/forced disappearance, Air/drone strike).

Only reports whose incident has a gold record are scored (4,239 of 4,454).
``--limit N`` takes the first N reports in a fixed order (by a hash of
``doc_id``), so a smaller run is a stable subset of the full one.

Run: ``python -m benchmarks.events_gun_violence [--limit N] [--errors K]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from benchmarks.common import Row, print_table, require_data
from newsledger.schema import Article, Event

DATASET = "gun-violence (development)"
VIOLENT_TYPES = {"Violence against civilians", "Battles", "Explosions/Remote violence"}
SHOOTING_SUBTYPES = {"Attack", "Armed clash"}
NEVER_A_SHOOTING = {"Sexual violence", "Abduction/forced disappearance", "Air/drone strike"}
_FOLD_WORDS = {"st": "saint", "ft": "fort", "mt": "mount"}


def load_reports(documents: Path, incidents: Path, limit: int | None = None) -> list[tuple[dict, dict]]:
    """(report, gold incident) pairs for reports whose incident has a record, in the fixed order."""
    with incidents.open(encoding="utf-8") as handle:
        gold = {r["incident_id"]: r for r in map(json.loads, handle) if r.get("date")}
    with documents.open(encoding="utf-8") as handle:
        reports = [r for r in map(json.loads, handle) if r["incident_id"] in gold]
    reports.sort(key=lambda r: hashlib.sha256(f"{r['doc_id']}/{r['incident_id']}".encode()).hexdigest())
    reports = reports[:limit] if limit else reports
    return [(r, gold[r["incident_id"]]) for r in reports]


def read_articles(reports: list[dict]) -> list[Article | None]:
    """Each report as ``ingest`` would read and clean it (None where it refuses one)."""
    from newsledger.runners.stages import iter_articles

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "reports.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for report in reports:
                handle.write(json.dumps(report) + "\n")
        return [a if isinstance(a, Article) else None for a in iter_articles([str(path)])]


def incident_events(events: Iterable[Event]) -> list[Event]:
    """The violent events that tell an incident of their own: no aggregates, no background."""
    return [
        e for e in events
        if e.type in VIOLENT_TYPES and not e.aggregate and not getattr(e, "background", False)
    ]


def fold(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = [w for w in re.split(r"[^a-z0-9]+", plain) if w]
    return " ".join(_FOLD_WORDS.get(w, w) for w in words)


def gold_cities(record: dict) -> set[str]:
    """ "Goleta (Isla Vista)" -> {"goleta", "isla vista"}; "Harris County" also as "harris"."""
    names = {fold(n) for n in re.split(r"[()]", record.get("city_or_county") or "") if n.strip()}
    return names | {n.removesuffix(" county").strip() for n in names if n.endswith(" county")}


def count_read(count) -> int | None:
    """A figure as GVA (and ACLED) code it: none is 0, an exact count its number, a range None."""
    if count is None:
        return 0
    return count.min if count.min is not None and count.min == count.max else None


@dataclass(frozen=True)
class Outcome:
    report: dict
    gold: dict
    events: list[Event]
    failed: bool

    @property
    def main(self) -> Event | None:
        return self.events[0] if self.events else None


def extract_reports(pairs: list[tuple[dict, dict]], pipeline=None) -> tuple[list[Outcome], float]:
    """Every report's incident events, and the seconds extraction took (model loaded before)."""
    from newsledger.pipeline import Pipeline

    pipeline = pipeline or Pipeline()
    articles = read_articles([report for report, _ in pairs])
    readable = [a for a in articles if a is not None]
    started = time.perf_counter()
    results = iter(pipeline.extract_many(readable))
    outcomes = []
    for (report, gold), article in zip(pairs, articles):
        if article is None:
            outcomes.append(Outcome(report, gold, [], True))
            continue
        result = next(results)
        outcomes.append(Outcome(report, gold, incident_events(result.events), bool(result.errors)))
    return outcomes, time.perf_counter() - started


def city_right(event: Event | None, gold: dict) -> bool:
    place = event.location if event else None
    if place is None:
        return False
    wanted = gold_cities(gold)
    return bool({fold(place.name), fold(place.text)} & wanted)


def gold_point(gold: dict) -> tuple[float, float] | None:
    """The gold town's point: the most populous gazetteer town of that name in the gold state."""
    from newsledger.extract.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    state = fold(gold.get("state") or "")
    best = None
    for name in re.split(r"[()]", gold.get("city_or_county") or ""):
        for candidate in gaz.lookup(name.strip()) if name.strip() else []:
            place = candidate.place
            same_state = place.country_code == "US" and fold(place.admin1 or "") == state
            if same_state and (best is None or place.population > best.population):
                best = place
        if best is not None:
            return best.lat, best.lon
    return None


def near_gold(event: Event | None, gold: dict, km: float = 25.0) -> bool | None:
    """Whether the event's place lies within ``km`` of the gold town (None: the gazetteer lacks the town)."""
    from newsledger.geodesy import distance_km

    point = gold_point(gold)
    if point is None:
        return None
    place = event.location if event else None
    if place is None or place.lat is None or place.lon is None:
        return False
    return distance_km(point[0], point[1], place.lat, place.lon) <= km


def state_right(event: Event | None, gold: dict) -> bool:
    place = event.location if event else None
    if place is None or not gold.get("state"):
        return False
    state = fold(gold["state"])
    return (place.admin1 is not None and fold(place.admin1) == state) or (
        place.precision == "admin1" and fold(place.name) == state
    )


def score_reports(outcomes: list[Outcome], seconds: float | None = None, name: str = DATASET) -> list[Row]:
    n = len(outcomes)
    if not n:
        return []
    counts = [len(o.events) for o in outcomes]
    hits: dict[str, list[bool]] = {k: [] for k in ("killed", "injured", "date", "within", "city", "state", "attack", "never")}
    near: list[bool] = []
    for o in outcomes:
        event, gold = o.main, o.gold
        hits["killed"].append(event is not None and count_read(event.fatalities) == int(gold["num_killed"] or 0))
        hits["injured"].append(event is not None and count_read(event.injured) == int(gold["num_injured"] or 0))
        interval = event.date.interval if event and event.date else None
        day = gold["date"]
        hits["date"].append(interval is not None and tuple(interval) == (day, day))
        hits["within"].append(interval is not None and interval[0] <= day <= interval[1])
        hits["city"].append(city_right(event, gold))
        hits["state"].append(state_right(event, gold))
        close = near_gold(event, gold)
        if close is not None:
            near.append(close)
        hits["attack"].append(event is not None and event.subtype in SHOOTING_SUBTYPES)
        hits["never"].append(event is not None and event.subtype in NEVER_A_SHOOTING)

    def share(key: str) -> float:
        return sum(hits[key]) / n

    rows = [
        Row(name, "incident events per article (1.0 ideal)", sum(counts) / n, 1.0, "ideal", n=n),
        Row(name, "articles with exactly one incident event", sum(c == 1 for c in counts) / n, n=n),
        Row(name, "articles with no incident event", sum(c == 0 for c in counts) / n, n=n),
        Row(name, "main event: killed exact", share("killed"), n=n),
        Row(name, "main event: injured exact", share("injured"), n=n),
        Row(name, "main event: date exact", share("date"), n=n),
        Row(name, "main event: date within", share("within"), n=n),
        Row(name, "main event: city exact", share("city"), n=n),
        Row(name, "main event: state exact", share("state"), n=n),
        Row(name, "main event: place within 25 km of the gold town", sum(near) / len(near) if near else 0.0, n=len(near)),
        Row(name, "main event: Attack or Armed clash", share("attack"), n=n),
        Row(name, "main event: sexual violence, abduction or air strike", share("never"), n=n),
        Row(name, "articles with an extraction error", sum(o.failed for o in outcomes) / n, n=n),
    ]
    if seconds:
        rows.append(Row(name, "articles per second (full pipeline)", n / seconds, n=n))
    return rows


def run_events_gun_violence(limit: int | None = None, data: Path | None = None, pipeline=None) -> list[Row]:
    folder = data or require_data("gun-violence")
    pairs = load_reports(folder / "documents.jsonl", folder / "incidents.jsonl", limit)
    outcomes, seconds = extract_reports(pairs, pipeline)
    return score_reports(outcomes, seconds)


def print_errors(outcomes: list[Outcome], count: int, field: str) -> None:
    """The first ``count`` reports whose main event has ``field`` wrong, with what we found."""
    shown = 0
    for o in outcomes:
        if shown >= count:
            break
        e, g = o.main, o.gold
        wrong = {
            "events": len(o.events) != 1,
            "killed": e is None or count_read(e.fatalities) != int(g["num_killed"] or 0),
            "injured": e is None or count_read(e.injured) != int(g["num_injured"] or 0),
            "date": e is None or e.date is None or tuple(e.date.interval or ()) != (g["date"], g["date"]),
            "city": not city_right(e, g),
        }[field]
        if not wrong:
            continue
        shown += 1
        print(f"- {o.report['doc_id'][:10]} gold {g['date']} {g['city_or_county']}, {g['state']} "
              f"killed {g['num_killed']} injured {g['num_injured']}; published {o.report['published']}")
        for ev in o.events[:4]:
            date = ev.date.interval if ev.date else None
            place = f"{ev.location.name}/{ev.location.admin1}" if ev.location else None
            print(f"    {ev.id} {ev.subtype} [{ev.trigger.text}] date={date} ({ev.date.text if ev.date else None!r}) "
                  f"place={place} killed={ev.fatalities.text if ev.fatalities else None!r} "
                  f"injured={ev.injured.text if ev.injured else None!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N reports in the fixed order")
    parser.add_argument("--errors", type=int, default=0, help="also print the first K errors of --field")
    parser.add_argument("--field", default="events", choices=["events", "killed", "injured", "date", "city"])
    args = parser.parse_args()
    folder = require_data("gun-violence")
    pairs = load_reports(folder / "documents.jsonl", folder / "incidents.jsonl", args.limit)
    outcomes, seconds = extract_reports(pairs)
    print_table("Shooting reports, article by article (gun-violence development set)", score_reports(outcomes, seconds))
    print(Counter(o.main.subtype if o.main else "(none)" for o in outcomes).most_common())
    if args.errors:
        print_errors(outcomes, args.errors, args.field)


if __name__ == "__main__":
    main()
