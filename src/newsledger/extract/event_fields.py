"""Where and when an event happened: the place and the day an article gives it.

Part of :mod:`newsledger.extract.events`, as the :class:`Fields` half of its
per-article context: the place tied to the event's words (never a name's part,
a base of operations, a caption, a person's home town or the acting forces'
country), made finer by later words, else the dateline or the lead's town; the
day tied to its words (never a page stamp or "since X"; a bare clock time only
when nothing names a day), else the paragraph's or the lead's, else the days
before publication. Each comes with the rule that chose it. Hand-written for the
reasons the events module gives.

:class:`Fields` expects of the class it is mixed into: ``doc``, ``article``,
``entities``, ``places``, ``times``, ``is_trigger``, ``quote_holding``,
``window`` and ``own_date`` (from :class:`~newsledger.extract.event_accounts.Accounts`),
and the caches ``_scene``, ``_dated``, ``_lead_place`` set to None.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from newsledger import taxonomy
from newsledger.extract import casualties
from newsledger.extract import event_lexicon as lexicon
from newsledger.extract import event_roles as roles
from newsledger.nlp import doc_text
from newsledger.schema import Actor, EventDate, PlaceMention, TimeMention

if TYPE_CHECKING:
    from newsledger.extract.event_accounts import Draft


class Fields:
    """The place and date rules of one article's events (a mixin of the events context)."""

    # --- where --------------------------------------------------------------
    def location(self, trigger: Token, draft: Draft, actors: list[Actor | None]) -> tuple[PlaceMention | None, str]:
        """The most specific place the article ties to the event, and the rule that chose it.

        The event's own words first (each mention's clause, or its sentence if
        that tells only this event); for the event the article leads with, the
        dateline or the lead's town when its own words give none, or the
        dateline's town when they give only the state or country it lies in.
        """
        taken = [(a.mention.start, a.mention.end) for a in actors if a is not None]
        # A campaign's place is where its first words put it; one event's, made finer by its later words.
        own = self.placed_near(draft.anchors, taken, first_only=draft.aggregate)
        rule = "its own words" if own is not None else ""
        if draft.lead:
            lead, lead_rule = self.lead_place()
            # The lead's town may be where another story of the article happened (a vote in
            # the capital about a strike elsewhere): it places an event with no place of its
            # own; only a dateline makes a state or country the event names finer.
            refine = own is not None and lead_rule == "dateline" and coarser(own, lead) and within(lead, own)
            if lead is not None and (own is None or refine):
                own, rule = lead, (lead_rule if own is None else f"{lead_rule}, inside {own.name}")
        return own, rule

    def placed_near(self, anchors: list[Token], taken: list[tuple[int, int]], first_only: bool = False) -> PlaceMention | None:
        """The place tied to the first of ``anchors`` that has one, made finer by a later anchor's
        place inside it (``first_only``: never)."""
        candidates = [p for p in self.scene_places() if not any(s <= p.start < e for s, e in taken)]
        chosen: PlaceMention | None = None
        own = frozenset(t.i for t in anchors)
        at_sea = bool(anchors) and any(t.lower_ in lexicon.VESSELS for t in anchors[0].sent)

        def rank(place: PlaceMention) -> float:
            return scene_rank(place, at_sea)

        for anchor in anchors:
            if self.in_speech(anchor.idx):
                continue
            clause = roles.clause_chars(anchor)
            here = [p for p in candidates if clause[0] <= p.start and p.end <= clause[1] and self.tied(anchor, p.start, own)]
            if not here and self.events_in_sentence(anchor.sent) <= 1:
                sent = anchor.sent
                here = [p for p in candidates if sent.start_char <= p.start and p.end <= sent.end_char]
            if not here:
                continue
            best = min(here, key=lambda p: (rank(p), abs(p.start - anchor.idx)))
            if chosen is None:
                chosen = best
                if first_only:
                    break
            elif rank(best) < rank(chosen) and within(best, chosen):
                chosen = best  # "in Illinois" first, "in Peoria" later: the town
        return chosen

    def scene_places(self) -> list[PlaceMention]:
        """The article's places that may be where an event happened, outside anyone's own words (once)."""
        if self._scene is None:
            self._scene = [p for p in self.places if self.may_be_scene(p) and not self.in_speech(p.start)]
        return self._scene

    def may_be_scene(self, place: PlaceMention) -> bool:
        """Not a possessor, a name's part, a base of operations, a caption or a person's home town."""
        if self.names_an_owner(place) or self.in_caption(place.start):
            return False
        text = doc_text(self.doc)
        after = text[place.end : place.end + 8].lower()
        if after.startswith(("-based", " based", "-born", "-area")):
            return False  # "the Florida-based Southern Command"
        if any(e.start <= place.start and place.end <= e.end and (e.start, e.end) != (place.start, place.end)
               and e.label in {"ORG", "PERSON", "WORK_OF_ART"} for e in self.entities):
            return False  # "Secretary of War", "the Chicago Police Department"
        if self.names_the_actor(place):
            return False  # "United States military forces killed ...": who acted, not where
        before = text[max(0, place.start - 24) : place.start]
        return not ORIGIN_BEFORE.search(before)  # "Jane Doe, 25, of Gary": where she lives

    def names_the_actor(self, place: PlaceMention) -> bool:
        """A place that is the doer ("Iran attacked") or names the doer's forces ("U.S. troops")."""
        span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        if root.dep_ == "nsubj" and place.precision in {"country", "admin1"}:
            return True
        if root.dep_ not in {"compound", "amod", "nmod"}:
            return False
        head = root.head
        while head.dep_ in {"compound", "amod"} and head.head.i != head.i:
            head = head.head  # "United States military forces": up to "forces"
        return head.dep_ in {"nsubj", "pobj"} and (
            head.lower_ in lexicon.STATE_WORDS or head.lemma_.lower() in lexicon.STATE_WORDS
        ) and (head.dep_ == "nsubj" or head.head.dep_ == "agent")

    def in_caption(self, char: int) -> bool:
        """Inside a photo caption or credit line."""
        text = doc_text(self.doc)
        line_start = text.rfind("\n", 0, char) + 1
        line_end = text.find("\n", char)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        return bool(CAPTION_LINE.search(line))

    def lead_place(self) -> tuple[PlaceMention | None, str]:
        """The dateline's place ("CHICAGO (AP) —"), else the first town or finer place of the lead."""
        if self._lead_place is None:
            self._lead_place = self._find_lead_place()
        return self._lead_place

    def _find_lead_place(self) -> tuple[PlaceMention | None, str]:
        text = doc_text(self.doc)
        scene = self.scene_places()
        for place in scene:
            line_start = text.rfind("\n", 0, place.start) + 1
            if place.start > LEAD_CHARS:
                break
            if not text[line_start : place.start].strip() and DATELINE_AFTER.match(text, place.end):
                return place, "dateline"
        fine = taxonomy.PRECISION_RANK["city"]
        for place in scene:
            if place.start > LEAD_CHARS:
                break
            if taxonomy.PRECISION_RANK.get(place.precision, 9) <= fine and place.precision != "water":
                return place, "the lead"
        return None, ""

    def tied(self, anchor: Token, char: int, own: frozenset[int] = frozenset()) -> bool:
        """A place or date at ``char`` belongs to this event, not to another event word between.

        ``own`` are the token indices of the event's other words: passing
        through "killed" in "was shot and killed late Saturday" is no crossing.
        """
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return False
        return casualties.tied(anchor, span[0], lambda t: t.i != anchor.i and t.i not in own and self.is_trigger(t))

    def names_an_owner(self, place: PlaceMention) -> bool:
        """ "Iran's Quds Force", "the United States' killing": a possessor, not where it happened."""
        span = self.doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            return False
        head = span.root
        return head.dep_ == "poss" or (head.dep_ in {"compound", "nmod"} and head.head.ent_type_ in {"ORG", "PERSON", "NORP"})

    def events_in_sentence(self, sent: Span) -> int:
        return sum(1 for t in sent if self.is_trigger(t))

    # --- when ---------------------------------------------------------------
    def date(self, trigger: Token, draft: Draft) -> tuple[EventDate | None, str]:
        """The event's date and the rule that chose it.

        Its own words' dated expression; else the nearest earlier date of the
        paragraph (``inferred``); for the event the article leads with, else
        the lead's date when it falls in the days before publication; else those days themselves
        (the publication window, ``inferred``).
        """
        own = self.own_date(draft)
        if own is not None:
            return event_date(own, False), "its own words"
        window = self.window()
        days, _ = self.dated_times()
        paragraph_start = doc_text(self.doc).rfind("\n", 0, trigger.idx) + 1
        earlier = [t for t in days if paragraph_start <= t.start < trigger.idx]
        if earlier and (not draft.main or window is None or inside(earlier[-1].interval, window)):
            return event_date(earlier[-1], True), "the paragraph before"
        if draft.lead and window is not None:
            lead = next(
                (t for t in days if t.start <= LEAD_CHARS and t.precision in DAY_PRECISIONS and inside(t.interval, window)),
                None,
            )
            if lead is not None:
                return event_date(lead, True), "the lead"
        if window is not None:
            return EventDate(None, None, None, None, "unknown", window, True), "the days before publication"
        return None, ""

    def dated_near(self, anchors: list[Token], aggregate: bool) -> TimeMention | None:
        """A dated expression in an anchor's clause (for a campaign also a vague one), else in its
        sentence; a time of day alone ("at 7:08") only when no anchor has a day."""
        days, dated = self.dated_times()
        return self._dated_near(anchors, days, aggregate) or self._dated_near(anchors, dated, aggregate)

    def dated_times(self) -> tuple[list[TimeMention], list[TimeMention]]:
        """The article's dated times outside anyone's own words and page stamps: those that name a
        day, and all of them (a bare clock time too), found once."""
        if self._dated is None:
            dated = [t for t in self.times if t.interval is not None and not self.in_speech(t.start) and not self.is_stamp(t)]
            self._dated = ([t for t in dated if not CLOCK_ONLY.match(t.text)], dated)
        return self._dated

    def _dated_near(self, anchors: list[Token], dated: list[TimeMention], aggregate: bool) -> TimeMention | None:
        own = frozenset(t.i for t in anchors)
        for anchor in anchors:
            if self.in_speech(anchor.idx):
                continue
            clause = roles.clause_chars(anchor)
            sent = anchor.sent
            vague = [t for t in self.times if not self.in_speech(t.start)] if aggregate else []
            pools = [(dated, clause), (vague, clause), (dated, (sent.start_char, sent.end_char))]
            for pool, (lo, hi) in pools:
                tied = [t for t in pool if lo <= t.start and t.end <= hi and self.tied(anchor, t.start, own)]
                if tied:
                    best = min(tied, key=lambda t: abs(t.start - anchor.idx))
                    if best.interval is not None or aggregate:
                        return best
        return None

    def is_stamp(self, time: TimeMention) -> bool:
        """Not a day the event happened on: a page stamp ("Posted: Tuesday, January 28") or the
        start of a period ("since September")."""
        text = doc_text(self.doc)
        return bool(STAMP_BEFORE.search(text[max(0, time.start - 24) : time.start]))

    def in_speech(self, char: int) -> bool:
        """Inside someone's own words (a direct or floating quote), not a report of them ("police said")."""
        quote = self.quote_holding(char)
        return quote is not None and quote.kind in {"direct", "floating"}


