"""What the pages show and how: article text made visible and highlighted, figures, places, links, bars.

Article text is untrusted. :func:`visible` turns the characters a page should
never pass on raw (terminal escapes, other control characters, bidirectional
overrides) into visible escapes, before the templates escape HTML. Highlights
work on character offsets into an article's text: :func:`segments` cuts the
text at every span boundary and gives each piece every span covering it, so
overlapping spans (a place inside a claim inside a quote) all show;
:func:`excerpt` does the same for a stretch around one sentence. Nothing here
returns markup: the templates build it from these values, escaped.

The words for incidents are the CLI's, from :mod:`newsledger.wording`:
ranges as "12", "12-20", "12+", places as "Mosul, IQ", dates as "start..end".
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any
from urllib.parse import quote, urlencode

from newsledger.wording import dates_text, deaths_text, place_text, range_text

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional embeddings,
# overrides and isolates that can make text read differently from what it is.
_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_WEB_URL = re.compile(r"^https?://[^\s\x00-\x1f\x7f-\x9f\\]+$", re.IGNORECASE)


def visible(text: Any) -> str:
    """``text`` with control characters shown as escapes (``"\\x1b"`` becomes the four characters ``\\x1b``)."""
    if text is None:
        return ""
    return _HIDDEN.sub(_escape_one, str(text))


def _escape_one(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def web_url(url: str | None) -> str | None:
    """``url`` if it is an http or https address a page may link to, else None (shown as text instead)."""
    if url and _WEB_URL.match(url):
        return url
    return None


# Highlights ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Highlight:
    """Characters ``start:end`` of a text, of one ``kind`` (a CSS class ``hl-<kind>``), described by ``label``."""

    start: int
    end: int
    kind: str
    label: str


@dataclass(frozen=True)
class Segment:
    """A piece of text and every highlight covering all of it."""

    text: str
    covering: tuple[Highlight, ...] = ()

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(h.kind for h in self.covering))

    @property
    def classes(self) -> str:
        return " ".join(f"hl-{kind}" for kind in self.kinds)

    @property
    def title(self) -> str:
        return "; ".join(dict.fromkeys(h.label for h in self.covering))

    def has_any(self, kinds: Iterable[str]) -> bool:
        """Whether a highlight of one of ``kinds`` covers this piece."""
        wanted = set(kinds)
        return any(h.kind in wanted for h in self.covering)


def highlight(span: Mapping[str, Any] | None, kind: str, label: str) -> list[Highlight]:
    """A highlight of a ``{"start", "end"}`` span, or none when it has no offsets."""
    if not span:
        return []
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or end <= start:
        return []
    return [Highlight(start, end, kind, label)]


def segments(text: str, highlights: Iterable[Highlight], start: int = 0, end: int | None = None) -> list[Segment]:
    """``text[start:end]`` cut at every highlight boundary, each piece with the highlights covering it.

    Highlights are clipped to the stretch; empty ones and ones outside it are left out.
    """
    end = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, end))
    kept = []
    for h in highlights:
        low, high = max(h.start, start), min(h.end, end)
        if low < high:
            kept.append(Highlight(low, high, h.kind, h.label))
    opening: dict[int, list[int]] = defaultdict(list)
    closing: dict[int, list[int]] = defaultdict(list)
    for index, h in enumerate(kept):
        opening[h.start].append(index)
        closing[h.end].append(index)
    bounds = sorted({start, end} | set(opening) | set(closing))
    active: set[int] = set()
    pieces = []
    for low, high in pairwise(bounds):
        active.difference_update(closing.get(low, ()))
        active.update(opening.get(low, ()))
        pieces.append(Segment(text[low:high], tuple(kept[i] for i in sorted(active))))
    return pieces


@dataclass(frozen=True)
class Excerpt:
    """A stretch of an article around some words, cut into highlighted segments."""

    segments: list[Segment]
    cut_before: bool
    cut_after: bool


def excerpt(text: str | None, start: int, end: int, highlights: Iterable[Highlight],
            context: int = 160) -> Excerpt | None:
    """``text[start:end]`` with about ``context`` characters either side (whole words), highlighted.

    None when there is no text or the offsets are not inside it.
    """
    if not text or not 0 <= start < end <= len(text):
        return None
    low = max(0, start - context)
    if low > 0:
        space = text.find(" ", low, start)
        low = space + 1 if space != -1 else low
    high = min(len(text), end + context)
    if high < len(text):
        space = text.rfind(" ", end, high)
        high = space if space != -1 else high
    return Excerpt(segments(text, highlights, low, high), low > 0, high < len(text))


# Times -----------------------------------------------------------------------------------------


def utc(moment: dt.datetime) -> dt.datetime:
    """A stamp read back from the store as UTC (SQLite keeps it without its offset)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def stamp(moment: dt.datetime) -> str:
    """A moment as people read it, in UTC: ``2026-01-01 13:00:00 UTC``."""
    return f"{utc(moment):%Y-%m-%d %H:%M:%S} UTC"


