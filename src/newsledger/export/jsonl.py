"""JSON Lines export: each article's ``newsledger/1`` object on one line.

The standard library's ``json`` is all this needs; non-ASCII text is written
as is (UTF-8), so names and quotes stay readable in the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO


def write_jsonl(results: Iterable[dict[str, Any]], fh: TextIO) -> int:
    """Write one JSON object per line to ``fh``; return how many were written."""
    written = 0
    for result in results:
        fh.write(json.dumps(result, ensure_ascii=False))
        fh.write("\n")
        written += 1
    return written
