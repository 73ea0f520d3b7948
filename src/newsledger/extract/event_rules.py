"""Trigger rules: which words tell an event, of which family and, where the words settle it, which sub-type.

Trigger words map to a family (attack, protest, arrest, seizure, blockade,
sanctions, buildup, authorisation, looting, agreement, and "other" for the
strategic developments and territorial changes taxonomy files under no
family) and, where the words settle it, to one of ACLED's sub-types: "drone
strike" is an Air/drone strike, "shot dead" an Attack unless both sides fire
("exchanged fire", "shootout") or the victims are demonstrators, "took
control of the town after clashes" a Non-state actor overtakes territory,
"defused two IEDs" a Disrupted weapons use, "gathered to demand ... police
dispersed them" a Protest with intervention. Where they do not ("attack",
"killed"), the classifier chooses, but only among the sub-types the words
leave open (:attr:`TriggerMatch.allowed`: a killing is never a rape or an
abduction unless the sentence says so). The words the rules read are in
:mod:`newsledger.extract.event_lexicon`; the roles (agent, patient, clause,
actor category) are read by :mod:`newsledger.extract.event_roles`.
Hand-written: the rules are the domain knowledge a tracker would check and
extend, and no packaged resource maps English triggers to ACLED sub-types.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.extract.event_lexicon import (
    ABDUCTION_WORDS,
    ACCIDENT_WORDS,
    AIRCRAFT,
    ARMED_CONTEXT,
    ARMED_WORDS,
    BASE_NOUNS,
    BOMB_WORDS,
    CACHE_NOUNS,
    CHANGE,
    CIVILIAN_WORDS,
    CLASH_SIDES,
    CROWD_WORDS,
    DISRUPTED,
    DRONE_WORDS,
    EXPLOSIVE_NOUNS,
    FIGHT_WORDS,
    FIREARM_WORDS,
    GENERIC_REFERENCES,
    GOV_REGAINS,
    GOVERNMENT_WORDS,
    GROUP_NOUNS,
    HQ,
    INSTRUMENTS,
    INTERCEPTED,
    LABOUR_CONTEXT,
    LABOUR_WORDS,
    LOOSE_CROWD_WORDS,
    MILITARY_CONTEXT,
    MILITIA_WORDS,
    NAVAL_AIR_ASSETS,
    NONSTATE_TAKES,
    NONVIOLENT,
    NOT_A_CROWD,
    OTHER,
    PEACEFUL_WORDS,
    PEOPLE_NOUNS,
    PLACE_NOUNS,
    PROJECTILES,
    PROPERTY_WORDS,
    PROTEST_CONTEXT,
    PROTEST_WORDS,
    PURPOSE_VERBS,
    REBEL_WORDS,
    RIOT_WORDS,
    ROAD_NOUNS,
    SEXUAL_WORDS,
    SHELL_WORDS,
    STATE_WORDS,
    VESSELS,
    WEAPON_NOUNS,
)
from newsledger.extract.event_roles import (
    agent_and_patient,
    has_object,
    is_reference,
    object_is_vessel,
    verb_is,
)

# The sub-type names, families and place ranks are newsledger.taxonomy's.
from newsledger.taxonomy import (
    ABDUCTION,
    AGREEMENT,
    AIR,
    ARRESTS,
    ATTACK,
    AUTHORISATION,
    BLOCKADE,
    BUILDUP,
    CHEMICAL,
    CLASH,
    EXCESSIVE,
    GRENADE,
    IED,
    INTERVENTION,
    LOOTING,
    MOB,
    PEACEFUL,
    SANCTIONS,
    SEIZURE,
    SEXUAL,
    SHELLING,
    SUICIDE,
    VIOLENT_DEMO,
    family_of,
)


@dataclass(frozen=True)
class TriggerMatch:
    family: str
    subtype: str | None  # None: the classifier decides within the family
    rule: str
    attempted: bool = False
    # With subtype None: the only sub-types the words leave the classifier ("shot" is never a rape).
    allowed: frozenset[str] | None = None


def _settled(subtype: str, rule: str, attempted: bool = False) -> TriggerMatch:
    return TriggerMatch(family_of(subtype), subtype, rule, attempted)


def match_trigger(token: Token) -> TriggerMatch | None:
    """The event a word signals, or None. Only verbs and nouns trigger."""
    shouted = token.is_upper and len(token) > 3  # "SIX PEOPLE SHOT, ONE KILLED": the tagger reads capitals as names
    if token.pos_ not in {"VERB", "NOUN", "PROPN"} or (token.ent_type_ in {"PERSON", "ORG", "GPE", "DATE"} and not shouted):
        return None
    if token.lower_ == "according":
        return None  # "according to": attribution, not an accord
    lemma = _capitals_lemma(token.lower_) if shouted else token.lemma_.lower()
    for rules in (_weapon_rules, _violence_rules, _crowd_rules, _strategic_rules):
        found = rules(token, lemma)
        if found is not _NO_RULE:
            return found
    return None


def _capitals_lemma(lower: str) -> str:
    """A lemma for a word in capitals, which the lemmatizer leaves as it is."""
    irregular = {"shot": "shoot", "fought": "fight", "struck": "strike", "stabbed": "stab", "gunned": "gun"}
    if lower in irregular:
        return irregular[lower]
    for ending in ("ed", "s"):
        if lower.endswith(ending) and lower[: -len(ending)] in CAPITALS_LEMMAS:
            return lower[: -len(ending)]
    return lower


CAPITALS_LEMMAS = {"kill", "attack", "murder", "arrest", "protest", "clash", "riot", "loot", "bomb", "explode", "kidnap", "abduct"}


# A rule group's answer when none of its words is this one (None: its word, but no event).
_NO_RULE = TriggerMatch("", None, "")


def _weapon_rules(token: Token, lemma: str) -> TriggerMatch | None:
    """Strikes, bombs, shells, grenades, fire: what a weapon or its delivery settles."""
    lower = token.lower_
    near = {t.lower_ for t in token.children} | {token.head.lower_}
    if lemma == "strike" and token.pos_ == "NOUN" and _labour_strike(token):
        return _settled(PEACEFUL, "trigger: labour strike")
    crowd_control = (
        (lemma == "gas" and any(c.lower_ == "tear" for c in token.children)) or lower in {"teargas", "tear-gas"}
        or (lemma in {"shell", "shells"} and any(c.lower_ in {"gas", "teargas"} for c in token.children))
        or (lemma == "grenade" and near & {"stun", "flash", "smoke", "gas", "sound"})
    )
    if crowd_control:
        # Against a crowd it breaks up a protest; "tear gas to drive the suspect out" is no protest.
        if _words(_scene(token)) & (PROTEST_CONTEXT | CROWD_WORDS | RIOT_WORDS | {"crowd", "crowds", "gathering", "disperse", "dispersed", "people", "group", "streets"}):
            return _settled(INTERVENTION, "trigger: tear gas or stun grenades")
        return None
    if lemma == "fire" and token.pos_ == "VERB":
        return _fire(token)
    if lemma == "open" and any(c.lemma_ == "fire" and c.dep_ == "dobj" for c in token.children):
        return _shooting(token, "trigger: opened fire")
    if lemma in {"exchange", "trade", "return"} and any(c.lemma_.lower() in {"fire", "gunfire", "shot", "bullet"} and c.dep_ == "dobj" for c in token.children):
        return _settled(CLASH, "trigger: exchange of fire")
    if lemma in {"shootout", "shoot-out", "gunfight", "firefight", "crossfire", "gunbattle"} or (lemma == "battle" and "gun" in near):
        return _settled(CLASH, f"trigger: {lemma}")
    if lemma in {"strike", "airstrike"} or lower in {"airstrikes", "air-strike"}:
        return _strike(token, lemma, near)
    if lemma == "raid" and near & DRONE_WORDS:
        return _settled(AIR, "trigger: air raid")
    if lemma in {"bomb", "bombing", "explosion", "blast", "explode", "detonate", "ied", "landmine", "mine", "bomber", "vbied"}:
        return _explosive(token, lemma, near)
    if lemma == "drop" and token.pos_ == "VERB" and _agent_words(token) & DRONE_WORDS:
        return _settled(AIR, "trigger: dropped from the air")
    if lemma in {"shell", "shells"} and (near | _sentence_words(token)) & {"casing", "casings", "shotgun", "shotguns", "egg", "eggs"}:
        return None  # "shell casings" at a shooting
    if lemma in {"shell", "shelling", "bombard", "bombardment"} or (
        lemma in {"missile", "rocket", "mortar", "artillery"} and token.dep_ in {"nsubj", "dobj", "pobj"}
        and token.head.lemma_ in {"hit", "fire", "launch", "strike", "land", "slam", "rain"}
    ):
        if near & DRONE_WORDS:
            return _settled(AIR, "trigger: aerial bombardment")
        return _settled(SHELLING, "trigger: shelling/missile")
    if lemma == "grenade":
        return _settled(GRENADE, "trigger: grenade")
    return _NO_RULE


def _violence_rules(token: Token, lemma: str) -> TriggerMatch | None:
    """Shootings, killings, fights, abductions and rape: violence against people."""
    if lemma == "gun" and token.pos_ != "VERB":
        return None  # "gun violence", "the gun was recovered": a weapon, not an event
    if lemma in {"homicide", "slaying", "murder-suicide", "gunfire"} and token.pos_ in {"NOUN", "PROPN"}:
        if token.dep_ == "compound" or token.head.lemma_.lower() in {"detective", "detectives", "unit", "division", "investigator", "investigators"}:
            return None  # "homicide detectives": who investigates, not what happened
        return _shooting(token, f"trigger: {lemma}")
    if lemma in {"shoot", "shooting", "gun", "stab", "stabbing"}:
        if lemma == "shoot" and any(c.lower_ == "down" for c in token.children):
            return _downed(token)
        following = token.doc[token.i + 1 : token.i + 3]
        if lemma == "shoot" and len(following) == 2 and following[0].text == "-" and following[1].lower_ == "out":
            return _settled(CLASH, "trigger: shoot-out")
        if lemma == "shooting" and token.dep_ == "compound" and token.head.lemma_.lower() in {
            "range", "gallery", "star", "guard", "match", "competition", "club", "lesson", "victim", "suspect",
            "investigation", "investigator", "script", "sport", "practice",
        }:
            return None  # "shooting range", "shooting victim": a place or a person, the event told elsewhere
        return _shooting(token, f"trigger: {lemma}")
    if lemma == "down" and token.pos_ == "VERB":
        return _downed(token)
    if lemma in {"murder", "assassinate", "assassination", "massacre", "behead", "decapitate", "slay", "hack"}:
        if token.dep_ == "compound":
            return None  # "a murder victim", "the murder case": the murder is told elsewhere, if at all
        if lemma == "hack" and not any(t.lower_ == "death" for t in token.subtree):
            return None  # "hacked accounts": hacked to death only
        return _shooting(token, f"trigger: {lemma}")
    if (lemma == "lynch" or token.lower_ in {"lynching", "lynched"}) and token.text[:1].islower():
        return _settled(MOB, "trigger: lynching")
    if lemma in {"rape"} or verb_is(token, {"rape"}) or (
        lemma in {"assault", "abuse", "harass", "harassment", "violence", "molest"} and _sexual(token)
    ):
        return _settled(SEXUAL, "trigger: sexual violence")
    if lemma in {"kidnap", "abduct", "abduction", "kidnapping"} or (lemma == "hostage" and token.head.lemma_ in {"take", "hold", "seize"}):
        if any(c.dep_ == "conj" and c.lemma_.lower() in {"kill", "murder", "execute", "behead"} for c in token.children):
            return _settled(ATTACK, "trigger: abducted and killed")
        return _settled(ABDUCTION, "trigger: abduction")
    if lemma in {"kill", "attack", "ambush", "poison", "execute", "assault", "beat", "torture"}:
        return _attack(token, lemma)
    if lemma in {"clash", "fight", "fighting", "battle", "skirmish"}:
        return _clash(token, lemma)
    if (lemma == "offensive" and token.pos_ == "NOUN" and token.head.lemma_.lower() in {"engage", "launch", "mount", "begin", "start", "repel", "repulse"}) or (
        lemma in {"repel", "repulse"} and token.pos_ == "VERB"
    ):
        return _clash(token, lemma)
    return _NO_RULE


def _crowd_rules(token: Token, lemma: str) -> TriggerMatch | None:
    """Protests, riots, arrests and looting: crowds and the authorities that meet them."""
    if lemma in {"riot", "rioting"}:
        if token.dep_ == "compound" or token.head.lemma_ in {"gear", "police", "shield"}:
            return None  # "riot police": the force that meets a riot, not one
        return _settled(VIOLENT_DEMO, "trigger: riot")
    if lemma in {"protest", "demonstration", "demonstrate", "rally", "march", "sit-in", "picket"}:
        if lemma == "march" and (token.ent_type_ or token.text == "March"):
            return None  # the month, or a named march
        if lemma == "rally" and any(c.lower_ in {"around", "behind", "round"} for c in token.children):
            return None  # "rallied around the family": support, not a demonstration
        if lemma == "protest" and token.pos_ == "VERB" and token.head.lemma_ in {"say"}:
            return None
        return _protest(token, f"trigger: {lemma}")
    if lemma == "take" and any(c.dep_ == "prep" and c.lower_ == "to" and any(g.lower_ in {"streets", "street"} for g in c.children) for c in token.children):
        return _protest(token, "trigger: took to the streets")
    if lemma == "gather" and token.pos_ == "VERB" and _gathered_to_protest(token):
        return _protest(token, "trigger: gathered to protest")
    if lemma == "block" and token.pos_ == "VERB" and _blocked_road(token):
        return _protest(token, "trigger: blocked a road")
    if lemma in {"arrest", "detain", "apprehend", "detention", "nab"} or (lemma == "round" and any(c.lower_ == "up" for c in token.children)) or (
        lemma == "custody" and token.head.lower_ == "into"
    ):
        return _arrest(token, lemma)
    if lemma in {"loot", "looting", "ransack", "torch", "vandalise", "vandalize", "vandalism", "plunder", "pillage", "raze", "demolish", "bulldoze", "arson", "extort", "extortion", "sabotage"}:
        return _property(token, f"trigger: {lemma}")
    if lemma == "set" and _set_on_fire(token):
        return _property(token, "trigger: set on fire")
    if lemma == "burn" and token.pos_ == "VERB" and any(t.lower_ == "alive" for t in token.subtree):
        if _crowd(_agent_words(token)):
            return _settled(MOB, "trigger: burnt alive (by a crowd)")
        return _settled(ATTACK, "trigger: burnt alive")
    if lemma in {"burn", "destroy", "steal", "damage", "rob"} and token.pos_ == "VERB" and _property_object(token, lemma):
        return _property(token, f"trigger: {lemma} property")
    return _NO_RULE


def _strategic_rules(token: Token, lemma: str) -> TriggerMatch | None:
    """Strategic developments: territory, seizures, foiled attacks, bases, deals, group changes."""
    if lemma in {"seize", "intercept", "board", "capture", "commandeer", "interdict", "seizure", "interdiction", "confiscate"}:
        return _seizure(token, lemma)
    if lemma in {"pursue", "chase", "tail"} and object_is_vessel(token):
        return _settled(SEIZURE, f"trigger: {lemma} vessel (attempt)", attempted=True)
    if lemma in {"take", "gain", "establish", "assume", "wrest", "regain", "retake", "recapture", "overrun", "overtake", "liberate", "reclaim", "seize"} and _takes_territory(token):
        return _territory(token, f"trigger: {lemma} territory")
    if lemma in {"withdraw", "retreat", "hand"} and _hands_over(token, lemma):
        return _settled(NONVIOLENT, f"trigger: {lemma} territory")
    if lemma in {"defuse", "disarm", "neutralise", "neutralize", "dismantle", "deactivate", "find", "discover", "uncover", "unearth", "recover", "detect", "spot", "locate"} and _weapons_object(token, lemma):
        return _settled(DISRUPTED, f"trigger: {lemma} weapons")
    if lemma in {"establish", "set", "build", "construct", "open", "erect", "install", "set-up"} and _base_object(token):
        if _agent_words(token) & STATE_WORDS and {t.lemma_.lower() for t in token.subtree} & {"checkpoint"}:
            return _settled(CHANGE, "trigger: checkpoints set up (security measure)")
        return _settled(HQ, "trigger: base established")
    if lemma == "blockade":
        return _settled(BLOCKADE, "trigger: blockade")
    if lemma in {"sanction"} and token.pos_ in {"NOUN", "VERB"}:
        if token.pos_ == "NOUN" and token.dep_ in {"amod", "compound"}:
            return None  # "sanctioned countries", "sanctions policy": a description, not an act
        if token.pos_ == "VERB" and token.tag_ == "VBN" and token.dep_ == "amod":
            return None
        return _settled(SANCTIONS, "trigger: sanctions")
    if lemma in {"buildup", "build-up", "mobilisation", "mobilization", "mobilize", "mobilise", "deployment", "deploy", "redeploy", "reinforcement", "patrol", "convoy", "recruit", "recruitment", "curfew", "formation", "form", "defect", "defection", "disband", "dissolve", "merge", "join", "test"}:
        return _group_change(token, lemma)
    if lemma in {"authorize", "authorise"} and has_object(token):
        return _settled(AUTHORISATION, "trigger: authorisation")
    if lemma == "declare" and any(
        c.dep_ in {"dobj", "nsubjpass", "oprd", "attr"} and _phrase_words(c) & {"war", "emergency", "martial"} and "dead" not in _phrase_words(c)
        for c in token.children
    ):
        return _settled(AUTHORISATION, "trigger: declaration")
    if lemma in {"ceasefire", "truce", "accord", "armistice"}:
        return _settled(AGREEMENT, f"trigger: {lemma}")
    if lemma in {"agreement", "deal", "pact", "treaty", "memorandum", "talk", "talks", "agree", "surrender", "exchange", "swap", "release"}:
        return _agreement(token, lemma)
    if lemma in {"displace", "displacement", "flee", "grave", "evacuate", "evacuation"}:
        return _displacement(token, lemma)
    if lemma in GENERIC_REFERENCES and is_reference(token):
        return TriggerMatch("attack", None, f"reference: {lemma}", allowed=_violence_options(token))
    if lemma == "hit" and token.pos_ == "VERB" and has_object(token):
        return _hit(token)
    return None


# --- the words a rule reads ----------------------------------------------------------------------

def _words(tokens) -> set[str]:
    """Lower-cased forms and lemmas of some tokens, dates left out ("March" is no march)."""
    kept = [t for t in tokens if t.ent_type_ not in {"DATE", "TIME"}]
    return {t.lower_ for t in kept} | {t.lemma_.lower() for t in kept}


def _sentence_words(token: Token) -> set[str]:
    return _words(token.sent)


def _scene(token: Token, sentences: int = 3) -> list[Token]:
    """The trigger's sentence and the next ones of its paragraph: where a protest's course is told."""
    doc = token.doc
    sent = token.sent
    tokens = list(sent)
    for _ in range(sentences - 1):
        if sent.end >= len(doc) or "\n" in doc[sent.end - 1].whitespace_ or "\n" in doc[sent.end].text:
            break
        sent = doc[sent.end].sent
        tokens.extend(sent)
    return tokens


def _phrase_words(token: Token | None) -> set[str]:
    return _words(token.subtree) if token is not None else set()


def _agent_words(token: Token) -> set[str]:
    """Words of who acts; for "was beaten up and killed by residents", the agent the verbs share."""
    agent, _ = agent_and_patient(token)
    if agent is None and token.pos_ == "VERB":
        for conj in (c for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            agent, _ = agent_and_patient(conj)
            if agent is not None:
                break
    return _phrase_words(agent)


def _targets(token: Token) -> list[Token]:
    """Who or what a shot or attack is aimed at: object, passive subject, "at"/"on" phrase, "of" phrase."""
    found = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() != "fire"]
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"on", "at", "upon", "into", "towards", "toward"} or (
            child.dep_ == "prep" and child.lower_ == "of" and token.pos_ == "NOUN"
        ):
            found.extend(g for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"})  # not "on 17 May"
    relative_object = any(c.dep_ in {"nsubjpass", "dobj"} and c.tag_ in {"WP", "WDT"} for c in token.children)
    if token.head.pos_ in {"NOUN", "PROPN"} and (token.dep_ in {"acl", "amod"} or token.dep_ == "relcl" and relative_object):
        found.append(token.head)  # "a man shot in the leg", "the slain officer", "a man who was shot"
    if not found and token.dep_ == "conj" and token.head.pos_ == "VERB":
        found = _targets(token.head)  # "was shot and killed": the second verb's victim is the first's
    if not found and token.pos_ == "VERB":
        for conj in (c for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB"):
            found = [c for c in conj.children if c.dep_ == "dobj"]  # "beat and killed a man"
            if found:
                break
    return found


def _has_object_or_shared(token: Token) -> bool:
    """An object of its own, or one shared with the verb it is joined to ("attacked and killed the ruler")."""
    return has_object(token) or any(c.dep_ == "conj" and c.pos_ == "VERB" and has_object(c) for c in token.children)


def _armed(tokens: list[Token] | Token | None) -> bool:
    if tokens is None:
        return False
    if isinstance(tokens, Token):
        tokens = [tokens]
    return any(_phrase_words(t) & ARMED_WORDS for t in tokens)


EXCHANGE_PHRASES = (
    "shoot-out", "shootout", "gunfight", "gun battle", "gunbattle", "firefight", "exchange of fire", "exchanged fire",
    "exchanged gunfire", "exchanged shots", "traded fire", "traded gunfire", "returned fire", "fire exchange",
    "crossfire", "cross-fire", "shot back", "fired back",
)


def _exchange_of_fire(token: Token) -> bool:
    """Both sides fire: "exchanged fire", "a shootout", "returned fire", "clashed"."""
    text = token.sent.text.lower()
    if any(phrase in text for phrase in EXCHANGE_PHRASES):
        return True
    for t in token.sent:
        lemma = t.lemma_.lower()
        if lemma in {"shootout", "shoot-out", "gunfight", "firefight", "crossfire", "gunbattle", "clash", "skirmish"}:
            return True
        if lemma == "battle" and any(c.lower_ == "gun" for c in t.children):
            return True
        if lemma in {"exchange", "trade", "return"} and any(c.lemma_.lower() in {"fire", "gunfire", "shot"} for c in t.children):
            return True
        if lemma in {"fire", "shoot"} and any(c.lower_ == "back" for c in t.children):
            return True
    return False


def _sexual(token: Token) -> bool:
    return any(c.lower_ in {"sexually", "sexual", "indecently", "indecent"} for c in token.children)


# --- weapons -------------------------------------------------------------------------------------

def _fire(token: Token) -> TriggerMatch | None:
    """ "fired shots", "opened fire", "fired mortars at", "test-fired a missile"."""
    i = token.i
    if i >= 2 and token.doc[i - 1].text == "-" and token.doc[i - 2].lower_ == "test" or token.lower_.startswith("test"):
        return _settled(CHANGE, "trigger: weapons test")
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if token.dep_ == "acl":
        objects.append(token.head)  # "heavy weapons fired by the troops"
    fired = set().union(*(_phrase_words(o) for o in objects)) if objects else set()
    shooter = _agent_words(token)
    if fired & {"gas", "teargas", "rubber", "cannon", "stun", "pellets", "blanks"}:
        return _settled(INTERVENTION, "trigger: fired tear gas or rubber bullets")
    if fired & {"grenade", "grenades"} and not fired & {"launcher", "launchers", "rocket-propelled"}:
        return _settled(GRENADE, "trigger: fired grenades")
    if shooter & DRONE_WORDS or fired & {"airstrike", "airstrikes"}:
        return _settled(AIR, "trigger: fired from the air")
    if fired & (SHELL_WORDS | {"heavy", "tank", "tanks", "grad", "rpg", "rpgs"}) or shooter & {"tank", "tanks", "artillery", "battery", "batteries"}:
        return _settled(SHELLING, "trigger: fired heavy weapons")
    if any(c.lower_ == "open" for c in token.ancestors) or fired & {"shots", "rounds", "bullets", "shot", "gun", "guns", "weapon", "weapons", "gunshots"}:
        return _shooting(token, "trigger: fired shots")
    if any(c.dep_ == "prep" and c.lower_ in {"at", "on", "upon", "into"} for c in token.children):
        return _shooting(token, "trigger: fired at")
    return None


def _strike(token: Token, lemma: str, near: set[str]) -> TriggerMatch | None:
    """A strike from the air, a missile strike, a bullet striking someone, or no attack at all."""
    if near & DRONE_WORDS or lemma == "airstrike" or token.lower_ in {"airstrikes", "air-strike"}:
        return _settled(AIR, "trigger: drone/air strike")
    if near & SHELL_WORDS:
        return _settled(SHELLING, "trigger: missile/rocket strike")
    words = _sentence_words(token)
    if token.pos_ == "VERB":
        if not has_object(token):
            return None  # "workers strike": a labour strike, not an attack
        striker = _agent_words(token)
        if striker & ACCIDENT_WORDS:
            return None  # "struck by a car": an accident
        struck_person = any(
            _phrase_words(t) & (PEOPLE_NOUNS | {"teen", "teenager", "child", "victim"}) or t.ent_type_ == "PERSON" for t in _targets(token)
        )
        if (striker & PROJECTILES or struck_person) and not words & MILITARY_CONTEXT:
            return _settled(ATTACK, "trigger: struck a person")
        if words & FIREARM_WORDS and not words & MILITARY_CONTEXT:
            return _settled(ATTACK, "trigger: struck by a bullet")
        if any(_phrase_words(t) & VESSELS for t in _targets(token)) and not striker & PROJECTILES:
            return _settled(AIR, "trigger: struck a boat")  # the campaign on boats is struck from the air
        if words & MILITARY_CONTEXT:
            return TriggerMatch("attack", None, "trigger: strike (military words)", allowed=_violence_options(token) | {AIR, SHELLING})
        return TriggerMatch("attack", None, "trigger: strike", allowed=_violence_options(token))
    if words & LABOUR_CONTEXT and not words & MILITARY_CONTEXT:
        return _settled(PEACEFUL, "trigger: strike (labour words)")
    if words & MILITARY_CONTEXT or any(c.ent_type_ in {"NORP", "GPE"} for c in token.children):
        return _settled(AIR, "trigger: strike (military words)")
    return TriggerMatch("attack", None, "trigger: strike", allowed=_violence_options(token) | {AIR, SHELLING})


def _explosive(token: Token, lemma: str, near: set[str]) -> TriggerMatch | None:
    if lemma in {"mine", "blast"} and token.pos_ != "NOUN":
        return None  # "mining", "blasted in the face" (by a shotgun)
    if lemma in {"explode", "explosion", "blast"} and (_agent_words(token) | near) & ACCIDENT_WORDS:
        return None  # "oil trains derailed and exploded", "a gas explosion": an accident
    if near & {"squad", "squads", "threat", "threats", "scare", "hoax", "disposal", "technicians", "unit", "maker", "makers", "factory"} and token.dep_ == "compound":
        return None  # "the bomb squad", "a bomb threat": no explosion
    if "suicide" in near or (lemma == "bomber" and "suicide" in _sentence_words(token)):
        return _settled(SUICIDE, "trigger: suicide bomb")
    if lemma == "bomber":
        return None
    if lemma in {"explosion", "detonate", "blast"} and near & {"controlled"}:
        return _settled(DISRUPTED, "trigger: controlled explosion")
    if token.pos_ == "NOUN" and _foiled(token):
        return None  # "defused two IEDs": the defusal is the event
    if near & DRONE_WORDS and lemma in {"bomb", "bombing"}:
        return _settled(AIR, "trigger: aerial bombing")
    return _settled(IED, "trigger: bomb/explosion")


def _foiled(noun: Token) -> bool:
    """An explosive found or defused rather than one that went off."""
    head = noun.head
    while head.dep_ in {"conj", "appos"} and head.head.i != head.i and head.pos_ in {"NOUN", "PROPN"}:
        head = head.head
    verbs = [head] + [c for c in head.children if c.dep_ == "conj"]
    if head.dep_ == "conj":
        verbs.append(head.head)
    return any(verb_is(v, FOIL_VERBS) for v in verbs if v.pos_ == "VERB")


FOIL_VERBS = {
    "defuse", "disarm", "neutralise", "neutralize", "dismantle", "deactivate", "find", "discover", "uncover",
    "unearth", "recover", "detect", "spot", "locate", "seize", "confiscate", "intercept", "remove", "destroy",
}


def _downed(token: Token) -> TriggerMatch | None:
    """ "shot down a drone" foils an attack; "downed a helicopter" is a battle."""
    targets = set().union(*(_phrase_words(t) for t in _targets(token))) if _targets(token) else set()
    if targets & INTERCEPTED:
        return _settled(DISRUPTED, "trigger: shot down a drone or missile")
    if targets & AIRCRAFT:
        return _settled(CLASH, "trigger: shot down an aircraft")
    return _shooting(token, "trigger: shoot") if token.lemma_.lower() == "shoot" else None


# --- violence against people ---------------------------------------------------------------------

def _shooting(token: Token, rule: str) -> TriggerMatch:
    """A shooting or stabbing: an attack on people unless the words show both sides armed and firing.

    ACLED's reading: a gunman shooting people is an *Attack*; an exchange of fire between
    armed sides is an *Armed clash*; force against protesters is *Excessive force*. Where
    both sides are armed groups but no exchange is told, the classifier chooses between
    the two.
    """
    targets = _targets(token)
    if any(_phrase_words(t) & PROTEST_WORDS for t in targets):
        return _settled(EXCESSIVE, f"{rule} (at protesters)")
    if any(_phrase_words(t) & (RIOT_WORDS | {"stones", "rocks", "molotov"}) for t in targets):
        return _settled(MOB, f"{rule} (at rioters)")
    if _exchange_of_fire(token):
        return _settled(CLASH, f"{rule} (exchange of fire)")
    agent, _ = agent_and_patient(token)
    if _armed(targets) and (agent is None or _armed(agent) or agent.pos_ == "PRON"):
        # Soldiers or police shot by gunmen: ACLED's battle when the victims are armed forces.
        return TriggerMatch("attack", None, f"{rule} (armed target)", allowed=frozenset({ATTACK, CLASH}))
    return _settled(ATTACK, rule)


def _attack(token: Token, lemma: str) -> TriggerMatch | None:
    """Killing, attacking, beating: the sub-type left to the classifier among what the words allow."""
    if lemma in {"attack", "assault", "execute"} and token.pos_ == "VERB" and not _has_object_or_shared(token):
        return None
    if lemma == "execute" and any(_phrase_words(c) & {"warrant", "warrants", "order", "orders", "plan", "contract", "search", "will", "agreement"} for c in token.children):
        return None  # "executed a search warrant"
    if lemma == "beat" and not (
        any(c.lower_ in {"up", "death"} for c in token.subtree if c.i > token.i)
        or any(_phrase_words(t) & (PEOPLE_NOUNS | CIVILIAN_WORDS) or t.ent_type_ == "PERSON" for t in _targets(token))
    ):
        return None  # "beat the visitors 2-1": not a beating
    if (
        lemma in {"kill", "killing"} and token.dep_ in {"conj", "advcl", "xcomp"} and token.head.pos_ == "VERB"
        and verb_is(token.head, VIOLENT_VERBS | OUTCOME_HEADS) and match_trigger(token.head) is not None
    ):
        return None  # "shot and killed", "opened fire, killing five": one event, told by the first verb
    near = {t.lower_ for t in token.children if t.dep_ in {"compound", "amod", "nmod", "npadvmod"}}
    if lemma in {"attack", "assault"} and token.pos_ == "NOUN":
        if "suicide" in near:
            return _settled(SUICIDE, "trigger: suicide attack")
        if near & DRONE_WORDS:
            return _settled(AIR, "trigger: drone/air attack")
        if near & SHELL_WORDS:
            return _settled(SHELLING, "trigger: rocket/missile attack")
        if near & {"grenade"}:
            return _settled(GRENADE, "trigger: grenade attack")
        if near & {"bomb", "ied", "explosive", "mine", "landmine", "roadside", "ieds", "bombing"}:
            return _settled(IED, "trigger: bomb or mine attack")
    if any(_phrase_words(t) & PROTEST_WORDS for t in _targets(token)):
        if lemma in {"kill", "killing"}:
            return _settled(EXCESSIVE, f"trigger: {lemma} (protesters)")
        if lemma in {"beat", "assault", "attack"} and token.pos_ == "VERB":
            return _settled(INTERVENTION, f"trigger: {lemma} (protesters)")
    if lemma in {"kill", "killing"} and _killed_in_event(token):
        return None  # "killed in a shooting": the shooting is the event, this its toll
    words = _sentence_words(token)
    if lemma in {"kill", "killing", "attack"} and words & FIREARM_WORDS and not words & (MILITARY_CONTEXT | BOMB_WORDS | SHELL_WORDS | CROWD_WORDS | ABDUCTION_WORDS | SEXUAL_WORDS):
        return _shooting(token, f"trigger: {lemma} (with a firearm)")
    agent_words = _agent_words(token)
    if _crowd(agent_words) and (lemma not in {"kill", "killing"} or _has_object_or_shared(token)):
        return _settled(MOB, f"trigger: {lemma} (by a crowd)")
    if agent_words & PROTEST_WORDS:
        return _settled(VIOLENT_DEMO, f"trigger: {lemma} (by demonstrators)")
    if lemma in {"kill", "killing"} and agent_words & {"gunman", "shooter", "assailant", "attacker"}:
        return _shooting(token, f"trigger: {lemma} by a gunman")
    if lemma in {"beat", "torture", "assault"} and not _sentence_words(token) & (DRONE_WORDS | SHELL_WORDS | BOMB_WORDS):
        return _settled(ATTACK, f"trigger: {lemma}")
    return TriggerMatch("attack", None, f"trigger: {lemma}", allowed=_violence_options(token))


VIOLENT_VERBS = {"shoot", "stab", "beat", "attack", "ambush", "abduct", "kidnap", "behead", "torture", "gun", "hack", "assault", "murder", "lynch", "rape", "burn", "strike", "hit"}
# Verbs whose event a following "killing five" tells the toll of.
OUTCOME_HEADS = {"open", "fire", "explode", "detonate", "shell", "bomb", "clash", "raid", "storm", "target", "launch"}


def _violence_options(token: Token) -> frozenset[str]:
    """The sub-types the sentence's words leave open to a bare "killed" or "attack".

    Armed violence is an attack or a clash; a weapon named in the sentence adds its
    sub-type; rape and abduction only where words say so, a crowd's violence where a
    crowd is named, a protest's sub-types where one is, property destruction where
    property is.
    """
    words = _sentence_words(token)
    allowed = {ATTACK}
    if words & CLASH_SIDES or _exchange_of_fire(token):
        allowed.add(CLASH)
    for weapon_words, named in (
        (DRONE_WORDS, AIR), (SHELL_WORDS, SHELLING), (BOMB_WORDS, IED), ({"grenade", "grenades"}, GRENADE),
        ({"suicide"}, SUICIDE), ({"chemical", "chlorine", "sarin", "gas"}, CHEMICAL),
        (SEXUAL_WORDS, SEXUAL), (ABDUCTION_WORDS, ABDUCTION), (CROWD_WORDS, MOB),
    ):
        if words & weapon_words:
            allowed.add(named)
    if words & PROTEST_CONTEXT:
        allowed |= {PEACEFUL, INTERVENTION, EXCESSIVE, VIOLENT_DEMO}
    if words & PROPERTY_WORDS and words & {"loot", "looted", "burn", "burned", "burnt", "torched", "destroyed", "fire", "stole", "steal"}:
        allowed.add(LOOTING)
    return frozenset(allowed)


def _killed_in_event(token: Token) -> bool:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "during", "by", "amid"}:
            for noun in child.children:
                if noun.dep_ == "pobj" and noun.lemma_.lower() in EVENT_NOUNS_KILLING:
                    return True
    return False


EVENT_NOUNS_KILLING = {
    "shooting", "attack", "strike", "airstrike", "explosion", "blast", "bombing", "clash", "shelling", "raid",
    "ambush", "stabbing", "gunfight", "shootout", "firefight", "crossfire", "fighting", "battle", "assault",
}


def _crowd(words: set[str]) -> bool:
    """An unarmed crowd acting: "residents", "a mob", "a group of people", not "an armed group"."""
    if words & (ARMED_WORDS | ARMED_CONTEXT | NOT_A_CROWD):
        return False
    return bool(words & (CROWD_WORDS | LOOSE_CROWD_WORDS))


def _clash(token: Token, lemma: str) -> TriggerMatch | None:
    if _part_of_takeover(token):
        return None  # "clashed with X and took control of Y": the takeover is the event
    agent, _ = agent_and_patient(token)
    parties = [agent] if agent is not None else []
    parties += [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"with", "between", "against"} for g in c.children if g.dep_ == "pobj"]
    side_words = [_own_words(side) for party in parties for side in _conjuncts(party)]
    sides = set().union(*side_words)
    if lemma in {"fight", "fighting"}:
        words = _sentence_words(token)
        heavy = {c.lower_ for c in token.children} & {"heavy", "fierce", "intense", "renewed", "intensified", "fresh"}
        if not (words & (CLASH_SIDES | MILITARY_CONTEXT) or heavy):
            return None  # "got into a fight", "fighting for his life": no battle
    if sides & PROTEST_WORDS or (
        _sentence_words(token) & (PROTEST_CONTEXT - {"march"}) and any(_crowd(words) or words & RIOT_WORDS for words in side_words)
    ):
        return _settled(VIOLENT_DEMO, f"trigger: {lemma} (demonstrators)")
    # Rioters or a crowd on either side (against each other or against the police): mob violence.
    if any(_crowd(words) or words & RIOT_WORDS for words in side_words) or any(c.lower_ in {"physical", "communal"} for c in token.children):
        return _settled(MOB, f"trigger: {lemma} (crowd)")
    return _settled(CLASH, f"trigger: {lemma}")


def _conjuncts(token: Token) -> list[Token]:
    """ "X and Y": X and each token joined to it."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found.extend(_conjuncts(child))
    return found


