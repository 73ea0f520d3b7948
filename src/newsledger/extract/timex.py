"""The value normaliser: one time expression's text to a TIMEX3 value, precision and span.

:func:`normalise` reads the text of an expression already found in an article
("last week", "Friday morning", "the past three months", "the 1990s") and
resolves it against the publication date (``anchor``), a tense hint
(``direction``) and, for anaphoric expressions ("a year earlier", "the next
day"), the last date the article mentioned (``reference``). It returns a
:class:`Timex` carrying a TimeML TIMEX3 value (``2025-12-26``, ``2025-W52``,
``2025-Q1``, ``199``, ``P3M``, ``PAST_REF``), a precision, and the inclusive
calendar interval the value covers.

Written here rather than taken from a library: dateparser (used below for
numeric full dates such as ``26.12.2025``) takes one fixed past-or-future
preference per call instead of the tense of each sentence, returns a
``datetime`` with the missing parts filled from the base date ("March" ->
2025-03-30, "2019" -> 2019-12-30, "last week" -> 2025-12-23) so precision is
lost, reads "the 1990s" as the base date, and has no TIMEX3 values, weeks,
quarters, durations or vague references ("earlier this month" and "recent
months" give None); HeidelTime and SUTime are Java, with no maintained Python
port for Python 3.11. The calendar arithmetic and number words it counts with
are in :mod:`newsledger.extract.timeunits`.
"""

from __future__ import annotations

import calendar
import collections
import datetime as dt
import re
from dataclasses import dataclass

from newsledger.extract.numbers import VAGUE_COUNTS, parse_number
from newsledger.extract.timeunits import (
    MONTH_FORMS,
    MONTHS,
    NUMBER,
    PARTS_OF_DAY,
    PRECISION,
    SEASON_MONTH,
    UNIT,
    WEEKDAY_FORMS,
    WEEKDAYS,
    decode,
    duration_value,
    finer_or_same,
    floor,
    holiday_date,
    name_pattern,
    shift,
    shift_by,
    unit_end,
    unit_value,
    year_from_words,
)

# Tense hints: what the verb governing an expression says about its direction.
PAST, PRESENT, FUTURE = -1, 0, 1

NO_ANCHOR_NOTE = "relative expression and no publication date"
NO_REFERENCE_NOTE = "refers to a date named earlier in the text, and none was found"
_BACK = "mentioned before"  # in a note: the value was counted from an earlier date in the text


@dataclass(frozen=True)
class Timex:
    """A normalised time expression (see :class:`newsledger.schema.TimeMention`)."""

    value: str | None
    precision: str
    interval: tuple[str, str] | None = None
    note: str | None = None


def unit_timex(kind: str, start: dt.date, note: str | None = None, suffix: str = "") -> Timex:
    """The :class:`Timex` of a calendar unit; ``suffix`` adds a time of day ("TNI", "T17:00")."""
    interval = (start.isoformat(), unit_end(kind, start).isoformat())
    return Timex(unit_value(kind, start) + suffix, PRECISION[kind], interval, note)


def relative(kind: str) -> Timex:
    """What a relative expression gives when there is no date to resolve it against."""
    return Timex(None, PRECISION[kind], None, NO_ANCHOR_NOTE)


def refers_back(result: Timex) -> bool:
    """Whether a value was counted from an earlier date in the text rather than publication."""
    return bool(result.note and _BACK in result.note)


# --- choosing among recurring dates -------------------------------------------------------------

# What an expression is read against: publication, the tense hint, the date mentioned last.
_Context = collections.namedtuple("_Context", "anchor direction reference")


def pick(kind: str, starts: list[dt.date], anchor: dt.date, direction: int | None) -> dt.date:
    """Choose among occurrences of a recurring unit (a month name, a weekday, a quarter).

    News convention: past and unknown tense take the latest occurrence that has
    begun by publication, future tense the earliest that has not yet ended,
    present tense the occurrence nearest publication.
    """
    spans = sorted((s, unit_end(kind, s)) for s in starts)
    if direction == FUTURE:
        return next((s for s, e in spans if e >= anchor), spans[-1][0])
    if direction == PRESENT:
        return min(spans, key=lambda se: 0 if se[0] <= anchor <= se[1] else min(abs((se[0] - anchor).days), abs((se[1] - anchor).days)))[0]
    return next((s for s, e in reversed(spans) if s <= anchor), spans[0][0])


