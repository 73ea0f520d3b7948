"""The parse rules that fill an event's roles: agent and patient, clause, phrase, actor category.

Read off spaCy's dependency parse for :mod:`newsledger.extract.events`: who acts
and who or what undergoes it, for verbs and nominal triggers (light verbs
included: "carried out a strike"); the clause a trigger governs; a noun
phrase's extent; whether a noun refers back to a told event ("the strike") or
sums up many ("two dozen strikes"); ACLED's actor categories from an actor's
words. Hand-written: no packaged resource reads ACLED's roles off a parse.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger.extract.event_lexicon import (
    AGENT_VERBS,
    AGGREGATE_COUNT,
    CIVILIAN_WORDS,
    INSTRUMENTS,
    LIGHT_VERBS,
    MILITIA_WORDS,
    PEOPLE_NOUNS,
    PROTEST_WORDS,
    REBEL_WORDS,
    RIOT_WORDS,
    STATE_WORDS,
    VESSELS,
)
from newsledger.nlp import doc_text


def verb_is(token: Token, lemmas: set[str]) -> bool:
    """Lemma match that survives the lemmatizer's slips ("staged" -> "stag")."""
    if token.lemma_.lower() in lemmas:
        return True
    lower = token.lower_
    for ending in ("ed", "d", "es", "s", "ing"):
        if lower.endswith(ending) and lower[: -len(ending)] in lemmas:
            return True
    return False


def is_threat(subtype: str) -> bool:
    """Sub-types that are themselves about the future (none yet: threats are not coded)."""
    return False


def is_reference(token: Token) -> bool:
    """A definite noun pointing back to a told event: "the strike", "these attacks"."""
    if token.pos_ not in {"NOUN", "PROPN"}:
        return False
    determiners = [c for c in token.children if c.dep_ in {"det", "poss"}]
    return bool(determiners) and determiners[0].lower_ in {"the", "this", "that", "these", "those", "its", "their"}


def is_plural(token: Token) -> bool:
    return token.tag_ in {"NNS", "NNPS"}


def is_attempt(token: Token) -> bool:
    head = token.head
    return head.lemma_ in {"try", "attempt", "fail"} and token.dep_ == "xcomp"


def is_aggregate(token: Token) -> bool:
    """A summary of many events: "two dozen strikes", "months of deadly strikes".

    Two bombs going off together are one incident: a count makes a summary
    only when it is large (ten or more, "dozens") and counts events, not the
    weapons of one event.
    """
    from newsledger.extract.casualties import parse_number

    if token.pos_ == "NOUN" and token.tag_ == "NNS" and token.lemma_.lower() not in INSTRUMENTS:
        for child in token.children:
            if child.lower_ in {"dozens", "hundreds", "scores", "numerous", "repeated", "multiple", "series"}:
                return True
            if child.dep_ in {"nummod", "quantmod", "compound"} and child.like_num or child.dep_ == "nummod":
                words = " ".join(t.text for t in child.subtree)
                number = parse_number(words)
                if number is not None and number >= AGGREGATE_COUNT:
                    return True
        if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_ in {"month", "week", "year", "series", "wave", "campaign", "string", "spate", "dozen"}:
            return True
    return False


def has_object(token: Token) -> bool:
    return any(c.dep_ in {"dobj", "nsubjpass", "pobj", "attr"} for c in token.children) or token.dep_ == "amod" or any(
        c.dep_ == "auxpass" for c in token.children
    )


def object_is_vessel(token: Token) -> bool:
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "pobj"}]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    if token.dep_ in {"acl", "relcl"}:
        objects.append(token.head)
    for obj in objects:
        words = {t.lower_ for t in obj.subtree}
        if words & VESSELS:
            return True
        # "a third": an elided vessel from a coordinated clause ("seized a tanker ... and pursued a third").
        if obj.pos_ in {"ADJ", "NUM"} or obj.lower_ in {"third", "second", "another", "one"}:
            return token.dep_ == "conj" and object_is_vessel(token.head)
    return False


