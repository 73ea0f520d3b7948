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
numeric full dates such as ``26.12.2025``) resolves a bare "Friday" to the
coming one and a bare month to the current year, has no notion of tense,
weeks, quarters, decades or durations, and returns a ``datetime`` rather than
a TIMEX3 value with its precision; HeidelTime and SUTime are Java, and no
maintained Python port exists for Python 3.11.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil.easter import easter

# Tense hints: what the verb governing an expression says about its direction.
PAST, PRESENT, FUTURE = -1, 0, 1

NO_ANCHOR_NOTE = "relative expression and no publication date"


@dataclass(frozen=True)
class Timex:
    """A normalised time expression (see :class:`newsledger.schema.TimeMention`)."""

    value: str | None
    precision: str
    interval: tuple[str, str] | None = None
    note: str | None = None


# --- calendar units -------------------------------------------------------------------------

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "fall": ("FA", 9), "autumn": ("FA", 9), "winter": ("WI", 12)}
PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI", "tonight": "TNI"}
# Months each kind of unit spans (None: measured in days).
_MONTHS_PER = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
_DAYS_PER = {"day": 1, "week": 7, "weekend": 7}
PRECISION = {
    "day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter",
    "season": "quarter", "half": "year", "year": "year", "decade": "decade", "century": "unknown",
}


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if not 1 <= year <= 9998:
        raise OverflowError("year out of range")
    last = 31 if month == 11 else (dt.date(year, month + 2, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month + 1, min(day.day, last))


def floor(kind: str, day: dt.date) -> dt.date:
    """First day of the ``kind`` unit (week, month, quarter...) that contains ``day``."""
    if kind == "day":
        return day
    if kind in ("week", "weekend"):
        monday = day - dt.timedelta(days=day.weekday())
        return monday + dt.timedelta(days=5) if kind == "weekend" else monday
    if kind == "season":  # December belongs to the next year's winter
        return _add_months(day.replace(day=1), -(day.month % 3))
    if kind == "decade":
        return dt.date(day.year // 10 * 10 or 1, 1, 1)
    if kind == "century":
        return dt.date(day.year // 100 * 100 or 1, 1, 1)
    months = _MONTHS_PER[kind]
    return dt.date(day.year, (day.month - 1) // months * months + 1, 1)


def shift(kind: str, start: dt.date, count: int) -> dt.date:
    """Start of the unit ``count`` units after the one starting at ``start``."""
    if kind in _DAYS_PER:
        return start + dt.timedelta(days=_DAYS_PER[kind] * count)
    return _add_months(start, _MONTHS_PER[kind] * count)


def unit_value(kind: str, start: dt.date) -> str:
    """The TIMEX3 value of a calendar unit."""
    if kind == "day":
        return start.isoformat()
    if kind in ("week", "weekend"):
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if kind == "weekend" else "")
    if kind == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if kind == "quarter":
        return f"{start.year:04d}-Q{(start.month - 1) // 3 + 1}"
    if kind == "half":
        return f"{start.year:04d}-H{(start.month - 1) // 6 + 1}"
    if kind == "season":
        code = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}[start.month]
        return f"{start.year + (start.month == 12):04d}-{code}"
    if kind == "year":
        return f"{start.year:04d}"
    if kind == "decade":
        return f"{start.year // 10:03d}"
    return f"{start.year // 100:02d}"


def unit_interval(kind: str, start: dt.date) -> tuple[str, str]:
    end = start + dt.timedelta(days=1) if kind == "weekend" else shift(kind, start, 1) - dt.timedelta(days=1)
    return start.isoformat(), end.isoformat()


def unit_timex(kind: str, start: dt.date, note: str | None = None, suffix: str = "") -> Timex:
    return Timex(unit_value(kind, start) + suffix, PRECISION[kind], unit_interval(kind, start), note)


def refers_back(result: Timex) -> bool:
    """Whether a value was counted from an earlier date in the text rather than publication."""
    return bool(result.note and "mentioned before" in result.note)


def relative(kind: str, note: str | None = None) -> Timex:
    """What a relative expression gives when there is no date to resolve it against."""
    return Timex(None, PRECISION[kind], None, note or NO_ANCHOR_NOTE)


def pick(kind: str, starts: list[dt.date], anchor: dt.date, direction: int | None) -> dt.date:
    """Choose among occurrences of a recurring unit (a month name, a weekday, a quarter).

    News convention: past and unknown tense take the latest occurrence that has
    begun by publication, future tense the earliest that has not yet ended,
    present tense the occurrence nearest publication.
    """
    spans = sorted((s, dt.date.fromisoformat(unit_interval(kind, s)[1])) for s in starts)
    if direction == FUTURE:
        return next((s for s, e in spans if e >= anchor), spans[-1][0])
    if direction == PRESENT:
        return min(spans, key=lambda se: 0 if se[0] <= anchor <= se[1] else min(abs((se[0] - anchor).days), abs((se[1] - anchor).days)))[0]
    return next((s for s, e in reversed(spans) if s <= anchor), spans[0][0])


# --- numbers ----------------------------------------------------------------------------------

_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4,
             "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
VAGUE_COUNTS = {"a few", "few", "several", "some", "many", "a number of", "numerous", "the", "recent", "coming"}
NUMBER = (
    r"(?:\d+(?:[.,]\d+)?(?: 1/2)?|a couple of|couple of|a dozen|dozens of|a half|half an?|one and a half"
    r"|a few|few|several|some|many|a number of|numerous|an?|(?:(?:twenty|thirty|forty|fifty|sixty|seventy"
    r"|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five"
    r"|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen)(?: hundred| thousand)?|hundreds of|thousands of|a hundred|a thousand)"
)


def parse_number(text: str) -> float | None:
    """``"twenty four"`` -> 24, ``"1 1/2"`` -> 1.5, ``"a"`` -> 1; None when vague ("several")."""
    text = text.strip().lower()
    if text in VAGUE_COUNTS or text.endswith(" of") and text not in ("a couple of", "couple of"):
        return None
    fixed = {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a dozen": 12, "a half": 0.5,
             "half a": 0.5, "half an": 0.5, "one and a half": 1.5, "a hundred": 100, "a thousand": 1000}
    if text in fixed:
        return fixed[text]
    match = re.fullmatch(r"(\d+(?:[.,]\d+)?)( 1/2)?", text)
    if match:
        number = float(match.group(1).replace(",", "") if "," in match.group(1) and len(match.group(1)) > 4 else match.group(1).replace(",", "."))
        return number + (0.5 if match.group(2) else 0)
    total, current = 0, 0
    for word in re.split(r"[- ]+", text):
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in ("hundred", "thousand"):
            current = max(current, 1) * (100 if word == "hundred" else 1000)
            if word == "thousand":
                total, current = total + current, 0
        else:
            return None
    return float(total + current)


_YEAR_WORDS = re.compile(
    r"(?:the year )?(?:(nineteen|eighteen|twenty) ((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|oh[- ](?:one|two|three|four|five|six|seven|eight|nine))"
    r"|two thousand(?:(?: and)? (one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve))?)"
)


def _year_from_words(text: str) -> int | None:
    match = _YEAR_WORDS.fullmatch(text)
    if not match:
        return None
    if match.group(1):
        low = parse_number(match.group(2).replace("oh", "zero").replace("-", " "))
        return int({"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[match.group(1)] + (low or 0))
    return 2000 + int(parse_number(match.group(3)) or 0) if match.group(3) else 2000


# --- durations --------------------------------------------------------------------------------

# Unit word -> (TIMEX3 letter, multiplier, whether it is a time-of-day unit).
DURATION_UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
}
# What half a unit is in the next smaller unit, for "2 1/2 years" -> P2Y6M.
_HALF = {"Y": ("M", 6, False), "M": ("D", 15, False), "W": ("D", 3.5, False), "D": ("H", 12, True),
         "H": ("M", 30, True), "Q": ("M", 1.5, False)}
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))s?"


def duration_value(number: float | None, unit: str) -> str:
    """``(3, "month")`` -> ``P3M``; ``(None, "week")`` -> ``PXW``; ``(1.5, "hour")`` -> ``PT1H30M``."""
    unit = unit.lower().rstrip("s").replace("centurie", "century")
    letter, times, is_time = DURATION_UNITS.get(unit, ("X", 1, False))
    prefix = "PT" if is_time else "P"
    if number is None:
        if unit == "decade":
            return "PXDE"
        if unit == "century":
            return "PXCE"
        return f"{prefix}X{letter}"
    number *= times
    whole = int(number)
    rest = number - whole
    text = f"{prefix}{whole}{letter}"
    if rest and letter in _HALF:
        small, amount, small_time = _HALF[letter]
        amount = amount * rest * 2
        amount_text = str(int(amount)) if float(amount).is_integer() else f"{amount:g}"
        text += ("T" if small_time and not is_time else "") + f"{amount_text}{small}"
    return text


# --- reading TIMEX3 values back -------------------------------------------------------------

_VALUE_FORMS = [
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)(?:t.*)?"), "day"),
    (re.compile(r"(\d{4})-w(\d\d)(-we)?"), "week"),
    (re.compile(r"(\d{4})-(\d\d)"), "month"),
    (re.compile(r"(\d{4})-q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-h([12])"), "half"),
    (re.compile(r"(\d{4})-(sp|su|fa|wi)"), "season"),
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"(\d{3})"), "decade"),
    (re.compile(r"(\d{2})"), "century"),
]


