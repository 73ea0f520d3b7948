"""The ledger in the store: incidents kept up to date as reports arrive, with their history.

:meth:`Ledger.update` takes in the events of every article's latest extraction
run not taken in yet (``resolved_runs``), without recomputing the whole ledger:

1. an article extracted again (a new run with new extractor versions) first
   loses its earlier reports, and their incidents are *touched*;
2. each new event mention is recorded in ``incident_reports`` (with the reason
   when it joins no incident: aggregate, future, negated, no date) and, if it
   may join, looked up against the stored reports of its kind, days and country
   (the same blocking as :class:`~newsledger.resolve.Resolver`); the incidents
   of those candidates are touched;
3. the touched incidents' reports and the new ones are resolved again, alone,
   under every decision a person made. Incidents are connected components of
   the link graph, and every component that could gain or lose a link is among
   the touched ones, so this gives the same incidents as resolving everything
   at once, in any order.

Incident ids are stable: an incident keeps its id as reports join it; when
incidents merge, the smallest id lives on and the others are ``replaced`` with
``replaced_by`` pointing to it; when one splits, the part holding the reports a
person left in (else the largest part) keeps the id; a new incident takes
:func:`~newsledger.resolve.incident_id` of its reports. Ids therefore depend on
the order reports came in, while the incidents themselves (their reports and
every field) do not.

Every change writes a row in ``incident_versions`` with the whole incident as it
stands after the change, why (new report, re-extraction, a person's merge,
split or correction) and when, so :meth:`Ledger.incidents` and
:meth:`Ledger.get` can read the ledger ``as_of`` any moment. A person's
decisions are kept in ``incident_decisions`` and applied again by every later
update: merges and splits as resolver constraints on the reports they name,
corrections as overrides of one field of the incident holding those reports.

Hand-written on SQLAlchemy: the incremental bookkeeping is specific to the
resolution rules of :mod:`newsledger.resolve`; no library keeps versioned
clusters of records.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from newsledger.errors import LedgerError, NotFoundError
from newsledger.incident import IncidentRecord
from newsledger.ledger import browse
from newsledger.ledger.decisions import (
    CORRECTABLE,
    checked_correction,
    constraints,
    corrected,
    decision_reason,
)
from newsledger.ledger.pages import carry_incidents, page_versions
from newsledger.ledger.versions import (
    ACTIVE,
    REPLACED,
    RETIRED,
    IncidentFilter,
    Version,
    current_query,
    flat_columns,
    normal,
    state_at,
    version_of,
    versions_at,
    write_version,
)
from newsledger.resolve import EventRef, Resolver, incident_id, incident_to_dict
from newsledger.resolve.incidents import (
    MAX_LINK_SPAN_DAYS,
    Incident,
    effective_interval,
    kind_of,
    why_excluded,
)
from newsledger.resolve.people import people_named
from newsledger.resolve.rules import FOLLOW_UP_DAYS
from newsledger.store.models import (
    ArticleRow,
    ClaimRow,
    EntityRow,
    EventRow,
    IncidentDecisionRow,
    IncidentReportPersonRow,
    IncidentReportRow,
    IncidentRow,
    IncidentVersionRow,
    QuoteRow,
    ResolvedRunRow,
    RunRow,
    utc_now,
)
from newsledger.store.rows import claim_from_row, event_from_row
from newsledger.store.store import Store


@dataclass(frozen=True)
class LedgerUpdate:
    """What one update did: reports taken in, and incidents created, changed, replaced."""

    reports: int = 0
    excluded: int = 0
    created: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()

    def then(self, later: LedgerUpdate) -> LedgerUpdate:
        """This update followed by ``later``, counted as one: an incident made and merged away in
        between is neither new nor merged away, one made then changed is new."""
        made = set(self.created) | set(later.created)
        gone = set(self.replaced) | set(later.replaced)
        changed = (set(self.changed) | set(later.changed)) - made - gone
        return LedgerUpdate(
            self.reports + later.reports, self.excluded + later.excluded,
            tuple(sorted(made - gone)), tuple(sorted(changed)), tuple(sorted(gone - made)),
        )


@dataclass
class _Pass:
    """What one recomputation needs to word its version reasons."""

    reason: str | None
    # Reports whose incident keeps the old id first (a split keeps it with the reports left in).
    keep: set[str] = field(default_factory=set)
    new_keys: set[str] = field(default_factory=set)
    re_extracted: set[str] = field(default_factory=set)
    report_rows: dict[str, IncidentReportRow] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)


class Ledger:
    """The incidents of one :class:`Store`; ``clock`` gives the time versions are stamped with."""

    def __init__(self, store: Store, clock: Callable[[], dt.datetime] = utc_now) -> None:
        self.store = store
        self.clock = clock

    # Updating -------------------------------------------------------------------------------

    def pending(self) -> int:
        """Stored articles whose latest extraction is not yet in the ledger (``update`` takes them in)."""
        with self.store.reading("count the articles not yet in the ledger") as session:
            return session.scalar(select(func.count()).select_from(_pending_runs().subquery())) or 0

    def update(self) -> LedgerUpdate:
        """Take in the latest run of every article not taken in yet (see the module docstring)."""
        with self.store.transaction("update the ledger", exclusive=True) as session:
            runs = session.scalars(_pending_runs().order_by(RunRow.id)).all()
            # A followed page's new version withdraws its earlier version's reports (ledger/pages.py).
            runs, replaced = page_versions(session, runs, self.clock)
            if not runs:
                return LedgerUpdate()
            now = self.clock()
            articles = _articles(session, {run.article_id for run in runs})
            withdrawn = {old for olds in replaced.values() for old in olds}
            earlier = session.scalars(
                select(IncidentReportRow).where(IncidentReportRow.article_id.in_(set(articles) | withdrawn))
            ).all()
            previous = [(r.article_id, r.event_key, r.kind, r.incident_id)
                        for r in earlier if r.article_id in withdrawn]
            touched = {row.incident_id for row in earlier if row.incident_id}
            work = _Pass(None, re_extracted={row.article_id for row in earlier} - set(replaced))
            if earlier:
                session.execute(delete(IncidentReportPersonRow).where(
                    IncidentReportPersonRow.member.in_([row.member for row in earlier])
                ))
            for row in earlier:
                session.delete(row)
            session.flush()
            new_refs: list[EventRef] = []
            people: list[IncidentReportPersonRow] = []
            excluded = 0
            refs_of = _refs_of_runs(session, runs, articles)
            for run in runs:
                for ref in refs_of[run.id]:
                    reason = why_excluded(ref)
                    report = _report_row(ref, run.id, reason)
                    work.report_rows[ref.key] = report
                    session.add(report)
                    people.extend(IncidentReportPersonRow(member=ref.key, name=name) for name in sorted(ref.people))
                    if reason is None:
                        new_refs.append(ref)
                    else:
                        excluded += 1
                session.add(ResolvedRunRow(run_id=run.id, resolved_at=now))
            session.flush()
            carried = carry_incidents(previous, replaced, new_refs, work.report_rows)
            # After the report rows they name, which the flush wrote first.
            session.add_all(people)
            session.flush()
            touched |= _candidate_incidents(session, new_refs)
            work.new_keys = {ref.key for ref in new_refs}
            work.labels = {a.id: _label(a) for a in articles.values()}
            work.labels.update({new: f"{work.labels[new]} (a new version of its page, replacing {', '.join(olds)})"
                                for new, olds in replaced.items()})
            outcome = self._recompute(session, touched, [r for r in new_refs if r.key not in carried], now, work)
        return LedgerUpdate(len(new_refs) + excluded, excluded, *outcome)

    def merge(self, incident_ids: list[str], note: str | None = None, by: str | None = None) -> str:
        """Join incidents a person (``by``, a reviewer's name) judges to be one; returns the merged incident's id."""
        if len(set(incident_ids)) < 2:
            raise LedgerError("merge needs two or more different incident ids.")
        with self.store.transaction("record the merge", exclusive=True) as session:
            groups = [_members(session, _active(session, ident).id) for ident in incident_ids]
            decision = self._decide(session, "merge", incident_ids, groups[0], sorted(set().union(*groups[1:])), note,
                                    by=by)
            self._recompute(session, set(incident_ids), [], self.clock(), _Pass(decision_reason(decision)))
            return session.get(IncidentReportRow, groups[0][0]).incident_id

    def split(self, incident_id: str, members: list[str], note: str | None = None,
              by: str | None = None) -> tuple[str, str]:
        """Take ``members`` (report keys, or article ids) out of an incident into their own.

        Returns the ids of the incident holding the rest and of the new one.
        """
        with self.store.transaction("record the split", exclusive=True) as session:
            current = _members(session, _active(session, incident_id).id)
            known = set(current) | {m.split(":", 1)[0] for m in current}
            unknown = [m for m in members if m not in known]
            if unknown:
                raise LedgerError(
                    f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not a report or article of "
                    f"{incident_id}; `newsledger show {incident_id}` lists its reports and their articles."
                )
            chosen = sorted({m for m in current if m in members or m.split(":", 1)[0] in members})
            if not chosen or len(chosen) == len(current):
                raise LedgerError(
                    f"split needs some, not all, of {incident_id}'s reports; it has {', '.join(current)}."
                )
            rest = sorted(set(current) - set(chosen))
            # What the person took out becomes an incident of its own, as they left it: it stays
            # apart from the component's other incidents too, not only from the rest.
            others = sorted({row.member for row in _whole_components(session, {incident_id})} - set(current))
            decision = self._decide(session, "split", [incident_id], chosen, rest, note,
                                    value={"apart_from": others} if others else None, by=by)
            work = _Pass(decision_reason(decision), keep=set(rest))
            self._recompute(session, {incident_id}, [], self.clock(), work)
            return (session.get(IncidentReportRow, rest[0]).incident_id,
                    session.get(IncidentReportRow, chosen[0]).incident_id)

    def correct(self, incident_id: str, field_name: str, value: Any, note: str | None = None,
                by: str | None = None) -> None:
        """Set one field of an incident by hand; kept over later reports until corrected again."""
        value = checked_correction(field_name, value)
        with self.store.transaction("record the correction", exclusive=True) as session:
            current = _members(session, _active(session, incident_id).id)
            decision = self._decide(session, "correct", [incident_id], current, [], note, field_name, value, by)
            self._recompute(session, {incident_id}, [], self.clock(), _Pass(decision_reason(decision)))

    def _decide(self, session: Session, action: str, ids: list[str], a: list[str], b: list[str],
                note: str | None, field_name: str | None = None, value: Any = None,
                by: str | None = None) -> IncidentDecisionRow:
        row = IncidentDecisionRow(
            action=action, incident_ids=list(ids), members_a=list(a), members_b=list(b),
            field=field_name, value=value, note=note, created_at=self.clock(), decided_by=by,
        )
        session.add(row)
        session.flush()
        return row

    def _recompute(self, session: Session, touched: set[str], new_refs: list[EventRef],
                   now: dt.datetime, work: _Pass) -> tuple[tuple[str, ...], ...]:
        """Resolve the touched incidents' reports and the new ones again; write what changed."""
        rows = _whole_components(session, touched)
        touched = touched | {row.incident_id for row in rows}
        old_of = {row.member: row.incident_id for row in rows}
        refs = _load_refs(session, rows) + new_refs
        decisions = session.scalars(select(IncidentDecisionRow).order_by(IncidentDecisionRow.id)).all()
        resolver = Resolver(constraints(decisions))
        resolver.add(refs)
        incidents = resolver.incidents()
        created, changed = [], []

        def elsewhere(ident: str) -> bool:
            return ident not in touched and session.get(IncidentRow, ident) is not None

        placed = [(ident, incidents[n], merged)
                  for n, ident, merged in place_ids([i.members for i in incidents], old_of, work.keep, elsewhere)]
        taken = {ident for ident, _, _ in placed}
        new_id_of = {m: ident for ident, incident, _ in placed for m in incident.members}
        # One read for every incident row involved, and no flush before each lookup.
        stored = {r.id: r for r in session.scalars(select(IncidentRow).where(IncidentRow.id.in_(taken | touched)))}
        reports = {row.member: row for row in rows} | work.report_rows
        with session.no_autoflush:
            for ident, incident, merged in placed:
                detail = corrected(normal(_ledger_ids(incident_to_dict(incident), ident, new_id_of)), incident, decisions)
                row = stored.get(ident)
                if row is None:
                    row = IncidentRow(id=ident, version=0, created_at=now)
                    session.add(row)
                    created.append(ident)
                elif row.status == ACTIVE and row.detail == detail:
                    continue
                else:
                    changed.append(ident)
                write_version(session, row, ACTIVE, None, detail, _reason(work, incident, merged), now)
            for member, ident in new_id_of.items():
                reports[member].incident_id = ident
                reports[member].component = resolver.component_of(member)
            replaced = []
            for old in sorted(touched - taken):
                row = stored.get(old)
                if row is None or row.status != ACTIVE:
                    continue
                went = Counter(new_id_of[m] for m, o in old_of.items() if o == old and m in new_id_of)
                target = min(went, key=lambda i: (-went[i], i)) if went else None
                status = REPLACED if target else RETIRED
                why = f"{work.reason or 'reports moved'}: now part of {target}" if target else "no report left"
                write_version(session, row, status, target, None, why, now)
                replaced.append(old)
        return tuple(created), tuple(changed), tuple(replaced)

    # Reading --------------------------------------------------------------------------------

    def incidents(self, where: IncidentFilter | None = None, as_of: dt.datetime | None = None) -> list[dict[str, Any]]:
        """Active incidents (as they stood at ``as_of``), oldest date first."""
        where = where or IncidentFilter()
        with self.store.reading("read the ledger") as session:
            if as_of is None:
                details = [d for d in session.scalars(current_query(where))]
            else:
                details = [v.detail for v in versions_at(session, as_of).values() if v.status == ACTIVE]
                details = [d for d in details if where.matches(d)]
        return sorted(details, key=lambda d: (d["date"]["start"] or "", d["id"]))

    def records(self, where: IncidentFilter | None = None, as_of: dt.datetime | None = None) -> list[IncidentRecord]:
        """:meth:`incidents` as typed records (:class:`~newsledger.incident.IncidentRecord`)."""
        return [IncidentRecord.model_validate(detail) for detail in self.incidents(where, as_of)]

    def record(self, incident_id: str, as_of: dt.datetime | None = None) -> tuple[IncidentRecord, list[str]]:
        """:meth:`get` as a typed record, with the ids it was reached through."""
        detail, path = self.get(incident_id, as_of)
        return IncidentRecord.model_validate(detail), path

    def get(self, incident_id: str, as_of: dt.datetime | None = None) -> tuple[dict[str, Any], list[str]]:
        """An incident and the ids it was reached through (a replaced id leads to its successor).

        Raises:
            NotFoundError: no such incident (at ``as_of``).
            LedgerError: the incident was retired.
        """
        path = [incident_id]
        with self.store.reading("read the ledger") as session:
            while True:
                state = state_at(session, path[-1], as_of)
                if state is None:
                    when = f" on {as_of:%Y-%m-%d %H:%M}" if as_of else ""
                    raise NotFoundError(f"no incident {path[-1]}{when}; `newsledger incidents` lists them.")
                status, replaced_by, detail = state
                if status == REPLACED and replaced_by and replaced_by not in path:
                    path.append(replaced_by)
                    continue
                if detail is None:
                    raise LedgerError(f"incident {path[-1]} was retired: no report is left in it.")
                return detail, path[:-1]

    def page(self, where: IncidentFilter | None = None, as_of: dt.datetime | None = None, sort: str = "-date",
             limit: int = 100, cursor: str | None = None) -> browse.Page:
        """A page of incident summaries for lists and maps (:func:`newsledger.ledger.browse.summaries`)."""
        with self.store.reading("read the ledger") as session:
            return browse.summaries(session, where or IncidentFilter(), as_of, sort, limit, cursor)

    def all_summaries(self, where: IncidentFilter | None = None, as_of: dt.datetime | None = None,
                      limit: int = 20_000, fields: tuple[str, ...] = browse.SUMMARY_FIELDS) -> list[dict]:
        """Every incident the filter keeps, latest first, at most ``limit`` (maps, timelines): ``fields`` of each."""
        with self.store.reading("read the ledger") as session:
            return browse.all_summaries(session, where or IncidentFilter(), as_of, limit, fields)

    def changes(self, since: dt.datetime | None = None, after: int | None = None, limit: int = 100) -> list[dict]:
        """What changed in the ledger since a moment or a feed position (:func:`newsledger.ledger.browse.changes`)."""
        with self.store.reading("read the ledger's changes") as session:
            return browse.changes(session, since, after, limit)

    def article_incidents(self, article_id: str) -> dict[str, str]:
        """For each event of an article: the incident it joined, or ``"none: <why>"``."""
        with self.store.reading("read the ledger") as session:
            return browse.incidents_of_article(session, article_id)

    def history(self, incident_id: str) -> list[Version]:
        """Every version of one incident, oldest first."""
        with self.store.reading("read the ledger") as session:
            rows = session.scalars(
                select(IncidentVersionRow).where(IncidentVersionRow.incident_id == incident_id)
                .order_by(IncidentVersionRow.version)
            ).all()
            return [version_of(row) for row in rows]

    def excluded_reports(self) -> dict[str, str]:
        """Event mentions that joined no incident, with why: ``{member: reason}``."""
        with self.store.reading("read the ledger") as session:
            rows = session.execute(
                select(IncidentReportRow.member, IncidentReportRow.excluded)
                .where(IncidentReportRow.incident_id.is_(None)).order_by(IncidentReportRow.member)
            ).all()
        return {row.member: row.excluded for row in rows}


# Reports in and out -----------------------------------------------------------------------------


def _pending_runs():
    """The latest run of each article, where the ledger has not taken it in."""
    latest = select(func.max(RunRow.id)).group_by(RunRow.article_id)
    done = select(ResolvedRunRow.run_id)
    return select(RunRow).where(RunRow.id.in_(latest), RunRow.id.not_in(done))


def _articles(session: Session, ids: Iterable[str]) -> dict[str, ArticleRow]:
    return {a.id: a for a in session.scalars(select(ArticleRow).where(ArticleRow.id.in_(set(ids))))}


def _label(article: ArticleRow) -> str:
    return f"{article.outlet or 'unknown outlet'}, {article.title or article.url or article.id}"


def _claim_source(claim) -> str | None:
    source = claim.source
    return source.affiliation if source.kind == "anonymous" else source.canonical


def _ref(article: ArticleRow, event_row: EventRow, claims: dict[str, Any],
         named: tuple[list, set] = ((), ())) -> EventRef:
    event = event_from_row(event_row)
    claim = claims.get(event.claim_id) if event.claim_id else None
    return EventRef(
        article_id=article.id,
        source_group=article.duplicate_of or article.id,
        outlet=article.outlet,
        event=event,
        published=article.published,
        claim_source=_claim_source(claim) if claim else None,
        url=article.url,
        title=article.title,
        people=people_named(event, *named),
    )


def _named(session: Session, run_ids: Iterable[int]) -> dict[int, tuple[list, set]]:
    """For each run, its people (start, end, canonical) and its quotes' speakers: what reports name."""
    run_ids = set(run_ids)
    by_run: dict[int, tuple[list, set]] = defaultdict(lambda: ([], set()))
    people = select(EntityRow.run_id, EntityRow.start_char, EntityRow.end_char, EntityRow.canonical).where(
        EntityRow.run_id.in_(run_ids), EntityRow.label == "PERSON",
    )
    for run_id, start, end, canonical in session.execute(people):
        by_run[run_id][0].append((start, end, canonical))
    speakers = select(QuoteRow.run_id, QuoteRow.speaker_name).where(
        QuoteRow.run_id.in_(run_ids), QuoteRow.speaker_name.is_not(None),
    )
    for run_id, name in session.execute(speakers):
        by_run[run_id][1].add(name)
    return by_run


def _claims(session: Session, run_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    by_run: dict[int, dict[str, Any]] = defaultdict(dict)
    for row in session.scalars(select(ClaimRow).where(ClaimRow.run_id.in_(set(run_ids)))):
        by_run[row.run_id][row.claim_key] = claim_from_row(row)
    return by_run


def _refs_of_runs(session: Session, runs: list[RunRow], articles: dict[str, ArticleRow]) -> dict[int, list[EventRef]]:
    """Every event of these runs as a reference, by run, in the extractor's order (two queries)."""
    run_ids = [run.id for run in runs]
    claims = _claims(session, run_ids)
    named = _named(session, run_ids)
    by_run: dict[int, list[EventRef]] = {run_id: [] for run_id in run_ids}
    query = select(EventRow).where(EventRow.run_id.in_(run_ids)).order_by(EventRow.run_id, EventRow.position)
    for row in session.scalars(query):
        by_run[row.run_id].append(_ref(articles[row.article_id], row, claims[row.run_id], named[row.run_id]))
    return by_run


def _load_refs(session: Session, reports: Iterable[IncidentReportRow]) -> list[EventRef]:
    wanted = {(r.run_id, r.event_key) for r in reports}
    if not wanted:
        return []
    run_ids = {run for run, _ in wanted}
    claims = _claims(session, run_ids)
    named = _named(session, run_ids)
    events = session.scalars(select(EventRow).where(EventRow.run_id.in_(run_ids))).all()
    articles = _articles(session, {row.article_id for row in events})
    return [
        _ref(articles[row.article_id], row, claims[row.run_id], named[row.run_id])
        for row in events if (row.run_id, row.event_key) in wanted
    ]


def _report_row(ref: EventRef, run_id: int, excluded: str | None) -> IncidentReportRow:
    interval = effective_interval(ref)
    location = ref.event.location
    return IncidentReportRow(
        member=ref.key, article_id=ref.article_id, run_id=run_id, event_key=ref.event.id,
        incident_id=None, excluded=excluded, kind=kind_of(ref.event),
        day_first=interval[0].isoformat() if interval else None,
        day_last=interval[1].isoformat() if interval else None,
        country_code=location.country_code if location else None,
    )


def place_ids(groups: list[tuple[str, ...]], old_of: dict[str, str], keep: set[str],
              elsewhere: Callable[[str], bool]) -> list[tuple[int, str, list[str]]]:
    """For each group of member keys: its index, its incident id and the old ids merged into it.

    The group holding ``keep`` (the reports a person left in a split), then the
    larger groups, choose first; a group keeps the smallest old id of its members
    that no group chose before it, and the others are merged into it. A group
    with no old id left takes the id of its first member whose id is free, else
    one made from its first member and a number: no two incidents ever share an
    id, including one of another component (``elsewhere`` says an id is held there).
    Groups come back in that order.
    """
    order = sorted(range(len(groups)), key=lambda n: (not keep & set(groups[n]), -len(groups[n]), groups[n][0]))
    taken: set[str] = set()
    out: list[tuple[int, str, list[str]]] = []
    for n in order:
        members = groups[n]
        olds = sorted({old_of[m] for m in members if m in old_of} - taken)
        if olds:
            ident = olds[0]
        else:
            keys = itertools.chain(members, (f"{members[0]}#{k}" for k in itertools.count(1)))
            ident = next(i for i in map(incident_id, ([k] for k in keys)) if i not in taken and not elsewhere(i))
        taken.add(ident)
        out.append((n, ident, olds[1:]))
    return out


def _candidate_incidents(session: Session, refs: list[EventRef]) -> set[str]:
    """Incidents holding a stored report of a new report's kind, days and country (or none)."""
    found: set[str] = set()
    for ref in refs:
        first, last = effective_interval(ref)
        # A stored interval spans at most MAX_LINK_SPAN_DAYS, so the lower bound is exact and
        # keeps the index scan to the days around the report, however long the history.
        query = select(IncidentReportRow.incident_id).where(
            IncidentReportRow.kind == kind_of(ref.event),
            IncidentReportRow.day_first >= (first - dt.timedelta(days=MAX_LINK_SPAN_DAYS)).isoformat(),
            IncidentReportRow.day_first <= last.isoformat(),
            IncidentReportRow.day_last >= first.isoformat(),
            IncidentReportRow.incident_id.is_not(None),
        )
        country = ref.event.location.country_code if ref.event.location else None
        if country:
            query = query.where(or_(IncidentReportRow.country_code == country, IncidentReportRow.country_code.is_(None)))
        found.update(session.scalars(query.distinct()))
        if ref.people:
            # A follow-up names the people of an event up to FOLLOW_UP_DAYS before or after it.
            reach = dt.timedelta(days=FOLLOW_UP_DAYS)
            named = select(IncidentReportRow.incident_id).join(
                IncidentReportPersonRow, IncidentReportPersonRow.member == IncidentReportRow.member,
            ).where(
                IncidentReportPersonRow.name.in_(sorted(ref.people)),
                IncidentReportRow.kind == kind_of(ref.event),
                IncidentReportRow.day_first <= (last + reach).isoformat(),
                IncidentReportRow.day_last >= (first - reach).isoformat(),
                IncidentReportRow.incident_id.is_not(None),
            )
            found.update(session.scalars(named.distinct()))
    return found


def _ledger_ids(detail: dict[str, Any], ident: str, id_of: dict[str, str]) -> dict[str, Any]:
    """The incident's dict under its ledger id, naming the incidents it was kept apart from by theirs."""
    apart = [entry | {"incident": id_of.get(entry["member"], entry["incident"])} for entry in detail["kept_apart"]]
    return detail | {"id": ident, "kept_apart": apart}


def _whole_components(session: Session, incidents: set[str]) -> list[IncidentReportRow]:
    """The report rows of these incidents and of every incident sharing a linked component with them.

    The resolver groups a component's reports together, so a new report may move
    reports between any of its component's incidents: all of them are resolved again.
    """
    rows = session.scalars(select(IncidentReportRow).where(IncidentReportRow.incident_id.in_(incidents))).all()
    components = {row.component for row in rows if row.component}
    if not components:
        return list(rows)
    return list(session.scalars(select(IncidentReportRow).where(or_(
        IncidentReportRow.incident_id.in_(incidents), IncidentReportRow.component.in_(components),
    ))))


def _members(session: Session, incident_id: str) -> list[str]:
    return list(session.scalars(
        select(IncidentReportRow.member).where(IncidentReportRow.incident_id == incident_id)
        .order_by(IncidentReportRow.member)
    ))


def _active(session: Session, incident_id: str) -> IncidentRow:
    row = session.get(IncidentRow, incident_id)
    if row is None:
        raise NotFoundError(f"no incident {incident_id}; `newsledger incidents` lists them.")
    if row.status != ACTIVE:
        raise LedgerError(f"incident {incident_id} is {row.status}" + (
            f"; its reports are in {row.replaced_by}." if row.replaced_by else "."
        ))
    return row


def _reason(work: _Pass, incident: Incident, merged: list[str]) -> str:
    parts = [work.reason] if work.reason else []
    articles = {m.split(":", 1)[0] for m in incident.members if m in work.new_keys}
    fresh = sorted(articles - work.re_extracted)
    again = sorted(articles & work.re_extracted)
    if fresh:
        parts.append("new report: " + "; ".join(work.labels.get(a, a) for a in fresh))
    if again:
        parts.append("re-extraction with new extractor versions: " + "; ".join(work.labels.get(a, a) for a in again))
    if merged:
        parts.append("merged " + ", ".join(merged))
    return "; ".join(parts) or "reports moved between incidents"


__all__ = ["CORRECTABLE", "IncidentFilter", "Ledger", "LedgerError", "LedgerUpdate", "Version", "flat_columns"]