def _own_words(token: Token) -> set[str]:
    """Words of a phrase without the phrases joined to it ("military forces" of "military forces and relatives")."""
    kept = []
    for t in token.subtree:
        node, joined = t, False
        while node.i != token.i:
            if node.dep_ in {"conj", "cc"}:
                joined = True
                break
            node = node.head
        if not joined:
            kept.append(t)
    return _words(kept)


def _hit(token: Token) -> TriggerMatch | None:
    hitter = _agent_words(token)
    if hitter & ACCIDENT_WORDS:
        return None  # "hit by a car", "hit hard by the tragedy"
    words = _sentence_words(token)
    if (hitter & PROJECTILES or words & FIREARM_WORDS) and not words & MILITARY_CONTEXT:
        return _settled(ATTACK, "trigger: hit by gunfire")
    return TriggerMatch("attack", None, "trigger: hit", allowed=_violence_options(token))


# --- crowds --------------------------------------------------------------------------------------

def _protest(token: Token, rule: str) -> TriggerMatch:
    """A protest, settled by how the scene goes: violent, met with lethal force, or broken up."""
    scene = _scene(token)
    for find, settled, how in (
        (_violence_by_crowd, VIOLENT_DEMO, "violence by demonstrators"),
        (_lethal_force, EXCESSIVE, "lethal force"),
        (_intervention, INTERVENTION, "intervention"),
    ):
        marker = find(scene)
        if marker is not None:
            return _settled(settled, f"{rule} ({how}: {marker.text!r})")
    return TriggerMatch("protest", None, rule)


