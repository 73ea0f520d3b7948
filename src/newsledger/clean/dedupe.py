"""Near-duplicate articles: syndicated copies that differ by a byline, a sentence, a correction.

Exact copies already share an :func:`~newsledger.schema.article_id`. For the
rest, :class:`NearDuplicateIndex` keeps a MinHash signature of each article's
word 5-gram shingles in a datasketch ``MinHashLSH`` index, and :meth:`find`
returns the id of an indexed article whose estimated Jaccard similarity with
the new text is at least the threshold (0.8 by default). Shingles are taken
from lower-cased word tokens, so spacing, punctuation and case changes do not
count as differences. Signatures use a fixed seed: the same texts always give
the same answer.

Signatures are kept, not recomputed: :func:`signature_bytes` turns one into
the bytes the store keeps beside its article (datasketch's own ``LeanMinHash``
serialisation, which carries the seed, the number of permutations and the
hashing scheme), and :meth:`NearDuplicateIndex.add_signature` indexes those
bytes again without the text. Bytes made with other parameters read back as
not current (:func:`signature_from_bytes` says so), so the caller hashes that
text again instead of comparing signatures that cannot be compared.

At 0.8, a wire story of about 400 words stays a near-duplicate of its copy
with one sentence rewritten and a byline added; a short brief (about 120 words)
with a rewritten sentence usually does not, because that sentence is a large
share of it.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable

from datasketch import LeanMinHash, MinHash, MinHashLSH

DEFAULT_THRESHOLD = 0.8
SHINGLE_WORDS = 5
NUM_PERM = 128
# Fixed so that signatures, and so answers, are the same in every run.
SEED = 20_251_230

_WORD = re.compile(r"\w+")
# The stored form of "this text has no words": nothing to compare, never a near-duplicate.
NO_WORDS = b""


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
    return _minhash(shingles(text))


def text_signature(text: str) -> MinHash | None:
    """The signature of ``text``, or None when it has no words (it can match nothing)."""
    found = shingles(text)
    return _minhash(found) if found else None


def _minhash(found: set[str]) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(s.encode("utf-8") for s in sorted(found))
    return minhash


def signature_bytes(minhash: MinHash | None) -> bytes:
    """The bytes the store keeps for a signature (:data:`NO_WORDS` for None)."""
    if minhash is None:
        return NO_WORDS
    lean = LeanMinHash(minhash)
    buffer = bytearray(lean.bytesize())
    lean.serialize(buffer)
    return bytes(buffer)


def signature_from_bytes(data: bytes) -> tuple[bool, LeanMinHash | None]:
    """Read stored bytes back: ``(current, signature)``.

    ``current`` is False when the bytes were made with another seed, number
    of permutations or scheme (or are not a signature at all): the text must
    be hashed again. A current :data:`NO_WORDS` gives ``(True, None)``.
    """
    if data == NO_WORDS:
        return True, None
    try:
        lean = LeanMinHash.deserialize(data)
    except (ValueError, TypeError, OverflowError, struct.error):
        return False, None
    reference = _REFERENCE
    if lean.seed != reference.seed or len(lean) != NUM_PERM or lean.scheme != reference.scheme:
        return False, None
    return True, lean


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
        if article_id in self._signatures:
            return
        self.add_signature(article_id, text_signature(text))

    def add_signature(self, article_id: str, minhash: MinHash | LeanMinHash | None) -> None:
        """Index one article by its signature (None: a text without words, never indexed)."""
        if article_id in self._signatures or minhash is None:
            return
        self._lsh.insert(article_id, minhash)
        self._signatures[article_id] = minhash

    def add_many(self, articles: Iterable[tuple[str, str]]) -> None:
        """Index ``(article_id, text)`` pairs."""
        for article_id, text in articles:
            self.add(article_id, text)

    def find(self, text: str) -> str | None:
        """The id of the most similar indexed article at or above the threshold, else None."""
        if not self._signatures:
            return None
        return self.find_signature(text_signature(text))

    def find_signature(self, minhash: MinHash | LeanMinHash | None) -> str | None:
        """Like :meth:`find`, for a text's signature (None: a text without words)."""
        if not self._signatures or minhash is None:
            return None
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


# What a current signature's seed and scheme are, read from datasketch itself.
_REFERENCE = MinHash(num_perm=NUM_PERM, seed=SEED)
