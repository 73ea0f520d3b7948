"""Conversions between the schema's result types and the store's rows, both ways.

:func:`article_row` and :func:`run_rows` turn an :class:`ExtractionResult` into
the rows one run writes; :func:`result_dict` rebuilds the result from them and
serialises it with the schema's own ``to_dict``, so the ``newsledger/1``
contract has one definition. Every reading undoes exactly one writing: a
nested value that may be absent (a quote's speaker, a speaker's mention, a
cue) is stored as NULL columns and read back as None, never as an empty value.
The mapping is plain attribute copying, which an ORM serialiser library would
only hide behind configuration.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsledger.schema import (
    Article,
    Claim,
    Cue,
    Entity,
    ExtractionError,
    ExtractionResult,
    PlaceMention,
    Quote,
    Speaker,
    TextSpan,
    TimeMention,
)
from newsledger.store.models import (
    ArticleRow,
    ClaimRow,
    EntityRow,
    ExtractionErrorRow,
    PlaceRow,
    QuoteRow,
    RunRow,
    TimeRow,
)

# The row classes one run writes besides its RunRow, in the order they are read back.
RUN_CHILD_MODELS = (EntityRow, TimeRow, PlaceRow, QuoteRow, ClaimRow, ExtractionErrorRow)


def article_row(article: Article, duplicate_of: str | None) -> ArticleRow:
    """The ``articles`` row of a new article."""
    return ArticleRow(
        id=article.id,
        url=article.url,
        title=article.title,
        outlet=article.outlet,
        published=article.published,
        language=article.language,
        text=article.text,
        origin=article.origin,
        duplicate_of=duplicate_of,
    )


def run_rows(result: ExtractionResult, run_id: int) -> Iterator[Any]:
    """One row per mention, quote, claim and error of ``result``, keyed to the run."""
    keys = {"article_id": result.article.id, "run_id": run_id}
    for position, entity in enumerate(result.entities):
        yield _entity_row(entity, position=position, **keys)
    for position, time in enumerate(result.times):
        yield _time_row(time, position=position, **keys)
    for position, place in enumerate(result.places):
        yield _place_row(place, position=position, **keys)
    for position, quote in enumerate(result.quotes):
        yield _quote_row(quote, position=position, **keys)
    for position, claim in enumerate(result.claims):
        yield _claim_row(claim, position=position, **keys)
    for position, error in enumerate(result.errors):
        yield ExtractionErrorRow(stage=error.stage, message=error.message, position=position, **keys)


def _entity_row(entity: Entity, **keys: Any) -> EntityRow:
    return EntityRow(
        text=entity.text,
        start_char=entity.start,
        end_char=entity.end,
        entity_key=entity.id,
        label=entity.label,
        canonical=entity.canonical,
        **keys,
    )


def _time_row(time: TimeMention, **keys: Any) -> TimeRow:
    interval_start, interval_end = time.interval if time.interval is not None else (None, None)
    return TimeRow(
        text=time.text,
        start_char=time.start,
        end_char=time.end,
        value=time.value,
        precision=time.precision,
        interval_start=interval_start,
        interval_end=interval_end,
        note=time.note,
        **keys,
    )


def _place_row(place: PlaceMention, **keys: Any) -> PlaceRow:
    return PlaceRow(
        text=place.text,
        start_char=place.start,
        end_char=place.end,
        name=place.name,
        geonameid=place.geonameid,
        country_code=place.country_code,
        admin1=place.admin1,
        lat=place.lat,
        lon=place.lon,
        feature_code=place.feature_code,
        precision=place.precision,
        **keys,
    )


def _span_columns(prefix: str, span: TextSpan | None) -> dict[str, Any]:
    """A span as ``<prefix>_text/_start/_end`` columns, all NULL for no span."""
    if span is None:
        return {f"{prefix}_text": None, f"{prefix}_start": None, f"{prefix}_end": None}
    return {f"{prefix}_text": span.text, f"{prefix}_start": span.start, f"{prefix}_end": span.end}


def _speaker_columns(prefix: str, speaker: Speaker | None) -> dict[str, Any]:
    """A speaker as ``<prefix>_kind/_name/_entity_key/_affiliation`` plus its mention's span columns."""
    return {
        f"{prefix}_kind": speaker.kind if speaker else None,
        f"{prefix}_name": speaker.canonical if speaker else None,
        f"{prefix}_entity_key": speaker.entity_id if speaker else None,
        f"{prefix}_affiliation": speaker.affiliation if speaker else None,
        **_span_columns(prefix, speaker.mention if speaker else None),
    }


