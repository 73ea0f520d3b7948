"""Casualty and arrest figures as ranges, with the words they came from.

"killed more than 100 people" is min 101, max None; "at least 20 dead" min 20;
"between 36 and 40" 36 to 40; "dozens" follows ACLED's rule for a
conservative figure (12) while keeping the text; "no one was present" or "no
one was hurt" is 0; an unknown figure is no figure at all, never 0.
Hand-written: number parsers on PyPI (e.g. word2number) read single numbers,
not the hedged ranges news uses, and would add a dependency for a few words;
the numbers themselves are read by :mod:`newsledger.extract.numbers`.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from newsledger.extract import numbers
from newsledger.nlp import doc_text
from newsledger.schema import Count

FATAL = {
    "kill", "die", "dead", "death", "fatality", "life", "slay", "massacre", "execute", "perish", "toll", "body",
    "fatally", "mortally",
}
INJURE = {"injure", "wound", "hurt", "injury", "injured", "wounded"}
ARREST = {"arrest", "detain", "apprehend", "detention", "custody", "nab"}
KINDS = (("fatalities", FATAL), ("injured", INJURE), ("arrested", ARREST))
# Verbs that tell an event's toll rather than a new event when no one is said to act.
OUTCOME_VERBS = {"kill", "die", "injure", "wound", "hurt"}
# "No one was present" at a strike: nobody there, so nobody killed or hurt.
ABSENCE = {"present", "there", "inside", "aboard", "home"}
NOBODY = {"no one", "nobody", "none"}

# Running totals: "bringing the death toll to 64", "have been killed so far this year".
TALLY_NOUNS = {"toll", "tally", "total"}
TALLY_VERBS = {"bring", "raise", "push", "rise", "climb", "reach", "take", "increase", "stand", "hit"}
RUNNING = re.compile(r"\b(?:so far|to date|in all|altogether|this year|since (?:the start|the beginning|january|"
                     r"february|march|april|may|june|july|august|september|october|november|december|\d{4}))\b")
EVENT_NOUNS = {"strike", "attack", "shooting", "raid", "bombing", "operation", "airstrike", "incident", "killing", "clash"}

# Nouns for one person: "a man was killed" is one killed.
ONE_PERSON = {
    "man", "woman", "boy", "girl", "child", "teen", "teenager", "person", "victim", "officer", "student",
    "resident", "driver", "passenger", "suspect", "gunman", "shooter", "mother", "father", "son", "daughter",
    "brother", "sister", "wife", "husband", "toddler", "baby", "infant", "juvenile", "adult", "bystander",
    "deputy", "trooper", "soldier", "civilian", "journalist", "worker", "employee", "customer", "clerk",
    "guard", "friend", "neighbor", "neighbour", "girlfriend", "boyfriend", "uncle", "aunt", "grandmother",
    "grandfather", "cousin", "youth", "male", "female", "pedestrian", "patron", "owner", "fighter",
}

# ACLED codes vague plurals with a conservative figure.
VAGUE = {"dozens": 12, "scores": 12, "hundreds": 100, "thousands": 1000}


def tied(anchor: Token, word: Token, is_trigger) -> bool:
    """Whether the parse ties ``word`` to ``anchor`` without passing another event word.

    The paths from each up to their lowest common ancestor may not cross a
    token for which ``is_trigger`` is true (the ancestor itself may be the
    anchor, or a plain verb both hang from).
    """
    up_anchor = [anchor, *anchor.ancestors]
    up_word = [word, *word.ancestors]
    anchor_ids = [t.i for t in up_anchor]
    for depth, node in enumerate(up_word):
        if node.i in anchor_ids:
            between = up_word[1:depth] + up_anchor[1 : anchor_ids.index(node.i)]
            if node.i != anchor.i:
                between.append(node)
            return not any(is_trigger(t) for t in between)
    return False


def is_tally(token: Token) -> bool:
    """A running total rather than one event's toll.

    "bringing the death toll to at least 64", "the tally rose to 80", "more
    than 80 people have been killed since September", "have died so far this
    year", "killed in 21 strikes": the figure counts many events.
    """
    if token.lemma_.lower() in TALLY_NOUNS:
        governor = token.head
        if governor.lemma_.lower() in TALLY_VERBS or any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children):
            return True
    verb = token
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return False
    if verb.lemma_.lower() in TALLY_VERBS and any(c.lemma_.lower() in TALLY_NOUNS for c in verb.children):
        return True
    children = list(verb.children)
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in children)
    words = " ".join(t.lower_ for t in verb.subtree)
    if perfect and (any(c.lower_ == "since" and c.dep_ in {"prep", "mark"} for c in children) or RUNNING.search(words)):
        return True
    for prep in children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "across", "during", "over"}:
            for noun in prep.children:
                if noun.dep_ == "pobj" and noun.tag_ == "NNS" and noun.lemma_.lower() in EVENT_NOUNS and _counted(noun):
                    return True  # "killed in 21 strikes", "in two separate shootings"
    return False


def _counted(noun: Token) -> bool:
    for child in noun.children:
        if child.dep_ == "nummod" or child.lower_ in {"dozens", "several", "multiple", "numerous", "separate", "recent"}:
            value = parse_number(child.text) if child.dep_ == "nummod" else 2
            return value is None or value >= 2
    return False


def parse_number(text: str) -> int | None:
    """An integer from digits or English number words ("two dozen", "1,200", "forty-two")."""
    return numbers.parse_number(text, count=True)


def parse_quantity(words: list[str]) -> tuple[int | None, int | None] | None:
    """(min, max) from the words of a number phrase, or None if it holds no number."""
    lowered = [w.lower() for w in words]
    text = " ".join(lowered)
    for vague, value in VAGUE.items():
        if vague in lowered:
            return value, None
    between = re.search(r"between (\S+) and (\S+)", text)
    if between:
        lo, hi = parse_number(between.group(1)), parse_number(between.group(2))
        if lo is not None and hi is not None:
            return lo, hi
    span = re.search(r"(\S+) (?:to|-|or) (\S+)$", text)
    if span and parse_number(span.group(1)) is not None and parse_number(span.group(2)) is not None:
        return parse_number(span.group(1)), parse_number(span.group(2))
    number_words = [w for w in lowered if parse_number(w) is not None or w in {"dozen", "a"}]
    value = parse_number(" ".join(w for w in number_words if w != "a")) if number_words else None
    if value is None:
        return None
    if re.search(r"\b(more than|over|upwards of|in excess of)\b", text):
        return value + 1, None
    if re.search(r"\b(at least|or more|a minimum of)\b", text):
        return value, None
    if re.search(r"\b(up to|as many as|at most|fewer than|less than|under)\b", text):
        upper = value - 1 if re.search(r"\b(fewer than|less than|under)\b", text) else value
        return None, upper
    return value, value


def counts_near(anchor: Token, is_trigger=lambda token: False, tallies: bool = False) -> dict[str, Count]:
    """Figures tied to the anchor in its sentence: killed, injured, arrested.

    A casualty word counts when the parse ties it to the anchor (one holds the
    other, or they share a head) without passing through another event word
    (``is_trigger``): in "seized a tanker after strikes that killed 100", the
    100 belong to the strikes, not to the seizure. A running total
    (:func:`is_tally`) is never an event's figure; ``tallies`` reads them too,
    for the aggregate that is the campaign itself.
    """
    sent = anchor.sent
    found: dict[str, Count] = {}
    for token in sent:
        lemma = token.lemma_.lower()
        for kind, lemmas in KINDS:
            if kind in found or (lemma not in lemmas and token.lower_ not in lemmas):
                continue
            if not tied(anchor, token, is_trigger) or (not tallies and is_tally(token)):
                continue
            count = _count_for(token)
            if count is not None:
                found[kind] = count
    if "fatalities" not in found:
        nobody = _nobody_present(sent)
        if nobody is not None:
            found["fatalities"] = nobody
            found.setdefault("injured", nobody)
    return found


def _count_for(token: Token) -> Count | None:
    """The number phrase attached to a casualty word, searched in its parse neighbourhood."""
    candidates: list[Token] = []
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass", "nsubj", "attr", "npadvmod", "nummod", "pobj"}:
            candidates.append(child)
        if child.dep_ == "prep" and child.lower_ in {"to", "of", "at"}:
            candidates.extend(g for g in child.children if g.dep_ == "pobj")
    if not candidates and token.dep_ == "conj" and token.pos_ == "VERB":
        # "was shot and killed": the second verb shares the first one's subject.
        candidates.extend(c for c in token.head.children if c.dep_ in {"nsubjpass", "dobj"})
    if token.dep_ in {"amod", "acl", "relcl"} or (token.pos_ == "ADJ" and token.dep_ in {"acomp", "oprd"}):
        candidates.append(token.head)
    if token.dep_ in {"acomp", "oprd"}:
        candidates.extend(c for c in token.head.children if c.dep_ in {"nsubj", "dobj", "nsubjpass"})
    if token.lemma_.lower() in TALLY_NOUNS and token.head.lemma_.lower() in TALLY_VERBS:
        # "brings the death toll to at least 64": the figure hangs from the verb.
        for prep in token.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "to":
                candidates.extend(g for g in prep.children if g.dep_ == "pobj")
    if token.lower_ == "death" and token.head.lower_ == "to" and token.head.head.pos_ == "VERB":
        # "was shot to death", "stabbed him to death", "was found shot to death": the one who
        # died is the verb's object, or the object of the verb it completes.
        verb = token.head.head
        for _ in range(2):
            found = [c for c in verb.children if c.dep_ in {"nsubjpass", "dobj"}]
            if found or verb.dep_ not in {"oprd", "xcomp", "conj", "advcl", "ccomp"}:
                break
            verb = verb.head
        candidates.extend(found)
    if token.lower_ in {"fatally", "mortally"} and token.head.pos_ == "VERB":
        # "One person was fatally shot": the one shot died.
        candidates.extend(c for c in token.head.children if c.dep_ in {"nsubjpass", "dobj"})
    for candidate in candidates:
        if candidate.lower_ in NOBODY or (candidate.lower_ == "one" and any(c.lower_ == "no" for c in candidate.children)):
            return _zero(candidate)
        number = _number_phrase(candidate)
        if number is not None:
            return number
    return None


def _number_phrase(head: Token) -> Count | None:
    """A count from a noun and its number modifiers ("more than 100 people").

    An age is not a count ("an 80-year-old civilian", "a 2-year-old child"):
    its number is left out, and one person named or described in the
    singular ("a man", "the victim", "Barbee", "he") is one.
    """
    if head.ent_type_ in {"ORG", "FAC", "PRODUCT", "WORK_OF_ART"}:
        return None  # "a Barrio 18 member": a name
    doc = head.doc
    ages = _age_tokens(head)
    if head.ent_type_ in {"DATE", "TIME"}:
        return None  # "Monday night, Aug. 24": a day, not a count
    # The number words stand before the noun ("more than 100 people"), in its own line.
    line_start = max((t.i + 1 for t in doc[max(0, head.i - 7) : head.i] if "\n" in t.text or "\n" in t.whitespace_), default=0)
    parts = [
        t for t in head.subtree
        if (t.dep_ in {"nummod", "quantmod", "advmod", "amod", "compound", "det"} or t.i == head.i or t.like_num)
        and 0 <= head.i - t.i <= 6 and t.i >= line_start and t.i not in ages and t.ent_type_ not in {"DATE", "TIME"}
    ]
    if not parts:
        return None
    lo = min(t.i for t in parts)
    hi = head.i
    words = [t.text for t in doc[lo : hi + 1] if t.i not in ages]
    quantity = parse_quantity(words) if head.ent_type_ != "PERSON" else None
    if quantity is None:
        if not _one_person(head):
            return None
        quantity = (1, 1)
    # "a woman and her 3-year-old daughter", "a man and two girls": every person counted.
    for conjunct in head.conjuncts:
        if conjunct.i < head.i or conjunct.pos_ not in {"NOUN", "PROPN", "NUM"}:
            continue
        more = _number_phrase_alone(conjunct)
        if more is None or quantity[0] is None or quantity[1] is None or more[0] is None or more[1] is None:
            break
        quantity = (quantity[0] + more[0], quantity[1] + more[1])
        hi = max(hi, conjunct.i)
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    return Count(quantity[0], quantity[1], doc_text(doc)[start:end], start, end)


def _number_phrase_alone(head: Token) -> tuple[int | None, int | None] | None:
    """A conjunct's own count, without looking further along the coordination."""
    ages = _age_tokens(head)
    words = [t.text for t in head.lefts if t.i not in ages and (t.like_num or t.dep_ in {"nummod", "quantmod", "det"})]
    quantity = parse_quantity([*words, head.text]) if head.ent_type_ != "PERSON" else None
    if quantity is not None:
        return quantity
    return (1, 1) if _one_person(head) else None


