"""What the command line prints to a terminal: consoles, and article text made safe to show.

Everything printed that comes from an article or a file name goes through
:func:`printable` (control characters and bidirectional overrides shown as
visible escapes) and rich's markup escape (:func:`markup_safe`, :func:`cell`);
exports write the text verbatim. No library offered this: ``rich`` drops a few
C0 controls but passes ESC, C1 controls and bidi overrides through. Lines are
never hard-wrapped when piped.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.markup import escape
from rich.text import Text

# C0 controls, DEL, C1 controls, and the bidirectional embeddings, overrides and isolates.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: object, keep: str = "") -> str:
    """``text`` safe to print to a terminal: each control character as a visible escape.

    Args:
        text: anything; ``None`` is the empty string.
        keep: control characters to leave as they are where the layout needs
            them (e.g. ``"\\n\\t"``); by default newlines are escaped too, so
            one value stays on one line.

    Returns:
        The text with ESC shown as ``\\x1b``, U+202E as ``\\u202e`` and so on.
    """
    if text is None:
        return ""

    def visible(match: re.Match) -> str:
        char = match.group()
        if char in keep:
            return char
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(visible, str(text))


def markup_safe(text: object, keep: str = "") -> str:
    """:func:`printable` text with rich markup escaped, to embed in a markup string."""
    return escape(printable(text, keep))


def cell(text: object) -> Text:
    """A table cell of article-derived text: printable, never read as markup."""
    return Text(printable(text))


# Lines on stderr are never hard-wrapped: a piped error or summary stays one line.
err = Console(stderr=True, soft_wrap=True, highlight=False)


def out_console() -> Console:
    """Console for plain lines on stdout (never hard-wrapped)."""
    return Console(soft_wrap=True, highlight=False)


def wide_console() -> Console:
    # Piped output would wrap at 80 columns; a table of incidents needs more.
    console = Console(highlight=False)
    return console if console.is_terminal else Console(width=200, highlight=False)