def decode(value: str | None) -> tuple[str, dt.date] | None:
    """A TIMEX3 date value as ``(kind, first day)``; None for durations, refs or nonsense."""
    text = (value or "").strip().lower()
    for pattern, kind in _VALUE_FORMS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        try:
            year = int(match.group(1))
            if kind == "day":
                return kind, dt.date(year, int(match.group(2)), int(match.group(3)))
            if kind == "week":
                monday = dt.date.fromisocalendar(year, int(match.group(2)), 1)
                return ("weekend", monday + dt.timedelta(days=5)) if match.group(3) else ("week", monday)
            if kind == "month":
                return kind, dt.date(year, int(match.group(2)), 1)
            if kind == "quarter":
                return kind, dt.date(year, int(match.group(2)) * 3 - 2, 1)
            if kind == "half":
                return kind, dt.date(year, int(match.group(2)) * 6 - 5, 1)
            if kind == "season":
                code = match.group(2).upper()
                month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
                return kind, dt.date(year - (code == "WI"), month, 1)
            if kind == "decade":
                return kind, dt.date(max(year * 10, 1), 1, 1)
            if kind == "century":
                return kind, dt.date(max(year * 100, 1), 1, 1)
            return kind, dt.date(max(year, 1), 1, 1)
        except (ValueError, OverflowError):
            return None
    return None


