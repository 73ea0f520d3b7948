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

VERSION = "events.v1"
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
    mentions: list[Token] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)


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
            subtype, rule = context.classify(token.sent, match.family)
        if subtype is None:
            continue
        drafts.append(
            _Draft(
                trigger=token,
                subtype=subtype,
                rule=rule,
                sentence=token.sent,
                attempted=match.attempted or rules.is_attempt(token),
                aggregate=rules.is_aggregate(token),
            )
        )
    events = []
    for draft in drafts:
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
        # Every event word of the article, found once: the rules below ask often.
        self.matches = {t.i: m for t in doc if (m := rules.match_trigger(t)) is not None}

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
        """The latest event of the same family before ``token``: a campaign for "the strikes".

        ``aggregate`` None takes either kind (a quote may speak of a campaign or one strike).
        """
        for draft in reversed(drafts):
            if aggregate is not None and draft.aggregate != aggregate:
                continue
            if taxonomy.family_of(draft.subtype) != family:
                continue
            if token.idx - draft.trigger.idx < rules.COREFERENCE_WINDOW_CHARS:
                return draft
        return None

    def classify(self, sent: Span, family: str) -> tuple[str | None, str]:
        """The classifier's best sub-type within the trigger's family."""
        from newsledger.extract.event_types import classify_subtypes

        if sent.start not in self._classified:
            self._classified[sent.start] = classify_subtypes([sent.text])[0]
        scores = self._classified[sent.start]
        for label, score in scores:
            if taxonomy.family_of(label) == family:
                if score < FAMILY_DOUBT and scores and scores[0][1] >= RE_FAMILY:
                    # The words said "attack" but the sentence reads as something else
                    # ("relatives of a man who was shot protested"): trust the sentence.
                    return scores[0][0], f"classifier ({scores[0][1]:.2f}, over the trigger's family)"
                return label, f"classifier ({score:.2f})"
        default = taxonomy.FAMILY_DEFAULTS.get(family)
        return default, f"family default ({family})" if default else ""

    def span(self, start: int, end: int) -> TextSpan:
        return text_span(self.doc, start, end)

    def token_span(self, token: Token) -> TextSpan:
        return self.span(token.idx, token.idx + len(token.text))

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
        location = self.location(trigger, draft, [actor1, actor2])
        date = self.date(trigger, draft)
        counts = self.counts(trigger, draft)
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
            subtype_rule=draft.rule,
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
    def location(self, trigger: Token, draft: _Draft, actors: list[Actor | None]) -> PlaceMention | None:
        """The most specific place in the event's clause (or its sentence, if it tells only this event)."""
        taken = [(a.mention.start, a.mention.end) for a in actors if a is not None]
        candidates = [
            p for p in self.places
            if not any(s <= p.start < e for s, e in taken) and not self.names_an_owner(p)
        ]
        for anchor in [trigger, *draft.mentions]:
            if self.quote_holding(anchor.idx) is not None:
                continue
            clause = rules.clause_chars(anchor)
            inside = [p for p in candidates if clause[0] <= p.start and p.end <= clause[1] and self.tied(anchor, p.start)]
            if not inside and self.events_in_sentence(anchor.sent) <= 1:
                sent = anchor.sent
                inside = [p for p in candidates if sent.start_char <= p.start and p.end <= sent.end_char]
            inside = [p for p in inside if not self.quote_holding(p.start)]
            if inside:
                return min(inside, key=lambda p: (taxonomy.PRECISION_RANK.get(p.precision, 9), abs(p.start - anchor.idx)))
        return None

    def tied(self, anchor: Token, char: int) -> bool:
        """A place or date at ``char`` belongs to this event, not to another event word between."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return False
        return casualties.tied(anchor, span[0], lambda t: t.i != anchor.i and self.is_trigger(t))

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
    def date(self, trigger: Token, draft: _Draft) -> EventDate | None:
        dated = [t for t in self.times if t.interval is not None and not self.quote_holding(t.start)]
        for anchor in [trigger, *draft.mentions]:
            if self.quote_holding(anchor.idx) is not None:
                continue
            clause = rules.clause_chars(anchor)
            sent = anchor.sent
            # A dated expression in its own clause, then (for a campaign) a vague one there
            # ("months of strikes"), then a dated one elsewhere in the sentence.
            pools = [(dated, clause), (self.times if draft.aggregate else [], clause), (dated, (sent.start_char, sent.end_char))]
            for pool, (lo, hi) in pools:
                inside = [
                    t for t in pool
                    if lo <= t.start and t.end <= hi and not self.quote_holding(t.start) and self.tied(anchor, t.start)
                ]
                if inside:
                    best = min(inside, key=lambda t: abs(t.start - anchor.idx))
                    return EventDate(best.text, best.start, best.end, best.value, best.precision, best.interval, False)
        # Nothing in its own sentences: the nearest earlier date in the paragraph, flagged.
        paragraph_start = doc_text(self.doc).rfind("\n", 0, trigger.idx) + 1
        earlier = [t for t in dated if paragraph_start <= t.start < trigger.idx]
        if earlier:
            best = earlier[-1]
            return EventDate(best.text, best.start, best.end, best.value, best.precision, best.interval, True)
        published = self.article.published
        if published is not None:
            week_before = (max(published, dt.date.min + dt.timedelta(days=7)) - dt.timedelta(days=7)).isoformat()
            return EventDate(None, None, None, None, "unknown", (week_before, published.isoformat()), True)
        return None

    # --- how many -----------------------------------------------------------
    def counts(self, trigger: Token, draft: _Draft) -> dict[str, Count]:
        found: dict[str, Count] = {}
        for anchor in [trigger, *draft.mentions]:
            is_trigger = lambda t, own=anchor: t.i != own.i and self.is_trigger(t)  # noqa: E731
            for kind, count in casualties.counts_near(anchor, is_trigger).items():
                found.setdefault(kind, count)
        if not draft.aggregate:
            for kind, count in self.counts_after(trigger).items():
                found.setdefault(kind, count)
        return found

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


def _run(doc: Doc, article: Article, found) -> dict:
    return {"events": extract_events(
        doc, article, found["entities"], found["times"], found["places"], found["quotes"], found["claims"]
    )}


EXTRACTOR = Extractor(
    name="events", version=VERSION, needs=("entities", "times", "places", "quotes", "claims"), sets=("events",),
    run=_run,
)
