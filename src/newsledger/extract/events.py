"""Events: what happened, who did it to whom, where, when, and how many died.

An article yields each real event once, with all the words that tell it. Every
trigger word (a verb or noun from the lexicon in
:mod:`newsledger.extract.event_rules`) is first a draft; drafts that tell one
event are merged and earlier events the article recalls are set apart as
background (:mod:`newsledger.extract.event_accounts`); then each event's
fields are read from all its words and the article's context:

- sub-type from the trigger's rule where the words decide it ("drone strike",
  "seized a tanker"), otherwise from the ACLED-trained classifier on the
  sentence (:func:`newsledger.extract.event_types.classify_subtypes`), limited
  to what the words allow (a shooting is never a rape);
- actor1 (subject, passive agent, "by X", or the subject of a light verb:
  "the CIA carried out a strike"), actor2 (the victim or opponent), target (a
  thing struck or seized);
- place and date (:mod:`newsledger.extract.event_fields`): what the event's
  own words give, else, for the event the article leads with, the dateline,
  the lead, or the days before publication (``inferred``);
- fatalities, injured, arrested from :mod:`newsledger.extract.casualties`,
  from any of the event's words, never a running total;
- certainty, polarity and time status from the claim holding the trigger. A
  future or hypothetical mention ("strikes will follow") is a threat, not an
  event, and is dropped; a denied one is kept as denied.

Every field's rule is in ``Event.field_rules``. Quotes that speak of an event
("we hit the area") are linked as ``statements``. Hand-written: no packaged
event extractor codes ACLED or PLOVER with evidence offsets from spaCy parses.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from newsledger import taxonomy
from newsledger.extract import casualties
from newsledger.extract import event_lexicon as lexicon
from newsledger.extract import event_roles as roles
from newsledger.extract import event_rules as rules
from newsledger.extract.event_accounts import Accounts, Draft
from newsledger.extract.event_fields import Fields
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
    drafts: list[Draft] = []
    for token in doc:
        match = context.matches.get(token.i)
        if match is None:
            continue
        quote = context.quote_holding(token.idx)
        plural_reference = roles.is_reference(token) and roles.is_plural(token)
        previous = context.antecedent(drafts, token, match.family, aggregate=None if quote else plural_reference)
        agent, _ = roles.agent_and_patient(token)
        caused_by = next((d for d in drafts if agent is not None and d.trigger.i == agent.i), None)
        if caused_by is None and agent is None and token.lemma_.lower() in casualties.OUTCOME_VERBS:
            # "A bomb exploded. Five people were killed.": the toll of the event just told.
            caused_by = context.just_told(drafts, token)
        if caused_by is not None:
            # "strikes that have killed 100 people": the killing is the strikes' outcome.
            caused_by.mentions.append(token)
            continue
        if previous is not None and roles.is_reference(token) and context.dated_apart(previous, token):
            previous = None  # "the December 31 attack" after Thursday's strike: another event
        if previous is not None and (roles.is_reference(token) or quote is not None):
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
            Draft(
                trigger=token,
                subtype=subtype,
                rule=rule,
                sentence=token.sent,
                attempted=match.attempted or roles.is_attempt(token),
                aggregate=roles.is_aggregate(token) or casualties.is_tally(token),
            )
        )
    events = []
    for draft in context.assemble(drafts):
        event = context.build(draft, len(events) + 1)
        if event is not None:
            events.append(event)
    return events


class _Context(Accounts, Fields):
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

    def just_told(self, drafts: list[Draft], token: Token) -> Draft | None:
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

    def antecedent(self, drafts: list[Draft], token: Token, family: str, aggregate: bool | None = False) -> Draft | None:
        """The latest event of the same family before ``token`` (one told with the same word
        first): a campaign for "the strikes".

        ``aggregate`` None takes either kind (a quote may speak of a campaign or one strike).
        """
        near = [
            d for d in reversed(drafts)
            if (aggregate is None or d.aggregate == aggregate) and taxonomy.family_of(d.subtype) == family
            and token.idx - d.trigger.idx < lexicon.COREFERENCE_WINDOW_CHARS
        ]
        if not near:
            return None
        # In reach: the first event the article told, and an event just told (this sentence or
        # the one before). "The airstrike" is the airstrike told before, not the attack recalled
        # in between; "the killing", paragraphs after an aside about another attack, the first.
        first = near[-1]
        reach = [d for d in near if d is first or self.follows(d, token)]
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

    # --- assembling ---------------------------------------------------------
    def build(self, draft: Draft, number: int) -> Event | None:

        trigger = draft.trigger
        claim = self.claim_holding(trigger.idx)
        certainty = claim.certainty if claim else "asserted"
        polarity = claim.polarity if claim else "positive"
        time_status = claim.time_status if claim else "past"
        if time_status in {"future", "hypothetical"} and not roles.is_threat(draft.subtype):
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
    def participants(self, trigger: Token, draft: Draft) -> tuple[Actor | None, Actor | None, TextSpan | None]:
        agent_token, patient_token = roles.agent_and_patient(trigger)
        if agent_token is not None and (self.is_trigger(agent_token) or agent_token.ent_type_ in {"DATE", "TIME"}):
            agent_token = None  # "drone strikes hit ...", "Monday's attack": no party named
        actor1 = self.actor(agent_token) if agent_token is not None else None
        if actor1 is None:
            for mention in draft.mentions:
                agent, _ = roles.agent_and_patient(mention)
                if agent is not None and not self.is_trigger(agent) and self.quote_holding(mention.idx) is None:
                    actor1 = self.actor(agent)
                    if actor1 is not None:
                        break
        actor2 = target = None
        if patient_token is not None:
            if roles.is_thing(patient_token):
                start, end = roles.phrase_chars(patient_token)
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
        start, end = roles.phrase_chars(token)
        mention = self.span(start, end)
        entity = next(
            (e for e in self.entities if e.start >= start and e.end <= end and e.label in {"PERSON", "ORG", "GPE", "NORP"}
             and e.start <= token.idx < e.end),
            None,
        ) or next((e for e in self.entities if e.start >= start and e.end <= end and e.label in {"ORG", "GPE", "PERSON"}), None)
        canonical = entity.canonical if entity else roles.head_phrase(token)
        category = roles.actor_category(token, entity.label if entity else None, mention.text)
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

    def country_from_mentions(self, draft: Draft) -> str | None:
        """A country modifying a later mention ("the first known U.S. operation")."""
        for mention in draft.mentions:
            if mention.pos_ not in {"NOUN", "PROPN"}:
                continue
            for child in mention.children:
                if child.dep_ not in {"compound", "amod", "nmod", "poss"}:
                    continue
                start, end = roles.phrase_chars(child)
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

    # --- how many -----------------------------------------------------------
    def counts(self, trigger: Token, draft: Draft) -> tuple[dict[str, Count], dict[str, str]]:
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

    def shot_survivors(self, draft: Draft, killed: Count | None) -> Count | None:
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


def _run(doc: Doc, article: Article, found) -> dict:
    return {"events": extract_events(
        doc, article, found["entities"], found["times"], found["places"], found["quotes"], found["claims"]
    )}


EXTRACTOR = Extractor(
    name="events", version=VERSION, needs=("entities", "times", "places", "quotes", "claims"), sets=("events",),
    run=_run,
)
