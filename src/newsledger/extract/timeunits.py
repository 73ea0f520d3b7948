"""Calendar units and number words: the arithmetic under the TIMEX3 normaliser.

:mod:`newsledger.extract.timex` reads an expression's grammar; this module holds
what that grammar counts with. Calendar units (day, week, weekend, month,
quarter, season, half-year, year, decade, century): their first day
(:func:`floor`), moving by whole units (:func:`shift`, :func:`shift_by`), their
last day, their TIMEX3 value (:func:`unit_value`, ``2025-W52-WE``,
``2025-Q3``, ``199``) and back again (:func:`decode`); month, weekday, season
and part-of-day names and the dates of holidays; years spelled out
("nineteen ninety-six") and TIMEX3 durations (:func:`duration_value`, ``P3M``, ``PT1H30M``).

Written here rather than taken from a library: dateparser returns a
``datetime`` and nothing else, so it has no TIMEX3 values, no precision (a
month and a day look alike once filled from the base date) and no intervals for
weeks, quarters, seasons, halves or decades; the calendar and dateutil give the
raw date arithmetic only, which is what this module builds on (dateutil for
Easter). The number words are read by :mod:`newsledger.extract.numbers`,
shared with the casualty counts.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from dateutil.easter import easter

from newsledger.extract.numbers import SMALL, parse_number

# --- calendar units -------------------------------------------------------------------------

# Month and weekday names and how news abbreviates them, as regular-expression fragments: (name, in a
# normalised expression, in prose). In prose an abbreviation needs its full stop where the bare
# letters are an English word ("Mar", "Sun") or a weekday's; :func:`name_pattern` builds both patterns.
MONTH_FORMS = (
    ("january", "jan", r"jan\.?"), ("february", "feb", r"feb\.?"), ("march", "mar", r"mar\."),
    ("april", "apr", r"apr\.?"), ("may", None, None), ("june", "jun", r"jun\."), ("july", "jul", r"jul\."),
    ("august", "aug", r"aug\.?"), ("september", "sept?", r"sept?\.?"), ("october", "oct", r"oct\.?"),
    ("november", "nov", r"nov\.?"), ("december", "dec", r"dec\.?"),
)
WEEKDAY_FORMS = (
    ("monday", "mon", r"mon\."), ("tuesday", "tues?", r"tues?\."), ("wednesday", "wed", r"wed\."),
    ("thursday", "thurs?|thu", r"thur?s?\."), ("friday", "fri", r"fri\."), ("saturday", "sat", r"sat\."),
    ("sunday", "sun", r"sun\."),
)
_MONTH_NAMES = [name for name, _, _ in MONTH_FORMS]
_DAY_NAMES = [name for name, _, _ in WEEKDAY_FORMS]


def name_pattern(forms: tuple[tuple[str, str | None, str | None], ...], *, prose: bool, group: str | None = None) -> str:
    """A regular expression for month or weekday names (``MONTH_FORMS``, ``WEEKDAY_FORMS``).

    Args:
        forms: the names with their abbreviations.
        prose: capitalised names and abbreviations with their full stops, as
            article text writes them; else the lower-case forms a normalised
            expression holds.
        group: the name of the capturing group, or None for a plain group.

    Returns:
        The full names first, then the abbreviations, in calendar order.
    """
    names = [name.capitalize() if prose else name for name, _, _ in forms]
    short = [(written.capitalize() if prose else bare) for _, bare, written in forms if bare]
    body = "|".join(names + short)
    return f"(?P<{group}>{body})" if group else f"(?:{body})"


MONTHS = {n: i + 1 for i, n in enumerate(_MONTH_NAMES)} | {n[:3]: i + 1 for i, n in enumerate(_MONTH_NAMES)} | {"sept": 9}
WEEKDAYS = {n: i for i, n in enumerate(_DAY_NAMES)} | {n[:3]: i for i, n in enumerate(_DAY_NAMES)} | {
    "tues": 1, "thur": 3, "thurs": 3}
SEASON_MONTH = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_SEASON_CODE = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
PARTS_OF_DAY = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI",
                "noon": "T12:00", "midday": "T12:00", "midnight": "T24:00"}
_MONTHS_PER = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
_DAYS_PER = {"day": 1, "week": 7, "weekend": 7}
# A half-year is coarser than a quarter and finer than a year: "year" never overstates it.
PRECISION = {"day": "day", "week": "week", "weekend": "week", "month": "month", "quarter": "quarter",
             "season": "quarter", "half": "year", "year": "year", "decade": "decade", "century": "unknown"}
_ORDER = ["day", "week", "weekend", "month", "quarter", "season", "half", "year", "decade", "century"]


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not 1 <= year <= 9998:
        raise OverflowError("year out of range")
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def floor(kind: str, day: dt.date) -> dt.date:
    """First day of the ``kind`` unit (week, month, quarter...) that contains ``day``."""
    if kind == "day":
        return day
    if kind in ("week", "weekend"):
        monday = day - dt.timedelta(days=day.weekday())
        return monday + dt.timedelta(days=5) if kind == "weekend" else monday
    if kind == "season":  # December belongs to the next year's winter
        return _add_months(day.replace(day=1), -(day.month % 3))
    if kind in ("decade", "century"):
        size = 10 if kind == "decade" else 100
        return dt.date(day.year // size * size or 1, 1, 1)
    months = _MONTHS_PER[kind]
    return dt.date(day.year, (day.month - 1) // months * months + 1, 1)


def shift(kind: str, start: dt.date, count: int) -> dt.date:
    """Start of the unit ``count`` units after the one starting at ``start``."""
    if kind in _DAYS_PER:
        return start + dt.timedelta(days=_DAYS_PER[kind] * count)
    return _add_months(start, _MONTHS_PER[kind] * count)


def unit_end(kind: str, start: dt.date) -> dt.date:
    """Last day of the ``kind`` unit starting at ``start`` (a weekend is Saturday and Sunday)."""
    return start + dt.timedelta(days=1) if kind == "weekend" else shift(kind, start, 1) - dt.timedelta(days=1)


def unit_value(kind: str, start: dt.date) -> str:
    """The TIMEX3 value of a calendar unit."""
    if kind in ("week", "weekend"):
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}" + ("-WE" if kind == "weekend" else "")
    year = start.year
    return {
        "day": start.isoformat(), "month": f"{year:04d}-{start.month:02d}",
        "quarter": f"{year:04d}-Q{(start.month - 1) // 3 + 1}", "half": f"{year:04d}-H{(start.month - 1) // 6 + 1}",
        "season": f"{year + (start.month == 12):04d}-{_SEASON_CODE.get(start.month, '')}",
        "year": f"{year:04d}", "decade": f"{year // 10:03d}", "century": f"{year // 100:02d}",
    }[kind]


def shift_by(kind: str, start: dt.date, unit_kind: str, count: int) -> dt.date | None:
    """Move a unit by ``count`` units of another kind ("a year earlier" than a quarter)."""
    if unit_kind in _DAYS_PER:
        return floor(kind, start + dt.timedelta(days=_DAYS_PER[unit_kind] * count)) if kind in _DAYS_PER else None
    return floor(kind, _add_months(start, _MONTHS_PER[unit_kind] * count))


def finer_or_same(kind: str, other: str) -> bool:
    """Whether ``kind`` is ``other`` or a finer unit; weeks straddle months, so they compare only with days and weeks."""
    weeks = ("week", "weekend")
    if other in weeks or kind in weeks:
        return kind in weeks + ("day",) and other in weeks
    return _ORDER.index(kind) <= _ORDER.index(other)


def holiday_date(name: str, year: int) -> dt.date:
    """The date of a named holiday ("christmas eve", "thanksgiving", "easter") in ``year``."""
    if name.startswith("christmas"):
        return dt.date(year, 12, 24 if name.endswith("eve") else 25)
    if name.startswith("new year"):
        return dt.date(year, 12, 31) if name.endswith("eve") else dt.date(year, 1, 1)
    if name.startswith("thanksgiving"):  # the fourth Thursday of November (United States)
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    return dt.date(year, 10, 31) if name == "halloween" else easter(year)


_VALUE = re.compile(r"(?P<year>\d{4})(?:-(?:(?P<month>\d\d)(?:-(?P<day>\d\d)(?:t.*)?)?|w(?P<week>\d\d)(?P<we>-we)?"
                    r"|q(?P<quarter>[1-4])|h(?P<half>[12])|(?P<season>sp|su|fa|wi)))?|(?P<decade>\d{3})|(?P<century>\d{2})")


def decode(value: str | None) -> tuple[str, dt.date] | None:
    """A TIMEX3 date value as ``(kind, first day)``; None for durations, refs or nonsense."""
    match = _VALUE.fullmatch((value or "").strip().lower())
    if not match:
        return None
    g = match.groupdict()
    try:
        if g["decade"] or g["century"]:
            kind = "decade" if g["decade"] else "century"
            return kind, dt.date(max(int(g[kind]) * (10 if kind == "decade" else 100), 1), 1, 1)
        year = int(g["year"])
        if g["week"]:
            monday = dt.date.fromisocalendar(year, int(g["week"]), 1)
            return ("weekend", monday + dt.timedelta(days=5)) if g["we"] else ("week", monday)
        if g["season"]:
            month = {"sp": 3, "su": 6, "fa": 9, "wi": 12}[g["season"]]
            return "season", dt.date(year - (month == 12), month, 1)
        for kind, size in (("quarter", 3), ("half", 6)):
            if g[kind]:
                return kind, dt.date(year, int(g[kind]) * size - size + 1, 1)
        if g["month"]:
            return ("day", dt.date(year, int(g["month"]), int(g["day"]))) if g["day"] else ("month", dt.date(year, int(g["month"]), 1))
        return "year", dt.date(max(year, 1), 1, 1)
    except ValueError:
        return None


# --- numbers and durations --------------------------------------------------------------------

_WORD_NUMBER = (r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven"
                r"|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
                r"|fifteen|sixteen|seventeen|eighteen|nineteen")
NUMBER = (r"(?:\d+(?:[.,]\d+)?(?: 1/2)?|a couple of|couple of|a dozen|dozens of|a half|half an?|one and a half"
          r"|a few|few|several|some|many|a number of|numerous|an?|(?:" + _WORD_NUMBER + r")(?: hundred| thousand)?"
          r"|hundreds of|thousands of|a hundred|a thousand)")
UNIT = r"(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur(?:y|ie))s?"


def year_from_words(text: str) -> int | None:
    """ "nineteen ninety-six" -> 1996, "the year two thousand and one" -> 2001."""
    text = re.sub(r"^the year ", "", text).replace(" and ", " ")
    century, _, rest = text.partition(" ")
    if century in ("eighteen", "nineteen", "twenty") and rest and not rest.startswith(("hundred", "thousand")):
        low = parse_number(rest.replace("oh ", "").replace("oh-", ""))
        return int(SMALL.get(century, 20) * 100 + low) if low is not None and low < 100 else None
    year = parse_number(text) if text.startswith("two thousand") else None
    return int(year) if year and 2000 <= year < 2100 else None


# Unit word -> (TIMEX3 letter, multiplier, whether it is a time-of-day unit).
DURATION_UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True), "day": ("D", 1, False),
    "night": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False), "month": ("M", 1, False),
    "quarter": ("Q", 1, False), "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
}
# Half of a unit in the next smaller one, for "2 1/2 years" -> P2Y6M: (letter, is time) -> (letter, amount, is time).
_HALF = {("Y", False): ("M", 6, False), ("M", False): ("D", 15, False), ("W", False): ("D", 3.5, False),
         ("D", False): ("H", 12, True), ("Q", False): ("M", 1.5, False), ("H", True): ("M", 30, True),
         ("M", True): ("S", 30, True)}


def duration_value(number: float | None, unit: str) -> str:
    """``(3, "month")`` -> ``P3M``; ``(None, "week")`` -> ``PXW``; ``(1.5, "hour")`` -> ``PT1H30M``."""
    unit = unit.lower().rstrip("s").replace("centurie", "century")
    letter, times, is_time = DURATION_UNITS.get(unit, ("X", 1, False))
    prefix = "PT" if is_time else "P"
    if number is None:
        return {"decade": "PXDE", "century": "PXCE"}.get(unit, f"{prefix}X{letter}")
    number *= times
    whole, rest = int(number), number - int(number)
    text = f"{prefix}{whole}{letter}"
    if rest and (letter, is_time) in _HALF:
        small, amount, small_time = _HALF[(letter, is_time)]
        text += ("T" if small_time and not is_time else "") + f"{amount * rest * 2:g}{small}"
    return text
