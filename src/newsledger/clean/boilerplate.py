"""Page debris at the edges of an article's text, and the whitespace normalisation clean allows.

A plain-text copy of a web page often keeps what surrounded the article: a
"related stories" list of unrelated headlines at the end, "Advertisement",
"Share this article", cookie notices, bylines. :func:`strip_debris` removes such
lines from the two *edges* of the text only, and returns a contiguous slice of
its input, so it never invents or reorders text and offsets computed on its
output are offsets into a slice of the original.

Two rules, applied until nothing changes (so stripping twice equals stripping once):

* **Boilerplate lines** at either edge that match a known phrase (advertisement,
  share buttons, read-more and related-stories headers, newsletter and cookie
  notices, copyright lines, bylines and reporting credits) are removed one by one.
* **A trailing run of headlines**: three or more consecutive short single-line
  blocks, mostly without terminal punctuation, each starting like a headline,
  after a block that ends a sentence, are removed. "Short" is measured against
  the article itself (60% of the median word count of its sentence-ending
  paragraphs, capped at 20 words), so a hard-wrapped text, whose lines are all
  alike, is left alone. A leading run of three or more one-to-three word lines
  (a navigation menu) is removed the same way.

No library served: trafilatura and jusText classify blocks of an HTML tree by
markup and link density, which a plain-text copy no longer has.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

# A headline in a "related stories" list is rarely longer than this.
MAX_DEBRIS_WORDS = 20
# A debris line is at most this share of the article's median paragraph length.
SHORT_SHARE_OF_MEDIAN = 0.6
MIN_TRAILING_RUN = 3
MIN_NAV_RUN = 3
MAX_NAV_WORDS = 3
CHARS_PER_WORD = 6
# Without this many sentence-ending paragraphs there is no median to trust.
MIN_SENTENCE_BLOCKS = 3

_CLOSERS = "\"'”’»)]}*_"
_OPENERS = "\"'“‘«([{¿¡"
_BULLETS = "-–—•·*▪►>|"
_TERMINAL = ".!?…"

# Unicode space characters that are mapped to an ASCII space, and invisible
# characters that are dropped (they split words for every tokenizer downstream).
_UNICODE_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLES = re.compile("[\u200b\u2060\ufeff]")
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)

_BOILERPLATE_PATTERNS = [
    r"advertisement|advertising|sponsored( content)?|ad|promoted( content)?",
    r"(skip|jump) to (main )?(content|navigation)",
    r"(share|share this( article| story| page| post)?|share( on| via) \w+)[:!]?",
    r"((share on|share to|email|print|tweet|facebook|twitter|whatsapp|linkedin|reddit|copy link)\W*){2,}",
    r"(read|see|view) (more|also|full (story|article))\b.*",
    r"continue reading.*|click here\b.*|listen to (this|the) (article|story).*",
    r"\d+\s*(min|minute)s?\s*read",
    r"(related|more)( stories| articles| content| coverage| news| topics| reading)?:?",
    r"(more (from|on|in) |more stories (from|on) ).{0,60}",
    r"(most (read|popular|viewed|shared)|recommended( for you)?|top stories|trending( now)?|latest (news|stories)|"
    r"you (may|might) (also )?(like|be interested in)|editors'? picks?)\W*",
    r".{0,80}\b(sign up|subscribe)\b.{0,80}\b(newsletter|email|inbox|updates|alerts)\b.*",
    r"(subscribe|sign up|log in|sign in|register)( now| today| here)?[.!]?",
    r"(follow|join|like) us on .*",
    r".{0,200}\b(we|this (site|website)) uses? cookies\b.*|.{0,200}\b(accept|reject|manage) (all )?cookies\b.*",
    r".{0,120}\bcookie (policy|settings|preferences|notice)\b.*",
    r"(©|\(c\)|copyright\b).*|.{0,120}\ball rights reserved\b.*",
    # Wire-service credits: in parentheses, or without a sentence inside.
    r"\((additional )?(reporting|writing|editing) by\b.*\)|(additional )?(reporting|writing|editing) by\b[^.!?]*",
    # Timestamps, not sentences that start with the same word ("Published reports said...").
    r"(published|updated|posted|last updated|first published)( on| at)?:?\s*"
    r"(\d|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b)[^.!?]{0,60}"
    r"|(published|updated|posted)\s*\d+\s*(minutes?|hours?|days?|mins?|hrs?)\s+ago",
]
_BOILERPLATE = re.compile(r"(?:%s)" % "|".join(_BOILERPLATE_PATTERNS), re.IGNORECASE)
# Bylines are case-sensitive: "By" followed by one to four capitalised names,
# optionally several authors and an outlet ("By Jane Doe and Ali Khan, Reuters").
_NAME = r"[A-Z][\w'’.\-]*(?: (?:[A-Z][\w'’.\-]*|de|van|von|al|bin|da|del|la|le)){0,4}"
_BYLINE = re.compile(rf"(?:By|BY|Words by|Story by)\s+{_NAME}(?:(?:,| and| &) {_NAME})*(?: ?[,|] ?{_NAME})?")
# Cookie notices are long; other boilerplate lines are short.
MAX_BOILERPLATE_WORDS = 60


@dataclass(frozen=True)
class _Block:
    """One non-blank line of the text: where it starts and ends, and its words."""

    start: int
    end: int
    text: str

    @property
    def words(self) -> float:
        # Scripts written without spaces (Chinese, Japanese, Thai) would count as
        # one word a line; characters / 6 is about the length of an English word.
        return max(len(self.text.split()), len(self.text) / CHARS_PER_WORD)


def normalise_whitespace(text: str) -> str:
    """Line endings to ``\\n``, Unicode spaces to ASCII spaces, no trailing spaces.

    The only changes :func:`~newsledger.clean.prepare` makes to a text besides
    cutting debris: words, punctuation and line structure are kept as they are.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _UNICODE_SPACES.sub(" ", text)
    text = _INVISIBLES.sub("", text)
    return _TRAILING_SPACE.sub("", text).strip("\n ")


