"""Events: what happened, who did it to whom, where, when, and how many died.

Each event mention starts from a trigger word (a verb or noun from the lexicon
in :mod:`newsledger.extract.event_rules`) and is filled from the dependency
parse and the other extractors' output:

- sub-type from the trigger's rule where the words decide it ("drone strike",
  "seized a tanker"), otherwise from the ACLED-trained classifier on the
  sentence (:func:`newsledger.extract.event_types.classify_subtypes`);
- actor1 (subject, passive agent, "by X", or the subject of a light verb:
  "the CIA carried out a strike"), actor2 (the victim or opponent), target (a
  thing struck or seized);
- location: the most specific place in the trigger's clause, else its
  sentence, else a coreferent mention's; never a guess beyond the text;
- date: a time expression in the clause or sentence, else a coreferent
  mention's, else the nearest earlier one in the paragraph (``inferred``);
- fatalities, injured, arrested from :mod:`newsledger.extract.casualties`;
- certainty, polarity and time status from the claim holding the trigger. A
  future or hypothetical mention ("strikes will follow") is a threat, not an
  event, and is dropped; a denied one is kept as denied.

Later definite references ("the strike", "the operation", "the dock blast")
join the event they refer to as ``mentions`` instead of making new events, and
quotes that speak of an event ("we hit the area") are linked as
``statements``. Hand-written: no packaged event extractor codes ACLED or PLOVER
with evidence offsets from spaCy parses.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from newsledger import taxonomy
from newsledger.extract import casualties
from newsledger.extract import event_rules as rules
from newsledger.extract.gazetteer import load_gazetteer
from newsledger.extract.registry import Extractor
from newsledger.nlp import doc_text, text_span
from newsledger.schema import (
    Actor,
    Article,
    Claim,
    Count,
    Entity,
    Event,
    EventDate,
    PlaceMention,
    Plover,
    Quote,
    TextSpan,
    TimeMention,
)

VERSION = "events.v2"
# Below this, the classifier doubts the trigger's family; above RE_FAMILY it names another.
FAMILY_DOUBT = 0.05
RE_FAMILY = 0.5


@dataclass
class _Draft:
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


def extract_events(
    doc: Doc,
    article: Article,
    entities: list[Entity],
    times: list[TimeMention],
    places: list[PlaceMention],
    quotes: list[Quote],
    claims: list[Claim],
) -> list[Event]:
    """Return the article's event mentions in text order."""
    context = _Context(doc, article, entities, times, places, quotes, claims)
    drafts: list[_Draft] = []
    for token in doc:
        match = context.matches.get(token.i)
        if match is None:
            continue
        quote = context.quote_holding(token.idx)
        plural_reference = rules.is_reference(token) and rules.is_plural(token)
        previous = context.antecedent(drafts, token, match.family, aggregate=None if quote else plural_reference)
        agent, _ = rules.agent_and_patient(token)
        caused_by = next((d for d in drafts if agent is not None and d.trigger.i == agent.i), None)
        if caused_by is None and agent is None and token.lemma_.lower() in casualties.OUTCOME_VERBS:
            # "A bomb exploded. Five people were killed.": the toll of the event just told.
            caused_by = context.just_told(drafts, token)
        if caused_by is not None:
            # "strikes that have killed 100 people": the killing is the strikes' outcome.
            caused_by.mentions.append(token)
            continue
        if previous is not None and rules.is_reference(token) and context.dated_apart(previous, token):
            previous = None  # "the December 31 attack" after Thursday's strike: another event
        if previous is not None and (rules.is_reference(token) or quote is not None):
            # "the strike", "the operation", or a quote speaking of it: the same event.
            if quote is not None and context.is_prospective(quote):
                continue  # "we're going to kill them": a threat, not about the event
            previous.mentions.append(token)
            if quote is not None and quote.id not in previous.statements:
                previous.statements.append(quote.id)
            continue
        if plural_reference and match.subtype is None:
            continue  # "the attacks" with nothing to point back to: too vague to code
        if quote is not None and quote.kind in {"direct", "floating"}:
            continue  # what someone said happened, with no event to attach it to
        subtype, rule = match.subtype, match.rule
        if subtype is None:
            subtype, rule = context.classify(token.sent, match.family, match.allowed)
        if subtype is None:
            continue
        drafts.append(
            _Draft(
                trigger=token,
                subtype=subtype,
                rule=rule,
                sentence=token.sent,
                attempted=match.attempted or rules.is_attempt(token),
                aggregate=rules.is_aggregate(token) or casualties.is_tally(token),
            )
        )
    events = []
    for draft in context.assemble(drafts):
        event = context.build(draft, len(events) + 1)
        if event is not None:
            events.append(event)
    return events