def _by_state(token: Token) -> bool:
    """Whether the clause holding a word has state forces as its subject ("police erected barricades")."""
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return bool(_agent_words(verb) & STATE_WORDS)


def _violence_by_crowd(scene: list[Token]) -> Token | None:
    for t in scene:
        marker = _crowd_violence_word(t)
        if marker is not None and not _motive(t) and not _by_state(t):
            return marker  # not "against the riots of May", not "police erected barricades"
    return None


def _crowd_violence_word(t: Token) -> Token | None:
    """Stones thrown, tyres burnt, barricades, vandalism, rioting, clashes: a crowd turned violent."""
    lemma = t.lemma_.lower()
    if lemma in {"throw", "hurl", "pelt"} and _phrase_words(t) & {"stones", "stone", "rocks", "bricks", "bottles", "molotov", "cocktails", "bombs", "projectiles", "objects"}:
        return t
    if lemma in {"burn", "set", "torch"} and _phrase_words(t) & {"tyres", "tires", "tyre", "tire", "barricades", "vehicles", "cars", "car", "office", "building", "shops", "obstacles"}:
        return t
    if lemma in {"barricade", "vandalise", "vandalize", "vandalism", "ransack", "loot", "smash", "rampage", "stone-pelting", "molotov"}:
        return t
    if lemma in {"riot", "rioting", "rioter"} and t.dep_ != "compound" and t.head.lemma_ not in {"police", "gear"}:
        return t
    if lemma == "clash" or (lemma == "block" and any(c.dep_ == "prep" and c.lower_ == "with" for c in t.children)):
        return t
    return None