# The lead: what a reporter puts first (dateline, first paragraph or two).
LEAD_CHARS = 1000

DAY_PRECISIONS = {"day"}

# "Jane Doe, 25, of Gary", "a man from Texas": where a person lives or comes from.
ORIGIN_BEFORE = re.compile(r"(?:\b\d{1,3},\s*|\b(?:native|resident|residents)\s+)(?:of|from)\s+(?:the\s+)?$|\bfrom\s+$", re.IGNORECASE)

CAPTION_LINE = re.compile(
    r"^\s*(?:\(?photo\b|image:|picture:|credit:|caption:|file photo|\(ap photo|ap photo|getty images|reuters/)"
    r"|\((?:ap|reuters|afp|getty)[^)]*photo[^)]*\)|\bphoto(?:graph)? by\b|\bphoto credit\b",
    re.IGNORECASE,
)

# After a dateline's place: optional state or country, optional wire name, then a dash or colon.
DATELINE_AFTER = re.compile(r"(?:,\s*[A-Z][A-Za-z. ]{1,20})?\s*(?:\([A-Za-z .]{1,20}\))?\s*(?:—|–|--|-\s|:)")

STAMP_BEFORE = re.compile(
    r"\b(?:posted|updated|published|last modified|modified|created)\b[^.\n]{0,6}$|\b(?:since|until|through)\s+(?:early\s+|late\s+|mid-?)?$",
    re.IGNORECASE,
)