# --- the grammar --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Context:
    anchor: dt.date | None
    direction: int | None
    reference: tuple[str, dt.date] | None


_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
_WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thurs?|thu|fri|sat|sun)"
_DAYNUM = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(\d{4}|'\d\d)"
_KINDS = r"(day|week|weekend|month|quarter|year|decade|century|half|fiscal year|period)"
_VAGUE = {
    "PRESENT_REF": r"now|right now|just now|currently|current|at present|presently|the present|present"
                   r"|nowadays|these days|at the moment|at this time|the present time|today's",
    "PAST_REF": r"recently|recent|more recently|lately|previously|formerly|the past|in the past|earlier"
                r"|some time ago|long ago|not long ago|a while ago|a while back|(?:recent|past) (?:days|weeks|months|years|decades)"
                r"|(?:days|weeks|months|years|decades) ago|(?:a few|several|some|many) (?:days|weeks|months|years|decades) ago",
    "FUTURE_REF": r"the future|future|soon|shortly|the near future|the near term|the years ahead|the days ahead"
                  r"|the weeks ahead|the months ahead|(?:the )?coming (?:days|weeks|months|years|decades)|someday",
}
_MODS = re.compile(
    r"(approximately|about|around|roughly|nearly|almost|some|just|only|barely|at least|at most|more than"
    r"|less than|fewer than|over|under|up to|no more than|no less than|a full|the full|a whole|the whole|the entire"
    r"|all|within|early|earlier|late|later|mid|the end of|end of|the beginning of|beginning of|the start of"
    r"|start of|the middle of|middle of|the close of|the turn of|the rest of|the remainder of)(?:\s+|-(?=\w))"
)
_DEICTIC_SHIFT = {"this": 0, "current": 0, "the current": 0, "last": -1, "previous": -1, "this past": -1,
                  "past": -1, "next": 1, "coming": 1, "this coming": 1, "the coming": 1, "upcoming": 1}


def clean(text: str) -> str:
    """Lower case, a.m./p.m. kept, other dots, commas and quotes dropped, spaces collapsed."""
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-").lower()
    text = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", text)
    text = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", text)
    text = re.sub(r"(?<!\d):|:(?!\d)|[,;!?\"()\[\]]", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?:'s|s')$", lambda m: "s" if m.group(0) == "s'" else "", text).strip()


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
        return _normalise(clean(text), _Context(anchor, direction, decode(reference)))
    except (ValueError, OverflowError, KeyError, IndexError, TypeError):
        return None  # a date out of range or a malformed number: not an expression we read


def _normalise(text: str, ctx: _Context) -> Timex | None:
    if not text or len(text) > 80:
        return None
    mods = []
    text = re.sub(r"^the (?=(?:very )?(?:early|late|mid)\b)", "", text)
    while True:
        match = _MODS.match(text)
        if not match or match.end() == len(text):
            break
        mods.append(match.group(1))
        text = text[match.end():]
    text = re.sub(r"^the (?=\d{4}s?$|'?\d0s$)", "", text)
    result = _read(text, ctx)
    if result is None or not mods:
        return result
    return _apply_mods(result, mods, ctx.anchor)


def _apply_mods(result: Timex, mods: list[str], anchor: dt.date | None) -> Timex:
    note = f"{' '.join(mods)}: " + (result.note or "span of the whole unit")
    interval = result.interval
    if interval and anchor and interval[0] <= anchor.isoformat() <= interval[1]:
        if "earlier" in mods:
            interval = (interval[0], anchor.isoformat())
            note = "earlier: up to publication"
        elif "later" in mods:
            interval = (anchor.isoformat(), interval[1])
            note = "later: from publication"
    return Timex(result.value, result.precision, interval, note)


def _read(text: str, ctx: _Context) -> Timex | None:
    for pattern, handler in _RULES:
        match = pattern.fullmatch(text)
        if match:
            result = handler(match, ctx)
            if result is not None:
                return result
    return None


def _need(ctx: _Context, kind: str) -> Timex | None:
    return None if ctx.anchor else relative(kind)


def _vague(match: re.Match, ctx: _Context) -> Timex:
    ref = next(name for name, pattern in _VAGUE.items() if re.fullmatch(pattern, match.group(0)))
    return Timex(ref, "unknown", None, "vague reference")


def _literal(match: re.Match, ctx: _Context) -> Timex | None:
    decoded = decode(match.group(0))
    if decoded is None:
        return None
    suffix = match.group(0).upper()[10:] if decoded[0] == "day" else ""
    return unit_timex(*decoded, suffix=suffix)


def _numeric_date(match: re.Match, ctx: _Context) -> Timex | None:
    from dateparser.date import DateDataParser  # loaded on first use: it takes a second

    parsed = DateDataParser(languages=["en"], settings={"STRICT_PARSING": True}).get_date_data(match.group(0))
    if parsed is None or parsed.date_obj is None:
        return None
    return unit_timex("day", parsed.date_obj.date())


def _year_of(text: str | None, ctx: _Context) -> int | None:
    """A year from "1998", "'98", "fiscal 1998", "last year", "this year"."""
    if not text:
        return None
    text = re.sub(r"^(?:of |in )?(?:the )?(?:fiscal |calendar |fy ?)?", "", text)
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if re.fullmatch(r"'\d\d", text):
        base = ctx.anchor.year if ctx.anchor else 1950
        year = base // 100 * 100 + int(text[1:])
        return year - 100 if year > base + 10 else year
    words = _year_from_words(text)
    if words:
        return words
    match = re.fullmatch(r"(this|last|next|that|the same|the following|the previous) year", text)
    if match:
        base = ctx.reference[1].year if match.group(1) in ("that", "the same", "the following", "the previous") and ctx.reference else (ctx.anchor.year if ctx.anchor else None)
        if base is None:
            return None
        return base + {"last": -1, "next": 1, "the following": 1, "the previous": -1}.get(match.group(1), 0)
    return None


def _month_day(match: re.Match, ctx: _Context) -> Timex | None:
    groups = match.groupdict()
    month = MONTHS[groups["month"]]
    day = int(groups["day"]) if groups.get("day") else None
    year = _year_of(groups.get("year"), ctx)
    if groups.get("year") and year is None:
        return _need(ctx, "day" if day else "month")
    kind = "day" if day else "month"
    if year is not None:
        return unit_timex(kind, dt.date(year, month, day or 1))
    if ctx.anchor is None:
        return relative(kind)
    years = range(ctx.anchor.year - 1, ctx.anchor.year + 2)
    starts = [dt.date(y, month, day or 1) for y in years if day is None or day <= (31 if month != 2 else 28 + (y % 4 == 0))]
    which = groups.get("which")
    if which in ("last", "this past", "past"):
        return unit_timex(kind, max(s for s in starts if dt.date.fromisoformat(unit_interval(kind, s)[1]) < ctx.anchor))
    if which in ("next", "coming", "this coming"):
        return unit_timex(kind, min(s for s in starts if s > ctx.anchor))
    if which == "this":
        return unit_timex(kind, dt.date(ctx.anchor.year, month, day or 1))
    if day is not None:
        return unit_timex(kind, _nearest_day(starts, ctx.anchor, ctx.direction), "year: the nearest such date, tense-weighted")
    return unit_timex(kind, pick(kind, starts, ctx.anchor, ctx.direction), "year from publication date and tense")


def _nearest_day(days: list[dt.date], anchor: dt.date, direction: int | None) -> dt.date:
    """A month and day with no year: the nearest such date, the far side of the tense counting double.

    Dates written this way are deadlines and events within weeks of publication
    ("payable Dec. 7", "extended to Nov. 20") far more often than a year back.
    """
    def cost(day: dt.date) -> int:
        distance = abs((day - anchor).days)
        against = day > anchor and direction == PAST or day < anchor and direction == FUTURE
        return distance * 2 if against else distance

    return min(days, key=cost)


def _weekday(match: re.Match, ctx: _Context) -> Timex | None:
    groups = match.groupdict()
    suffix = _part_of_day(groups.get("part"))
    if groups.get("month"):
        dated = _month_day(match, ctx)
        if dated is not None and dated.value:
            return Timex(dated.value + suffix, "day", dated.interval, dated.note)
        return dated
    if ctx.anchor is None:
        return relative("day")
    weekday = WEEKDAYS[groups["weekday"]]
    which = groups.get("which")
    base = ctx.anchor - dt.timedelta(days=ctx.anchor.weekday())
    days = [base + dt.timedelta(days=weekday + 7 * k) for k in (-2, -1, 0, 1, 2)]
    if which in ("last", "this past", "past"):
        day = max(d for d in days if d < ctx.anchor)
    elif which in ("next", "coming", "this coming"):
        day = min(d for d in days if d > ctx.anchor)
    elif which == "this":
        day = base + dt.timedelta(days=weekday)
    else:
        day = pick("day", days, ctx.anchor, ctx.direction)
        tense = {PAST: "past tense", FUTURE: "future tense", PRESENT: "present tense"}.get(ctx.direction, "no tense")
        return unit_timex("day", day, f"{tense}: nearest such day {'after' if ctx.direction == FUTURE else 'on or before' if ctx.direction != PRESENT else 'to'} publication", suffix)
    return unit_timex("day", day, None, suffix)


def _part_of_day(part: str | None) -> str:
    if not part:
        return ""
    part = part.split()[-1]
    if part in ("noon", "midday"):
        return "T12:00"
    if part == "midnight":
        return "T24:00"
    return PARTS_OF_DAY.get(part, "")


def _deictic_day(match: re.Match, ctx: _Context) -> Timex | None:
    word, part = match.group("word"), match.group("part")
    if word == "tonight":
        word, part = "today", "night"
    if word in ("this", "last") and not part:
        return None
    offset = {"today": 0, "this": 0, "yesterday": -1, "tomorrow": 1, "last": -1,
              "the day before yesterday": -2, "the day after tomorrow": 2}[word]
    if word == "last" and part not in ("night", "evening"):
        return None
    if ctx.anchor is None:
        return relative("day")
    return unit_timex("day", ctx.anchor + dt.timedelta(days=offset), None, _part_of_day(part))


def _clock(match: re.Match, ctx: _Context) -> Timex | None:
    hour = int(match.group("hour") or 0)
    minute = int(match.group("minute") or 0)
    half = match.group("ampm")
    if match.group("named"):
        suffix = _part_of_day(match.group("named"))
    else:
        if half == "pm" and hour < 12:
            hour += 12
        elif half == "am" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
        suffix = f"T{hour:02d}:{minute:02d}"
    rest = match.group("date")
    if rest:
        day = _read(rest, ctx)
        if day is None or (day.value and decode(day.value) and decode(day.value)[0] != "day"):
            return None
        if day.value is None:
            return day
        return Timex(day.value[:10] + suffix, "day", day.interval, day.note)
    if ctx.reference and ctx.reference[0] == "day":
        return unit_timex("day", ctx.reference[1], "time on the day last mentioned", suffix)
    if ctx.anchor is None:
        return relative("day")
    return unit_timex("day", ctx.anchor, "time on the publication date", suffix)


def _decade(match: re.Match, ctx: _Context) -> Timex | None:
    digits = match.group("digits")
    if digits is None:
        names = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}
        digits = str(names[match.group("word")]) + "0"
    if len(digits) == 4:
        return unit_timex("decade", dt.date(int(digits), 1, 1))
    base = ctx.anchor.year if ctx.anchor else 1999
    year = base // 100 * 100 + int(digits[-2:])
    return unit_timex("decade", dt.date(year - 100 if year > base else year, 1, 1), "century assumed")