def _nearest_day(days: list[dt.date], anchor: dt.date, direction: int | None) -> dt.date:
    """A month and day with no year: the nearest such date, the far side of the tense counting double.

    Dates written this way are deadlines and events within weeks of publication
    ("payable Dec. 7", "extended to Nov. 20") far more often than a year back.
    """
    def cost(day: dt.date) -> int:
        against = day > anchor and direction == PAST or day < anchor and direction == FUTURE
        return abs((day - anchor).days) * (2 if against else 1)

    return min(days, key=cost)


_BACKWARD = {"last", "this past", "past", "previous"}
_FORWARD = {"next", "coming", "this coming", "upcoming"}
_TENSE_WORDS = {PAST: "past tense", FUTURE: "future tense", PRESENT: "present tense"}


def _choose(kind: str, starts: list[dt.date], ctx: _Context, which: str | None, suffix: str = "",
            nearest: bool = False) -> Timex:
    """Resolve a recurring unit named without its year: by "last"/"next", else by tense."""
    anchor = ctx.anchor
    if which in _BACKWARD:
        return unit_timex(kind, max(s for s in starts if unit_end(kind, s) < anchor), None, suffix)
    if which in _FORWARD:
        return unit_timex(kind, min(s for s in starts if s > anchor), None, suffix)
    if which == "this":  # "this September": the one in the year of publication
        same_year = [s for s in starts if s.year == anchor.year]
        return unit_timex(kind, same_year[0] if same_year else pick(kind, starts, anchor, PRESENT), None, suffix)
    tense = _TENSE_WORDS.get(ctx.direction, "no tense")
    if nearest:
        return unit_timex(kind, _nearest_day(starts, anchor, ctx.direction), f"{tense}: the nearest such date", suffix)
    side = {FUTURE: "the next one", PRESENT: "the nearest one"}.get(ctx.direction, "the latest one by publication")
    return unit_timex(kind, pick(kind, starts, anchor, ctx.direction), f"{tense}: {side}", suffix)


def _year_of(text: str | None, ctx: _Context) -> int | None:
    """A year from "1998", "'98", "fiscal 1998", "nineteen ninety-four", "last year"."""
    text = re.sub(r"^(?:of |in )?(?:the )?(?:fiscal |calendar |fy ?)?", "", text or "")
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if re.fullmatch(r"'\d\d", text):
        base = ctx.anchor.year if ctx.anchor else 1950
        year = base // 100 * 100 + int(text[1:])
        return year - 100 if year > base + 10 else year
    match = re.fullmatch(r"(this|last|next|that|the same|the following|the previous) year", text)
    if not match:
        return year_from_words(text)
    anaphoric = match.group(1) in ("that", "the same", "the following", "the previous")
    base = ctx.reference[1] if anaphoric and ctx.reference else ctx.anchor
    if base is None:
        return None
    return base.year + {"last": -1, "next": 1, "the following": 1, "the previous": -1}.get(match.group(1), 0)


# --- the grammar --------------------------------------------------------------------------------

_VAGUE = {
    "PRESENT_REF": r"now|right now|just now|currently|current|at present|presently|the present|present"
                   r"|nowadays|these days|at the moment|at this time|the present time|today's",
    "PAST_REF": r"recently|recent|more recently|lately|previously|formerly|the past|in the past|earlier|some time ago"
                r"|long ago|not long ago|a while ago|a while back|(?:recent|past) (?:days|weeks|months|years|decades)"
                r"|(?:(?:a few|several|some|many|a number of) )?(?:days|weeks|months|years|decades) ago",
    "FUTURE_REF": r"the future|future|soon|shortly|the near future|the near term|the (?:years|days|weeks|months) ahead"
                  r"|(?:the )?coming (?:days|weeks|months|years|decades)|someday",
}
_MODS = re.compile(
    r"(approximately|about|around|roughly|nearly|almost|some|just|only|barely|at least|at most|more than|less than"
    r"|fewer than|over|under|up to|no more than|no less than|a full|the full|a whole|the whole|the entire|all|within"
    r"|early|earlier|late|later|mid|(?:the )?(?:end|beginning|start|middle|close|turn|rest|remainder) of)(?:\s+|-(?=\w))"
)


