"""One account per event: an article's event words merged into the events they tell.

Part of :mod:`newsledger.extract.events`, as the :class:`Accounts` half of its
per-article context. Every event word is first a :class:`Draft`; a draft joins
the latest event of its family it does not contradict (its own days outside
that event's, its own town far from that event's, or words saying it is
another: "in a separate shooting", "another strike", "a third vessel"); one
that joins nothing is an event of its own, *background* when its own days end
before the main event's ("a shooting last year at the same bar"). Aggregates
are never merged, and a running total told of the main event ("the strike
brings the death toll to 64") becomes an aggregate of its own. Hand-written:
no packaged within-document event coreference works on spaCy's parses and
keeps evidence offsets.

:class:`Accounts` expects of the class it is mixed into: ``doc``, ``article``,
``times``, ``matches``, ``is_trigger``, ``in_speech``, ``dated_near`` and
``placed_near`` (from :class:`~newsledger.extract.event_fields.Fields`), and
the caches ``_own_date`` and ``_own_place`` as empty dicts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from newsledger import taxonomy
from newsledger.extract import casualties
from newsledger.extract import event_roles as roles
from newsledger.extract.event_fields import CLOCK_ONLY, apart, distance
from newsledger.schema import PlaceMention, TimeMention


@dataclass
class Draft:
    """An event being assembled; frozen into :class:`Event` at the end."""

    trigger: Token
    subtype: str
    rule: str
    sentence: Span
    attempted: bool = False
    aggregate: bool = False
    background: bool = False
    mentions: list[Token] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    # Words elsewhere that tell only its toll ("he was later pronounced dead"): read for figures alone.
    outcomes: list[Token] = field(default_factory=list)
    # The first event of its family in the article that is neither background nor
    # aggregate: the one the article reports, and the only one the lead and the
    # dateline may date and place.
    main: bool = False
    # The main event the article leads with: the one its lead and dateline tell.
    lead: bool = False

    @property
    def anchors(self) -> list[Token]:
        return [self.trigger, *self.mentions]


class Accounts:
    """The merging rules of one article's events (a mixin of the events context)."""

    def assemble(self, drafts: list[Draft]) -> list[Draft]:
        """The article's events: the drafts that tell one event merged, earlier ones set apart.

        Reads the drafts in text order. A draft joins the latest event of its
        family that it does not contradict (its own date outside that event's
        days, its own town far from that event's, or words saying it is another
        one: "in a separate shooting", "another strike"); a draft with no date
        or place of its own joins an event other than the family's main one
        only in the sentence after that event's last words, so that an aside
        about an earlier event does not draw in the rest of the report. A draft
        that joins nothing is an event of its own: *background* when its own
        days end before the main event's begin ("a shooting last year at the
        same bar", "the Sept. 2 strike that killed 11"). Aggregates stay as
        they are, never merged and never merged into.
        """
        events: list[Draft] = []
        mains: dict[str, Draft] = {}
        for draft in drafts:
            if draft.aggregate:
                events.append(draft)
                continue
            family = taxonomy.family_of(draft.subtype)
            main = mains.get(family)
            target = None if self.says_another(draft) else self.joins(draft, events, main)
            if target is not None:
                self.merge(target, draft)
                continue
            if main is None:
                draft.background = self.before_window(draft)
                if not draft.background:
                    draft.main = True
                    mains[family] = draft
            else:
                draft.background = self.earlier_than(draft, main)
            events.append(draft)
        if mains:
            # What a report leads with: its violence, else its protest, else its first event
            # (an arrest or a sanction is more often the sequel than the story).
            lead = mains.get("attack") or mains.get("protest") or min(mains.values(), key=lambda d: d.trigger.i)
            lead.lead = True
        self.attach_outcomes(events, mains.get("attack"))
        for event in events:
            if not settled(event.rule):
                word_rule = next((self.matches[t.i] for t in event.mentions if t.i in self.matches
                                  and self.matches[t.i].subtype is not None and settled(self.matches[t.i].rule)), None)
                if word_rule is not None and taxonomy.family_of(word_rule.subtype) == taxonomy.family_of(event.subtype):
                    event.subtype, event.rule = word_rule.subtype, word_rule.rule
        return self.with_tallies(events, mains.get("attack"))

    def with_tallies(self, events: list[Draft], main: Draft | None) -> list[Draft]:
        """A running total told of the main event ("the strike brings the death toll to 64") kept as
        an aggregate of its own, with its figure, so that it is neither lost nor the event's toll."""
        if main is None:
            return events
        told = {e.sentence.start for e in events if e.aggregate}
        added = []
        for token in self.doc:
            if token.lemma_.lower() not in casualties.TALLY_NOUNS or token.sent.start in told:
                continue
            if self.in_speech(token.idx) or not casualties.is_tally(token):
                continue
            added.append(Draft(token, main.subtype, "tally: a running total", token.sent, aggregate=True))
            told.add(token.sent.start)
        return sorted(events + added, key=lambda d: d.trigger.i) if added else events

    def attach_outcomes(self, events: list[Draft], main: Draft | None) -> None:
        """ "He died at the hospital", "was pronounced dead": the toll of the violent event told last."""
        violent = [e for e in events if not e.aggregate and taxonomy.family_of(e.subtype) == "attack"]
        if not violent:
            return
        for token in self.doc:
            if self.is_trigger(token) or not tells_a_death(token) or self.quote_holding(token.idx) is not None:
                continue
            before = [e for e in violent if e.trigger.i < token.i]
            if not before:
                continue
            latest = max(before, key=lambda e: max(t.i for t in e.anchors))
            if latest.background and not self.follows(latest, token) and main is not None:
                latest = main
            latest.outcomes.append(token)

    def joins(self, draft: Draft, events: list[Draft], main: Draft | None) -> Draft | None:
        family = taxonomy.family_of(draft.subtype)
        own_date = self.own_date(draft)
        own_place = self.own_place(draft)
        for event in reversed(events):
            if event.aggregate or taxonomy.family_of(event.subtype) != family or event.attempted != draft.attempted:
                continue
            if self.contradicts(event, own_date, own_place):
                continue
            if event is main or own_date is not None or self.follows(event, draft.trigger):
                return event
        return None

    def merge(self, event: Draft, draft: Draft) -> None:
        """``draft``'s words become mentions of ``event``; a sub-type the words settle wins over a guess."""
        event.mentions.extend(t for t in draft.anchors if t.i != event.trigger.i and t not in event.mentions)
        event.statements.extend(q for q in draft.statements if q not in event.statements)
        if not settled(event.rule) and settled(draft.rule):
            event.subtype, event.rule = draft.subtype, draft.rule
        self._own_date.pop(id(event), None)
        self._own_place.pop(id(event), None)

    def dated_apart(self, draft: Draft, token: Token) -> bool:
        """Whether ``token``'s own words date it to days that ``draft``'s own words rule out."""
        mine = self.dated_near([token], False)
        if mine is None or mine.interval is None:
            return False
        theirs = self.dated_near(draft.anchors, draft.aggregate)
        if theirs is None:
            # Its sentence's day, tied or not ("Thursday, forces killed X in an airstrike").
            sent = draft.sentence
            theirs = next((t for t in self.times if sent.start_char <= t.start < sent.end_char and t.interval
                           and not CLOCK_ONLY.match(t.text) and not self.is_stamp(t)), None)
        if theirs is None or theirs.interval is None:
            return False
        return apart(mine.interval, theirs.interval)

    def says_another(self, draft: Draft) -> bool:
        """ "another shooting", "a separate attack", "in an unrelated incident": not the event told before."""
        trigger = draft.trigger
        words = [c for c in trigger.children if c.dep_ in {"det", "amod"}]
        if any(w.lower_ in SEPARATE_WORDS for w in words):
            return True
        _, patient = roles.agent_and_patient(trigger)
        if patient is not None and roles.is_thing(patient) and (
            patient.lower_ in OTHER_ONE or any(c.lower_ in OTHER_ONE for c in patient.children if c.dep_ in {"det", "amod"})
        ):
            return True  # "seized a tanker ... and pursued a third": another vessel, another event
        sent = trigger.sent
        first = next((t for t in sent if self.is_trigger(t)), None)
        if first is None or first.i != trigger.i:
            return False
        return any(t.lower_ in {"separate", "unrelated"} and t.head.lemma_.lower() in SEPARATE_NOUNS for t in sent)

    def follows(self, event: Draft, token: Token) -> bool:
        """``token`` is in the sentence of ``event``'s last words or the next one."""
        last = max(event.anchors, key=lambda t: t.i)
        sent = token.sent
        if last.sent.start == sent.start:
            return True
        return sent.start > 0 and self.doc[sent.start - 1].sent.start == last.sent.start

    def contradicts(self, event: Draft, own_date: TimeMention | None, own_place: PlaceMention | None) -> bool:
        if own_date is not None:
            days = self.days_of(event)
            if days is not None and apart(own_date.interval, days):
                return True
        if own_place is not None:
            theirs = self.own_place(event)
            if theirs is not None and far_apart(theirs, own_place):
                return True
        return False

    def days_of(self, event: Draft) -> tuple[str, str] | None:
        """The days ``event`` may have happened on: its own date, else (for a main event) the days before publication."""
        own = self.own_date(event)
        if own is not None:
            return own.interval
        if event.main or not event.background:
            return self.window()
        return None

    def window(self) -> tuple[str, str] | None:
        published = self.article.published
        if published is None:
            return None
        start = max(published, dt.date.min + dt.timedelta(days=WINDOW_DAYS)) - dt.timedelta(days=WINDOW_DAYS)
        return start.isoformat(), published.isoformat()

    def before_window(self, draft: Draft) -> bool:
        """The first event of its family dated before the days the report covers: something recalled."""
        own, window = self.own_date(draft), self.window()
        return own is not None and window is not None and own.interval[1] < window[0]

    def earlier_than(self, draft: Draft, main: Draft) -> bool:
        own, days = self.own_date(draft), self.days_of(main)
        return own is not None and days is not None and own.interval[1] < days[0]

    def own_date(self, draft: Draft) -> TimeMention | None:
        """The dated time expression the draft's own words give (its clauses, then its sentences)."""
        key = id(draft)
        if key not in self._own_date:
            self._own_date[key] = self.dated_near(draft.anchors, draft.aggregate)
        return self._own_date[key]

    def own_place(self, draft: Draft) -> PlaceMention | None:
        """A town or finer place tied to the draft's own words (for telling two events apart)."""
        key = id(draft)
        if key not in self._own_place:
            found = self.placed_near(draft.anchors, taken=[])
            fine = found is not None and taxonomy.PRECISION_RANK.get(found.precision, 9) <= taxonomy.PRECISION_RANK["city"]
            self._own_place[key] = found if fine and found.lat is not None else None
        return self._own_place[key]


WINDOW_DAYS = 7

# Words that make a trigger another event than the one told before.
SEPARATE_WORDS = {"another", "separate", "unrelated", "earlier", "previous", "prior", "similar"}

OTHER_ONE = {"another", "second", "third", "fourth", "fifth", "other"}

SEPARATE_NOUNS = {"incident", "case", "shooting", "attack", "strike", "event", "episode", "killing", "homicide", "raid"}

# Two towns this far apart are two events.
FAR_KM = 50.0


def tells_a_death(token: Token) -> bool:
    """ "died", "was pronounced dead", "found dead": a death told without an event word."""
    lemma = token.lemma_.lower()
    if lemma == "die" and token.pos_ == "VERB":
        return True
    return token.lower_ == "dead" and token.head.lemma_.lower() in {"pronounce", "find", "declare", "leave", "confirm", "be"}


def settled(rule: str) -> bool:
    """A sub-type the trigger's words decided, not the classifier or a family default."""
    return rule.startswith("trigger:")


def far_apart(a: PlaceMention, b: PlaceMention) -> bool:
    return distance(a, b) > FAR_KM