def _century(match: re.Match, ctx: _Context) -> Timex | None:
    words = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
             "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
             "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
    ordinal = match.group("ordinal")
    number = int(re.sub(r"\D", "", ordinal)) if ordinal[0].isdigit() else words.get(ordinal)
    if not number or not 1 <= number <= 30:
        return None
    return unit_timex("century", dt.date(max((number - 1) * 100, 1), 1, 1))


def _year(match: re.Match, ctx: _Context) -> Timex | None:
    year = _year_of(match.group("year"), ctx)
    if year is None:
        return _need(ctx, "year")
    if not 1000 <= year <= 2999:
        return None
    if match.group("period") and ctx.reference and ctx.reference[0] in ("quarter", "half", "month", "season"):
        kind, start = ctx.reference  # "the 1988 period" after "the third quarter": that quarter of 1988
        return unit_timex(kind, start.replace(year=year), "same part of the year as the date before")
    return unit_timex("year", dt.date(year, 1, 1))


def _part_of_year(match: re.Match, ctx: _Context) -> Timex | None:
    """Quarters, halves and seasons, with or without their year."""
    groups = match.groupdict()
    if groups.get("season"):
        kind, month = "season", SEASONS[groups["season"]][1]
    elif groups.get("half"):
        kind, month = "half", 1 if groups["half"] == "first" else 7
    else:
        kind = "quarter"
        number = _ORDINALS.get(groups.get("ordinal") or "") or int(groups.get("qnum") or 0)
        if not number:
            return None
        month = number * 3 - 2
    year_text = groups.get("year")
    if year_text:
        year = _year_of(year_text, ctx)
        if year is None:
            return _need(ctx, kind)
        return unit_timex(kind, dt.date(year - (month == 12), month, 1))
    if ctx.anchor is None:
        return relative(kind)
    starts = [dt.date(y, month, 1) for y in range(ctx.anchor.year - 2, ctx.anchor.year + 2)]
    which = groups.get("which")
    if which in ("last", "this past", "past"):
        return unit_timex(kind, max(s for s in starts if dt.date.fromisoformat(unit_interval(kind, s)[1]) < ctx.anchor))
    if which in ("next", "coming", "this coming"):
        return unit_timex(kind, min(s for s in starts if s > ctx.anchor))
    # A quarter's results are reported after it ends: "expects to report a third-quarter
    # loss" in October is the quarter just ended, so future tense takes the nearest one.
    direction = PRESENT if kind == "quarter" and ctx.direction == FUTURE else ctx.direction
    return unit_timex(kind, pick(kind, starts, ctx.anchor, direction), "year from publication date and tense")