def _lethal_force(scene: list[Token]) -> Token | None:
    for t in scene:
        lemma = t.lemma_.lower()
        if t.lower_ == "live" and t.head.lemma_.lower() in {"ammunition", "bullet", "round", "fire"}:
            return t
        if lemma in {"kill", "shoot", "open"} and t.pos_ == "VERB" and not _motive(t) and any(
            _phrase_words(x) & (PROTEST_WORDS | {"participants", "protester", "demonstrator"}) for x in _targets(t)
        ):
            return t
    return None


def _intervention(scene: list[Token]) -> Token | None:
    for t in scene:
        lemma = t.lemma_.lower()
        if lemma in {"teargas", "tear-gas", "baton", "batons", "lathicharge", "lathi", "pepper", "cannon"} or (lemma == "gas" and t.i > 0 and t.doc[t.i - 1].lower_ == "tear"):
            return t
        if lemma in {"disperse", "intervene", "intervention"} or (lemma == "break" and any(c.lower_ == "up" for c in t.children)):
            if lemma == "intervention" and not _phrase_words(t) & STATE_WORDS:
                continue  # "sought the government's intervention": a demand, not the police
            if lemma == "intervene" and not _agent_words(t) & STATE_WORDS:
                continue
            return t
        if lemma in {"arrest", "detain", "detention", "arrests"} and not _motive(t):
            return t
        if lemma in {"beat", "assault", "charge"} and t.pos_ == "VERB" and _agent_words(t) & STATE_WORDS:
            return t
    return None


