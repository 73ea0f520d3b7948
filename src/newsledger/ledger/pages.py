"""Followed pages (``newsledger watch``): a page's new version replaces the article it was, in the ledger.

A page whose text changes is a new article (ids are content hashes) and a new
row of ``article_versions``. When the ledger takes such a version in,
:func:`page_versions` withdraws the reports of the versions it replaces (and
skips a replaced version extracted again), and :func:`carry_incidents` starts
each of its reports in the incident of the withdrawn report it stands for, so
the incident keeps its id and its history shows an update with the new
figures rather than a second, independent source.

Hand-written: the bookkeeping follows the ledger's own update (its report rows
and pending runs).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from newsledger.resolve import EventRef
from newsledger.resolve.incidents import kind_of
from newsledger.store.models import ArticleVersionRow as PageVersion
from newsledger.store.models import IncidentReportRow, ResolvedRunRow, RunRow


def page_versions(session: Session, runs: list[RunRow],
                   clock: Callable[[], dt.datetime]) -> tuple[list[RunRow], dict[str, list[str]]]:
    """The runs to take in, and for each article that is a page's new version, the versions it replaces.

    ``newsledger watch`` records every version of a page it follows in
    ``article_versions``; the latest row of a URL is its current version. The
    run of an article that is the current version of none of its pages (a
    replaced version extracted again) is marked taken in and gives no reports.
    A version the ledger has not taken in yet (``withdrawn_at`` NULL) withdraws
    the reports of the versions it replaces; its article's run is taken in
    again when it was taken in before (a page changed back to an earlier text,
    or a version recorded after its article was taken in).
    """
    fresh = session.scalars(
        select(PageVersion).where(PageVersion.replaces.is_not(None), PageVersion.withdrawn_at.is_(None))
    ).all()
    involved = {run.article_id for run in runs} | {row.replaces for row in fresh}
    met = session.execute(
        select(PageVersion.url, PageVersion.article_id).where(PageVersion.article_id.in_(involved))
    ).all()
    if not met:
        return list(runs), {}
    latest = select(func.max(PageVersion.id)).where(PageVersion.url.in_({url for url, _ in met}))
    current_of = dict(session.execute(
        select(PageVersion.url, PageVersion.article_id).where(PageVersion.id.in_(latest.group_by(PageVersion.url)))
    ).all())
    superseded = {article for _, article in met} - set(current_of.values())
    now = clock() if fresh or superseded & {run.article_id for run in runs} else None
    replaced: dict[str, set[str]] = defaultdict(set)
    for row in fresh:
        row.withdrawn_at = now
        if row.replaces in superseded and row.url in current_of:
            replaced[current_of[row.url]].add(row.replaces)
    kept = []
    for run in runs:
        if run.article_id in superseded:
            session.add(ResolvedRunRow(run_id=run.id, resolved_at=now))
        else:
            kept.append(run)
    again = set(replaced) - {run.article_id for run in kept}
    if again:
        latest_runs = select(func.max(RunRow.id)).where(RunRow.article_id.in_(again)).group_by(RunRow.article_id)
        retaken = session.scalars(select(RunRow).where(RunRow.id.in_(latest_runs))).all()
        # Taken in again below, which records it anew.
        session.execute(delete(ResolvedRunRow).where(ResolvedRunRow.run_id.in_([run.id for run in retaken])))
        kept = sorted([*kept, *retaken], key=lambda run: run.id)
    return kept, {new: sorted(olds) for new, olds in replaced.items()}


def carry_incidents(previous: list[tuple[str, str, str, str | None]], replaced: dict[str, list[str]],
                     refs: list[EventRef], reports: dict[str, IncidentReportRow]) -> set[str]:
    """Start each report of a page's new version in the incident of its earlier version's report; their keys.

    ``previous`` is ``(article, event key, kind, incident)`` of each withdrawn
    report. A new report takes the incident of the withdrawn report with its
    event key and kind, else of the first one of its kind left, so the incident
    keeps its id and records the new version as an update rather than ending
    while another begins.
    """
    carried: set[str] = set()
    for new, olds in replaced.items():
        left = [(key, kind, incident) for article, key, kind, incident in previous if article in olds and incident]
        for ref in refs:
            if ref.article_id != new:
                continue
            kind = kind_of(ref.event)
            match = next((p for p in left if p[:2] == (ref.event.id, kind)), None) or next(
                (p for p in left if p[1] == kind), None)
            if match is not None:
                left.remove(match)
                reports[ref.key].incident_id = match[2]
                carried.add(ref.key)
    return carried


__all__ = ["carry_incidents", "page_versions"]
