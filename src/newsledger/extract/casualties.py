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

FATAL = {"kill", "die", "dead", "death", "fatality", "life", "slay", "massacre", "execute", "perish", "toll", "body"}
INJURE = {"injure", "wound", "hurt", "injury", "injured", "wounded"}
ARREST = {"arrest", "detain", "apprehend", "detention", "custody", "nab"}
KINDS = (("fatalities", FATAL), ("injured", INJURE), ("arrested", ARREST))
# Verbs that tell an event's toll rather than a new event when no one is said to act.
OUTCOME_VERBS = {"kill", "die", "injure", "wound", "hurt"}
# "No one was present" at a strike: nobody there, so nobody killed or hurt.
ABSENCE = {"present", "there", "inside", "aboard", "home"}
NOBODY = {"no one", "nobody", "none"}

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


def counts_near(anchor: Token, is_trigger=lambda token: False) -> dict[str, Count]:
    """Figures tied to the anchor in its sentence: killed, injured, arrested.

    A casualty word counts when the parse ties it to the anchor (one holds the
    other, or they share a head) without passing through another event word
    (``is_trigger``): in "seized a tanker after strikes that killed 100", the
    100 belong to the strikes, not to the seizure.
    """
    sent = anchor.sent
    found: dict[str, Count] = {}
    for token in sent:
        lemma = token.lemma_.lower()
        for kind, lemmas in KINDS:
            if kind in found or (lemma not in lemmas and token.lower_ not in lemmas):
                continue
            if not tied(anchor, token, is_trigger):
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
    if token.dep_ in {"amod", "acl", "relcl"} or (token.pos_ == "ADJ" and token.dep_ in {"acomp", "oprd"}):
        candidates.append(token.head)
    if token.dep_ in {"acomp", "oprd"}:
        candidates.extend(c for c in token.head.children if c.dep_ in {"nsubj", "dobj"})
    for candidate in candidates:
        if candidate.lower_ in NOBODY or (candidate.lower_ == "one" and any(c.lower_ == "no" for c in candidate.children)):
            return _zero(candidate)
        number = _number_phrase(candidate)
        if number is not None:
            return number
    return None


def _number_phrase(head: Token) -> Count | None:
    """A count from a noun and its number modifiers ("more than 100 people")."""
    parts = [t for t in head.subtree if t.dep_ in {"nummod", "quantmod", "advmod", "amod", "compound", "det"} or t.i == head.i or t.like_num]
    parts = [t for t in parts if abs(t.i - head.i) <= 6]
    if not parts:
        return None
    if any("year" in t.lower_ and "old" in t.lower_ or t.lower_ in {"year-old", "years-old"} for t in head.subtree):
        return None  # "an 80-year-old civilian": an age, not a count
    if head.ent_type_ in {"ORG", "PERSON", "FAC", "PRODUCT", "WORK_OF_ART"}:
        return None  # "a Barrio 18 member": a name
    lo = min(t.i for t in parts)
    hi = max(t.i for t in parts)
    doc = head.doc
    words = [t.text for t in doc[lo : hi + 1]]
    quantity = parse_quantity(words)
    if quantity is None:
        return None
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    return Count(quantity[0], quantity[1], doc_text(doc)[start:end], start, end)


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
