"""Bytes to text: byte-order marks, UTF-8, UTF-16 without a mark, and legacy code pages.

News in a legacy encoding is overwhelmingly Western European (Windows-1252 or
ISO-8859-1, which Windows-1252 extends), so :func:`decode` prefers it and lets
charset-normalizer name another code page only when Windows-1252 cannot decode
the bytes or its reading is implausible. charset-normalizer alone is not
enough: on a short Spanish or German article every single-byte Latin code page
decodes without "mess", and it often ranks Windows-1250 or ISO-8859-14 first
(turning "Año" into "Ańo" and "São" into "Săo"). No library ranks candidate
readings by the alphabets of the languages news is written in, so
:func:`mojibake_score` does it here: it counts characters that a reading puts
where no language would (a superscript or a pound sign between two letters, as
Polish "zatrzyma³a" read as Windows-1252; accented letters that no single
language's alphabet holds together, as Czech "tøi" and "zmìny"; control
characters). Windows-1252 is kept when it scores zero; otherwise the
detector's candidates are ranked by that score, ties going to Windows-1252 and
then to the detector's own order.

UTF-16 without a byte-order mark is recognised by its pattern of NUL bytes
(every other byte is NUL in Latin-script text) instead of being refused as
binary. When nothing fits, the bytes are refused rather than decoded with
replacement characters that would end up in quoted text.
"""

from __future__ import annotations

import codecs
import logging
import re

from newsledger.schema import IngestFailure

LOGGER = logging.getLogger(__name__)

WESTERN = "cp1252"
# Labels that, as in browsers (WHATWG Encoding), mean Windows-1252.
_WESTERN_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "cp819", "windows-1252"}
# Codecs Python has that no page means as its charset.
_REFUSED_CODECS = ("escape", "idna", "punycode", "undefined", "mbcs", "oem", "uu", "rot")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Share of control characters above which decoded bytes are not text.
_MAX_CONTROL_SHARE = 0.02
_SAMPLE_BYTES = 8192
# UTF-16 without a mark: share of NULs in one byte lane, and at most in the other.
_UTF16_NUL_LANE = 0.05
_UTF16_OTHER_LANE = 0.01
# Share of printable characters a UTF-16 reading needs to be taken as text.
_UTF16_PRINTABLE = 0.95
# The detector's candidates worth re-ranking.
_MAX_CANDIDATES = 12

# Accented letters of the languages written in Latin script, lower case. A reading
# whose accented letters fit one of these alphabets is plausible.
_ALPHABETS = {
    "es": "áéíóúüñ",
    "pt": "áàâãçéêíóôõúü",
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "it": "àèéìíòóùú",
    "ca": "àçèéíïòóúü",
    "nl": "áéíóúàèëïöü",
    "da-no": "æøåéó",
    "sv-fi": "åäöé",
    "is": "áðéíóúýþæö",
    "et": "äöõüšž",
    "pl": "ąćęłńóśźż",
    "cs-sk": "áäčďéěíĺľňóôŕřšťúůýž",
    "hu": "áéíóöőúüű",
    "sl-hr-bs": "čćđšž",
    "ro": "ăâîșțşţ",
    "tr": "çğıöşüâî",
    "lt-lv": "ąčęėįšųūžāēģīķļņōŗ",
}
# Symbols that legacy code pages put where other code pages have letters: touching a
# letter they are a misreading (Polish "ł" read as Windows-1252 is "³": "Pawe³").
_SUSPECT_SYMBOLS = set("¡¢£¤¥¦§¨©ª¬®¯°±²³´¶¸¹º¼½¾¿×÷")
# ... except Spanish opening marks before a word and units or ordinals after a short one (m², nº).
_OPENING_MARKS = set("¡¿")
_UNIT_MARKS = set("²³°ºª")
_UNIT_LETTERS = 2
# Code pages news is published in: the detector's other guesses (DOS and old Mac code
# pages) fit short texts by chance.
_NEWS_CODECS = (
    "cp125", "iso8859", "koi8", "utf", "shift_jis", "cp932", "euc", "gb", "big5", "cp949", "cp950",
    "iso2022", "tis_620", "cp874", "hz",
)
# Accented Latin letters above this share of all letters: not a Latin-script reading.
_MAX_ACCENTED_SHARE = 0.35