def count_of(head: Token) -> Count | None:
    """How many people a noun phrase names ("four people", "a girl", "two men and a woman")."""
    return _number_phrase(head)


def _age_tokens(head: Token) -> set[int]:
    """The tokens of an age in the noun phrase: "17-year-old", "23 year-old", "six-month-old"."""
    out: set[int] = set()
    tokens = list(head.subtree)
    for i, token in enumerate(tokens):
        if token.lower_ in {"old", "year-old", "years-old", "olds"} or "-old" in token.lower_:
            j = i
            while j > 0 and i - j < 5 and tokens[j - 1].lower_ in {"-", "year", "years", "month", "months", "week", "weeks"} | {"year-", "-year"}:
                j -= 1
            if j > 0 and i - j < 5 and tokens[j - 1].like_num:
                j -= 1
            out.update(t.i for t in tokens[j : i + 1])
    return out


def _one_person(head: Token) -> bool:
    """One person, named or in the singular: "a man", "the victim", "Diego Rodriguez", "he"."""
    if head.ent_type_ == "PERSON":
        return not any(c.dep_ == "cc" for c in head.children)
    if head.lower_ in {"he", "she", "him", "her"}:
        return True
    return head.tag_ == "NN" and head.lemma_.lower() in ONE_PERSON


def _zero(token: Token) -> Count:
    doc = token.doc
    start = token.idx
    left = token.i - 1
    if token.lower_ == "one" and left >= 0 and doc[left].lower_ == "no":
        start = doc[left].idx
    end = token.idx + len(token.text)
    return Count(0, 0, doc_text(doc)[start:end], start, end)


def _nobody_present(sent) -> Count | None:
    """ "No one was present/hurt": zero casualties, with the words as evidence."""
    for token in sent:
        if token.lower_ in {"one", "nobody", "none"} and token.dep_ in {"nsubj", "nsubjpass"}:
            if token.lower_ == "one" and not any(c.lower_ == "no" for c in token.children):
                continue
            head = token.head
            predicate = {head.lemma_.lower(), *(c.lower_ for c in head.children if c.dep_ in {"acomp", "advmod", "attr"})}
            if predicate & (ABSENCE | INJURE | FATAL):
                doc = sent.doc
                start = doc[token.i - 1].idx if token.lower_ == "one" else token.idx
                end = max([head.idx + len(head.text), *(c.idx + len(c.text) for c in head.children if c.dep_ == "acomp")])
                return Count(0, 0, doc_text(doc)[start:end], start, end)
    return None
