"""The extraction pipeline: articles in, :class:`ExtractionResult`s out.

Runs spaCy over article texts in batches (``nlp.pipe``), then each extractor in
dependency order, as the extractors declare it (:mod:`newsledger.extract.registry`;
``Settings.extractors`` may choose fewer): entities first (places and quotes read them), then times,
places, quotes (speakers resolve to entities), claims (built on quotes) and
events (which read all of them). An extractor that raises on one article is recorded as an
:class:`ExtractionError` on that article's result; the others still run and
the batch goes on.

spaCy itself never ends a batch either. A text longer than
:data:`newsledger.nlp.PIECE_CHARS` is taken on its own and cut into pieces
(:func:`newsledger.nlp.split_text`); each piece is parsed and extracted as a
text of its own, and the pieces' results are joined into the article's, every
offset moved by the piece's start (so it is still an offset into the whole
text) and every id renumbered across pieces (an entity named in several pieces
keeps one id). Memory therefore stays that of one piece, and time grows in
step with the text, where the extractors' mention-by-mention comparisons over
one whole multi-megabyte ``Doc`` would take hours. What is lost at a cut:
links between mentions in different pieces (a quote's speaker named only in
the piece before, a date inferred from the paragraph before); cuts fall at
paragraph breaks where there is one. If spaCy raises on a batch, its articles
are parsed again one at a time, and an article (or piece) spaCy cannot parse
gets an :class:`ExtractionError` of stage ``"nlp"`` saying why, with no
extractions from it, so that it is stored and reported like any other
per-article failure.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from spacy.tokens import Doc

import newsledger
from newsledger.config import Settings
from newsledger.errors import NewsledgerError
from newsledger.extract import registry
from newsledger.nlp import PIECE_CHARS, load_nlp, model_name, split_text
from newsledger.schema import Article, ExtractionError, ExtractionResult

LOGGER = logging.getLogger(__name__)

# The fields of a result that extractors fill, each empty until one does.
_FOUND_FIELDS = tuple(
    f.name for f in dataclasses.fields(ExtractionResult) if f.name not in {"article", "runs", "errors"}
)


def extractor_versions() -> dict[str, str]:
    """Every extractor's versioned name, in the order they run (``{"entities": "entities.v1", ...}``)."""
    return {e.name: e.version for e in registry.extractors()}


def extractor_needs() -> dict[str, tuple[str, ...]]:
    """What each extractor reads: asking for one runs these too."""
    return {e.name: e.needs for e in registry.extractors()}


def __getattr__(name: str) -> Any:
    # EXTRACTOR_VERSIONS and NEEDS are read from the declarations when asked for, so that an
    # extractor registered after this module was imported is in them.
    if name == "EXTRACTOR_VERSIONS":
        return extractor_versions()
    if name == "NEEDS":
        return extractor_needs()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def resolve_extractors(names: str) -> tuple[str, ...]:
    """The extractors to run for a comma-separated choice ("all", "places,times"), with their needs.

    Raises:
        NewsledgerError: a name that is no extractor.
    """
    versions = extractor_versions()
    needs = extractor_needs()
    wanted = [n.strip() for n in names.split(",") if n.strip()]
    if not wanted or wanted == ["all"]:
        return tuple(versions)
    unknown = [n for n in wanted if n not in versions]
    if unknown:
        raise NewsledgerError(
            f"unknown extractor {', '.join(unknown)}: choose from {', '.join(versions)} or all"
        )
    chosen: set[str] = set()
    stack = list(wanted)
    while stack:
        name = stack.pop()
        if name not in chosen:
            chosen.add(name)
            stack.extend(needs[name])
    return tuple(n for n in versions if n in chosen)