def decode(data: bytes, origin: str, declared: str | None = None) -> str | IngestFailure:
    """Bytes as text, or a failure saying why they are not text.

    Args:
        data: the bytes of one document.
        origin: what a failure is reported against.
        declared: an encoding the container declared (an HTTP or ``<meta>``
            ``charset``), tried after UTF-8 and before detection.
    """
    if not data.strip():
        return IngestFailure(origin, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if not _decodes(data, encoding):
                return IngestFailure(origin, f"undecodable bytes: has a {encoding} byte-order mark but is not {encoding}")
            return checked_text(data.decode(encoding), origin)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return checked_text(utf16, origin)
    if b"\x00" in data[:_SAMPLE_BYTES]:
        return IngestFailure(origin, binary_reason(data))
    if _decodes(data, "utf-8"):
        return checked_text(data.decode("utf-8"), origin)
    declared = _usable_codec(declared)
    if declared and _decodes(data, declared):
        return checked_text(data.decode(declared), origin)
    return _detect(data, origin)


def checked_text(text: str, origin: str) -> str | IngestFailure:
    """Refuse decoded text that is mostly control characters (a binary file that decoded)."""
    sample = text[:_SAMPLE_BYTES]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if sample and controls / len(sample) > _MAX_CONTROL_SHARE:
        return IngestFailure(origin, "binary file (not text)")
    if not text.strip():
        return IngestFailure(origin, "empty file")
    return text


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# Leading bytes of common binary formats, to name what a refused file looks like.
_MAGIC = {
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP archive or Office document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
    b"SQLite format 3": "an SQLite database",
}


def storable(text: str) -> str:
    """Text that can be stored and written as UTF-8.

    A lone surrogate (from a JSON escape such as ``\\ud800`` or an XML
    character reference a feed parser resolved) is no character: it becomes
    U+FFFD. NUL characters, which no article holds, are dropped.
    """
    return _LONE_SURROGATE.sub("\ufffd", text).replace("\x00", "")


def binary_reason(data: bytes) -> str:
    """The reason a binary file is refused, naming its format when it is a common one."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return f"binary file (not text; looks like {kind})"
    return "binary file (not text)"


def mojibake_score(text: str) -> int:
    """How many characters of ``text`` no language would put where they are (0: plausible).

    Counts control characters and replacement characters, symbols between two
    letters, and the accented letters outside the one Latin alphabet that
    holds most of them; a reading that is mostly accented letters (Cyrillic or
    Greek read as a Latin code page) counts all of them.
    """
    sample = text[: _SAMPLE_BYTES * 4]
    score = sum(1 for ch in sample if 0x80 <= ord(ch) <= 0x9F or ch == "\ufffd")
    letters = 0
    accented: dict[str, int] = {}
    for index, ch in enumerate(sample):
        if ch.isalpha():
            letters += 1
            if 0x7F < ord(ch) <= 0x24F:
                lower = ch.lower()
                accented[lower] = accented.get(lower, 0) + 1
        elif ch in _SUSPECT_SYMBOLS and _touches_a_letter(sample, index):
            score += 1
    total = sum(accented.values())
    if not total:
        return score
    if total > _MAX_ACCENTED_SHARE * letters:
        return score + total
    outside = min(sum(n for ch, n in accented.items() if ch not in alphabet) for alphabet in _ALPHABETS.values())
    return score + outside


def _touches_a_letter(text: str, index: int) -> bool:
    """Whether the symbol at ``index`` sits against a letter where no language puts one."""
    before = index > 0 and text[index - 1].isalpha()
    after = index + 1 < len(text) and text[index + 1].isalpha()
    symbol = text[index]
    if symbol in _OPENING_MARKS and not before:
        return False
    if symbol in _UNIT_MARKS and before and not after:
        start = index
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        return index - start > _UNIT_LETTERS
    return before or after


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _usable_codec(declared: str | None) -> str | None:
    """A declared charset as a Python text codec, or None when it names none."""
    if not declared:
        return None
    label = declared.strip().lower()
    if label in _WESTERN_LABELS:
        return WESTERN
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or any(part in info.name for part in _REFUSED_CODECS):
        return None
    return info.name


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 bytes that carry no byte-order mark, told by where their NULs fall."""
    sample = data[:_SAMPLE_BYTES]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    nul_even, nul_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    if nul_odd >= _UTF16_NUL_LANE and nul_even <= _UTF16_OTHER_LANE:
        encoding = "utf-16-le"
    elif nul_even >= _UTF16_NUL_LANE and nul_odd <= _UTF16_OTHER_LANE:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    head = text[: _SAMPLE_BYTES // 2]
    printable = sum(1 for ch in head if ch.isprintable() or ch in "\n\r\t")
    return text if printable >= _UTF16_PRINTABLE * len(head) else None


def _detect(data: bytes, origin: str) -> str | IngestFailure:
    """Not UTF-8: Windows-1252 when it reads plausibly, else the detector's most plausible candidate."""
    western = data.decode(WESTERN) if _decodes(data, WESTERN) else None
    if western is not None and mojibake_score(western) == 0:
        LOGGER.info("%s is not UTF-8; decoding it as %s", origin, WESTERN)
        return checked_text(western, origin)
    readings: list[tuple[str, str]] = [(WESTERN, western)] if western is not None else []
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - installed with the project
        LOGGER.warning("charset-normalizer is not installed; only UTF-8 and Windows-1252 can be read")
    else:
        for match in list(from_bytes(data))[:_MAX_CANDIDATES]:
            if match.encoding != WESTERN and match.encoding.startswith(_NEWS_CODECS):
                readings.append((match.encoding, str(match)))
    if not readings:
        return IngestFailure(origin, "undecodable bytes: not UTF-8 and no other encoding fits")
    # min() keeps the first of equal scores: Windows-1252, then the detector's order.
    encoding, text = min(readings, key=lambda reading: mojibake_score(reading[1]))
    LOGGER.info("%s is not UTF-8; decoding it as %s", origin, encoding)
    return checked_text(text, origin)