def _motive(token: Token) -> bool:
    """ "protested against the arrest of": the arrest is what the protest is about."""
    for ancestor in token.ancestors:
        if ancestor.dep_ == "prep" and ancestor.lower_ in {"against", "over", "for"}:
            return True
        if ancestor.lemma_.lower() in {"demand", "denounce", "condemn", "protest", "call", "oppose", "release"}:
            return True
    return False


def _gathered_to_protest(token: Token) -> bool:
    """ "gathered outside parliament to demand": a demonstration told in other words."""
    if _phrase_words(next((c for c in token.children if c.dep_ == "nsubj"), None)) & PROTEST_WORDS:
        return True
    for child in token.children:
        if child.dep_ in {"advcl", "xcomp"} and verb_is(child, PURPOSE_VERBS):
            return True
        if child.dep_ == "prep" and child.lower_ in {"against", "in"} and any(
            g.lemma_.lower() in {"protest", "solidarity", "support", "sit-in", "demonstration", "opposition"} or child.lower_ == "against"
            for g in child.children
        ):
            return True
    return False


def _blocked_road(token: Token) -> bool:
    """ "residents blocked the highway": a protest, unless the police or a fallen tree did it."""
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    if subject is None or _phrase_words(subject) & (STATE_WORDS | {"tree", "trees", "snow", "debris", "accident", "landslide", "flood", "floods"}):
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return any(o.lemma_.lower() in ROAD_NOUNS or o.lower_ in ROAD_NOUNS for o in objects)