_KIND_OF_UNIT = {"second": "day", "minute": "day", "hour": "day", "day": "day", "night": "day", "week": "week",
                 "fortnight": "week", "month": "month", "quarter": "quarter", "year": "year", "decade": "year",
                 "century": "year"}
_UNIT_SCALE = {"fortnight": 2, "decade": 10, "century": 100, "second": 0, "minute": 0, "hour": 0}


def _shifted(kind: str, start: dt.date, unit_kind: str, count: int) -> dt.date | None:
    """Move a unit by ``count`` units of another kind ("a year earlier" than a quarter)."""
    if unit_kind in _DAYS_PER:
        if kind not in _DAYS_PER:
            return None  # "a week later" than a month is no calendar unit
        return floor(kind, start + dt.timedelta(days=_DAYS_PER[unit_kind] * count))
    return floor(kind, _add_months(start, _MONTHS_PER[unit_kind] * count))


def _base(kind: str, ctx: _Context, anaphoric: bool) -> tuple[dt.date, str | None] | None:
    """The unit an expression counts from: the date mentioned last, or publication."""
    if anaphoric and ctx.reference and _finer_or_same(ctx.reference[0], kind):
        return floor(kind, ctx.reference[1]), "relative to the date mentioned before"
    if ctx.anchor is None:
        return None
    return floor(kind, ctx.anchor), ("relative to publication" if anaphoric else None)