class Pipeline:
    """Loads the spaCy pipeline once and extracts every article handed to it."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_nlp(self.settings.spacy_model)
        self.extractors = resolve_extractors(self.settings.extractors)
        # Every declared extractor, in dependency order; the chosen ones run in this order.
        self._order = registry.extractors()
        versions = {e.name: e.version for e in self._order}
        self.runs = {
            "extractors": {name: versions[name] for name in self.extractors},
            "spacy_model": model_name(self.nlp),
            "newsledger": newsledger.__version__,
        }
        # What decides a run beyond ``runs`` (which the output carries unchanged): the trained
        # models extractors read. The store's run signature is made from this.
        self.identity = dict(self.runs)
        if "events" in self.extractors:
            from newsledger.extract.event_types import classifier_version

            self.identity["models"] = {"event_types": classifier_version()}

    def extract(self, article: Article) -> ExtractionResult:
        """Extract one article."""
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        """Extract articles in batches, yielding one result per article, in order.

        Nothing one article holds ends the batch: an article spaCy cannot parse
        yields a result whose ``errors`` say why (stage ``"nlp"``).
        """
        for group in self._groups(articles):
            if len(group) == 1 and len(group[0].text) > self.piece_chars:
                yield self._extract_long(group[0])
                continue
            for article, parsed in zip(group, self._parse_group(group)):
                if isinstance(parsed, ExtractionError):
                    yield ExtractionResult(article=article, runs=self.runs, errors=[parsed])
                else:
                    yield self._extract_doc(parsed, article)

    @property
    def piece_chars(self) -> int:
        """Texts longer than this are taken in pieces of at most this many characters."""
        return max(2, min(PIECE_CHARS, self.nlp.max_length))

    def _groups(self, articles: Iterable[Article]) -> Iterator[list[Article]]:
        """Articles in batches of ``batch_size``; a long one (taken in pieces) is a batch of its own."""
        group: list[Article] = []
        for article in articles:
            if len(article.text) > self.piece_chars:
                if group:
                    yield group
                    group = []
                yield [article]
                continue
            group.append(article)
            if len(group) >= self.settings.batch_size:
                yield group
                group = []
        if group:
            yield group

    def _parse_group(self, group: Sequence[Article]) -> list[Doc | ExtractionError]:
        """One ``Doc`` per article, or the error that kept spaCy from making it."""
        if len(group) > 1:
            try:
                return list(self.nlp.pipe((a.text for a in group), batch_size=self.settings.batch_size))
            except Exception as exc:  # one text spaCy chokes on must not lose the others
                LOGGER.warning(
                    "spaCy failed on a batch of %d articles (%s: %s); parsing them one at a time",
                    len(group), type(exc).__name__, exc,
                )
        return [self._parse_one(article.text, article.id) for article in group]

    def _parse_one(self, text: str, article_id: str) -> Doc | ExtractionError:
        try:
            doc = self.nlp(text)
        except Exception as exc:  # recorded against this article, the batch goes on
            LOGGER.exception("spaCy failed on article %s", article_id)
            return ExtractionError(stage="nlp", message=f"{type(exc).__name__}: {exc}")
        if doc.text != text:
            return ExtractionError(stage="nlp", message="spaCy's parse does not reproduce the text exactly")
        return doc

    def _extract_long(self, article: Article) -> ExtractionResult:
        """Parse and extract a long article piece by piece, and join the pieces' results."""
        pieces = split_text(article.text, self.piece_chars)
        LOGGER.info("article %s: %d characters, taken in %d pieces", article.id, len(article.text), len(pieces))
        parts: list[tuple[int, ExtractionResult]] = []
        offset = 0
        for piece in pieces:
            parsed = self._parse_one(piece, article.id)
            if isinstance(parsed, ExtractionError):
                part = ExtractionResult(article=article, errors=[parsed])
            else:
                part = self._extract_doc(parsed, dataclasses.replace(article, text=piece))
            parts.append((offset, part))
            offset += len(piece)
        return join_pieces(article, parts, self.runs)

    def _extract_doc(self, doc: Doc, article: Article) -> ExtractionResult:
        errors: list[ExtractionError] = []
        found: dict[str, Any] = {name: [] for name in _FOUND_FIELDS}
        for extractor in self._order:
            if extractor.name not in self.extractors:
                continue
            try:
                found.update(extractor.run(doc, article, found))
            except Exception as exc:  # one extractor's bug must not lose the article
                LOGGER.exception("%s failed on article %s", extractor.name, article.id)
                errors.append(ExtractionError(stage=extractor.name, message=f"{type(exc).__name__}: {exc}"))
        return ExtractionResult(
            article=article,
            runs=self.runs,
            errors=errors,
            **{name: found[name] for name in _FOUND_FIELDS},
        )