def clean(text: str) -> str:
    """Lower case, a.m./p.m. kept, other dots, commas and quotes dropped, spaces collapsed."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").lower()
    text = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", text)
    text = re.sub(r"\s*\blocal time\b(?:\s*\([^()]*\))?", "", text)  # "2am local time (0100 UTC)": the clock reading
    text = re.sub(r"(?<!\d)\.|\.(?!\d)|(?<!\d):|:(?!\d)|[,;!?\"()\[\]]", " ", text)
    text = re.sub(r"\b(\S+)[- ]and[- ]a[- ]half[- ](" + UNIT + r")\b", r"\1 \2 and a half", text)  # "two-and-a-half years"
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<!\d)(?:'s|s')$", lambda m: "s" if m.group(0) == "s'" else "", text).strip()  # not "80's"


def normalise(text: str, anchor: dt.date | None = None, direction: int | None = None,
              reference: str | None = None) -> Timex | None:
    """Normalise one time expression; None when it is not one this grammar reads.

    Args:
        text: the expression as it appears ("earlier this month").
        anchor: the publication date that relative expressions resolve against.
        direction: ``PAST``, ``PRESENT`` or ``FUTURE`` from the governing verb, or None.
        reference: TIMEX3 value of the last date mentioned before, for "a year earlier".
    """
    try:
        text = clean(text)
        if not text or len(text) > 80:
            return None
        mods = []
        text = re.sub(r"^the (?=(?:very )?(?:early|late|mid)\b)", "", text)
        while (match := _MODS.match(text)) and match.end() < len(text):
            mods.append(match.group(1))
            text = text[match.end():]
        ctx = _Context(anchor, direction, decode(reference))
        result = _read(re.sub(r"^the (?=\d{4}s?$|'?\d0s$)", "", text), ctx)
    except (ValueError, OverflowError, KeyError, IndexError, TypeError):
        return None  # a date out of range or a malformed number: not an expression we read
    if result is None or not mods:
        return result
    said = "interval is the whole unit" if result.interval else "approximate"
    note = result.note if result.value is None else f"'{' '.join(mods)}': {said}" + (f"; {result.note}" if result.note else "")
    interval = result.interval
    if interval and anchor and interval[0] <= anchor.isoformat() <= interval[1]:
        if "earlier" in mods:
            interval, note = (interval[0], anchor.isoformat()), "earlier: up to publication"
        elif "later" in mods:
            interval, note = (anchor.isoformat(), interval[1]), "later: from publication"
    return Timex(result.value, result.precision, interval, note)


def _read(text: str, ctx: _Context) -> Timex | None:
    for pattern, handler in _RULES:
        match = pattern.fullmatch(text)
        if match:
            groups = match.groupdict()
            groups["text"] = text
            result = handler(groups, ctx)
            if result is not None:
                return result
    return None


def _vague(g: dict, ctx: _Context) -> Timex:
    ref = next(name for name, pattern in _VAGUE.items() if re.fullmatch(pattern, g["text"]))
    return Timex(ref, "unknown", None, "vague reference")


def _literal(g: dict, ctx: _Context) -> Timex | None:
    decoded = decode(g["text"])
    if decoded is None:
        return None
    return unit_timex(*decoded, suffix=g["text"].upper()[10:] if decoded[0] == "day" else "")


def _numeric_date(g: dict, ctx: _Context) -> Timex | None:
    from dateparser.date import DateDataParser  # loaded on first use: it takes a second

    parsed = DateDataParser(languages=["en"], settings={"STRICT_PARSING": True}).get_date_data(g["text"])
    return unit_timex("day", parsed.date_obj.date()) if parsed and parsed.date_obj else None


def _part(part: str | None) -> str:
    return PARTS_OF_DAY.get(part.split()[-1], "") if part else ""


def _on_day(date_text: str | None, ctx: _Context, suffix: str, anaphoric: bool = False) -> Timex | None:
    """A time of day on the date ``date_text`` names, else on the day last mentioned or published."""
    if date_text:
        day = _read(date_text, ctx)
        decoded = decode(day.value) if day and day.value else None
        if day is None or day.value and (decoded is None or decoded[0] != "day"):
            return None
        return day if day.value is None else Timex(day.value[:10] + suffix, "day", day.interval, day.note)
    if ctx.reference and ctx.reference[0] == "day":
        return unit_timex("day", ctx.reference[1], f"on the day {_BACK}", suffix)
    if anaphoric:  # "that night", and no day named before
        return Timex(None, "day", None, NO_REFERENCE_NOTE)
    if ctx.anchor is None:
        return relative("day")
    return unit_timex("day", ctx.anchor, "time on the publication date", suffix)


def _clock_suffix(g: dict) -> str | None:
    if g.get("named"):
        return _part(g["named"])
    hour, minute = int(g.get("hour") or g.get("hour2")), int(g.get("minute") or g.get("min2") or 0)
    if g.get("ampm") == "pm" and hour < 12:
        hour += 12
    elif g.get("ampm") == "am" and hour == 12:
        hour = 0
    return f"T{hour:02d}:{minute:02d}" if hour <= 24 and minute <= 59 else None


def _clock(g: dict, ctx: _Context) -> Timex | None:
    """ "5 p.m. Friday", "noon", and (with ``g["clock"]``) "Friday at 5 p.m."."""
    clock = _CLOCK.fullmatch(g["clock"]) if g.get("clock") else None
    suffix = _clock_suffix(clock.groupdict() if clock else g)
    if suffix is None or g.get("clock") and not clock:
        return None
    return _on_day(g.get("date"), ctx, suffix, anaphoric=g["text"].startswith("that "))


_DAY_OFFSETS = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
                "the day before yesterday": -2, "the day after tomorrow": 2}


def _deictic_day(g: dict, ctx: _Context) -> Timex | None:
    word, part = g["word"], g.get("part") or ("night" if g["word"] == "tonight" else None)
    if word in ("this", "last") and not part or word == "last" and part.split()[-1] not in ("night", "evening"):
        return None  # "this" and "last" alone are no day
    if ctx.anchor is None:
        return relative("day")
    return unit_timex("day", ctx.anchor + dt.timedelta(days=_DAY_OFFSETS[word]), None, _part(part))


def _day_before_after(g: dict, ctx: _Context) -> Timex | None:
    base = _base("day", ctx, True)
    if base is None:
        return Timex(None, "day", None, NO_REFERENCE_NOTE)
    offset = 1 if g["rel"] == "after" else -1
    return unit_timex("day", base[0] + dt.timedelta(days=offset), base[1])


def _weekday(g: dict, ctx: _Context) -> Timex | None:
    suffix = _part(g.get("part"))
    if g.get("month"):  # "Friday, Dec. 26": the date decides
        dated = _month_day(g, ctx)
        return dated if dated is None or dated.value is None else Timex(dated.value + suffix, "day", dated.interval, dated.note)
    if ctx.anchor is None:
        return relative("day")
    monday = floor("week", ctx.anchor)
    weekday = WEEKDAYS[g["weekday"]]
    if g.get("which") == "this":
        return unit_timex("day", monday + dt.timedelta(days=weekday), None, suffix)
    days = [monday + dt.timedelta(days=weekday + 7 * k) for k in range(-2, 3)]
    return _choose("day", days, ctx, g.get("which"), suffix)


def _month_day(g: dict, ctx: _Context) -> Timex | None:
    month, day = MONTHS[g["month"]], int(g["day"]) if g.get("day") else None
    kind = "day" if day else "month"
    if g.get("year"):
        year = _year_of(g["year"], ctx)
        if year is None:
            return None if ctx.anchor else relative(kind)
        return unit_timex(kind, dt.date(year, month, day or 1))
    if ctx.anchor is None:
        return relative(kind)
    years = range(ctx.anchor.year - 1, ctx.anchor.year + 2)
    starts = [dt.date(y, month, day or 1) for y in years if (day or 1) <= calendar.monthrange(y, month)[1]]
    return _choose(kind, starts, ctx, g.get("which"), nearest=day is not None)


def _holiday(g: dict, ctx: _Context) -> Timex | None:
    if g.get("year"):
        year = _year_of(g["year"], ctx)
        return unit_timex("day", holiday_date(g["name"], year)) if year else None if ctx.anchor else relative("day")
    if ctx.anchor is None:
        return relative("day")
    days = [holiday_date(g["name"], y) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)]
    return _choose("day", days, ctx, g.get("which"), nearest=True)


_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def _part_of_year(g: dict, ctx: _Context) -> Timex | None:
    """Quarters, halves and seasons, with or without their year."""
    if g.get("season"):
        kind, month = "season", SEASON_MONTH[g["season"]]
    elif g.get("half"):
        kind, month = "half", 1 if g["half"] == "first" else 7
    else:
        kind, month = "quarter", (_ORDINALS.get(g.get("ordinal") or "") or int(g.get("qnum") or 0)) * 3 - 2
    if g.get("year"):
        year = _year_of(g["year"], ctx)
        if year is None:
            return None if ctx.anchor else relative(kind)
        return unit_timex(kind, dt.date(year - (month == 12), month, 1))
    if ctx.anchor is None:
        return relative(kind)
    starts = [dt.date(y, month, 1) for y in range(ctx.anchor.year - 2, ctx.anchor.year + 2)]
    if kind == "quarter" and ctx.direction == FUTURE:
        # A quarter's results are reported after it ends: "expects to report a third-quarter
        # loss" in October is the quarter just ended, so future tense takes the nearest one.
        ctx = ctx._replace(direction=PRESENT)
    return _choose(kind, starts, ctx, g.get("which"))


def _decade(g: dict, ctx: _Context) -> Timex | None:
    digits = g.get("digits") or str("  twenties thirties forties fifties sixties seventies eighties nineties".split(" ").index(g["word"])) + "0"
    if len(digits) == 4:
        return unit_timex("decade", dt.date(int(digits), 1, 1))
    base = ctx.anchor.year if ctx.anchor else 1999
    year = base // 100 * 100 + int(digits[-2:])
    return unit_timex("decade", dt.date(year - 100 if year > base else year, 1, 1), "century assumed")


_CENTURY_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth " \
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first".split()


def _century(g: dict, ctx: _Context) -> Timex | None:
    ordinal = g["ordinal"]
    number = int(re.sub(r"\D", "", ordinal)) if ordinal[0].isdigit() else _CENTURY_WORDS.index(ordinal) + 1 if ordinal in _CENTURY_WORDS else 0
    return unit_timex("century", dt.date(max((number - 1) * 100, 1), 1, 1)) if 1 <= number <= 30 else None


def _year(g: dict, ctx: _Context) -> Timex | None:
    year = _year_of(g["year"], ctx)
    if year is None or not 1000 <= year <= 2999:
        return None
    if g.get("period") and ctx.reference and ctx.reference[0] in ("quarter", "half", "month", "season"):
        kind, start = ctx.reference  # "the 1988 period" after "the third quarter": that quarter of 1988
        return unit_timex(kind, start.replace(year=year), f"the same part of the year as the date {_BACK}")
    return unit_timex("year", dt.date(year, 1, 1))


def _base(kind: str, ctx: _Context, anaphoric: bool) -> tuple[dt.date, str | None] | None:
    """The unit an expression counts from: the date mentioned last, or publication."""
    if anaphoric and ctx.reference and finer_or_same(ctx.reference[0], kind):
        return floor(kind, ctx.reference[1]), f"relative to the date {_BACK}"
    if ctx.anchor is None or anaphoric:
        return None
    return floor(kind, ctx.anchor), None


_SHIFTS = {"this": 0, "current": 0, "the current": 0, "last": -1, "previous": -1, "this past": -1, "past": -1,
           "the previous": -1, "the prior": -1, "next": 1, "coming": 1, "this coming": 1, "the coming": 1,
           "upcoming": 1, "the following": 1, "the next": 1}


def _deictic_unit(g: dict, ctx: _Context) -> Timex | None:
    which, kind = g["which"], g["kind"]
    if which in ("the past", "the last", "past"):
        # "over the past year" is the twelve months up to publication, not the calendar year
        # before (TimeBank often annotates the latter, which in December is a year off).
        return Timex(duration_value(1, kind.replace("weekend", "day")), "unknown", None, "duration up to publication")
    if which == "the" and kind in ("weekend", "quarter"):
        if ctx.anchor is None:
            return relative(kind)
        if kind == "quarter":
            return _reporting_quarter(ctx)
        starts = [shift("weekend", floor("weekend", ctx.anchor), k) for k in (-2, -1, 0, 1)]
        return unit_timex("weekend", pick("weekend", starts, ctx.anchor, ctx.direction))
    anaphoric = which in ("the", "that", "the same", "the following", "the next", "the previous", "the prior")
    # "the year" with no year named before is the current one; "that year" then names nothing.
    base = _base(kind, ctx, anaphoric) or (_base(kind, ctx, False) if which == "the" else None)
    if base is None:
        return Timex(None, PRECISION[kind], None, NO_REFERENCE_NOTE) if anaphoric else relative(kind)
    return unit_timex(kind, shift(kind, base[0], _SHIFTS.get(which, 0)), base[1])


def _reporting_quarter(ctx: _Context) -> Timex:
    """Business news's "the quarter": the quarter named before, else the last one completed."""
    if ctx.reference and ctx.reference[0] == "quarter":
        return unit_timex("quarter", ctx.reference[1], f"the quarter {_BACK}")
    if ctx.anchor is None:
        return relative("quarter")
    current = floor("quarter", ctx.anchor)
    start = current if ctx.direction == FUTURE else shift("quarter", current, -1)
    return unit_timex("quarter", start, "reporting quarter: the last one completed by publication")


