"""The event lexicon and the parse rules that fill an event's roles.

Trigger words map to a family (attack, protest, arrest, seizure, blockade,
sanctions, buildup, authorisation, looting, agreement) and, where the words
settle it, to a sub-type ("drone strike" -> Air/drone strike; "seized a
tanker" -> Vessel seizure). Where they do not ("attack", "killed"), the
sub-type is left to the classifier within the family. The helpers here read
roles off spaCy's dependency parse: agent and patient of verbs and of
nominal triggers (including light verbs: "carried out a strike"), the clause
a trigger governs, noun-phrase extents, actor categories in ACLED's terms.
Hand-written: the lexicon is the domain knowledge a tracker would check and
extend, and no packaged resource maps English triggers to ACLED sub-types.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.nlp import doc_text

# The sub-type names, families and place ranks are newsledger.taxonomy's.
from newsledger.taxonomy import (
    ABDUCTION,
    AGREEMENT,
    AIR,
    ARRESTS,
    AUTHORISATION,
    BLOCKADE,
    BUILDUP,
    CLASH,
    GRENADE,
    IED,
    INTERVENTION,
    LOOTING,
    PEACEFUL,
    SANCTIONS,
    SEIZURE,
    SEXUAL,
    SHELLING,
    SUICIDE,
    VIOLENT_DEMO,
)

COREFERENCE_WINDOW_CHARS = 4000
# A count of events this large is a summary, never one incident.
AGGREGATE_COUNT = 10
# Weapons counted in one incident ("two bombs exploded"), not events.
INSTRUMENTS = {"bomb", "missile", "rocket", "shell", "grenade", "mine", "drone", "explosive", "device"}

LABOUR_WORDS = {"general", "hunger", "labour", "labor", "national", "workers", "worker", "teachers", "doctors", "nurses", "transport", "trade"}
VESSELS = {"tanker", "tankers", "ship", "ships", "vessel", "vessels", "boat", "boats", "freighter", "yacht", "ferry", "trawler", "barge"}
DRONE_WORDS = {"drone", "drones", "air", "aerial", "airstrike", "airstrikes", "warplane", "warplanes", "jet", "jets", "helicopter", "uav"}
SHELL_WORDS = {"missile", "missiles", "rocket", "rockets", "artillery", "mortar", "mortars", "shell", "shells", "shelling"}
# Nouns that refer back to an event already told ("the operation").
GENERIC_REFERENCES = {"operation", "attack", "incident", "raid", "assault", "episode", "blast", "strike", "bombing"}
LIGHT_VERBS = {"carry", "conduct", "launch", "stage", "mount", "order", "execute", "perform", "hold", "make", "unleash"}
# Verbs whose subject is the agent of the event noun they take ("the U.S. instigated a blockade").
AGENT_VERBS = LIGHT_VERBS | {
    "oversee", "instigate", "impose", "begin", "start", "announce", "expand", "tighten", "extend",
    "approve", "enforce", "continue", "escalate", "intensify", "step", "lead", "organise", "organize",
    "call", "declare", "authorize", "authorise", "resume",
}
PEOPLE_NOUNS = {
    "people", "person", "civilians", "civilian", "residents", "villagers", "worshippers", "children", "women",
    "men", "students", "protesters", "demonstrators", "soldiers", "troops", "police", "officers", "fighters",
    "militants", "rebels", "insurgents", "gunmen", "journalist", "journalists", "photojournalist", "members",
    "crew", "passengers", "suspects", "suspect", "man", "woman", "boy", "girl", "smugglers", "traffickers",
}

STATE_WORDS = {
    "military", "army", "navy", "air force", "forces", "troops", "soldiers", "police", "coast guard", "guard",
    "cia", "government", "ministry", "department", "pentagon", "administration", "marines", "authorities",
    "security", "border", "intelligence", "regime", "officers", "special forces", "national guard",
}
REBEL_WORDS = {"rebels", "insurgents", "militants", "taliban", "isis", "isil", "al-qaeda", "al-shabaab", "boko haram", "jihadists", "houthis", "guerrillas"}
MILITIA_WORDS = {"militia", "militias", "gang", "cartel", "cartels", "tren de aragua"}
PROTEST_WORDS = {"protesters", "demonstrators", "marchers", "activists"}
RIOT_WORDS = {"rioters", "mob", "looters"}
CIVILIAN_WORDS = {"civilians", "people", "residents", "villagers", "worshippers", "children", "women", "students", "journalist", "journalists", "photojournalist", "passengers"}


@dataclass(frozen=True)
class TriggerMatch:
    family: str
    subtype: str | None  # None: the classifier decides within the family
    rule: str
    attempted: bool = False


def match_trigger(token: Token) -> TriggerMatch | None:
    """The event a word signals, or None. Only verbs and nouns trigger."""
    if token.pos_ not in {"VERB", "NOUN", "PROPN"} or token.ent_type_ in {"PERSON", "ORG", "GPE", "DATE"}:
        return None
    if token.lower_ == "according":
        return None  # "according to": attribution, not an accord
    lemma = token.lemma_.lower()
    lower = token.lower_
    near = {t.lower_ for t in token.children} | {token.head.lower_}
    if lemma == "strike" and token.pos_ == "NOUN" and _labour_strike(token):
        return TriggerMatch("protest", PEACEFUL, "trigger: labour strike")
    if (lemma == "gas" and any(c.lower_ == "tear" for c in token.children)) or lower in {"teargas", "tear-gas"}:
        return TriggerMatch("protest", INTERVENTION, "trigger: tear gas")
    if lemma in {"shell", "shells"} and any(c.lower_ in {"gas", "teargas"} for c in token.children):
        return TriggerMatch("protest", INTERVENTION, "trigger: tear gas shells")
    if lemma == "fire" and token.pos_ == "VERB" and (
        any(c.lower_ == "open" for c in token.ancestors) or any(c.lower_ in {"shots", "rounds", "bullets"} for c in token.children)
    ):
        return TriggerMatch("attack", None, "trigger: fired shots")
    if lemma == "open" and any(c.lemma_ == "fire" and c.dep_ == "dobj" for c in token.children):
        return TriggerMatch("attack", None, "trigger: opened fire")
    if lemma in {"strike", "airstrike"} or lower in {"airstrikes", "air-strike"}:
        if near & DRONE_WORDS or lemma == "airstrike":
            return TriggerMatch("attack", AIR, "trigger: drone/air strike")
        if near & SHELL_WORDS:
            return TriggerMatch("attack", SHELLING, "trigger: missile/rocket strike")
        if token.pos_ == "VERB" and not _has_object(token):
            return None  # "workers strike": a labour strike, not an attack
        return TriggerMatch("attack", AIR if token.pos_ == "NOUN" else None, "trigger: strike")
    if lemma in {"bomb", "bombing", "explosion", "blast", "explode", "detonate", "ied", "landmine", "mine"}:
        if "suicide" in near:
            return TriggerMatch("attack", SUICIDE, "trigger: suicide bomb")
        if near & DRONE_WORDS and lemma in {"bomb", "bombing"}:
            return TriggerMatch("attack", AIR, "trigger: aerial bombing")
        if lemma == "mine" and token.pos_ != "NOUN":
            return None
        return TriggerMatch("attack", IED, "trigger: bomb/explosion")
    if lemma in {"shell", "shelling", "bombard", "bombardment"} or (lemma in {"missile", "rocket"} and token.dep_ in {"nsubj", "dobj", "pobj"} and token.head.lemma_ in {"hit", "fire", "launch", "strike", "land"}):
        return TriggerMatch("attack", SHELLING, "trigger: shelling/missile")
    if lemma == "grenade":
        return TriggerMatch("attack", GRENADE, "trigger: grenade")
    if lemma in {"kill", "shoot", "stab", "massacre", "murder", "gun", "attack", "assassinate", "behead", "ambush", "poison", "execute"}:
        if lemma == "attack" and token.pos_ == "VERB" and not _has_object(token):
            return None
        if lemma == "execute" and not _has_object(token):
            return None
        return TriggerMatch("attack", None, f"trigger: {lemma}")
    if lemma in {"clash", "fight", "battle", "firefight", "skirmish"}:
        return TriggerMatch("attack", CLASH, f"trigger: {lemma}")
    if lemma in {"kidnap", "abduct", "abduction", "kidnapping"}:
        return TriggerMatch("attack", ABDUCTION, "trigger: abduction")
    if lemma in {"rape"}:
        return TriggerMatch("attack", SEXUAL, "trigger: sexual violence")
    if lemma in {"riot", "rioting"}:
        return TriggerMatch("protest", VIOLENT_DEMO, "trigger: riot")
    if lemma in {"protest", "demonstration", "demonstrate", "rally", "march", "sit-in"}:
        if lemma == "march" and token.ent_type_:
            return None
        if lemma == "protest" and token.pos_ == "VERB" and token.head.lemma_ in {"say"}:
            return None
        return TriggerMatch("protest", None, f"trigger: {lemma}")
    if lemma in {"arrest", "detain", "apprehend", "detention", "nab"} or (lemma == "round" and any(c.lower_ == "up" for c in token.children)):
        if token.pos_ == "NOUN" and (token.dep_ == "compound" or token.head.lemma_ in {"demand", "call", "seek", "order", "issue", "warrant", "urge"}):
            return None  # "arrest warrant", "demanded the arrest of": not an arrest made
        if lemma == "apprehend" and not any(c.dep_ in {"dobj", "nsubjpass"} and (c.ent_type_ == "PERSON" or c.lower_ in PEOPLE_NOUNS) for c in token.children):
            return None  # "apprehending trouble": anticipating, not arresting
        return TriggerMatch("arrest", ARRESTS, f"trigger: {lemma}")
    if lemma in {"loot", "looting", "ransack", "torch", "vandalise", "vandalize"}:
        return TriggerMatch("looting", LOOTING, f"trigger: {lemma}")
    if lemma in {"seize", "intercept", "board", "capture", "commandeer", "interdict", "seizure", "interdiction"}:
        if _object_is_vessel(token):
            return TriggerMatch("seizure", SEIZURE, f"trigger: {lemma} vessel")
        return None
    if lemma in {"pursue", "chase", "tail"} and _object_is_vessel(token):
        return TriggerMatch("seizure", SEIZURE, f"trigger: {lemma} vessel (attempt)", attempted=True)
    if lemma == "blockade":
        return TriggerMatch("blockade", BLOCKADE, "trigger: blockade")
    if lemma in {"sanction"} and token.pos_ in {"NOUN", "VERB"}:
        if token.pos_ == "NOUN" and token.dep_ in {"amod", "compound"}:
            return None  # "sanctioned countries", "sanctions policy": a description, not an act
        if token.pos_ == "VERB" and token.tag_ == "VBN" and token.dep_ == "amod":
            return None
        return TriggerMatch("sanctions", SANCTIONS, "trigger: sanctions")
    if lemma in {"buildup", "build-up", "deployment", "deploy", "mobilisation", "mobilization", "mobilize", "mobilise"}:
        return TriggerMatch("buildup", BUILDUP, f"trigger: {lemma}")
    if lemma in {"authorize", "authorise"} and _has_object(token):
        return TriggerMatch("authorisation", AUTHORISATION, "trigger: authorisation")
    if lemma == "declare" and any(t.lower_ in {"war", "emergency", "martial", "curfew"} for t in token.subtree):
        return TriggerMatch("authorisation", AUTHORISATION, "trigger: declaration")
    if lemma in {"ceasefire", "truce", "accord"}:
        return TriggerMatch("agreement", AGREEMENT, f"trigger: {lemma}")
    if lemma in GENERIC_REFERENCES and is_reference(token):
        return TriggerMatch("attack", None, f"reference: {lemma}")
    if lemma == "hit" and token.pos_ == "VERB" and _has_object(token):
        return TriggerMatch("attack", None, "trigger: hit")
    return None


def _labour_strike(token: Token) -> bool:
    """ "workers went on strike", "a general strike": a stoppage, not an attack."""
    if token.head.lower_ == "on" and token.dep_ == "pobj":
        return True
    modifiers = {c.lower_ for c in token.children if c.dep_ in {"amod", "compound"}}
    return bool(modifiers & LABOUR_WORDS)


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


def _has_object(token: Token) -> bool:
    return any(c.dep_ in {"dobj", "nsubjpass", "pobj", "attr"} for c in token.children) or token.dep_ == "amod" or any(
        c.dep_ == "auxpass" for c in token.children
    )


def _object_is_vessel(token: Token) -> bool:
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
            return token.dep_ == "conj" and _object_is_vessel(token.head)
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
                patient = next((g for g in child.children if g.dep_ == "pobj"), None)
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
