"""Numbers written in digits or English words, for counts and for time expressions.

One reader, :func:`parse_number`, for the two places numbers are read: tolls
and crowd sizes (:mod:`newsledger.extract.casualties`: "two dozen", "1,200",
"forty-two", whole numbers only) and the quantities of time expressions
(:mod:`newsledger.extract.timeunits`: "twenty four", "1 1/2", "a couple of",
"a half"). Both share the word lists and the arithmetic ("two thousand five
hundred" is 2,500); ``count=True`` selects what a count needs.

Written here rather than taken from a library: ``word2number`` and
``text2num`` read neither dozens, fractions nor "a couple of", and the words
are a closed list of a few dozen, not worth a dependency.
"""

from __future__ import annotations

import re

SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if i > 1}
# Words a count may multiply by; "thousand" closes a group ("two thousand five hundred").
_MULTIPLIERS = {"hundred": 100, "thousand": 1000}
_DOZEN = 12

# Quantities of time expressions that are phrases, not sums of words.
FIXED_QUANTITIES = {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a dozen": 12, "a half": 0.5, "half a": 0.5,
                    "half an": 0.5, "one and a half": 1.5, "a hundred": 100, "a thousand": 1000}
VAGUE_COUNTS = {"a few", "few", "several", "some", "many", "a number of", "numerous"}
# Words a count skips: "a hundred", "two hundred and fifty".
_COUNT_FILLERS = {"a", "and"}

_COUNT_DIGITS = re.compile(r"\d[\d,]*")
_QUANTITY_DIGITS = re.compile(r"(\d+)(?:([.,])(\d+))?( 1/2)?")


def parse_number(text: str, *, count: bool = False) -> float | int | None:
    """The number a phrase says, or None when it says none (or only a vague one).

    Args:
        text: digits or English number words, in any case.
        count: read a count of people or things: a whole number (an ``int``);
            digits may carry thousands separators anywhere ("1,200"); dozens
            count ("two dozen" -> 24); "a" and "and" are fillers; "zero", or
            nothing left, is no count (None). Otherwise read a time
            expression's quantity (a ``float``, or the ``int`` of a fixed
            phrase): "a"/"an" -> 1, "a couple of" -> 2, "1 1/2" -> 1.5,
            "1,5" -> 1.5 but "1,000" -> 1000; "several" and "... of" -> None.

    Returns:
        The number, or None.
    """
    text = text.strip().lower()
    if count:
        text = text.replace("-", " ")
        if _COUNT_DIGITS.fullmatch(text):
            return int(text.replace(",", ""))
        words = [w for w in text.split() if w not in _COUNT_FILLERS]
    else:
        if text in FIXED_QUANTITIES:
            return FIXED_QUANTITIES[text]
        if text in VAGUE_COUNTS or text.endswith(" of"):
            return None
        match = _QUANTITY_DIGITS.fullmatch(text)
        if match:
            whole, mark, decimals, half = match.groups()
            thousands = mark == "," and len(decimals) == 3  # "1,000" is a thousand, "1,5" one and a half
            number = float(whole + decimals) if thousands else float(f"{whole}.{decimals or 0}")
            return number + (0.5 if half else 0)
        words = re.split(r"[- ]+", text)
    total = _sum_words(words, counting=count)
    if count:
        return int(total) if total else None
    return None if total is None else float(total)


def _sum_words(words: list[str], *, counting: bool) -> int | None:
    """The value of number words ("two thousand five hundred" -> 2500), None on any other word.

    A count knows dozens and not zero ("zero casualties" is said "no casualties").
    """
    total, current = 0, 0
    for word in words:
        if counting and word == "zero":
            return None
        if word in SMALL or word in TENS:
            current += SMALL.get(word, 0) + TENS.get(word, 0)
        elif word in _MULTIPLIERS or (counting and word == "dozen"):
            current = max(current, 1) * _MULTIPLIERS.get(word, _DOZEN)
            if word == "thousand":
                total, current = total + current, 0
        else:
            return None
    return total + current