def _period(g: dict, ctx: _Context) -> Timex | None:
    if g["unit"] == "quarter":
        return _reporting_quarter(ctx)
    if ctx.reference and ctx.reference[0] in ("quarter", "half", "month", "season", "year"):
        return unit_timex(*ctx.reference, f"the period {_BACK}")
    return None


def _year_ago(g: dict, ctx: _Context) -> Timex | None:
    """ "the year-ago quarter", "the year-earlier period": the same part of the previous year."""
    if ctx.reference and ctx.reference[0] in ("quarter", "half", "month", "season", "year", "week"):
        kind, start = ctx.reference
        return unit_timex(kind, shift_by(kind, start, "year", -1), f"a year before the date {_BACK}")
    if ctx.anchor is None:
        return relative("year")
    return unit_timex("year", dt.date(ctx.anchor.year - 1, 1, 1), "the year before publication")


_KIND_OF_UNIT = {"second": "day", "minute": "day", "hour": "day", "day": "day", "night": "day", "week": "week",
                 "fortnight": "week", "month": "month", "quarter": "quarter", "year": "year", "decade": "year",
                 "century": "year"}
_UNIT_SCALE = {"fortnight": 2, "decade": 10, "century": 100, "second": 0, "minute": 0, "hour": 0}


def _ago(g: dict, ctx: _Context) -> Timex | None:
    unit = g["unit"].rstrip("s").replace("centurie", "century")
    number = parse_number(g["num"])
    sign = -1 if g["rel"] in ("ago", "earlier", "before", "back", "previously", "prior") else 1
    if number is None:
        return Timex("PAST_REF" if sign < 0 else "FUTURE_REF", "unknown", None, "vague reference")
    number += 0.5 if g.get("half") else 0
    kind, count = _KIND_OF_UNIT[unit], round(number * _UNIT_SCALE.get(unit, 1))
    if number != int(number) and kind in ("year", "month"):
        kind, count = "month", round(number * (12 if kind == "year" else 1))
    anaphoric = g["rel"] not in ("ago", "back", "from now", "hence")
    # "up from $2 a year ago" after "third-quarter profit": the same quarter a year before.
    compared = ctx.reference and ctx.reference[0] in ("quarter", "half") and kind == "year" and count == 1
    if (anaphoric or compared) and ctx.reference and finer_or_same(ctx.reference[0], kind):
        moved = shift_by(*ctx.reference, kind, sign * count)
        if moved is not None:
            return unit_timex(ctx.reference[0], moved, f"relative to the date {_BACK}")
    if anaphoric:
        return Timex(None, PRECISION[kind], None, NO_REFERENCE_NOTE)
    if ctx.anchor is None:
        return relative(kind)
    return unit_timex(kind, shift(kind, floor(kind, ctx.anchor), sign * count))


