"""The resolver: mentions indexed by kind, day and country, linked, then grouped where all agree.

:class:`Resolver` adds mentions in batches (any order, any split, same
incidents). Each new mention is compared only with the candidates of its kind,
days and country; :func:`newsledger.resolve.rules.link_score` says whether the
pair looks like one event and how strongly. Linked mentions form components (a
union-find whose representative is the smallest key); inside each component
:func:`newsledger.resolve.clusters.cluster` joins groups only where every
member agrees, under a person's decisions, and each group becomes an incident
(:func:`newsledger.resolve.fields.build_incident`). A component is grouped again
whenever a mention joins it, from its mentions and links alone, so the result
never depends on the order mentions came in. Hand-written for the reason given
in :mod:`newsledger.resolve.incidents`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from newsledger.resolve.clusters import Clustering, Refusal, cluster
from newsledger.resolve.fields import build_incident
from newsledger.resolve.rules import (
    MAX_LINK_SPAN_DAYS,
    Node,
    _dated_interval,
    content_stems,
    effective_interval,
    is_joinable,
    kind_of,
    link_score,
)
from newsledger.resolve.types import (
    Constraint,
    EventRef,
    Incident,
    KeptApart,
    incident_id,
)


class Resolver:
    """Incremental resolution: ``add`` batches in any order and split, same incidents.

    Mentions are indexed by (kind, day) and then by country ("" for unknown), so a
    new mention is compared only with mentions of its kind on the days of its
    interval, in its own country or of unknown country.
    """

    def __init__(self, constraints: Iterable[Constraint] = ()) -> None:
        self._constraints = sorted(constraints, key=lambda c: c.seq)
        self._splits = [c for c in self._constraints if c.kind == "split"]
        self._merges = [c for c in self._constraints if c.kind == "merge"]
        # key -> {(split index, side)} of the split decisions it falls under.
        self._tags: dict[str, set[tuple[int, int]]] = {}
        self._nodes: dict[str, Node] = {}
        self._parent: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._links: dict[str, list[tuple[float, str, str]]] = {}
        self._index: dict[tuple[str, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        # (kind, person) -> keys: follow-up reports are found by the people they name.
        self._named: dict[tuple[str, str], list[str]] = defaultdict(list)
        self._clustering: dict[str, Clustering] = {}
        self._group_of: dict[str, tuple[str, ...]] = {}
        self._cache: dict[tuple[str, ...], Incident] = {}
        self.comparisons = 0

    def __len__(self) -> int:
        return len(self._nodes)

    def _find(self, key: str) -> str:
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def _union(self, a: str, b: str) -> str:
        """Join the components of ``a`` and ``b``; returns the representative."""
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return ra
        # The smaller key is the representative: the same whatever the order of unions.
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        self._parent[gone] = keep
        self._members[keep].extend(self._members.pop(gone))
        self._links[keep].extend(self._links.pop(gone))
        self._clustering.pop(gone, None)
        return keep

    def _tag(self, key: str) -> None:
        tags = {
            (i, side) for i, split in enumerate(self._splits)
            for side, group in enumerate((split.left, split.right)) if key in group
        }
        if tags:
            self._tags[key] = tags

    def add(self, refs: Iterable[EventRef]) -> tuple[str, ...]:
        """Add mentions; returns the ids of incidents created, changed, or gone.

        Mentions that may never join (aggregates, future, negated, undatable) and
        mentions already added are skipped.
        """
        before: dict[str, tuple[str, ...]] = {}
        touched: set[str] = set()
        for ref in sorted(refs, key=lambda r: r.key):
            if ref.key in self._nodes or not is_joinable(ref):
                continue
            node = self._node(ref)
            if node is None:
                continue
            key = ref.key
            self._nodes[key] = node
            self._parent[key] = key
            self._members[key] = [key]
            self._links[key] = []
            self._tag(key)
            for candidate in self._candidates(node):
                self.comparisons += 1
                score = link_score(node, self._nodes[candidate])
                if score is None:
                    continue
                root = self._find(candidate)
                if root in self._clustering and root not in before:
                    before[root] = self._clustering[root].groups
                root = self._union(candidate, key)
                self._links[root].append((score, min(key, candidate), max(key, candidate)))
            self._insert(node)
            touched.add(key)
        for merge in self._merges:
            present = sorted(k for k in merge.left | merge.right if k in self._nodes)
            for other in present[1:]:
                if self._find(other) != self._find(present[0]):
                    for root in (self._find(other), self._find(present[0])):
                        if root in self._clustering and root not in before:
                            before[root] = self._clustering[root].groups
                    touched.add(self._union(present[0], other))
        old = {group for groups in before.values() for group in groups}
        new: set[tuple[str, ...]] = set()
        for root in {self._find(k) for k in touched}:
            new.update(self._regroup(root).groups)
        changed = {group[0] for group in old ^ new}
        return tuple(sorted(incident_id([key]) for key in changed))

    def _node(self, ref: EventRef) -> Node | None:
        interval = effective_interval(ref)
        if interval is None:
            return None
        loc = ref.event.location
        dated = _dated_interval(ref.event)
        return Node(
            ref, kind_of(ref.event), interval, loc.country_code if loc else None,
            dated is not None and (dated[1] - dated[0]).days <= MAX_LINK_SPAN_DAYS,
            content_stems(ref.event.evidence.text),
            content_stems(ref.title or ""),
            ref.people,
        )

    def _regroup(self, root: str) -> Clustering:
        """Group one component again from its mentions and links."""
        members = sorted(self._members[root])
        merges = [m for m in self._merges if (m.left | m.right) & set(members)]
        clustering = cluster(self._nodes, members, self._links[root], self._tags, self._splits, merges)
        self._clustering[root] = clustering
        for group in clustering.groups:
            for key in group:
                self._group_of[key] = group
        return clustering

    def _days(self, node: Node) -> range:
        return range(node.interval[0].toordinal(), node.interval[1].toordinal() + 1)

    def _candidates(self, node: Node) -> list[str]:
        seen: set[str] = set()
        found: list[str] = []
        for day in self._days(node):
            by_country = self._index.get((node.kind, day))
            if not by_country:
                continue
            lists = by_country.values() if node.country is None else (
                by_country.get(node.country, ()), by_country.get("", ())
            )
            for keys in lists:
                for key in keys:
                    if key not in seen:
                        seen.add(key)
                        found.append(key)
        for person in sorted(node.people):
            for key in self._named.get((node.kind, person), ()):
                if key not in seen:
                    seen.add(key)
                    found.append(key)
        return found

    def _insert(self, node: Node) -> None:
        for day in self._days(node):
            self._index[(node.kind, day)][node.country or ""].append(node.ref.key)
        for person in node.people:
            self._named[(node.kind, person)].append(node.ref.key)

    def incidents(self) -> list[Incident]:
        """Every incident, sorted by id."""
        result = []
        for root in self._members:
            clustering = self._clustering.get(root) or self._regroup(root)
            apart = _kept_apart(clustering.refusals)
            for group in clustering.groups:
                kept = apart.get(group[0], ())
                late = clustering.late.intersection(group)
                cached = self._cache.get(group)
                if cached is None or cached.kept_apart != kept or set(cached.follow_ups) != late:
                    cached = build_incident([self._nodes[k].ref for k in group], kept, late)
                    self._cache[group] = cached
                result.append(cached)
        return sorted(result, key=lambda inc: inc.id)

    def incident_of(self, ref_key: str) -> str | None:
        """The id of the incident a mention belongs to, or None if it joined none."""
        if ref_key not in self._nodes:
            return None
        root = self._find(ref_key)
        if root not in self._clustering:
            self._regroup(root)
        return incident_id(self._group_of[ref_key])

    def component_of(self, ref_key: str) -> str | None:
        """The smallest key of the linked component a mention is in (None if it joined none).

        Incidents of one component are grouped together, so whoever re-resolves
        part of a ledger must hand over whole components.
        """
        return self._find(ref_key) if ref_key in self._nodes else None


def _kept_apart(refusals: Iterable[Refusal]) -> dict[str, tuple[KeptApart, ...]]:
    """For each group's smallest key, the groups it was kept apart from and why."""
    apart: dict[str, list[KeptApart]] = defaultdict(list)
    for refusal in refusals:
        apart[refusal.a].append(KeptApart(incident_id([refusal.b]), refusal.b, refusal.reason))
        apart[refusal.b].append(KeptApart(incident_id([refusal.a]), refusal.a, refusal.reason))
    return {key: tuple(sorted(items, key=lambda k: k.member)) for key, items in apart.items()}


def resolve(refs: Iterable[EventRef], constraints: Iterable[Constraint] = ()) -> list[Incident]:
    """All incidents among ``refs`` in one batch, under a person's decisions."""
    resolver = Resolver(constraints)
    resolver.add(refs)
    return resolver.incidents()
