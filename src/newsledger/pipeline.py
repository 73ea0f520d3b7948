"""The extraction pipeline: articles in, :class:`ExtractionResult`s out.

Runs spaCy over article texts in batches (``nlp.pipe``), then each extractor in
dependency order (``NEEDS``; ``Settings.extractors`` may choose fewer): entities first (places and quotes read them), then times,
places, quotes (speakers resolve to entities), claims (built on quotes) and
events (which read all of them). An extractor that raises on one article is recorded as an
:class:`ExtractionError` on that article's result; the others still run and
the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

import newsledger
from newsledger.config import Settings
from newsledger.extract import claims as claims_mod
from newsledger.extract import entities as entities_mod
from newsledger.extract import events as events_mod
from newsledger.extract import places as places_mod
from newsledger.extract import quotes as quotes_mod
from newsledger.extract import times as times_mod
from newsledger.nlp import load_nlp, model_name
from newsledger.schema import Article, ExtractionError, ExtractionResult

LOGGER = logging.getLogger(__name__)

EXTRACTOR_VERSIONS = {
    "entities": entities_mod.VERSION,
    "times": times_mod.VERSION,
    "places": places_mod.VERSION,
    "quotes": quotes_mod.VERSION,
    "claims": claims_mod.VERSION,
    "events": events_mod.VERSION,
}
# What each extractor reads: asking for one runs these too.
NEEDS = {
    "entities": (),
    "times": (),
    "places": ("entities",),
    "quotes": ("entities",),
    "claims": ("quotes",),
    "events": ("entities", "times", "places", "quotes", "claims"),
}


def resolve_extractors(names: str) -> tuple[str, ...]:
    """The extractors to run for a comma-separated choice ("all", "places,times"), with their needs.

    Raises:
        NewsledgerError: a name that is no extractor.
    """
    from newsledger.errors import NewsledgerError

    wanted = [n.strip() for n in names.split(",") if n.strip()]
    if not wanted or wanted == ["all"]:
        return tuple(EXTRACTOR_VERSIONS)
    unknown = [n for n in wanted if n not in EXTRACTOR_VERSIONS]
    if unknown:
        raise NewsledgerError(
            f"unknown extractor {', '.join(unknown)}: choose from {', '.join(EXTRACTOR_VERSIONS)} or all"
        )
    chosen: set[str] = set()
    stack = list(wanted)
    while stack:
        name = stack.pop()
        if name not in chosen:
            chosen.add(name)
            stack.extend(NEEDS[name])
    return tuple(n for n in EXTRACTOR_VERSIONS if n in chosen)


class Pipeline:
    """Loads the spaCy pipeline once and extracts every article handed to it."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_nlp(self.settings.spacy_model)
        self.extractors = resolve_extractors(self.settings.extractors)
        self.runs = {
            "extractors": {name: EXTRACTOR_VERSIONS[name] for name in self.extractors},
            "spacy_model": model_name(self.nlp),
            "newsledger": newsledger.__version__,
        }

    def extract(self, article: Article) -> ExtractionResult:
        """Extract one article."""
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ExtractionResult]:
        """Extract articles in batches, yielding one result per article, in order."""
        pairs = ((a.text, a) for a in articles)
        for doc, article in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.batch_size):
            yield self._extract_doc(doc, article)

    def _extract_doc(self, doc: Doc, article: Article) -> ExtractionResult:
        errors: list[ExtractionError] = []

        def attempt(stage, func, *args):
            if stage not in self.extractors:
                return []
            try:
                return func(*args)
            except Exception as exc:  # one extractor's bug must not lose the article
                LOGGER.exception("%s failed on article %s", stage, article.id)
                errors.append(ExtractionError(stage=stage, message=f"{type(exc).__name__}: {exc}"))
                return []

        entities = attempt("entities", entities_mod.extract_entities, doc)
        times = attempt("times", times_mod.extract_times, doc, article.published)
        places = attempt("places", places_mod.extract_places, doc, entities)
        entities = entities_mod.align_with_places(entities, places)
        quotes, warnings = attempt("quotes", quotes_mod.extract_quotes, doc, entities) or ([], [])
        claims, quotes = attempt("claims", claims_mod.extract_claims, doc, quotes, article) or ([], quotes)
        events = attempt("events", events_mod.extract_events, doc, article, entities, times, places, quotes, claims)
        return ExtractionResult(
            article=article,
            entities=entities,
            times=times,
            places=places,
            quotes=quotes,
            claims=claims,
            events=events,
            runs=self.runs,
            errors=errors,
            warnings=warnings,
        )