def strip_debris(text: str, *, headline_runs: bool = True) -> str:
    """Remove page debris from the start and end of ``text``.

    Args:
        text: an article's plain text, paragraphs on their own lines.
        headline_runs: also cut trailing headline lists and leading menus.
            Text extracted from HTML passes False: the extractor has already
            judged its lists by their markup, and a list kept there (tour dates,
            qualified teams) is more often content than a related-stories list.

    Returns:
        A contiguous slice of ``text`` (``text`` itself when nothing is
        debris); stripping the result again changes nothing.
    """
    while True:
        stripped = _strip_once(text, headline_runs)
        if stripped == text:
            return text
        text = stripped


def is_boilerplate_line(line: str) -> bool:
    """Whether a whole line is a known boilerplate phrase (share, related, cookies, byline...)."""
    line = line.strip().strip(_BULLETS).strip()
    if not line or len(line.split()) > MAX_BOILERPLATE_WORDS:
        return False
    return bool(_BOILERPLATE.fullmatch(line) or _BYLINE.fullmatch(line))


def ends_sentence(line: str) -> bool:
    """Whether a line ends with terminal punctuation, looking past closing quotes and brackets."""
    core = line.rstrip().rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINAL


def _strip_once(text: str, headline_runs: bool) -> str:
    """One pass: cut one edge boilerplate line or one debris run, or return ``text``."""
    blocks = _blocks(text)
    if len(blocks) < 2:
        return text
    if is_boilerplate_line(blocks[-1].text):
        return text[: blocks[-2].end]
    if is_boilerplate_line(blocks[0].text):
        return text[blocks[1].start :]
    if not headline_runs:
        return text
    run = _trailing_headline_run(blocks)
    if run:
        return text[: blocks[-run - 1].end]
    nav = _leading_nav_run(blocks)
    if nav:
        return text[blocks[nav].start :]
    return text


def _blocks(text: str) -> list[_Block]:
    blocks = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            blocks.append(_Block(pos + lead, pos + lead + len(stripped), stripped))
        pos += len(line) + 1
    return blocks


def _short_limit(blocks: list[_Block]) -> float | None:
    """The word count under which a block counts as short, or None without evidence."""
    sentence_lengths = [b.words for b in blocks if ends_sentence(b.text)]
    if len(sentence_lengths) < MIN_SENTENCE_BLOCKS:
        return None
    return min(MAX_DEBRIS_WORDS, SHORT_SHARE_OF_MEDIAN * statistics.median(sentence_lengths))


def _looks_like_headline(line: str) -> bool:
    # A line ending in a colon introduces a list that belongs to the article
    # ("Tour dates:"), unless it is a known header ("Related:", "Read more:").
    if line.rstrip().endswith(":"):
        return False
    core = line.lstrip(_BULLETS).lstrip().lstrip(_OPENERS)
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def _trailing_headline_run(blocks: list[_Block]) -> int:
    """How many trailing blocks form a headline list (0 when they do not)."""
    limit = _short_limit(blocks)
    if limit is None:
        return 0
    run = 0
    for block in reversed(blocks):
        if block.words > limit or not _looks_like_headline(block.text):
            break
        run += 1
    if run < MIN_TRAILING_RUN or run == len(blocks):
        return 0
    # The run must follow where the article ends: a paragraph that finishes a sentence.
    before = blocks[-run - 1]
    if not ends_sentence(before.text) or before.words <= limit:
        return 0
    tail = blocks[-run:]
    punctuated = sum(ends_sentence(b.text) for b in tail)
    # Headlines mostly lack a full stop; a run of short finished sentences is prose.
    if punctuated * 3 > run:
        return 0
    return run


def _leading_nav_run(blocks: list[_Block]) -> int:
    """How many leading blocks form a navigation menu of one-to-three word items."""
    run = 0
    for block in blocks[:-1]:
        if block.words > MAX_NAV_WORDS or ends_sentence(block.text) or block.text.endswith(":"):
            break
        run += 1
    return run if run >= MIN_NAV_RUN else 0