def _duration(g: dict, ctx: _Context) -> Timex | None:
    unit = g["unit"]
    number = parse_number(g["num"]) if g.get("num") else (None if unit.endswith("s") else 1)
    if g.get("num") and number is None and g["num"] not in VAGUE_COUNTS and not g["num"].endswith(" of"):
        return None
    if number is not None and number > 10000:
        return None
    number = number + 0.5 if number is not None and g.get("half") else number
    return Timex(duration_value(number, unit), "unknown", None, "duration")


_SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
                "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P1Q", "biweekly": "P2W"}


def _recurring(g: dict, ctx: _Context) -> Timex | None:
    if g.get("adverb"):
        value = _SET_ADVERBS[g["adverb"]]
    elif g.get("weekday"):
        value = f"XXXX-WXX-{WEEKDAYS[g['weekday']] + 1}" + _part(g.get("part"))
    elif g.get("month"):
        value = f"XXXX-{MONTHS[g['month']]:02d}"
    else:
        value = duration_value(parse_number(g["num"]) if g.get("num") else 1, g["unit"])
    return Timex(value, "unknown", None, "recurring")


_MONTH = name_pattern(MONTH_FORMS, prose=False, group="month")
_WEEKDAY = name_pattern(WEEKDAY_FORMS, prose=False, group="weekday")
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_PART = r"(?P<part>(?:early |late )?(?:morning|afternoon|evening|night)|noon|midday|midnight)"
_WHICH = r"(?:(?P<which>last|this|next|this past|past|coming|this coming|on) )?"
_YEARISH = (r"(?P<year>\d{4}|'\d\d|(?:of )?(?:this|last|next|that|the same|the following|the previous) year"
            r"|(?:nineteen|eighteen|twenty|two thousand)[a-z -]*)")