# A time of day alone ("7:08", "about 1 p.m.") says nothing of the day but the one it is read against.
CLOCK_ONLY = re.compile(
    r"^(?:about |around |at |just after |shortly after |before |after )?(?:\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?|midnight|noon)$",
    re.IGNORECASE,
)

# How far from a county's centre its towns may lie.
COUNTY_KM = 60.0


def distance(a: PlaceMention, b: PlaceMention) -> float:
    from newsledger.geodesy import distance_km

    return distance_km(a.lat, a.lon, b.lat, b.lon)


def event_date(time: TimeMention, inferred: bool) -> EventDate:
    return EventDate(time.text, time.start, time.end, time.value, time.precision, time.interval, inferred)


def apart(one: tuple[str, str], other: tuple[str, str]) -> bool:
    """Whether two spans of ISO days share no day."""
    return one[1] < other[0] or one[0] > other[1]


def inside(interval: tuple[str, str] | None, days: tuple[str, str]) -> bool:
    return interval is not None and days[0] <= interval[0] and interval[1] <= days[1]


def scene_rank(place: PlaceMention, at_sea: bool) -> float:
    """Finest first; for an event about a boat, a sea or ocean before the state or country it
    lies off (a strike on a boat "in the Caribbean off Venezuela" happened at sea)."""
    if place.precision == "water" and at_sea:
        return 2.5
    return taxonomy.PRECISION_RANK.get(place.precision, 9)


def coarser(a: PlaceMention, b: PlaceMention) -> bool:
    return taxonomy.PRECISION_RANK.get(a.precision, 9) > taxonomy.PRECISION_RANK.get(b.precision, 9)


def within(town: PlaceMention, region: PlaceMention) -> bool:
    """Whether ``town`` lies in ``region`` (a state, a country), by the gazetteer's codes."""
    if town.country_code is None or town.country_code != region.country_code:
        return False
    if region.precision == "country":
        return True
    if town.admin1 is None or town.admin1 != region.admin1:
        return False
    if region.precision == "admin1":
        return True
    # A county: the gazetteer gives no county of a town, so near its centre will do.
    return region.precision == "admin2" and None not in (town.lat, region.lat) and distance(town, region) <= COUNTY_KM
