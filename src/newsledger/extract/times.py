"""Time expressions in an article, each resolved to a TIMEX3 value against publication.

Candidates come from two places: a grammar of the expressions news reports
use (weekday names, "last week", "earlier this month", "in October", "the
past three months", "recent months", clock times, quarters, decades...),
written as regular expressions over the text, and spaCy's ``DATE`` and
``TIME`` entities for whatever the grammar misses. Each candidate is then
normalised by :func:`newsledger.extract.timex.normalise` with three pieces of
context read here: the publication date, the tense of the verb that governs
the expression (a bare "Friday" in past-tense reporting is the last Friday on
or before publication, in future tense the next one), and the last date the
article mentioned before it (for "a year earlier", "the next day").

Hand-written because no library serves: dateparser's ``search_dates`` reads
the modal "may" as May and returns matched substrings rather than offsets;
spaCy's small model misses "now", "recently", "the past" and splits "Friday
morning" in two; the Java taggers (HeidelTime, SUTime) do not run in-process.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsledger.extract import timeunits, timex
from newsledger.extract.registry import Extractor
from newsledger.nlp import doc_text
from newsledger.schema import TIME_KIND, TimeMention

VERSION = "times.v1"

_MONTH = timeunits.name_pattern(timeunits.MONTH_FORMS, prose=True)
_WEEKDAY = timeunits.name_pattern(timeunits.WEEKDAY_FORMS, prose=True)
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d|'\d\d)(?!\d)"
_NUM = r"(?i:" + timeunits.NUMBER + r")"
_UNIT = r"(?i:" + timeunits.UNIT + r")"
_PART = r"(?i:(?:early |late |mid-?)?(?:morning|afternoon|evening|night))"
_MOD = r"(?i:(?:(?:the )?(?:very )?(?:early|earlier|late|later|mid)(?: in| on)?(?: |-)|(?:the )?(?:end|beginning|start|middle|close|turn|rest|remainder) of (?:the )?))"
# Quantifiers TimeBank keeps inside a duration ("nearly forty years"); "about" and "over" it leaves out.
_QUANT = r"(?i:(?:nearly|almost|at least|at most|more than|less than|fewer than|up to|no more than|no less than) )"
_WHICH = r"(?i:(?:last|next|this|this past|this coming|coming|past) )"
_YEARISH = r"(?:" + _YEAR + r"|(?i:(?:this|last|next|that|the same|the following|the previous) year))"
_ORD = r"(?i:first|second|third|fourth|final|1st|2nd|3rd|4th)"

# The grammar: each alternative finds one kind of expression; overlaps keep the longest.
PATTERNS = [
    # Dates written out: "Friday, Dec. 26, 2025", "Jan. 8", "8 January 2025", "January 1998".
    _WHICH + r"?(?:" + _WEEKDAY + r",? (?:the )?)?" + _MONTH + r" " + _DAYNUM + r"(?:,? (?:of )?" + _YEAR + r")?(?![\w-])",
    r"(?:" + _WEEKDAY + r",? )?(?:the )?" + _DAYNUM + r" (?:of )?" + _MONTH + r"(?:,? " + _YEAR + r")?(?![\w-])",
    _MOD + r"?" + _WHICH + r"?" + _MONTH + r"(?:,? (?:of )?" + _YEARISH + r")?(?![\w-])",
    r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d(?::\d\d)?)?|(?<![\d/])\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)(?![\d/])",
    # Weekdays, with a part of the day: "last Friday", "Wednesday night".
    _MOD + r"?" + _WHICH + r"?" + _WEEKDAY + r"s?(?: " + _PART + r")?(?![\w-])",
    # Days relative to publication: "yesterday afternoon", "tonight", "last night".
    _MOD + r"?(?:" + _PART + r" )?(?i:today|tonight|yesterday|tomorrow|the day before yesterday|the day after tomorrow)(?: " + _PART + r")?(?![\w-])",
    r"(?i:(?:this|last|that) (?:morning|afternoon|evening|night))(?![\w-])",
    # Clock times: "10:35 a.m.", "5 p.m. EST", "noon", "midnight".
    r"(?<![\d.])\d{1,2}(?::\d\d)? ?(?:[ap]\.m\.|[AP]\.M\.|[AP]M|[ap]m)(?: [A-Z]{2,4}T|GMT|UTC)?|(?<![\d.:])(?:[01]?\d|2[0-3]):[0-5]\d(?![\d:])|(?i:noon|midnight|midday)(?![\w-])",
    # Units relative to publication: "last week", "earlier this month", "the past year".
    _MOD + r"?(?i:(?:this|current|the current|last|previous|this past|next|coming|this coming|the coming|upcoming"
    r"|the following|the next|the previous|the prior|the same|that|the past|the last|past) (?:fiscal |calendar )?"
    r"(?:week|weekend|month|quarter|year|decade|century|day))(?![\w-])",
    _MOD + r"?(?i:the (?:weekend|quarter|year|week|month))(?![\w-])",
    # Parts of the year: "the fourth quarter", "third-quarter", "the first half of 1990", "last summer".
    r"(?i:(?:the )?(?:latest|most recent|same|comparable|year-ago|year-earlier|year-before|prior-year) (?:fiscal )?(?:quarter|period))(?![\w-])",
    r"(?i:year-(?:ago|earlier))(?![\w-])",
    _MOD + r"?(?i:(?:the )?(?:(?:fiscal|calendar) )?)" + _ORD + r"(?i: (?:fiscal )?quarters?)(?:(?i: of (?:fiscal |calendar )?)" + _YEARISH + r")?(?![\w-])",
    r"(?i:(?:fiscal[- ])?)" + _ORD + r"(?i:-quarter)(?![\w-])",  # adjectival: "third-quarter profit", no article
    r"(?:" + _YEARISH + r"(?:'s)? )" + _ORD + r"(?i:[- ]quarter)(?![\w-])",
    r"\bQ[1-4](?: " + _YEAR + r")?(?![\w-])",
    _MOD + r"?(?i:the (?:first|second|last) half of )(?:(?i:(?:fiscal )?)" + _YEARISH + r"|(?i:the year))(?![\w-])",
    _MOD + r"?(?:" + _WHICH + r"|(?i:the ))(?i:spring|summer|autumn|winter|fall)(?:(?i: of )" + _YEARISH + r")?(?![\w-])",
    r"(?i:spring|summer|autumn|winter|fall) " + _YEAR,
    r"(?:" + _WHICH + r")?(?:Christmas(?: Eve| Day)?|New Year's(?: Eve| Day)?|Thanksgiving(?: Day)?|Easter(?: Sunday)?|Halloween)(?![\w-])",
    # Years, decades, centuries: "fiscal 1990", "the 1988 period", "the late 1970s", "the 20th century".
    _MOD + r"?(?i:(?:the year |fiscal |calendar )?)(?<![\d,.$£€])(?:1[6-9]\d\d|20\d\d)(?![\d,]\d)(?![\w-])",
    r"(?i:the )(?:1[6-9]\d\d|20\d\d)(?i: (?:period|quarter|" + _ORD + r" quarter|fiscal year))(?![\w-])",
    _MOD + r"?(?:the )?(?:1[6-9]|20|')?\d0'?s(?![\w-])|(?i:the (?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
    r"(?i:(?:the )?(?:\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first) century)",
    r"(?i:(?:nineteen|eighteen) (?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)|(?:the year )?two thousand(?: and)?(?: (?:one|two|three|four|five|six|seven|eight|nine|ten))?)(?![\w-])",
    # "two years ago", "a year earlier", "three days from now".
    _QUANT + r"?" + _NUM + r"[ -]" + _UNIT + r"(?i:[ -]and[ -]a[ -]half)?(?i: (?:ago|earlier|later|from now|hence|back))(?![\w-])",
    # Durations: "the past three months", "two-day", "more than four hours", "recent weeks", "months".
    # "the nine months" keeps its article, an adjectival "the 30-day (period)" does not.
    _QUANT + r"?(?i:(?:(?:the )?(?:past|last|next|coming|previous|first|final|following|initial|remaining|latest|prior) |the )?)"
    + _NUM + r"(?: |-and-a-half |(?i: and a half ))(?i:(?:more|additional|extra|straight|consecutive|full) )?" + _UNIT + r"(?i: and a half)?(?![\w-])(?!-old| old| of age)",
    _QUANT + r"?(?i:(?:(?:the )?(?:past|last|next|coming|previous|first|final|following|initial|remaining|latest|prior) )?)"
    + _NUM + r"(?:-|-and-a-half-)" + _UNIT + r"(?![\w-])(?!-old| old| of age)",
    r"(?i:(?:(?:the )?(?:recent|past|coming|next|last|few|several|many) )?(?:days|weeks|months|years|decades|centuries))(?: (?i:or (?:days|weeks|months|years)|ago))?(?![\w-])(?!-old| old)",
    # Vague references (TimeML PRESENT_REF, PAST_REF, FUTURE_REF) and recurring times.
    r"(?i:now|currently|current|at present|presently|nowadays|these days|recently|more recently|lately|"
    r"the past|the future|the near future|the near term)(?![\w-])",
    r"(?i:daily|weekly|monthly|yearly|hourly|nightly|(?:every|each) (?:other )?(?:" + timeunits.NUMBER + r" )?" + timeunits.UNIT + r")(?![\w-])",
    r"(?i:every|each) " + _WEEKDAY + r"s?(?: " + _PART + r")?|(?i:every|each) " + _MONTH + r"(?![\w-])",
]
_GRAMMAR = [re.compile(r"(?<!\w)(?:" + p + ")") for p in PATTERNS]  # never from inside a word: "A350s"

# spaCy DATE entities that are ages or plain numbers, not times.
_AGE = re.compile(r"(?i)\b(?:years?|months?|weeks?|days?)[- ]old\b|\baged?\b|^\d+$|^\d+(?:\.\d+)?%?$")
# Words whose reading as a time depends on what surrounds them.
_VAGUE_ADJECTIVES = {"current", "future", "past", "recent"}
_PREPOSITIONS = re.compile(r"(?i)^(?:on|in|at|by|since|until|till|from|for|during|through|throughout|before|after|of|to|and|or|between|about) ")
# What may stand between a clock time and its day: "9 a.m. Tuesday", "2am local time (0100 UTC) on Friday".
_GLUE = re.compile(r"^(?:,? |\s+(?:at|on)\s+|\s+local time(?:\s+\([^()]{1,16}\))?,?\s+(?:on\s+)?)$")


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    source: str  # "grammar" or "spacy"


def extract_times(doc: Doc, published: dt.date | None) -> list[TimeMention]:
    """Return the article's time expressions, each resolved against ``published``.

    Args:
        doc: the article parsed by the newsledger spaCy pipeline.
        published: the publication date; without it relative expressions keep
            ``value`` None and say why in ``note``.
    """
    if isinstance(published, dt.datetime):
        published = published.date()  # a datetime does not compare with the dates worked out here
    mentions: list[TimeMention] = []
    reference: str | None = None
    for cand in _candidates(doc):
        text = doc_text(doc)[cand.start : cand.end]
        direction = tense(doc, cand.start, cand.end)
        result = timex.normalise(text, published, direction, reference)
        if result is None:
            continue
        mentions.append(TimeMention(text, cand.start, cand.end, result.value, result.precision, result.interval, result.note))
        if result.value and timeunits.decode(result.value) and not timex.refers_back(result):
            reference = result.value
    return mentions


def _candidates(doc: Doc) -> list[_Candidate]:
    """Grammar matches, then spaCy entities the grammar missed, glued and without overlaps."""
    text = doc_text(doc)
    matches = {(m.start(), m.end()) for pattern in _GRAMMAR for m in pattern.finditer(text) if m.end() > m.start()}
    grammar = _without_overlaps(c for c in (_vet(doc, _Candidate(s, e, "grammar")) for s, e in matches) if c)
    starts = [c.start for c in grammar]
    found = list(grammar)
    for ent in doc.ents:
        cand = _trim_entity(ent) if ent.label_ in ("DATE", "TIME") else None
        cand = cand and _vet(doc, cand)
        at = bisect.bisect_left(starts, cand.end) if cand else 0
        if cand and not (at and grammar[at - 1].end > cand.start):  # the grammar's reading wins
            found.append(cand)
    kept: list[_Candidate] = []
    for cand in sorted(found, key=lambda c: c.start):
        if kept and _GLUE.match(text[kept[-1].end : cand.start]) and _joins(text, kept[-1], cand):
            kept[-1] = _Candidate(kept[-1].start, cand.end, kept[-1].source)
            continue
        kept.append(cand)
    return kept


def _without_overlaps(candidates) -> list[_Candidate]:
    """Of two overlapping matches the longer wins (the earlier on a tie); sorted by start."""
    kept: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start, c.start - c.end)):
        if kept and cand.start < kept[-1].end:
            if cand.end - cand.start > kept[-1].end - kept[-1].start:
                kept[-1] = cand
            continue
        kept.append(cand)
    return kept


_DAYISH = re.compile(r"(?i)" + _WEEKDAY + r"|today|tonight|yesterday|tomorrow|" + _MONTH + r" \d")
_CLOCKISH = re.compile(r"(?i)\d ?(?:[ap]\.?m\.?)|\d:\d\d|noon|midnight|midday|morning|afternoon|evening|night")


def _joins(text: str, left: _Candidate, right: _Candidate) -> bool:
    """A clock time next to a day is one expression: "9 a.m. Tuesday", "Friday, Dec. 26"."""
    a, b = text[left.start : left.end], text[right.start : right.end]
    if _CLOCKISH.search(a) and _DAYISH.search(b) or _DAYISH.search(a) and _CLOCKISH.search(b):
        return True
    return bool(re.fullmatch(r"(?i)" + _WEEKDAY, a) and re.match(_MONTH, b))


def _vet(doc: Doc, cand: _Candidate) -> _Candidate | None:
    """Drop grammar matches that are no time in context: "May" the verb, "current" the noun."""
    text = doc_text(doc)[cand.start : cand.end]
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    first = span[0]
    if text in ("May", "March") and first.pos_ in ("AUX", "VERB") and not first.ent_type_ == "DATE":
        return None
    if first.ent_type_ in ("PERSON", "ORG", "WORK_OF_ART", "EVENT", "FAC", "PRODUCT", "LAW") and len(span) == 1:
        return None
    last = span[-1]
    if last.lower_.rstrip("s") in timeunits.DURATION_UNITS and last.i != span.start and (
        last.lower_ == "second" and last.pos_ == "ADJ"
        or last.is_title and span.start != span.sent.start
        and (first.like_num or first.lower_ in ("a", "an", "this", "next", "last", "all", "one"))
    ):
        return None  # "a second tanker", the programmes "60 Minutes" and "This Week"
    if re.fullmatch(r"\d{4}", text) and (
        first.ent_type_ in ("CARDINAL", "QUANTITY", "MONEY", "PERCENT")
        or first.i + 1 < len(doc) and doc[first.i + 1].tag_ == "NNS"
        and not (first.i and doc[first.i - 1].tag_ in ("DT", "PRP$", "POS", "HYPH"))  # "the 1992 protests"
    ):
        return None  # a count, not a year: "2000 people", "1800 troops"
    if re.fullmatch(r"(?:mid-)?'?\d0'?s", text) and first.i and doc[first.i - 1].tag_ == "PRP$":
        return None  # an age: "in his 50s"
    lower = text.lower()
    if lower in ("quarterly", "annual", "annually", "seasonal", "seasonally"):
        return None  # TimeBank leaves these adjectives of frequency untagged
    if lower in _VAGUE_ADJECTIVES and lower != "current" or lower == "current" and first.pos_ != "ADJ":
        return None
    before = doc_text(doc)[max(cand.start - 12, 0) : cand.start].lower()
    if re.fullmatch(r"(?i)an? (?:second|minute|hour|day|night|week|month|quarter|year)", text) and re.search(
        r"(?:\d|%|percent|times|once|twice|cents?|dollars?|euros?|pounds?) $", before
    ):
        return None  # a rate: "$5 a year", "twice a day"
    if re.search(r"(?i)quarters?$", text) and (
        re.search(r"(?i)\w-quarters?$", text) and not re.search(r"(?i)(?:first|second|third|fourth|final)-quarter", text)
        or doc_text(doc)[cand.end : cand.end + 3] == " of" and not re.search(r"(?i)first|second|third|fourth|final|last", text)
    ):
        return None  # a fraction: "three-quarters", "a quarter of the budget"
    if re.fullmatch(r"(?i)the (?:past|future)", text) and span.end < len(doc) and doc[span.end].lower_ == "of":
        return None
    return cand


def _trim_entity(ent: Span) -> _Candidate | None:
    """A spaCy DATE/TIME entity without prepositions and possessives, if it reads as a time."""
    text = ent.text
    start, end = ent.start_char, ent.end_char
    match = _PREPOSITIONS.match(text)
    if match:
        start += match.end()
    if text.endswith(("'s", "’s")):
        end -= 2
    text = doc_text(ent.doc)[start:end].strip()
    if not text or _AGE.search(text) or not re.search(r"[A-Za-z]{3}|\d{4}", text):
        return None
    if re.fullmatch(r"(?i)(?:the )?(?:morning|afternoon|evening|night)s?", text):
        return None  # "attack at night": no particular night
    return _Candidate(start, end, "spacy")


# --- tense ------------------------------------------------------------------------------------

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "ll"}
_MODALS = {"would", "could", "may", "might", "should", "must", "can", "'d"}
_FUTURE_VERBS = {"expect", "plan", "schedule", "intend", "postpone", "delay", "reschedule", "adjourn"}
# Verbs that order or ask for something: what they govern is still to come.
_DIRECTIVE_VERBS = {"order", "instruct", "ask", "urge", "tell", "invite", "summon", "require", "direct", "want", "hope",
                    "aim", "set", "due", "poise", "prepare", "vow", "promise", "pledge", "threaten"}


def tense(doc: Doc, start: int, end: int) -> int | None:
    """PAST, PRESENT or FUTURE from the verb governing the text at ``start:end``, else None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token: Token = span.root
    if token.dep_ == "poss":
        return timex.PAST  # "Wednesday's ruling": an event already reported
    before = doc[span.start - 1].lower_ if span.start else ""
    if before == "since":
        return timex.PAST
    if before in ("until", "till", "through"):
        return timex.FUTURE
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            direction = _verb_direction(token)
            if direction is not None:
                return direction
        if token.head is token:
            break
        token = token.head
    return None