def _quote_row(quote: Quote, **keys: Any) -> QuoteRow:
    return QuoteRow(
        quote_key=quote.id,
        kind=quote.kind,
        **_span_columns("content", quote.content),
        **_speaker_columns("speaker", quote.speaker),
        **_span_columns("cue", quote.cue),
        claim_key=quote.claim_id,
        inherited=quote.inherited,
        **keys,
    )


def _claim_row(claim: Claim, **keys: Any) -> ClaimRow:
    return ClaimRow(
        claim_key=claim.id,
        **_span_columns("content", claim.content),
        **_speaker_columns("source", claim.source),
        certainty=claim.certainty,
        polarity=claim.polarity,
        time_status=claim.time_status,
        cues=[{"type": c.type, "text": c.text, "start": c.start, "end": c.end} for c in claim.cues],
        quote_key=claim.quote_id,
        **keys,
    )


def _span(row: Any, prefix: str) -> TextSpan | None:
    # start decides presence: a span's text may be empty, its offsets never NULL.
    start = getattr(row, f"{prefix}_start")
    if start is None:
        return None
    return TextSpan(text=getattr(row, f"{prefix}_text"), start=start, end=getattr(row, f"{prefix}_end"))


def _speaker(row: Any, prefix: str) -> Speaker | None:
    # Every speaker has a kind, so a NULL kind is the quote with no speaker.
    kind = getattr(row, f"{prefix}_kind")
    if kind is None:
        return None
    return Speaker(
        kind=kind,
        canonical=getattr(row, f"{prefix}_name"),
        mention=_span(row, prefix),
        entity_id=getattr(row, f"{prefix}_entity_key"),
        affiliation=getattr(row, f"{prefix}_affiliation"),
    )


def _quote(row: QuoteRow) -> Quote:
    return Quote(
        id=row.quote_key,
        kind=row.kind,
        content=_span(row, "content"),
        speaker=_speaker(row, "speaker"),
        cue=_span(row, "cue"),
        claim_id=row.claim_key,
        inherited=bool(row.inherited),
    )


def _claim(row: ClaimRow) -> Claim:
    return Claim(
        id=row.claim_key,
        content=_span(row, "content"),
        source=_speaker(row, "source"),  # never None: source_kind is NOT NULL
        certainty=row.certainty,
        polarity=row.polarity,
        time_status=row.time_status,
        cues=[Cue(type=c["type"], text=c["text"], start=c["start"], end=c["end"]) for c in row.cues],
        quote_id=row.quote_key,
    )


def result_dict(article: ArticleRow, run: RunRow, rows: dict[type, list[Any]]) -> dict[str, Any]:
    """A stored run as the ``newsledger/1`` dict; ``rows`` maps each of :data:`RUN_CHILD_MODELS` to its rows."""
    result = ExtractionResult(
        article=Article(
            id=article.id,
            text=article.text,
            url=article.url,
            title=article.title,
            outlet=article.outlet,
            published=article.published,
            language=article.language,
            origin=article.origin,
        ),
        entities=[
            Entity(
                id=r.entity_key, text=r.text, label=r.label, start=r.start_char, end=r.end_char, canonical=r.canonical
            )
            for r in rows[EntityRow]
        ],
        times=[
            TimeMention(
                text=r.text,
                start=r.start_char,
                end=r.end_char,
                value=r.value,
                precision=r.precision,
                interval=(r.interval_start, r.interval_end) if r.interval_start is not None else None,
                note=r.note,
            )
            for r in rows[TimeRow]
        ],
        places=[
            PlaceMention(
                text=r.text,
                start=r.start_char,
                end=r.end_char,
                name=r.name,
                geonameid=r.geonameid,
                country_code=r.country_code,
                admin1=r.admin1,
                lat=r.lat,
                lon=r.lon,
                feature_code=r.feature_code,
                precision=r.precision,
            )
            for r in rows[PlaceRow]
        ],
        quotes=[_quote(r) for r in rows[QuoteRow]],
        claims=[_claim(r) for r in rows[ClaimRow]],
        runs={"extractors": run.extractors, "spacy_model": run.spacy_model, "newsledger": run.newsledger_version},
        errors=[ExtractionError(stage=r.stage, message=r.message) for r in rows[ExtractionErrorRow]],
        warnings=list(run.warnings or []),
    )
    data = result.to_dict()
    data["article"]["duplicate_of"] = article.duplicate_of
    return data