_ORDER = ["day", "week", "weekend", "month", "quarter", "season", "half", "year", "decade", "century"]


def _finer_or_same(kind: str, other: str) -> bool:
    if other in ("week", "weekend"):
        return kind in ("day", "week", "weekend")
    if kind in ("week", "weekend"):
        return other in ("week", "weekend")
    return _ORDER.index(kind) <= _ORDER.index(other)


def _deictic_unit(match: re.Match, ctx: _Context) -> Timex | None:
    which, kind = match.group("which"), match.group("kind").replace("fiscal ", "").replace("calendar ", "")
    if which in ("the past", "the last", "past"):
        return Timex(duration_value(1, kind.replace("weekend", "day")), "unknown", None, "duration")
    if kind == "period":
        return None
    if which == "the" and kind in ("weekend", "quarter"):
        if ctx.anchor is None:
            return relative(kind)
        if kind == "quarter":
            return _reporting_quarter(ctx)
        starts = [shift("weekend", floor("weekend", ctx.anchor), k) for k in (-2, -1, 0, 1)]
        return unit_timex("weekend", pick("weekend", starts, ctx.anchor, ctx.direction))
    anaphoric = which in ("the", "that", "the same", "the following", "the next", "the previous", "the prior")
    base = _base(kind, ctx, anaphoric)
    if base is None:
        return relative(kind)
    start, note = base
    count = _DEICTIC_SHIFT.get(which, 0)
    if which in ("the following", "the next"):
        count = 1
    elif which in ("the previous", "the prior"):
        count = -1
    return unit_timex(kind, shift(kind, start, count), note)


def _day_before_after(match: re.Match, ctx: _Context) -> Timex | None:
    base = _base("day", ctx, True)
    if base is None:
        return relative("day")
    offset = 1 if match.group("rel") == "after" else -1
    return unit_timex("day", base[0] + dt.timedelta(days=offset), base[1], _part_of_day(match.group("part")))


def _reporting_quarter(ctx: _Context) -> Timex:
    """Business news's "the quarter": the quarter named before, else the last one completed."""
    if ctx.reference and ctx.reference[0] == "quarter":
        return unit_timex("quarter", ctx.reference[1], "the quarter mentioned before")
    if ctx.anchor is None:
        return relative("quarter")
    current = floor("quarter", ctx.anchor)
    start = current if ctx.direction == FUTURE else shift("quarter", current, -1)
    return unit_timex("quarter", start, "reporting quarter: the last one completed by publication")


def _period(match: re.Match, ctx: _Context) -> Timex | None:
    if match.group("unit") == "quarter":
        return _reporting_quarter(ctx)
    if ctx.reference and ctx.reference[0] in ("quarter", "half", "month", "season", "year"):
        return unit_timex(*ctx.reference, "the period mentioned before")
    return None


def _year_ago(match: re.Match, ctx: _Context) -> Timex | None:
    """ "the year-ago quarter", "the year-earlier period": the same part of the previous year."""
    if ctx.reference and ctx.reference[0] in ("quarter", "half", "month", "season", "year", "week"):
        kind, start = ctx.reference
        return unit_timex(kind, _shifted(kind, start, "year", -1), "a year before the date mentioned before")
    if ctx.anchor is None:
        return relative("year")
    return unit_timex("year", dt.date(ctx.anchor.year - 1, 1, 1), "the year before publication")


def _ago(match: re.Match, ctx: _Context) -> Timex | None:
    unit = match.group("unit").rstrip("s").replace("centurie", "century")
    number = parse_number(match.group("num"))
    if number is not None and match.group("half"):
        number += 0.5
    rel = match.group("rel")
    sign = -1 if rel in ("ago", "earlier", "before", "back", "previously", "prior") else 1
    if number is None:
        return Timex("PAST_REF" if sign < 0 else "FUTURE_REF", "unknown", None, "vague reference")
    kind = _KIND_OF_UNIT[unit]
    count = round(number * _UNIT_SCALE.get(unit, 1))
    if number != int(number) and kind in ("year", "month"):
        kind, count = "month", round(number * (12 if kind == "year" else 1))
    anaphoric = rel not in ("ago", "back", "from now", "hence")
    # "up from $2 a year ago" after "third-quarter profit": the same quarter a year before.
    period_compared = ctx.reference and ctx.reference[0] in ("quarter", "half") and kind == "year"
    if (anaphoric or period_compared) and ctx.reference and _finer_or_same(ctx.reference[0], kind):
        ref_kind, ref_start = ctx.reference
        moved = _shifted(ref_kind, ref_start, kind, sign * count)
        if moved is not None:
            return unit_timex(ref_kind, moved, "relative to the date mentioned before")
    if ctx.anchor is None:
        return relative(kind)
    note = "relative to publication" if anaphoric else None
    return unit_timex(kind, shift(kind, floor(kind, ctx.anchor), sign * count), note)


def _duration(match: re.Match, ctx: _Context) -> Timex | None:
    groups = match.groupdict()
    unit = groups["unit"]
    number = parse_number(groups["num"]) if groups.get("num") else (None if unit.endswith("s") else 1)
    if groups.get("num") and number is None and groups["num"] not in VAGUE_COUNTS and not groups["num"].endswith(" of"):
        return None
    if number is not None and number > 10000:
        return None
    if number is not None and groups.get("half"):
        number += 0.5
    return Timex(duration_value(number, unit), "unknown", None, "duration")


_SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
                "yearly": "P1Y", "hourly": "PT1H", "quarterly": "P1Q", "biweekly": "P2W"}


def _recurring(match: re.Match, ctx: _Context) -> Timex | None:
    groups = match.groupdict()
    if groups.get("adverb"):
        value = _SET_ADVERBS[groups["adverb"]]
    elif groups.get("weekday"):
        value = f"XXXX-WXX-{WEEKDAYS[groups['weekday']] + 1}" + _part_of_day(groups.get("part"))
    elif groups.get("month"):
        value = f"XXXX-{MONTHS[groups['month']]:02d}"
    else:
        number = parse_number(groups["num"]) if groups.get("num") else 1
        value = duration_value(number, groups["unit"])
    return Timex(value, "unknown", None, "recurring")


def _holiday_date(name: str, year: int) -> dt.date:
    if name.startswith("christmas"):
        return dt.date(year, 12, 24 if name.endswith("eve") else 25)
    if name.startswith("new year"):
        return dt.date(year, 12, 31) if name.endswith("eve") else dt.date(year, 1, 1)
    if name.startswith("thanksgiving"):  # the fourth Thursday of November (United States)
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if name == "halloween":
        return dt.date(year, 10, 31)
    return easter(year)


def _holiday(match: re.Match, ctx: _Context) -> Timex | None:
    name, which = match.group("name"), match.group("which")
    year = _year_of(match.group("year"), ctx)
    if year is not None:
        return unit_timex("day", _holiday_date(name, year))
    if ctx.anchor is None:
        return relative("day")
    days = [_holiday_date(name, y) for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2)]
    if which in ("last", "this past"):
        return unit_timex("day", max(d for d in days if d < ctx.anchor))
    if which in ("next", "this coming", "coming"):
        return unit_timex("day", min(d for d in days if d > ctx.anchor))
    return unit_timex("day", _nearest_day(days, ctx.anchor, ctx.direction), "year: the nearest such date, tense-weighted")


def _date_then_clock(match: re.Match, ctx: _Context) -> Timex | None:
    day = _read(match.group("date"), ctx)
    clock = _read(match.group("clock"), _Context(ctx.anchor, ctx.direction, decode(day.value) if day else None))
    if day is None or clock is None or not day.value or decode(day.value) is None or decode(day.value)[0] != "day":
        return None
    return clock


_PART = r"(?P<part>(?:early |late )?(?:morning|afternoon|evening|night)|noon|midday|midnight)"
_WHICH = r"(?:(?P<which>last|this|next|this past|past|coming|this coming|on) )?"
_YEARISH = r"(?P<year>\d{4}|'\d\d|(?:of )?(?:this|last|next|that|the same|the following|the previous) year|(?:nineteen|eighteen|twenty|two thousand)[a-z -]*)"
_ORDINAL = r"(?P<ordinal>first|second|third|fourth|final|1st|2nd|3rd|4th)"
_REF_WORDS = r"(?P<which>this|current|the current|last|previous|this past|next|coming|this coming|the coming|upcoming|the following|the next|the previous|the prior|the same|that|the|the past|the last|past)"