class _Context:
    """One article's parse and extractions, shared by the filling rules."""

    def __init__(self, doc, article, entities, times, places, quotes, claims) -> None:
        self.doc = doc
        self.article = article
        self.entities = entities
        self.times = times
        self.places = places
        self.quotes = quotes
        self.claims = claims
        self._classified: dict[int, list[tuple[str, float]]] = {}
        self._own_date: dict[int, TimeMention | None] = {}
        self._own_place: dict[int, PlaceMention | None] = {}
        self._lead_place: tuple[PlaceMention | None, str] | None = None
        self._scene: list[PlaceMention] | None = None
        self._dated: tuple[list[TimeMention], list[TimeMention]] | None = None
        # Every event word of the article, found once: the rules below ask often.
        self.matches = {t.i: m for t in doc if (m := rules.match_trigger(t) or _violence_noun(t)) is not None}

    def is_trigger(self, token: Token) -> bool:
        return token.i in self.matches

    # --- lookups ------------------------------------------------------------
    def quote_holding(self, char: int) -> Quote | None:
        holding = [q for q in self.quotes if q.content.start <= char < q.content.end]
        return min(holding, key=lambda q: q.content.end - q.content.start) if holding else None

    def claim_holding(self, char: int) -> Claim | None:
        holding = [c for c in self.claims if c.content.start <= char < c.content.end]
        return min(holding, key=lambda c: c.content.end - c.content.start) if holding else None

    def just_told(self, drafts: list[_Draft], token: Token) -> _Draft | None:
        """The violent event of this or the previous sentence in the paragraph, if any."""
        if not drafts:
            return None
        last = drafts[-1]
        if last.aggregate or taxonomy.family_of(last.subtype) != "attack":
            return None
        sent = token.sent
        previous = self.doc[sent.start - 1].sent if sent.start > 0 else None
        same_paragraph = "\n" not in doc_text(self.doc)[last.trigger.idx : token.idx]
        if same_paragraph and (last.sentence.start == sent.start or (previous is not None and last.sentence.start == previous.start)):
            return last
        return None

    def is_prospective(self, quote: Quote) -> bool:
        claim = next((c for c in self.claims if c.id == quote.claim_id), None)
        return claim is not None and claim.time_status in {"future", "hypothetical"}

    def antecedent(self, drafts: list[_Draft], token: Token, family: str, aggregate: bool | None = False) -> _Draft | None:
        """The latest event of the same family before ``token`` (one told with the same word
        first): a campaign for "the strikes".

        ``aggregate`` None takes either kind (a quote may speak of a campaign or one strike).
        """
        near = [
            d for d in reversed(drafts)
            if (aggregate is None or d.aggregate == aggregate) and taxonomy.family_of(d.subtype) == family
            and token.idx - d.trigger.idx < rules.COREFERENCE_WINDOW_CHARS
        ]
        if not near:
            return None
        # In reach: the first event the article told, and an event just told (this sentence or
        # the one before). "The airstrike" is the airstrike told before, not the attack recalled
        # in between; "the killing", paragraphs after an aside about another attack, the first.
        sent = token.sent

        def just_told(draft: _Draft) -> bool:
            told = max(draft.anchors, key=lambda t: t.i).sent
            return told.start == sent.start or (sent.start > 0 and self.doc[sent.start - 1].sent.start == told.start)

        first = near[-1]
        reach = [d for d in near if d is first or just_told(d)]
        lemma = token.lemma_.lower()
        same_word = next((d for d in reach if any(t.lemma_.lower() == lemma for t in d.anchors)), None)
        return same_word or reach[0]

    def classify(self, sent: Span, family: str, allowed: frozenset[str] | None = None) -> tuple[str | None, str]:
        """The classifier's best sub-type within the trigger's family.

        ``allowed`` (a trigger's ``TriggerMatch.allowed``), where given, holds the
        only sub-types the words leave open: the classifier chooses among them,
        inside the family or, when the sentence reads as another family, outside
        it ("shot" is never a rape, however the sentence scores).
        """
        from newsledger.extract.event_types import classify_subtypes

        if sent.start not in self._classified:
            self._classified[sent.start] = classify_subtypes([sent.text])[0]
        scores = self._classified[sent.start]
        if allowed is not None:
            scores = [(label, score) for label, score in scores if label in allowed]
        for label, score in scores:
            if taxonomy.family_of(label) == family:
                if score < FAMILY_DOUBT and scores and scores[0][1] >= RE_FAMILY:
                    # The words said "attack" but the sentence reads as something else
                    # ("relatives of a man who was shot protested"): trust the sentence.
                    return scores[0][0], f"classifier ({scores[0][1]:.2f}, over the trigger's family)"
                return label, f"classifier ({score:.2f})"
        default = taxonomy.FAMILY_DEFAULTS.get(family)
        if allowed is not None and default not in allowed:
            default = min((label for label in allowed if taxonomy.family_of(label) == family), default=None)
        return default, f"family default ({family})" if default else ""

    def span(self, start: int, end: int) -> TextSpan:
        return text_span(self.doc, start, end)

    def token_span(self, token: Token) -> TextSpan:
        return self.span(token.idx, token.idx + len(token.text))

    # --- one account per event ---------------------------------------------
    def assemble(self, drafts: list[_Draft]) -> list[_Draft]:
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
        events: list[_Draft] = []
        mains: dict[str, _Draft] = {}
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
            if not _settled(event.rule):
                settled = next((self.matches[t.i] for t in event.mentions if t.i in self.matches
                                and self.matches[t.i].subtype is not None and _settled(self.matches[t.i].rule)), None)
                if settled is not None and taxonomy.family_of(settled.subtype) == taxonomy.family_of(event.subtype):
                    event.subtype, event.rule = settled.subtype, settled.rule
        return self.with_tallies(events, mains.get("attack"))

    def with_tallies(self, events: list[_Draft], main: _Draft | None) -> list[_Draft]:
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
            added.append(_Draft(token, main.subtype, "tally: a running total", token.sent, aggregate=True))
            told.add(token.sent.start)
        return sorted(events + added, key=lambda d: d.trigger.i) if added else events

    def attach_outcomes(self, events: list[_Draft], main: _Draft | None) -> None:
        """ "He died at the hospital", "was pronounced dead": the toll of the violent event told last."""
        violent = [e for e in events if not e.aggregate and taxonomy.family_of(e.subtype) == "attack"]
        if not violent:
            return
        for token in self.doc:
            if self.is_trigger(token) or not _tells_a_death(token) or self.quote_holding(token.idx) is not None:
                continue
            before = [e for e in violent if e.trigger.i < token.i]
            if not before:
                continue
            latest = max(before, key=lambda e: max(t.i for t in e.anchors))
            if latest.background and not self.follows(latest, _Draft(token, latest.subtype, "", token.sent)) and main is not None:
                latest = main
            latest.outcomes.append(token)

    def joins(self, draft: _Draft, events: list[_Draft], main: _Draft | None) -> _Draft | None:
        family = taxonomy.family_of(draft.subtype)
        own_date = self.own_date(draft)
        own_place = self.own_place(draft)
        for event in reversed(events):
            if event.aggregate or taxonomy.family_of(event.subtype) != family or event.attempted != draft.attempted:
                continue
            if self.contradicts(event, own_date, own_place):
                continue
            if event is main or own_date is not None or self.follows(event, draft):
                return event
        return None

    def merge(self, event: _Draft, draft: _Draft) -> None:
        """``draft``'s words become mentions of ``event``; a sub-type the words settle wins over a guess."""
        event.mentions.extend(t for t in draft.anchors if t.i != event.trigger.i and t not in event.mentions)
        event.statements.extend(q for q in draft.statements if q not in event.statements)
        if not _settled(event.rule) and _settled(draft.rule):
            event.subtype, event.rule = draft.subtype, draft.rule
        self._own_date.pop(id(event), None)
        self._own_place.pop(id(event), None)

    def dated_apart(self, draft: _Draft, token: Token) -> bool:
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
        return mine.interval[1] < theirs.interval[0] or mine.interval[0] > theirs.interval[1]

    def says_another(self, draft: _Draft) -> bool:
        """ "another shooting", "a separate attack", "in an unrelated incident": not the event told before."""
        trigger = draft.trigger
        words = [c for c in trigger.children if c.dep_ in {"det", "amod"}]
        if any(w.lower_ in SEPARATE_WORDS for w in words):
            return True
        _, patient = rules.agent_and_patient(trigger)
        if patient is not None and rules.is_thing(patient) and (
            patient.lower_ in OTHER_ONE or any(c.lower_ in OTHER_ONE for c in patient.children if c.dep_ in {"det", "amod"})
        ):
            return True  # "seized a tanker ... and pursued a third": another vessel, another event
        sent = trigger.sent
        first = next((t for t in sent if self.is_trigger(t)), None)
        if first is None or first.i != trigger.i:
            return False
        return any(t.lower_ in {"separate", "unrelated"} and t.head.lemma_.lower() in SEPARATE_NOUNS for t in sent)

    def follows(self, event: _Draft, draft: _Draft) -> bool:
        """``draft`` is in the sentence of ``event``'s last words or the next one."""
        last = max(event.anchors, key=lambda t: t.i)
        sent = draft.trigger.sent
        if last.sent.start == sent.start:
            return True
        return sent.start > 0 and self.doc[sent.start - 1].sent.start == last.sent.start

    def contradicts(self, event: _Draft, own_date: TimeMention | None, own_place: PlaceMention | None) -> bool:
        if own_date is not None:
            days = self.days_of(event)
            if days is not None and (own_date.interval[1] < days[0] or own_date.interval[0] > days[1]):
                return True
        if own_place is not None:
            theirs = self.own_place(event)
            if theirs is not None and _far_apart(theirs, own_place):
                return True
        return False

    def days_of(self, event: _Draft) -> tuple[str, str] | None:
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

    def before_window(self, draft: _Draft) -> bool:
        """The first event of its family dated before the days the report covers: something recalled."""
        own, window = self.own_date(draft), self.window()
        return own is not None and window is not None and own.interval[1] < window[0]

    def earlier_than(self, draft: _Draft, main: _Draft) -> bool:
        own, days = self.own_date(draft), self.days_of(main)
        return own is not None and days is not None and own.interval[1] < days[0]

    def own_date(self, draft: _Draft) -> TimeMention | None:
        """The dated time expression the draft's own words give (its clauses, then its sentences)."""
        key = id(draft)
        if key not in self._own_date:
            self._own_date[key] = self.dated_near(draft.anchors, draft.aggregate)
        return self._own_date[key]

    def own_place(self, draft: _Draft) -> PlaceMention | None:
        """A town or finer place tied to the draft's own words (for telling two events apart)."""
        key = id(draft)
        if key not in self._own_place:
            found = self.placed_near(draft.anchors, taken=[])
            fine = found is not None and taxonomy.PRECISION_RANK.get(found.precision, 9) <= taxonomy.PRECISION_RANK["city"]
            self._own_place[key] = found if fine and found.lat is not None else None
        return self._own_place[key]

    # --- assembling ---------------------------------------------------------
    def build(self, draft: _Draft, number: int) -> Event | None:

        trigger = draft.trigger
        claim = self.claim_holding(trigger.idx)
        certainty = claim.certainty if claim else "asserted"
        polarity = claim.polarity if claim else "positive"
        time_status = claim.time_status if claim else "past"
        if time_status in {"future", "hypothetical"} and not rules.is_threat(draft.subtype):
            return None  # "land strikes will soon follow": a threat, not a strike
        sentence = draft.sentence
        evidence = text_span(self.doc, sentence.start_char, sentence.end_char, trim=True)
        actor1, actor2, target = self.participants(trigger, draft)
        location, place_rule = self.location(trigger, draft, [actor1, actor2])
        date, date_rule = self.date(trigger, draft)
        counts, count_rules = self.counts(trigger, draft)
        field_rules = {"location": place_rule, "date": date_rule, **count_rules}
        code = taxonomy.plover_of(draft.subtype)
        return Event(
            id=f"V{number}",
            type=taxonomy.event_type_of(draft.subtype),
            subtype=draft.subtype,
            plover=Plover(code.event, code.mode) if code else None,
            trigger=self.token_span(trigger),
            evidence=evidence,
            actor1=actor1,
            actor2=actor2,
            target=target,
            location=location,
            date=date,
            fatalities=counts.get("fatalities"),
            injured=counts.get("injured"),
            arrested=counts.get("arrested"),
            certainty=certainty,
            polarity=polarity,
            time_status=time_status,
            claim_id=claim.id if claim else None,
            aggregate=draft.aggregate,
            attempted=draft.attempted,
            background=draft.background,
            subtype_rule=draft.rule,
            field_rules={k: v for k, v in field_rules.items() if v},
            mentions=[self.token_span(t) for t in draft.mentions],
            statements=list(draft.statements),
        )

    # --- who ----------------------------------------------------------------
    def participants(self, trigger: Token, draft: _Draft) -> tuple[Actor | None, Actor | None, TextSpan | None]:
        agent_token, patient_token = rules.agent_and_patient(trigger)
        if agent_token is not None and (self.is_trigger(agent_token) or agent_token.ent_type_ in {"DATE", "TIME"}):
            agent_token = None  # "drone strikes hit ...", "Monday's attack": no party named
        actor1 = self.actor(agent_token) if agent_token is not None else None
        if actor1 is None:
            for mention in draft.mentions:
                agent, _ = rules.agent_and_patient(mention)
                if agent is not None and not self.is_trigger(agent) and self.quote_holding(mention.idx) is None:
                    actor1 = self.actor(agent)
                    if actor1 is not None:
                        break
        actor2 = target = None
        if patient_token is not None:
            if rules.is_thing(patient_token):
                start, end = rules.phrase_chars(patient_token)
                target = self.span(start, end)
            else:
                actor2 = self.actor(patient_token)
        family = taxonomy.family_of(draft.subtype)
        if actor1 is not None and family == "protest" and actor1.category not in {"state forces"}:
            # ACLED codes whoever demonstrates as protesters (rioters once violent).
            crowd = "rioters" if draft.subtype in {taxonomy.VIOLENT_DEMO, taxonomy.MOB} else "protesters"
            actor1 = replace(actor1, category=crowd)
        if actor1 is not None and actor1.country_code is None:
            country = self.country_from_mentions(draft)
            if country is None and actor1.category == "state forces":
                country = self.country_before(actor1)
            if country:
                actor1 = replace(actor1, country_code=country)
        return actor1, actor2, target

    def actor(self, token: Token) -> Actor | None:
        start, end = rules.phrase_chars(token)
        mention = self.span(start, end)
        entity = next(
            (e for e in self.entities if e.start >= start and e.end <= end and e.label in {"PERSON", "ORG", "GPE", "NORP"}
             and e.start <= token.idx < e.end),
            None,
        ) or next((e for e in self.entities if e.start >= start and e.end <= end and e.label in {"ORG", "GPE", "PERSON"}), None)
        canonical = entity.canonical if entity else rules.head_phrase(token)
        category = rules.actor_category(token, entity.label if entity else None, mention.text)
        country = self.country_in(start, end, entity)
        return Actor(mention, canonical, entity.id if entity else None, category, country)

    def country_in(self, start: int, end: int, entity: Entity | None) -> str | None:
        """A country named inside the actor's phrase ("U.S. forces", "Iran")."""
        for place in self.places:
            if start <= place.start and place.end <= end and place.precision == "country":
                return place.country_code
        for e in self.entities:
            if start <= e.start and e.end <= end and e.label == "NORP":
                code = load_gazetteer().demonym_country(e.text)
                if code:
                    return code
        return None

    def country_from_mentions(self, draft: _Draft) -> str | None:
        """A country modifying a later mention ("the first known U.S. operation")."""
        for mention in draft.mentions:
            if mention.pos_ not in {"NOUN", "PROPN"}:
                continue
            for child in mention.children:
                if child.dep_ not in {"compound", "amod", "nmod", "poss"}:
                    continue
                start, end = rules.phrase_chars(child)
                code = self.country_in(start, end, None)
                if code:
                    return code
        return None

    def country_before(self, actor: Actor) -> str | None:
        """For state forces named without a country ("the Coast Guard"): the country
        named last before them in their sentence ("the United States ... after the
        Coast Guard seized ...")."""
        span = self.doc.char_span(actor.mention.start, actor.mention.end, alignment_mode="expand")
        if span is None:
            return None
        sent = span.sent
        before = [
            p for p in self.places
            if sent.start_char <= p.start < actor.mention.start and p.precision == "country"
        ]
        return before[-1].country_code if before else None

    # --- where --------------------------------------------------------------
    def location(self, trigger: Token, draft: _Draft, actors: list[Actor | None]) -> tuple[PlaceMention | None, str]:
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
            refine = own is not None and lead_rule == "dateline" and _coarser(own, lead) and _within(lead, own)
            if lead is not None and (own is None or refine):
                own, rule = lead, (lead_rule if own is None else f"{lead_rule}, inside {own.name}")
        return own, rule

    def placed_near(self, anchors: list[Token], taken: list[tuple[int, int]], first_only: bool = False) -> PlaceMention | None:
        """The place tied to the first of ``anchors`` that has one, made finer by a later anchor's
        place inside it (``first_only``: never)."""
        candidates = [p for p in self.scene_places() if not any(s <= p.start < e for s, e in taken)]
        chosen: PlaceMention | None = None
        own = frozenset(t.i for t in anchors)
        at_sea = bool(anchors) and any(t.lower_ in rules.VESSELS for t in anchors[0].sent)

        def rank(place: PlaceMention) -> float:
            return _scene_rank(place, at_sea)

        for anchor in anchors:
            if self.in_speech(anchor.idx):
                continue
            clause = rules.clause_chars(anchor)
            inside = [p for p in candidates if clause[0] <= p.start and p.end <= clause[1] and self.tied(anchor, p.start, own)]
            if not inside and self.events_in_sentence(anchor.sent) <= 1:
                sent = anchor.sent
                inside = [p for p in candidates if sent.start_char <= p.start and p.end <= sent.end_char]
            if not inside:
                continue
            best = min(inside, key=lambda p: (rank(p), abs(p.start - anchor.idx)))
            if chosen is None:
                chosen = best
                if first_only:
                    break
            elif rank(best) < rank(chosen) and _within(best, chosen):
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
            head.lower_ in rules.STATE_WORDS or head.lemma_.lower() in rules.STATE_WORDS
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
    def date(self, trigger: Token, draft: _Draft) -> tuple[EventDate | None, str]:
        """The event's date and the rule that chose it.

        Its own words' dated expression; else the nearest earlier date of the
        paragraph (``inferred``); for the event the article leads with, else
        the lead's date when it falls in the days before publication; else those days themselves
        (the publication window, ``inferred``).
        """
        own = self.own_date(draft)
        if own is not None:
            return _event_date(own, False), "its own words"
        window = self.window()
        dated = [t for t in self.times if t.interval is not None and not self.in_speech(t.start)]
        paragraph_start = doc_text(self.doc).rfind("\n", 0, trigger.idx) + 1
        earlier = [
            t for t in dated
            if paragraph_start <= t.start < trigger.idx and not self.is_stamp(t) and not CLOCK_ONLY.match(t.text)
        ]
        if earlier and (not draft.main or window is None or _inside(earlier[-1].interval, window)):
            return _event_date(earlier[-1], True), "the paragraph before"
        if draft.lead and window is not None:
            lead = next(
                (t for t in dated if t.start <= LEAD_CHARS and t.precision in DAY_PRECISIONS
                 and _inside(t.interval, window) and not self.is_stamp(t) and not CLOCK_ONLY.match(t.text)),
                None,
            )
            if lead is not None:
                return _event_date(lead, True), "the lead"
        if window is not None:
            return EventDate(None, None, None, None, "unknown", window, True), "the days before publication"
        return None, ""

    def dated_near(self, anchors: list[Token], aggregate: bool) -> TimeMention | None:
        """A dated expression in an anchor's clause (for a campaign also a vague one), else in its
        sentence; a time of day alone ("at 7:08") only when no anchor has a day."""
        if self._dated is None:
            dated = [t for t in self.times if t.interval is not None and not self.in_speech(t.start) and not self.is_stamp(t)]
            self._dated = ([t for t in dated if not CLOCK_ONLY.match(t.text)], dated)
        days, dated = self._dated
        return self._dated_near(anchors, days, aggregate) or self._dated_near(anchors, dated, aggregate)

    def _dated_near(self, anchors: list[Token], dated: list[TimeMention], aggregate: bool) -> TimeMention | None:
        own = frozenset(t.i for t in anchors)
        for anchor in anchors:
            if self.in_speech(anchor.idx):
                continue
            clause = rules.clause_chars(anchor)
            sent = anchor.sent
            vague = [t for t in self.times if not self.in_speech(t.start)] if aggregate else []
            pools = [(dated, clause), (vague, clause), (dated, (sent.start_char, sent.end_char))]
            for pool, (lo, hi) in pools:
                inside = [t for t in pool if lo <= t.start and t.end <= hi and self.tied(anchor, t.start, own)]
                if inside:
                    best = min(inside, key=lambda t: abs(t.start - anchor.idx))
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

    # --- how many -----------------------------------------------------------
    def counts(self, trigger: Token, draft: _Draft) -> tuple[dict[str, Count], dict[str, str]]:
        """Killed, injured and arrested from the event's own words, and the rule for each.

        The first figure tied to one of its mentions, in text order; a figure
        that is a running total ("bringing the toll to 64") is never one (see
        :func:`casualties.counts_near`).
        """
        found: dict[str, Count] = {}
        chosen: dict[str, str] = {}
        for order, anchor in enumerate(draft.anchors):
            is_trigger = lambda t, own=anchor: t.i != own.i and self.is_trigger(t)
            for kind, count in casualties.counts_near(anchor, is_trigger, tallies=draft.aggregate).items():
                if kind not in found:
                    found[kind] = count
                    chosen[kind] = "its own words" if order == 0 else f"its mention {anchor.text!r}"
        if not draft.aggregate:
            for kind, count in self.counts_after(trigger).items():
                if kind not in found:
                    found[kind] = count
                    chosen[kind] = "the next sentence"
        for outcome in draft.outcomes:
            if "fatalities" in found:
                break
            count = casualties.counts_near(outcome, self.is_trigger).get("fatalities")
            if count is not None:
                found["fatalities"] = count
                chosen["fatalities"] = f"a later sentence ({outcome.text!r})"
        if "injured" not in found and taxonomy.family_of(draft.subtype) == "attack" and not draft.aggregate:
            shot = self.shot_survivors(draft, found.get("fatalities"))
            if shot is not None:
                found["injured"] = shot
                chosen["injured"] = "shot and not said to have died"
        return found, chosen

    def shot_survivors(self, draft: _Draft, killed: Count | None) -> Count | None:
        """The people shot, less those killed, when the article counts the shot and no one hurt.

        "A girl was shot while sleeping" is one injured; "four people were
        shot, one fatally" three; "a man was shot and killed" none.
        """
        for anchor in draft.anchors:
            if anchor.lemma_.lower() != "shoot" or anchor.pos_ != "VERB":
                continue
            victim = next((c for c in anchor.children if c.dep_ in {"nsubjpass", "dobj"}), None)
            if victim is None:
                continue
            count = casualties.count_of(victim)
            if count is None or count.min is None or count.min != count.max:
                continue
            dead = killed.min if killed is not None and killed.min == killed.max else 0
            if killed is not None and killed.min != killed.max:
                return None
            if count.min > (dead or 0):
                left = count.min - (dead or 0)
                return Count(left, left, count.text, count.start, count.end)
            return None
        return None

    def counts_after(self, trigger: Token) -> dict[str, Count]:
        """Figures in the next sentence of the paragraph when it tells no other event:
        "A car bomb exploded on Monday. Three fatalities were reported."."""
        sent = trigger.sent
        if sent.end >= len(self.doc) or "\n" in self.doc[sent.end - 1].whitespace_ + self.doc[sent.end].text:
            return {}
        following = self.doc[sent.end].sent
        if any(self.is_trigger(t) and t.lemma_.lower() not in casualties.OUTCOME_VERBS for t in following):
            return {}
        found: dict[str, Count] = {}
        for token in following:
            if token.lemma_.lower() in casualties.FATAL | casualties.INJURE:
                for kind, count in casualties.counts_near(token, lambda t: False).items():
                    found.setdefault(kind, count)
        return found