def _arrest(token: Token, lemma: str) -> TriggerMatch | None:
    if token.pos_ == "NOUN" and lemma != "custody" and (token.dep_ == "compound" or token.head.lemma_ in {"demand", "call", "seek", "order", "issue", "warrant", "urge"}):
        return None  # "arrest warrant", "demanded the arrest of": not an arrest made
    if lemma == "apprehend" and not any(c.dep_ in {"dobj", "nsubjpass"} and (c.ent_type_ == "PERSON" or c.lower_ in PEOPLE_NOUNS) for c in token.children):
        return None  # "apprehending trouble": anticipating, not arresting
    holder = token.head.head if lemma == "custody" else token
    agent_words = _agent_words(holder)
    if agent_words & (REBEL_WORDS | MILITIA_WORDS | {"kidnappers", "gunmen", "abductors", "militiamen"}) and not agent_words & STATE_WORDS:
        return _settled(ABDUCTION, f"trigger: {lemma} (by an armed group)")
    return _settled(ARRESTS, f"trigger: {lemma}")


def _set_on_fire(token: Token) -> bool:
    """ "set fire to", "set ablaze", "set houses on fire", "set alight"."""
    for t in token.subtree:
        if t.lower_ in {"ablaze", "alight", "afire"} or (t.lower_ in {"fire", "fires"} and (t.head.i == token.i or t.head.lower_ == "on")):
            return True
    return False