def agent_and_patient(token: Token) -> tuple[Token | None, Token | None]:
    """Who acts and who or what undergoes it, for a verb or a nominal trigger."""
    if token.pos_ == "VERB":
        return _verb_roles(token)
    agent = patient = None
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            agent = next((g for g in child.children if g.dep_ == "pobj"), agent)
        elif child.dep_ == "prep" and child.lower_ in {"on", "against", "of", "at"} and patient is None:
            patient = next((g for g in child.children if g.dep_ == "pobj"), None)
        elif child.dep_ in {"poss"} or (child.dep_ in {"compound", "amod", "nmod"} and child.ent_type_ in {"GPE", "NORP", "ORG"}):
            agent = agent or child
    if agent is None and token.dep_ in {"dobj", "nsubjpass"} and verb_is(token.head, AGENT_VERBS):
        agent, _ = _verb_roles(token.head)
    if patient is None and token.dep_ == "dobj" and verb_is(token.head, LIGHT_VERBS):
        for prep in token.head.children:
            if prep.dep_ == "prep" and prep.lower_ in {"on", "against"}:
                patient = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return agent, patient


def _verb_roles(verb: Token) -> tuple[Token | None, Token | None]:
    agent = patient = None
    current = verb
    for _ in range(3):
        for child in current.children:
            if child.dep_ == "nsubj" and agent is None:
                agent = child
            elif child.dep_ == "agent":
                agent = next((g for g in child.children if g.dep_ == "pobj"), agent)
        if agent is not None or current.dep_ not in {"conj", "xcomp", "advcl"}:
            break
        current = current.head
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"} and patient is None:
            patient = child
    if patient is None:
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in {"on", "against", "at"}:
                patient = next((g for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"}), None)
                if patient is not None:
                    break
    if agent is not None and agent.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":
        agent = verb.head  # "strikes that killed": the noun the relative clause describes
    return agent, patient


def is_thing(token: Token) -> bool:
    """A struck or seized object rather than a party: a dock, a tanker, a building."""
    if token.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"}:
        return False
    return token.pos_ in {"NOUN", "ADJ", "NUM"} and token.lower_ not in PEOPLE_NOUNS


def phrase_chars(token: Token) -> tuple[int, int]:
    """A noun phrase's extent, without relative clauses and trailing prepositions."""
    keep = {token.i}
    for t in token.subtree:
        path = []
        node = t
        while node.i != token.i:
            path.append(node)
            node = node.head
        if any(n.dep_ in {"relcl", "acl", "appos", "punct", "cc", "conj"} or (n.dep_ == "prep" and n.lower_ != "of") for n in path):
            continue
        keep.add(t.i)
    doc = token.doc
    lo = min(keep)
    hi = max(keep)
    while lo < token.i and doc[lo].dep_ == "det" and doc[lo].lower_ in {"a", "an"}:
        lo += 1
    start = doc[lo].idx
    end = doc[hi].idx + len(doc[hi].text)
    return start, end


def head_phrase(token: Token) -> str:
    start, end = phrase_chars(token)
    text = doc_text(token.doc)[start:end]
    return text[4:] if text.lower().startswith("the ") else text


def clause_chars(token: Token) -> tuple[int, int]:
    """The clause a trigger belongs to: its own subtree if a verb, else its verb's."""
    node = token
    while node.pos_ not in {"VERB", "AUX"} and node.head.i != node.i:
        node = node.head
    left, right = node.left_edge, node.right_edge
    return left.idx, right.idx + len(right.text)


def actor_category(token: Token, label: str | None, text: str) -> str | None:
    """ACLED's actor categories from the words of the actor's phrase."""
    lower = text.lower()
    words = set(lower.replace("’s", "").replace("'s", "").split())
    if words & REBEL_WORDS or any(w in lower for w in REBEL_WORDS if " " in w or "-" in w):
        return "rebel group"
    if words & MILITIA_WORDS or any(w in lower for w in MILITIA_WORDS if " " in w):
        return "political militia"
    if words & PROTEST_WORDS:
        return "protesters"
    if words & RIOT_WORDS:
        return "rioters"
    if words & STATE_WORDS or any(w in lower for w in STATE_WORDS if " " in w):
        return "state forces"
    if label == "GPE":
        return "state forces"  # a country acting: its government and forces
    if words & CIVILIAN_WORDS:
        return "civilians"
    if label == "PERSON":
        return None
    return "external/other" if label in {"ORG", "NORP"} else None