# --- the rules' words and small helpers --------------------------------------------------------

WINDOW_DAYS = 7
# The lead: what a reporter puts first (dateline, first paragraph or two).
LEAD_CHARS = 1000
DAY_PRECISIONS = {"day"}
# Words that make a trigger another event than the one told before.
SEPARATE_WORDS = {"another", "separate", "unrelated", "earlier", "previous", "prior", "similar"}
OTHER_ONE = {"another", "second", "third", "fourth", "fifth", "other"}
SEPARATE_NOUNS = {"incident", "case", "shooting", "attack", "strike", "event", "episode", "killing", "homicide", "raid"}
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
# Two towns this far apart are two events.
FAR_KM = 50.0
# How far from a county's centre its towns may lie.
COUNTY_KM = 60.0


# Nouns that name one violent event ("a shooting on Brewer Avenue", "the stabbing"); the
# sub-type is left to the classifier within the attack family.
SHOOTING_KINDS = frozenset({taxonomy.ATTACK, taxonomy.CLASH})
VIOLENCE_NOUNS = {"shooting", "stabbing", "homicide", "slaying", "gunfire", "murder-suicide", "shootout", "gunfight"}


def _violence_noun(token: Token) -> rules.TriggerMatch | None:
    if token.pos_ != "NOUN" or token.lower_.rstrip("s") not in VIOLENCE_NOUNS and token.lower_ not in VIOLENCE_NOUNS:
        return None
    if token.dep_ == "compound" and token.head.lower_ in {"range", "gallery", "victim", "victims", "suspect", "suspects", "investigation"}:
        return None  # "a shooting range"; "shooting victim" still tells the shooting
    return rules.TriggerMatch("attack", None, f"trigger: {token.lower_}", allowed=SHOOTING_KINDS)