def incident_path(incident_id: str, **query: Any) -> str:
    """The page of an incident (``query`` added: ``as_of=...``)."""
    return with_query(f"/incidents/{quote(incident_id, safe='')}", {}, **query)


def article_path(article_id: str) -> str:
    """The page of an article."""
    return f"/articles/{quote(article_id, safe='')}"


def with_query(path: str, query: Mapping[str, Any], **changes: Any) -> str:
    """``path?query`` with ``changes`` applied (None removes a key); no ``?`` when nothing is left."""
    merged = {**query, **changes}
    kept = {k: str(v) for k, v in merged.items() if v is not None and str(v) != ""}
    return f"{path}?{urlencode(kept)}" if kept else path


# Timeline bars ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bin of a bar chart: where it is drawn, its value, the days it covers and what it says."""

    x: float
    y: float
    width: float
    height: float
    value: int
    start: str
    end: str
    title: str
    href: str


@dataclass(frozen=True)
class Chart:
    """An SVG bar chart's geometry: size, bars, date labels every few bars, and its largest value."""

    width: int
    height: int
    plot_top: int
    plot_bottom: int
    bars: list[Bar]
    labels: list[tuple[float, str]]
    largest: int
    show_values: bool


# More bars than this would be too thin to read: the empty days are then left out instead.
FILL_LIMIT = 400


def filled_bins(bins: list[dict[str, Any]], unit: str) -> tuple[list[dict[str, Any]], bool]:
    """The timeline's bins with the empty days (or weeks) between them added, so bars keep time's spacing,
    and whether they were added (not when that would make more than :data:`FILL_LIMIT` bars)."""
    if not bins:
        return [], True
    step = dt.timedelta(days=7 if unit == "week" else 1)
    first, last = dt.date.fromisoformat(bins[0]["start"]), dt.date.fromisoformat(bins[-1]["start"])
    if (last - first) // step + 1 > FILL_LIMIT:
        return bins, False
    by_start = {b["start"]: b for b in bins}
    out, day = [], first
    while day <= last:
        key = day.isoformat()
        out.append(by_start.get(key, {"start": key, "incidents": 0, "deaths": 0}))
        day += step
    return out, True


def bin_end(start: str, unit: str) -> str:
    """The last day of the bin that begins on ``start``."""
    return (dt.date.fromisoformat(start) + dt.timedelta(days=6 if unit == "week" else 0)).isoformat()


def bar_chart(bins: list[dict[str, Any]], key: str, unit: str, noun: str, href_of) -> Chart:
    """The bars of ``bins[i][key]`` (``"incidents"`` or ``"deaths"``); ``href_of(start, end)`` links each."""
    count = max(len(bins), 1)
    step = max(6.0, min(40.0, 900.0 / count))
    top, bottom, left = 22, 170, 8
    width = int(left * 2 + step * count)
    largest = max((b[key] for b in bins), default=0)
    bars = []
    for index, b in enumerate(bins):
        if not b["incidents"]:
            continue  # an empty day keeps its place on the axis, with nothing to choose there
        value = b[key]
        height = 0.0 if not largest else (bottom - top) * value / largest
        end = bin_end(b["start"], unit)
        when = b["start"] if unit == "day" else f"week of {b['start']}"
        title = f"{when}: {b[key]} {noun}" + (
            f", {b['deaths']} deaths" if key == "incidents" else f", {b['incidents']} incidents"
        )
        bars.append(Bar(round(left + index * step + 1, 2), round(bottom - height, 2), round(max(step - 2, 1), 2),
                        round(height, 2), value, b["start"], end, title, href_of(b["start"], end)))
    every = max(1, math.ceil(80 / step))
    labels = [(round(left + i * step + 1, 2), b["start"]) for i, b in enumerate(bins) if i % every == 0]
    return Chart(max(width, 320), 200, top, bottom, bars, labels, largest, step >= 22)


__all__ = [
    "Bar", "Chart", "Excerpt", "Highlight", "Segment", "article_path", "bar_chart", "bin_end", "dates_text",
    "deaths_text", "excerpt", "filled_bins", "highlight", "incident_path", "place_text", "range_text", "segments",
    "stamp", "utc", "visible", "web_url", "with_query",
]