def _verb_direction(verb: Token) -> int | None:
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in aux} | ({verb.lower_} if verb.tag_ == "MD" else set())
    if words & _FUTURE_AUX or any(c.lower_ == "going" and c.tag_ == "VBG" for c in aux):
        return timex.FUTURE
    if verb.lemma_ in _FUTURE_VERBS:
        return timex.FUTURE  # "scheduled a news conference Thursday", "postponed until Tuesday"
    if words & (_MODALS - {"could"}):  # "could not be located Wednesday" is past as often as not
        return timex.PAST if words & {"have", "'ve"} else timex.FUTURE
    if verb.lemma_ == "be" and any(c.dep_ == "xcomp" for c in verb.children) and verb.tag_ in ("VBZ", "VBP"):
        return timex.FUTURE  # "is to visit", "are set to meet"
    if verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in aux):
        return timex.PAST
    if verb.tag_ == "VBN" and (words & {"has", "have", "had", "'ve", "'s"} or not aux):
        return timex.PAST  # "has announced", and "the decision, announced Wednesday"
    if verb.tag_ == "VB":
        head = verb.head
        if "to" in words and head.lemma_ in _FUTURE_VERBS | _DIRECTIVE_VERBS and not any(
            c.lower_ == "had" for t in (head, head.head) for c in t.children  # "had been due to expire Friday"
        ):
            return timex.FUTURE  # "instructed them to report on Monday": still to come
        return None
    if verb.tag_ in ("VBZ", "VBP") or any(c.tag_ in ("VBZ", "VBP") for c in aux):
        return timex.PRESENT
    return None


def _run(doc: Doc, article, found) -> dict:
    return {"times": extract_times(doc, article.published)}


EXTRACTOR = Extractor(
    name="times", version=VERSION, needs=(), sets=("times",), run=_run,
    mentions=TIME_KIND,
)