_RULES = [
    (re.compile("|".join(_VAGUE.values())), _vague),
    (re.compile(r"\d{4}-\d\d(?:-\d\d(?:t\d\d:\d\d(?::\d\d)?)?)?|\d{4}-w\d\d(?:-we)?|\d{4}-(?:q[1-4]|h[12]|sp|su|fa|wi)"), _literal),
    (re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d\d)"), _numeric_date),
    (re.compile(r"(?:(?P<hour>\d{1,2})(?::(?P<minute>\d\d))? ?(?P<ampm>am|pm)(?: [a-z]{2,4}t| gmt| utc)?"
                r"|(?P<hour2>\d{1,2}):(?P<min2>\d\d)|(?:the )?(?P<named>noon|midday|midnight|(?:early |late )?(?:morning|afternoon|evening|night)))"
                r"(?: (?:on |of |this |that )?(?P<date>.+))?"), lambda m, c: _clock_rule(m, c)),
    (re.compile(r"(?P<date>.+?) (?:at )?(?P<clock>\d{1,2}(?::\d\d)? ?(?:am|pm)|\d{1,2}:\d\d|noon|midnight)"), _date_then_clock),
    (re.compile(r"(?P<word>today|tonight|yesterday|tomorrow|this|last|the day before yesterday|the day after tomorrow)(?: " + _PART + ")?"), _deictic_day),
    (re.compile(r"(?:the )?(?P<part2>night|day|morning|evening) (?P<rel>before|after)(?P<part>)"), _day_before_after),
    (re.compile(_WHICH + r"(?P<weekday>" + _WEEKDAY[1:-1] + r")(?: " + _PART + r")?(?: (?P<month>" + _MONTH[1:-1] + r") " + _DAYNUM + r"(?: (?P<year>\d{4}))?)?"), _weekday),
    (re.compile(_WHICH + r"(?P<month>" + _MONTH[1:-1] + r") (?P<day>\d{1,2})(?:st|nd|rd|th)?(?: (?:of )?(?P<year>\d{4}|'\d\d))?"), _month_day),
    (re.compile(r"(?:the )?(?P<day>\d{1,2})(?:st|nd|rd|th)? (?:of )?(?P<month>" + _MONTH[1:-1] + r")(?: (?P<year>\d{4}))?"), _month_day),
    (re.compile(_WHICH + r"(?P<month>" + _MONTH[1:-1] + r")(?: (?:of )?" + _YEARISH + ")?"), _month_day),
    (re.compile(r"(?:(?P<which>last|this|next|this past|coming) )?(?P<name>christmas eve|christmas day|christmas|new year's eve|new year's day|new year's|thanksgiving day|thanksgiving|easter sunday|easter|halloween)(?: " + _YEARISH + ")?"), _holiday),
    (re.compile(r"(?:the )?(?:(?:fiscal|calendar) )?" + _ORDINAL + r"[- ](?:fiscal[- ])?quarter(?: (?:of )?(?:fiscal |calendar )?" + _YEARISH + ")?"), _part_of_year),
    (re.compile(r"(?:the )?" + _YEARISH + r"'?s? (?:fiscal )?" + _ORDINAL + r"[- ]quarter"), _part_of_year),
    (re.compile(r"q(?P<qnum>[1-4])(?: " + _YEARISH + ")?"), _part_of_year),
    (re.compile(r"(?:the )?(?P<half>first|second|last) half(?: (?:of )?(?:fiscal )?" + _YEARISH + ")?"), lambda m, c: _part_of_year(_HalfMatch(m), c)),
    (re.compile(r"(?:(?P<which>this|last|next|this past|coming|the|that) )?(?P<season>spring|summer|fall|autumn|winter)(?: (?:of )?" + _YEARISH + ")?"), _part_of_year),
    (re.compile(r"(?:the )?(?:(?P<digits>\d{4}|'?\d0)'?s|(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))"), _decade),
    (re.compile(r"(?:the )?(?P<ordinal>\d{1,2}(?:st|nd|rd|th)|[a-z]+(?:-first)?) century"), _century),
    (re.compile(r"(?:the )?(?:year |fiscal |calendar |fy ?)?(?P<year>\d{4}|'\d\d|(?:nineteen|eighteen|twenty|two thousand)[a-z -]*)(?: (?P<period>period|quarter|fiscal year|season))?"), _year),
    (re.compile(r"(?:the )?(?:year-ago|year-earlier|year ago|year earlier|prior-year|year-before)(?: (?:fiscal )?(?:quarter|period|month|week|year|first half|second half|results?|levels?))?"), _year_ago),
    (re.compile(r"(?:the )?(?:latest|most recent|same|comparable|recent|reporting|fiscal)? ?(?P<unit>quarter|period)"), _period),
    (re.compile(_REF_WORDS + r" (?:fiscal |calendar )?(?P<kind>day|week|weekend|month|quarter|year|decade|century|half|period)"), _deictic_unit),
    (re.compile(r"(?P<num>" + NUMBER + r")[ -](?:more |additional |full )?(?P<unit>" + UNIT + r")(?P<half>[ -]and[ -]a[ -]half)? (?P<rel>ago|earlier|before|later|after|afterwards|hence|from now|back|previously|prior)"), _ago),
    (re.compile(r"(?P<adverb>" + "|".join(_SET_ADVERBS) + r")|(?:every|each|per|once a|twice a|once every) (?:(?P<num>" + NUMBER + r") )?(?P<unit>" + UNIT + r")"
                r"|(?:every|each) (?:(?P<weekday>" + _WEEKDAY[1:-1] + r")|(?P<month>" + _MONTH[1:-1] + r"))s?(?: " + _PART + r")?"), _recurring),
    (re.compile(r"(?:the )?(?:(?:past|last|next|coming|previous|first|final|following|initial|remaining|latest|prior|same|additional|further) )?(?:(?P<num>" + NUMBER + r")[- ])?"
                r"(?:more |additional |extra |straight |consecutive |full |long |-)?(?P<unit>" + UNIT + r")(?P<half>[ -]and[ -]a[ -]half)?(?:[- ](?:long|period|span|stretch|time|term))?(?: or (?:so|more|two|three|" + UNIT + r"))?"), _duration),
]


class _HalfMatch:
    """Lets the halves rule reuse :func:`_part_of_year` ("the last half" is the second)."""

    def __init__(self, match: re.Match) -> None:
        self._groups = {"half": "first" if match.group("half") == "first" else "second", "year": match.group("year")}

    def groupdict(self) -> dict:
        return self._groups


def _clock_rule(match: re.Match, ctx: _Context) -> Timex | None:
    if match.group("hour2"):
        hour, minute, ampm = match.group("hour2"), match.group("min2"), None
    else:
        hour, minute, ampm = match.group("hour"), match.group("minute"), match.group("ampm")
    named = match.group("named")
    date = match.group("date")
    if named and not date and named.split()[-1] in ("morning", "afternoon", "evening", "night") and not ctx.reference and ctx.anchor is None:
        return relative("day")
    fields = {"hour": hour, "minute": minute, "ampm": ampm, "named": named, "date": date}
    return _clock(_Fields(fields), ctx)


class _Fields:
    """A dict that answers ``.group(name)`` like a match, for :func:`_clock`."""

    def __init__(self, fields: dict) -> None:
        self._fields = fields

    def group(self, name: str):
        return self._fields.get(name)
