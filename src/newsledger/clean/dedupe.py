"""Near-duplicate articles: syndicated copies that differ by a byline, a sentence, a correction.

Exact copies already share an :func:`~newsledger.schema.article_id`. For the
rest, :class:`NearDuplicateIndex` keeps a MinHash signature of each article's
word 5-gram shingles in a datasketch ``MinHashLSH`` index, and :meth:`find`
returns the id of an indexed article whose estimated Jaccard similarity with
the new text is at least the threshold (0.8 by default). Shingles are taken
from lower-cased word tokens, so spacing, punctuation and case changes do not
count as differences. Signatures use a fixed seed: the same texts always give
the same answer.

At 0.8, a wire story of about 400 words stays a near-duplicate of its copy
with one sentence rewritten and a byline added; a short brief (about 120 words)
with a rewritten sentence usually does not, because that sentence is a large
share of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

DEFAULT_THRESHOLD = 0.8
SHINGLE_WORDS = 5
NUM_PERM = 128
# Fixed so that signatures, and so answers, are the same in every run.
SEED = 20_251_230

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of ``size``-word shingles of ``text`` (lower-cased word tokens).

    A text shorter than ``size`` words is one shingle; a text without words has none.
    """
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) <= size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash:
    """The MinHash signature of a text's shingles."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(s.encode("utf-8") for s in sorted(shingles(text)))
    return minhash


class NearDuplicateIndex:
    """Articles seen so far, queried for near-duplicates of a new text.

    Example::

        index = NearDuplicateIndex()
        index.add(article.id, article.text)
        index.find(edited_copy.text)  # article.id
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._signatures

    def add(self, article_id: str, text: str) -> None:
        """Index one article; adding an id that is already indexed changes nothing."""
        if article_id in self._signatures or not shingles(text):
            return
        minhash = signature(text)
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash

    def add_many(self, articles: Iterable[tuple[str, str]]) -> None:
        """Index ``(article_id, text)`` pairs."""
        for article_id, text in articles:
            self.add(article_id, text)

    def find(self, text: str) -> str | None:
        """The id of the most similar indexed article at or above the threshold, else None."""
        if not self._signatures or not shingles(text):
            return None
        minhash = signature(text)
        best_id, best_score = None, 0.0
        # LSH candidates can fall below the threshold; check each estimate.
        for candidate in sorted(self._lsh.query(minhash)):
            score = minhash.jaccard(self._signatures[candidate])
            if score >= self.threshold and score > best_score:
                best_id, best_score = candidate, score
        return best_id

    def similarity(self, text: str, article_id: str) -> float:
        """Estimated Jaccard similarity between ``text`` and an indexed article."""
        return signature(text).jaccard(self._signatures[article_id])