def _tells_a_death(token: Token) -> bool:
    """ "died", "was pronounced dead", "found dead": a death told without an event word."""
    lemma = token.lemma_.lower()
    if lemma == "die" and token.pos_ == "VERB":
        return True
    return token.lower_ == "dead" and token.head.lemma_.lower() in {"pronounce", "find", "declare", "leave", "confirm", "be"}


def _settled(rule: str) -> bool:
    """A sub-type the trigger's words decided, not the classifier or a family default."""
    return rule.startswith("trigger:")


def _event_date(time: TimeMention, inferred: bool) -> EventDate:
    return EventDate(time.text, time.start, time.end, time.value, time.precision, time.interval, inferred)


def _inside(interval: tuple[str, str] | None, days: tuple[str, str]) -> bool:
    return interval is not None and days[0] <= interval[0] and interval[1] <= days[1]


def _distance(a: PlaceMention, b: PlaceMention) -> float:
    from newsledger.geodesy import distance_km

    return distance_km(a.lat, a.lon, b.lat, b.lon)


def _far_apart(a: PlaceMention, b: PlaceMention) -> bool:
    return _distance(a, b) > FAR_KM


def _scene_rank(place: PlaceMention, at_sea: bool) -> float:
    """Finest first; for an event about a boat, a sea or ocean before the state or country it
    lies off (a strike on a boat "in the Caribbean off Venezuela" happened at sea)."""
    if place.precision == "water" and at_sea:
        return 2.5
    return taxonomy.PRECISION_RANK.get(place.precision, 9)


def _coarser(a: PlaceMention, b: PlaceMention) -> bool:
    return taxonomy.PRECISION_RANK.get(a.precision, 9) > taxonomy.PRECISION_RANK.get(b.precision, 9)


def _within(town: PlaceMention, region: PlaceMention) -> bool:
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
    return region.precision == "admin2" and None not in (town.lat, region.lat) and _distance(town, region) <= COUNTY_KM


def _run(doc: Doc, article: Article, found) -> dict:
    return {"events": extract_events(
        doc, article, found["entities"], found["times"], found["places"], found["quotes"], found["claims"]
    )}


EXTRACTOR = Extractor(
    name="events", version=VERSION, needs=("entities", "times", "places", "quotes", "claims"), sets=("events",),
    run=_run,
)
