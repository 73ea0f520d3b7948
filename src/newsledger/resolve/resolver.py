"""The resolver: mentions indexed by kind, day and country, linked, and kept as connected components.

:class:`Resolver` adds mentions in batches (any order, any split, same
incidents), compares each new mention only with the candidates of its kind,
days and country, links it by :func:`newsledger.resolve.rules.compatible`
under a person's decisions, and builds each component's incident with
:func:`newsledger.resolve.fields.build_incident`. Hand-written for the reason
given in :mod:`newsledger.resolve.incidents`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from newsledger.resolve.fields import build_incident
from newsledger.resolve.rules import (
    MAX_LINK_SPAN_DAYS,
    Node,
    _dated_interval,
    compatible,
    content_stems,
    effective_interval,
    is_joinable,
    kind_of,
)
from newsledger.resolve.types import Constraint, EventRef, Incident, incident_id


def _id_of_root(root: str) -> str:
    return incident_id([root])


class Resolver:
    """Incremental resolution: ``add`` batches in any order and split, same incidents.

    Mentions are indexed by (kind, day) and then by country ("" for unknown), so a
    new mention is compared only with mentions of its kind on the days of its
    interval, in its own country or of unknown country.
    """

    def __init__(self, constraints: Iterable[Constraint] = ()) -> None:
        self._constraints = sorted(constraints, key=lambda c: c.seq)
        self._splits = [c for c in self._constraints if c.kind == "split"]
        # root -> {(split index, side)} of the split decisions its members fall under.
        self._tags: dict[str, set[tuple[int, int]]] = {}
        self._nodes: dict[str, Node] = {}
        self._parent: dict[str, str] = {}
        self._members: dict[str, list[str]] = {}
        self._index: dict[tuple[str, int], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self._cache: dict[str, Incident] = {}
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

    def _union(self, a: str, b: str, after: int = -1) -> bool:
        """Join the sets of ``a`` and ``b`` unless a split decision newer than ``after`` forbids it."""
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return False
        ta, tb = self._tags.get(ra, set()), self._tags.get(rb, set())
        if any((i, 1 - side) in tb for i, side in ta if self._splits[i].seq > after):
            return False
        # The smaller key is the representative: the same whatever the order of unions.
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        self._parent[gone] = keep
        self._members[keep].extend(self._members.pop(gone))
        merged = self._tags.pop(gone, set()) | self._tags.get(keep, set())
        if merged:
            self._tags[keep] = merged
        return True

    def _tag(self, key: str) -> None:
        tags = {
            (i, side) for i, split in enumerate(self._splits)
            for side, group in enumerate((split.left, split.right)) if key in group
        }
        if tags:
            self._tags[key] = tags

    def _apply_merges(self) -> set[str]:
        """Union the groups of every merge decision whose mentions are present; returns roots joined."""
        joined: set[str] = set()
        for merge in (c for c in self._constraints if c.kind == "merge"):
            left = sorted(k for k in merge.left if k in self._nodes)
            right = sorted(k for k in merge.right if k in self._nodes)
            for a in left[:1]:
                for b in left[1:] + right:
                    before = {self._find(a), self._find(b)}
                    if self._union(a, b, after=merge.seq):
                        joined |= before
        return joined

    def add(self, refs: Iterable[EventRef]) -> tuple[str, ...]:
        """Add mentions; returns the ids of incidents created, grown, or merged away.

        Mentions that may never join (aggregates, future, negated, undatable) and
        mentions already added are skipped.
        """
        touched_roots: set[str] = set()
        retired: set[str] = set()
        for ref in sorted(refs, key=lambda r: r.key):
            if ref.key in self._nodes or not is_joinable(ref):
                continue
            interval = effective_interval(ref)
            if interval is None:
                continue
            loc = ref.event.location
            dated = _dated_interval(ref.event)
            node = Node(
                ref, kind_of(ref.event), interval, loc.country_code if loc else None,
                dated is not None and (dated[1] - dated[0]).days <= MAX_LINK_SPAN_DAYS,
                content_stems(ref.event.evidence.text),
            )
            key = ref.key
            self._nodes[key] = node
            self._parent[key] = key
            self._members[key] = [key]
            self._tag(key)
            for candidate in self._candidates(node):
                other = self._find(candidate)
                if other == self._find(key):
                    continue
                self.comparisons += 1
                if compatible(node, self._nodes[candidate]) and self._union(candidate, key):
                    retired.add(other)
            self._insert(node)
            touched_roots.add(key)
        retired |= self._apply_merges()
        # A root is its set's smallest key, so an incident's id is the hash of its root.
        roots = {self._find(k) for k in touched_roots | retired}
        for root in roots | retired:
            self._cache.pop(root, None)
        return tuple(sorted({_id_of_root(r) for r in roots | retired}))

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
        return found

    def _insert(self, node: Node) -> None:
        for day in self._days(node):
            self._index[(node.kind, day)][node.country or ""].append(node.ref.key)

    def incidents(self) -> list[Incident]:
        """Every incident, sorted by id."""
        result = []
        for root, members in self._members.items():
            if root not in self._cache:
                self._cache[root] = build_incident([self._nodes[k].ref for k in members])
            result.append(self._cache[root])
        return sorted(result, key=lambda inc: inc.id)

    def incident_of(self, ref_key: str) -> str | None:
        """The id of the incident a mention belongs to, or None if it joined none."""
        if ref_key not in self._nodes:
            return None
        return _id_of_root(self._find(ref_key))


def resolve(refs: Iterable[EventRef], constraints: Iterable[Constraint] = ()) -> list[Incident]:
    """All incidents among ``refs`` in one batch, under a person's decisions."""
    resolver = Resolver(constraints)
    resolver.add(refs)
    return resolver.incidents()