_ORDINAL = r"(?P<ordinal>first|second|third|fourth|final|1st|2nd|3rd|4th)"
_CLOCK = re.compile(r"(?P<hour>\d{1,2})(?::(?P<minute>\d\d))? ?(?P<ampm>am|pm)(?: [a-z]{2,4}t| gmt| utc)?"
                    r"|(?P<hour2>\d{1,2}):(?P<min2>\d\d)|(?:the |that )?(?P<named>noon|midday|midnight"
                    r"|(?:early |late )?(?:morning|afternoon|evening|night))")
_RULES = [(re.compile(pattern), handler) for pattern, handler in [
    ("|".join(_VAGUE.values()), _vague),
    (r"\d{4}-\d\d(?:-\d\d(?:t\d\d:\d\d(?::\d\d)?|t(?:mo|af|ev|ni))?)?|\d{4}-w\d\d(?:-we)?|\d{4}-(?:q[1-4]|h[12]|sp|su|fa|wi)"
     r"|\d{2,3}", _literal),  # bare "199" is a value only ever met here, never found in text
    (r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d\d)", _numeric_date),
    (r"(?:" + _CLOCK.pattern + r")(?: (?:on |of |this |that )?(?P<date>.+))?", _clock),
    (r"(?P<date>.+?) (?:at )?(?P<clock>\d{1,2}(?::\d\d)? ?(?:am|pm)|\d{1,2}:\d\d|noon|midnight)", _clock),
    (r"(?P<word>today|tonight|yesterday|tomorrow|this|last|the day before yesterday|the day after tomorrow)(?: " + _PART + ")?", _deictic_day),
    (r"(?:the )?(?:night|day|morning|evening) (?P<rel>before|after)", _day_before_after),
    (_WHICH + _WEEKDAY + r"(?: " + _PART + r")?(?: " + _MONTH + " " + _DAY + r"(?: (?P<year>\d{4}))?)?", _weekday),
    (_WHICH + _MONTH + " " + _DAY + r"(?: (?:of )?(?P<year>\d{4}|'\d\d))?", _month_day),
    (r"(?:the )?" + _DAY + " (?:of )?" + _MONTH + r"(?: (?P<year>\d{4}))?", _month_day),
    (_WHICH + _MONTH + r"(?: (?:of )?" + _YEARISH + ")?", _month_day),
    (r"(?:(?P<which>last|this|next|this past|coming) )?(?P<name>christmas eve|christmas day|christmas|new year's eve"
     r"|new year's day|new year's|thanksgiving day|thanksgiving|easter sunday|easter|halloween)(?: " + _YEARISH + ")?", _holiday),
    (r"(?:the )?(?:(?:fiscal|calendar) )?" + _ORDINAL + r"[- ](?:fiscal[- ])?quarter(?: (?:of )?(?:fiscal |calendar )?" + _YEARISH + ")?", _part_of_year),
    (r"(?:the )?" + _YEARISH + r"'?s? (?:fiscal )?" + _ORDINAL + r"[- ]quarter", _part_of_year),
    (r"q(?P<qnum>[1-4])(?: " + _YEARISH + ")?", _part_of_year),
    (r"(?:the )?(?P<half>first|second|last) half(?: (?:of )?(?:fiscal )?" + _YEARISH + ")?", _part_of_year),
    (r"(?:(?P<which>this|last|next|this past|coming|the|that) )?(?P<season>spring|summer|fall|autumn|winter)(?: (?:of )?" + _YEARISH + ")?", _part_of_year),
    (r"(?:the )?(?:(?P<digits>\d{4}|'?\d0)'?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))", _decade),
    (r"(?:the )?(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-first)?) century", _century),
    (r"(?:the )?(?:year |fiscal |calendar |fy ?)?(?P<year>\d{4}|'\d\d|(?:nineteen|eighteen|twenty|two thousand)[a-z -]*)"
     r"(?: (?P<period>period|quarter|fiscal year|season))?", _year),
    (r"(?:the )?(?:year-ago|year-earlier|year ago|year earlier|prior-year|year-before)(?: (?:fiscal )?(?:quarter|period"
     r"|month|week|year|first half|second half|results?|levels?))?", _year_ago),
    (r"(?:the )?(?:latest|most recent|same|comparable|recent|reporting|fiscal)? ?(?P<unit>quarter|period)", _period),
    (r"(?P<which>this|current|the current|last|previous|this past|next|coming|this coming|the coming|upcoming|the following"
     r"|the next|the previous|the prior|the same|that|the|the past|the last|past) (?:fiscal |calendar )?"
     r"(?P<kind>day|week|weekend|month|quarter|year|decade|century|half)", _deictic_unit),
    (r"(?P<num>" + NUMBER + r")[ -](?:more |additional |full )?(?P<unit>" + UNIT + r")(?P<half>[ -]and[ -]a[ -]half)?"
     r" (?P<rel>ago|earlier|before|later|after|afterwards|hence|from now|back|previously|prior)", _ago),
    (r"(?P<adverb>" + "|".join(_SET_ADVERBS) + r")|(?:every|each|per|once a|twice a|once every) (?:(?P<num>" + NUMBER
     + r") )?(?P<unit>" + UNIT + r")|(?:every|each) (?:" + _WEEKDAY + "|" + _MONTH + r")s?(?: " + _PART + r")?", _recurring),
    (r"(?:the )?(?:(?:past|last|next|coming|previous|first|final|following|initial|remaining|latest|prior|same|additional"
     r"|further) )?(?:(?P<num>" + NUMBER + r")[- ])?(?:more |additional |extra |straight |consecutive |full |long |-)?"
     r"(?P<unit>" + UNIT + r")(?P<half>[ -]and[ -]a[ -]half)?(?:[- ](?:long|period|span|stretch|time|term))?"
     r"(?: or (?:so|more|two|three|" + UNIT + r"))?", _duration),
]]