def _property_object(token: Token, lemma: str) -> bool:
    """ "burned down 12 houses", "stole livestock": property, not people or a weapon's work."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    if not any(_phrase_words(o) & PROPERTY_WORDS for o in objects):
        return False
    stolen = any(_phrase_words(o) & {"livestock", "cattle", "cows", "goats", "goods", "property", "belongings", "valuables", "food", "crops"} for o in objects)
    if lemma in {"steal", "rob"} and not ((stolen or lemma == "rob") and _agent_words(token) & (ARMED_CONTEXT | REBEL_WORDS | MILITIA_WORDS)):
        return False  # "saw him stealing goats": a theft, not an armed group's looting
    agent, _ = agent_and_patient(token)
    if lemma in {"destroy", "damage"} and (agent is None or agent.lemma_.lower() in GENERIC_REFERENCES | INSTRUMENTS | BOMB_WORDS | SHELL_WORDS | DRONE_WORDS or agent.lemma_.lower() in {"fire", "flood", "storm"}):
        return False  # "the operation destroyed the facility": a strike's outcome, told by the strike
    return not (lemma == "burn" and _sentence_words(token) & {"alive"})


def _property(token: Token, rule: str) -> TriggerMatch:
    """Looting and destruction; by demonstrators a violent demonstration, by a crowd mob violence."""
    agent_words = _agent_words(token)
    burnt = set().union(*(_phrase_words(c) for c in token.children if c.dep_ in {"dobj", "prep"}))
    protest_words = _sentence_words(token) & (PROTEST_CONTEXT | {"demonstrate", "demand", "denounce", "complain"})
    if agent_words & PROTEST_WORDS or burnt & {"tyres", "tires", "tyre", "tire", "barricades", "barricade"} or (
        protest_words and not agent_words & (ARMED_CONTEXT | STATE_WORDS) and not _motive(token)
    ):
        return _settled(VIOLENT_DEMO, f"{rule} (at a protest)")
    if agent_words & (RIOT_WORDS | {"mobs", "crowd", "crowds"}) and not agent_words & ARMED_WORDS:
        return _settled(MOB, f"{rule} (by a crowd)")
    return _settled(LOOTING, rule)


# --- strategic developments ----------------------------------------------------------------------

def _seizure(token: Token, lemma: str) -> TriggerMatch | None:
    if object_is_vessel(token):
        return _settled(SEIZURE, f"trigger: {lemma} vessel")
    if lemma in {"seize", "capture"} and _takes_territory(token):
        return _territory(token, f"trigger: {lemma} territory")
    targets = _targets(token)
    seized = set().union(*(_phrase_words(t) for t in targets)) if targets else set()
    if lemma == "intercept" and seized & INTERCEPTED:
        return _settled(DISRUPTED, "trigger: intercepted a missile or drone")
    if lemma in {"seize", "confiscate", "seizure", "capture"} and seized & (WEAPON_NOUNS | EXPLOSIVE_NOUNS):
        return _settled(DISRUPTED, f"trigger: {lemma} weapons")
    if lemma in {"seize", "confiscate"} and seized & (PROPERTY_WORDS - {"village", "villages", "camp", "camps", "station", "settlement", "settlements"}):
        return _property(token, f"trigger: {lemma} property")
    if lemma == "capture" and token.pos_ == "VERB" and any(
        t.ent_type_ == "PERSON" or _phrase_words(t) & (PEOPLE_NOUNS | CIVILIAN_WORDS | {"rector", "priest", "official", "mayor", "leader", "commander"}) for t in targets
    ):
        agent_words = _agent_words(token)
        if agent_words & {"police", "policemen", "officers", "authorities", "gendarmerie", "gendarmes", "guard", "agents"}:
            return _settled(ARRESTS, "trigger: captured (by the police)")
        if _crowd(agent_words):
            return _settled(MOB, "trigger: captured (by a crowd)")
        if not agent_words:
            return _settled(ARRESTS, "trigger: captured (no captor named)")
        return _settled(ABDUCTION, "trigger: captured people")
    return None


def _is_place(token: Token, agent_armed: bool) -> bool:
    if token.ent_type_ in {"GPE", "LOC", "FAC"} or token.lemma_.lower() in PLACE_NOUNS or token.lower_ in PLACE_NOUNS:
        return True
    return agent_armed and token.pos_ == "PROPN" and token.ent_type_ not in {"PERSON", "NORP", "ORG"}


def _takes_territory(token: Token) -> bool:
    """ "took control of the town", "took over Tshanzu", "captured Starohnativka", "recaptured the village"."""
    if token.pos_ != "VERB":
        return False
    lemma = token.lemma_.lower()
    agent_armed = _armed(agent_and_patient(token)[0])
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    for obj in objects:
        if obj.lemma_.lower() == "control":
            # "took control of the town", "regained control over"; not "took control of the House".
            places = [g for p in obj.children if p.dep_ == "prep" and p.lower_ in {"of", "over"} for g in p.children if g.dep_ == "pobj"]
            places += [g for p in token.children if p.dep_ == "prep" and p.lower_ in {"of", "over"} for g in p.children if g.dep_ == "pobj"]
            return agent_armed or any(_is_place(p, False) for p in places)
        if lemma in {"take", "gain", "assume", "establish", "wrest"}:
            if lemma == "take" and any(c.lower_ == "over" for c in token.children) and _is_place(obj, agent_armed):
                return True
            continue
        if _is_place(obj, agent_armed or lemma in {"overrun", "retake", "recapture", "liberate"}):
            return True
    return False


def _part_of_takeover(token: Token) -> bool:
    """A fight that is how a place was taken: "clashed with X and took control of Y"."""
    for node in [token, *token.ancestors]:
        if node.i != token.i and node.pos_ == "VERB" and _takes_territory(node):
            return True
        if any(c.dep_ == "conj" and c.pos_ == "VERB" and _takes_territory(c) for c in node.children):
            return True
    return False


def _territory(token: Token, rule: str) -> TriggerMatch:
    """Who took a place and how: by fighting (the government's side or not), or without."""
    scene = _scene(token, 2)
    words = _words(scene)
    fought = bool(words & FIGHT_WORDS) and not _no_fighting(scene)
    if not fought or words & PEACEFUL_WORDS:
        return _settled(NONVIOLENT, f"{rule} (no fighting told)")
    lemma = token.lemma_.lower()
    retaken = lemma in {"retake", "recapture", "regain", "reclaim", "liberate"} or any(c.lower_ == "back" for c in token.children)
    if retaken or _agent_words(token) & GOVERNMENT_WORDS:
        return _settled(GOV_REGAINS, f"{rule} (government side, fighting)")
    return _settled(NONSTATE_TAKES, f"{rule} (fighting)")


def _no_fighting(scene: list[Token]) -> bool:
    for t in scene:
        if t.lemma_.lower() in {"clash", "fighting", "fight", "resistance", "battle"} and (
            any(c.lower_ in {"no", "without", "not"} for c in t.children) or t.head.lower_ in {"without", "no"}
        ):
            return True
    return False


def _hands_over(token: Token, lemma: str) -> bool:
    """ "withdrew from the town", "handed over the base": a place changing hands without a fight."""
    if lemma == "hand":
        return any(c.lower_ == "over" for c in token.children) and any(
            _phrase_words(c) & (PLACE_NOUNS | {"control"}) or c.ent_type_ in {"GPE", "LOC", "FAC"} for c in token.children if c.dep_ in {"dobj", "nsubjpass"}
        )
    if not _armed(agent_and_patient(token)[0]):
        return False
    return any(
        c.dep_ == "prep" and c.lower_ in {"from", "out"} and any(_is_place(g, True) for g in c.children if g.dep_ == "pobj")
        for c in token.children
    )


def _weapons_object(token: Token, lemma: str) -> bool:
    """ "defused two IEDs", "found a weapons cache": an attack prevented."""
    targets = _targets(token)
    seized = set().union(*(_phrase_words(t) for t in targets)) if targets else set()
    if lemma in {"defuse", "deactivate"}:
        return bool(seized & EXPLOSIVE_NOUNS) or not targets  # not "defused the situation"
    if lemma in {"disarm", "neutralise", "neutralize", "dismantle"}:
        return bool(seized & EXPLOSIVE_NOUNS)
    return bool(seized & (EXPLOSIVE_NOUNS | CACHE_NOUNS)) and token.pos_ == "VERB"


def _base_object(token: Token) -> bool:
    """ "set up a base", "established a new camp", "built checkpoints"."""
    if token.lemma_.lower() == "set" and not any(c.lower_ == "up" for c in token.children):
        return False
    for obj in (c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}):
        if obj.lemma_.lower() in BASE_NOUNS or obj.lower_ in BASE_NOUNS:
            modifiers = {c.lower_ for c in obj.children if c.dep_ in {"compound", "amod"}}
            if not modifiers & {"refugee", "refugees", "idp", "displacement", "relief", "medical", "summer", "boot", "fan", "customer", "holiday", "protest"}:
                return True
    return False