# Fields holding an id, and which kind of thing each names ("id" names the
# object itself: an entity, quote, claim or event).
_REFERENCES = {"entity_id": "entity", "quote_id": "quote", "claim_id": "claim"}
_OWN_KIND = {"Entity": "entity", "Quote": "quote", "Claim": "claim", "Event": "event"}
_PREFIX = {"quote": "Q", "claim": "C", "event": "V"}


def join_pieces(
    article: Article, parts: Sequence[tuple[int, ExtractionResult]], runs: dict[str, Any]
) -> ExtractionResult:
    """One article's result from the results of its pieces, each given with the piece's start.

    Offsets move by the piece's start; quotes, claims and events are numbered
    on through the pieces; an entity keeps one id wherever its label and
    canonical name recur. Errors and warnings say which characters they concern.
    """
    entity_ids: dict[tuple[str, str], str] = {}
    counters = {kind: 0 for kind in _PREFIX}
    joined: dict[str, list] = {name: [] for name in ("entities", "times", "places", "quotes", "claims", "events")}
    errors: list[ExtractionError] = []
    warnings: list[str] = []
    for number, (offset, part) in enumerate(parts):
        end = parts[number + 1][0] if number + 1 < len(parts) else len(article.text)
        where = f"characters {offset:,}-{end:,}"
        ids: dict[str, dict[str, str]] = {"entity": {}, "quote": {}, "claim": {}, "event": {}}
        for entity in part.entities:
            ids["entity"][entity.id] = entity_ids.setdefault(
                (entity.label, entity.canonical), f"E{len(entity_ids) + 1}"
            )
        for kind, items in (("quote", part.quotes), ("claim", part.claims), ("event", part.events)):
            for item in items:
                if item.id not in ids[kind]:
                    counters[kind] += 1
                    ids[kind][item.id] = f"{_PREFIX[kind]}{counters[kind]}"
        for name, items in joined.items():
            items.extend(_moved(item, offset, ids) for item in getattr(part, name))
        errors.extend(ExtractionError(e.stage, f"{where}: {e.message}") for e in part.errors)
        # A warning's own figures count from the piece's start.
        warnings.extend(f"{w} (offsets counted from character {offset:,}, {where})" for w in part.warnings)
    return ExtractionResult(article=article, runs=runs, errors=errors, warnings=warnings, **joined)


def _moved(obj: Any, offset: int, ids: dict[str, dict[str, str]]) -> Any:
    """``obj`` (a mention dataclass, or a list of them) with offsets moved by ``offset`` and ids renamed."""
    if isinstance(obj, list):
        return [_moved(item, offset, ids) for item in obj]
    if not dataclasses.is_dataclass(obj):
        return obj
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if value is None:
            continue
        if f.name in {"start", "end"} and isinstance(value, int):
            changes[f.name] = value + offset
        elif f.name == "id" and type(obj).__name__ in _OWN_KIND:
            changes[f.name] = ids[_OWN_KIND[type(obj).__name__]][value]
        elif f.name in _REFERENCES:
            changes[f.name] = ids[_REFERENCES[f.name]].get(value)
        elif f.name == "statements":
            changes[f.name] = [ids["quote"][q] for q in value if q in ids["quote"]]
        elif dataclasses.is_dataclass(value) or isinstance(value, list):
            changes[f.name] = _moved(value, offset, ids)
    return dataclasses.replace(obj, **changes)