def _agreement(token: Token, lemma: str) -> TriggerMatch | None:
    """A deal signed, a truce agreed, a surrender, a prisoner exchange."""
    if lemma in {"agreement", "deal", "pact", "treaty", "memorandum"} and token.pos_ == "NOUN":
        modifiers = {c.lower_ for c in token.children if c.dep_ in {"compound", "amod", "nmod"}}
        if modifiers & {"great", "good", "big"} and lemma == "deal":
            return None
        if modifiers & {"peace", "ceasefire", "truce", "security", "prisoner", "exchange", "swap", "evacuation"} or verb_is(token.head, SIGN_VERBS):
            return _settled(AGREEMENT, f"trigger: {lemma}")
        return None
    if lemma in {"talk", "talks"} and token.pos_ == "NOUN" and any(c.lower_ == "peace" for c in token.children):
        return _settled(AGREEMENT, "trigger: peace talks")
    if lemma == "agree" and token.pos_ == "VERB":
        if any(c.dep_ == "ccomp" for c in token.children):
            return None  # "agreed that": an opinion
        agent, _ = agent_and_patient(token)
        parties = _agent_words(token) | ({agent.ent_type_.lower()} if agent is not None else set())
        if not parties & (CLASH_SIDES | GROUP_NOUNS | {"government", "governments", "sides", "parties", "gpe", "norp", "org", "ministers", "leaders"}):
            return None  # "the owner agreed to close the club": no parties to a conflict
        if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in {"to", "on", "upon"}) for c in token.children):
            return _settled(AGREEMENT, "trigger: agreed")
        return None
    if lemma == "surrender":
        party = [c for c in token.children if c.dep_ in {"poss", "compound"}] + [
            g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
        ]
        surrendering = _agent_words(token) | set().union(*(_phrase_words(c) for c in party))
        if surrendering & (ARMED_WORDS | REBEL_WORDS | MILITIA_WORDS | {"commander", "maoists", "maoist", "naxals", "naxalites", "combatants"}) and not surrendering & {"police", "authorities"}:
            return _settled(AGREEMENT, "trigger: surrender")
        return None
    if lemma in {"exchange", "swap", "release"}:
        if token.pos_ == "NOUN" and token.head.lemma_.lower() in {"demand", "call", "seek", "urge", "press", "secure"}:
            return None  # "demanded the release of prisoners": not yet done
        words = set().union(*(_phrase_words(c) for c in token.children if c.dep_ in {"dobj", "nsubjpass", "compound", "prep"}))
        if words & {"prisoners", "prisoner", "detainees", "hostages", "captives", "pows", "pow", "bodies"}:
            return _settled(AGREEMENT, f"trigger: prisoner {lemma}")
    return None


SIGN_VERBS = {"sign", "reach", "conclude", "strike", "broker", "seal", "finalise", "finalize", "ink", "agree", "announce", "clinch", "hammer", "accept"}


def _group_change(token: Token, lemma: str) -> TriggerMatch | None:
    """Forces moved or massed, groups formed, split, joined or disbanded, curfews, weapons tests."""
    words = _sentence_words(token)
    if lemma in {"buildup", "build-up", "mobilisation", "mobilization", "mobilize", "mobilise"}:
        return _settled(BUILDUP, f"trigger: {lemma}")
    if lemma in {"deployment", "deploy", "redeploy"}:
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in {"he", "she", "i", "you"}):
            return None  # "he deployed to Iraq": a soldier's career
        moved = set().union(*(_phrase_words(c) for c in token.children if c.dep_ in {"dobj", "nsubjpass", "prep"})) | {c.lower_ for c in token.children}
        if moved & NAVAL_AIR_ASSETS or words & {"buildup", "build-up", "massing", "show"}:
            return _settled(BUILDUP, f"trigger: {lemma}")
        return _settled(CHANGE, f"trigger: {lemma} (forces moved)")
    if lemma == "reinforcement" and token.head.lemma_.lower() in {"send", "deploy", "dispatch", "bring", "receive", "rush", "move"}:
        return _settled(CHANGE, "trigger: reinforcements")
    if lemma in {"patrol", "convoy"} and words & ARMED_CONTEXT and token.dep_ not in {"compound", "pobj"} and token.pos_ == "NOUN" and token.text.islower():
        if token.head.lemma_.lower() in VIOLENT_VERBS or words & {"attacked", "ambushed", "targeted", "killed", "hit", "struck"}:
            return None  # "ambushed a patrol": the attack is the event
        return _settled(CHANGE, f"trigger: {lemma}")
    if lemma in {"recruit", "recruitment"} and words & ARMED_CONTEXT:
        return _settled(CHANGE, f"trigger: {lemma}")
    if lemma == "curfew" and token.head.lemma_.lower() in {"impose", "extend", "declare", "lift", "announce", "enforce", "order", "introduce", "relax", "reimpose"}:
        return _settled(CHANGE, "trigger: curfew")
    if lemma == "formation" and verb_is(token.head, {"announce", "declare"}):
        return _settled(CHANGE, "trigger: group formed")
    if lemma in {"form", "merge", "disband", "dissolve", "join"} and token.pos_ == "VERB":
        groups = [c for c in token.children if c.dep_ in {"dobj", "nsubj", "nsubjpass", "prep"}]
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if subject is None and token.dep_ == "conj":
            subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and (subject.ent_type_ == "PERSON" or subject.lower_ in {"he", "she", "i", "you"}):
            return None  # "he joined the army": one person's life, not a group's change
        if subject is not None and subject.lower_ in {"it", "they"} and subject.head.dep_ in {"ccomp", "xcomp", "conj"}:
            # "the group announced it would disband": the group of the clause above.
            groups.extend(c for c in subject.head.head.children if c.dep_ == "nsubj")
        group_words = set().union(*(_phrase_words(g) for g in groups)) if groups else set()
        if group_words & GROUP_NOUNS and group_words & ARMED_CONTEXT:
            return _settled(CHANGE, f"trigger: group {lemma}")
        return None
    if lemma in {"defect", "defection"}:
        return _settled(CHANGE, f"trigger: {lemma}")
    if lemma == "test" and token.pos_ == "NOUN" and {c.lower_ for c in token.children} & {"missile", "nuclear", "weapons", "rocket", "ballistic"}:
        return _settled(CHANGE, "trigger: weapons test")
    return None


def _displacement(token: Token, lemma: str) -> TriggerMatch | None:
    """People forced from their homes; a mass grave found: ACLED's *Other*."""
    if lemma in {"displace", "displacement"}:
        if token.pos_ == "VERB" and token.dep_ == "amod":
            return None  # "displaced people" named in passing
        return _settled(OTHER, f"trigger: {lemma}")
    if lemma == "flee":
        places = _words(t for t in token.subtree if t.i > token.i)
        if token.head.lemma_.lower() == "force" or places & {"homes", "home", "villages", "village", "houses"}:
            return _settled(OTHER, "trigger: fled their homes")
        return None
    if lemma == "grave" and any(c.lower_ == "mass" for c in token.children):
        return _settled(OTHER, "trigger: mass grave")
    if lemma in {"evacuate", "evacuation"}:
        people = set().union(*(_phrase_words(c) for c in token.children if c.dep_ in {"dobj", "nsubjpass", "nsubj", "prep"}))
        conflict = {"fighting", "shelling", "war", "occupied", "hostilities", "front", "frontline", "clashes", "bombing", "offensive", "airstrikes", "violence", "armed", "militants", "rebels", "insurgents"}
        towns = [g for c in token.children if c.dep_ == "prep" and c.lower_ in {"from", "out"} for g in c.children if g.ent_type_ in {"GPE", "LOC"}]
        if people & {"civilians", "residents", "families", "villagers", "inhabitants", "people"} and (towns or _sentence_words(token) & conflict):
            return _settled(OTHER, f"trigger: {lemma}")
    return None


def _labour_strike(token: Token) -> bool:
    """ "workers went on strike", "a general strike": a stoppage, not an attack."""
    if token.head.lower_ == "on" and token.dep_ == "pobj":
        return True
    modifiers = {c.lower_ for c in token.children if c.dep_ in {"amod", "compound"}}
    return bool(modifiers & LABOUR_WORDS)
