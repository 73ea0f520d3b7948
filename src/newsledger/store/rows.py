"""Conversions between the schema's result types and the store's rows, both ways.

:func:`article_row` and :func:`run_rows` turn an :class:`ExtractionResult` into
the rows one run writes; :func:`result_dict` rebuilds the result from them and
serialises it with the schema's own ``to_dict``, so the ``newsledger/1``
contract has one definition. Every reading undoes exactly one writing: a
nested value that may be absent (a quote's speaker, a speaker's mention, a
cue, an event's actor, place, date or count) is stored as NULL columns and read
back as None, never as an empty value.
The mapping is plain attribute copying, which an ORM serialiser library would
only hide behind configuration.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newsledger.schema import (
    Actor,
    Article,
    Claim,
    Count,
    Cue,
    Entity,
    Event,
    EventDate,
    ExtractionError,
    ExtractionResult,
    PlaceMention,
    Plover,
    Quote,
    Speaker,
    TextSpan,
    TimeMention,
)
from newsledger.store.models import (
    ArticleRow,
    ClaimRow,
    EntityRow,
    EventRow,
    ExtractionErrorRow,
    PlaceRow,
    QuoteRow,
    RunRow,
    TimeRow,
)

# The row classes one run writes besides its RunRow, in the order they are read back.
RUN_CHILD_MODELS = (EntityRow, TimeRow, PlaceRow, QuoteRow, ClaimRow, EventRow, ExtractionErrorRow)


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


def run_rows(result: ExtractionResult, run_id: int) -> Iterator[tuple[type, dict[str, Any]]]:
    """One row per mention, quote, claim, event and error of ``result``, keyed to the run: its
    model and its column values (inserted many at a time, not object by object)."""
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
    for position, event in enumerate(result.events):
        yield _event_row(event, position=position, **keys)
    for position, error in enumerate(result.errors):
        yield ExtractionErrorRow, dict(stage=error.stage, message=error.message, position=position, **keys)


def _entity_row(entity: Entity, **keys: Any) -> tuple[type[EntityRow], dict[str, Any]]:
    return EntityRow, dict(
        text=entity.text,
        start_char=entity.start,
        end_char=entity.end,
        entity_key=entity.id,
        label=entity.label,
        canonical=entity.canonical,
        **keys,
    )


def _time_row(time: TimeMention, **keys: Any) -> tuple[type[TimeRow], dict[str, Any]]:
    interval_start, interval_end = time.interval if time.interval is not None else (None, None)
    return TimeRow, dict(
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


def _place_row(place: PlaceMention, **keys: Any) -> tuple[type[PlaceRow], dict[str, Any]]:
    return PlaceRow, dict(
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


def _span_columns(prefix: str, span: TextSpan | PlaceMention | Count | None) -> dict[str, Any]:
    """A span (or anything with text, start, end) as ``<prefix>_text/_start/_end`` columns, all NULL for none."""
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


def _quote_row(quote: Quote, **keys: Any) -> tuple[type[QuoteRow], dict[str, Any]]:
    return QuoteRow, dict(
        quote_key=quote.id,
        kind=quote.kind,
        **_span_columns("content", quote.content),
        **_speaker_columns("speaker", quote.speaker),
        **_span_columns("cue", quote.cue),
        claim_key=quote.claim_id,
        inherited=quote.inherited,
        **keys,
    )


def _claim_row(claim: Claim, **keys: Any) -> tuple[type[ClaimRow], dict[str, Any]]:
    return ClaimRow, dict(
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


def _actor_columns(prefix: str, actor: Actor | None) -> dict[str, Any]:
    """An actor as its mention's span columns plus ``_name/_entity_key/_category/_country_code``."""
    return {
        **_span_columns(prefix, actor.mention if actor else None),
        f"{prefix}_name": actor.canonical if actor else None,
        f"{prefix}_entity_key": actor.entity_id if actor else None,
        f"{prefix}_category": actor.category if actor else None,
        f"{prefix}_country_code": actor.country_code if actor else None,
    }


def _location_columns(place: PlaceMention | None) -> dict[str, Any]:
    """An event's place as ``location_*`` columns, named like the ``places`` table's."""
    names = ("name", "geonameid", "country_code", "admin1", "lat", "lon", "feature_code", "precision")
    return {
        **_span_columns("location", place),
        **{f"location_{name}": getattr(place, name) if place else None for name in names},
    }


def _date_columns(date: EventDate | None) -> dict[str, Any]:
    interval_start, interval_end = date.interval if date is not None and date.interval is not None else (None, None)
    return {
        "date_text": date.text if date else None,
        "date_start": date.start if date else None,
        "date_end": date.end if date else None,
        "date_value": date.value if date else None,
        "date_precision": date.precision if date else None,
        "date_interval_start": interval_start,
        "date_interval_end": interval_end,
        "date_inferred": date.inferred if date else None,
    }


def _count_columns(prefix: str, count: Count | None) -> dict[str, Any]:
    return {
        f"{prefix}_min": count.min if count else None,
        f"{prefix}_max": count.max if count else None,
        **_span_columns(prefix, count),
    }


def _event_row(event: Event, **keys: Any) -> tuple[type[EventRow], dict[str, Any]]:
    return EventRow, dict(
        event_key=event.id,
        event_type=event.type,
        subtype=event.subtype,
        subtype_rule=event.subtype_rule,
        plover_type=event.plover.type if event.plover else None,
        plover_mode=event.plover.mode if event.plover else None,
        **_span_columns("trigger", event.trigger),
        **_span_columns("evidence", event.evidence),
        **_actor_columns("actor1", event.actor1),
        **_actor_columns("actor2", event.actor2),
        **_span_columns("target", event.target),
        **_location_columns(event.location),
        **_date_columns(event.date),
        **_count_columns("fatalities", event.fatalities),
        **_count_columns("injured", event.injured),
        **_count_columns("arrested", event.arrested),
        certainty=event.certainty,
        polarity=event.polarity,
        time_status=event.time_status,
        claim_key=event.claim_id,
        aggregate=event.aggregate,
        attempted=event.attempted,
        background=event.background,
        field_rules=dict(event.field_rules),
        mentions=[{"text": m.text, "start": m.start, "end": m.end} for m in event.mentions],
        statements=list(event.statements),
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


def _actor(row: EventRow, prefix: str) -> Actor | None:
    # Every actor has a mention, so NULL offsets are the event with no such actor.
    mention = _span(row, prefix)
    if mention is None:
        return None
    return Actor(
        mention=mention,
        canonical=getattr(row, f"{prefix}_name"),
        entity_id=getattr(row, f"{prefix}_entity_key"),
        category=getattr(row, f"{prefix}_category"),
        country_code=getattr(row, f"{prefix}_country_code"),
    )


def _location(row: EventRow) -> PlaceMention | None:
    if row.location_start is None:
        return None
    return PlaceMention(
        text=row.location_text,
        start=row.location_start,
        end=row.location_end,
        name=row.location_name,
        geonameid=row.location_geonameid,
        country_code=row.location_country_code,
        admin1=row.location_admin1,
        lat=row.location_lat,
        lon=row.location_lon,
        feature_code=row.location_feature_code,
        precision=row.location_precision,
    )


def _date(row: EventRow) -> EventDate | None:
    # Precision, not offsets, decides presence: a date inferred from publication has no words.
    if row.date_precision is None:
        return None
    return EventDate(
        text=row.date_text,
        start=row.date_start,
        end=row.date_end,
        value=row.date_value,
        precision=row.date_precision,
        interval=(row.date_interval_start, row.date_interval_end) if row.date_interval_start is not None else None,
        inferred=bool(row.date_inferred),
    )


def _count(row: EventRow, prefix: str) -> Count | None:
    # A count always quotes its words; its min or max alone may be NULL.
    span = _span(row, prefix)
    if span is None:
        return None
    return Count(
        min=getattr(row, f"{prefix}_min"),
        max=getattr(row, f"{prefix}_max"),
        text=span.text,
        start=span.start,
        end=span.end,
    )


def _event(row: EventRow) -> Event:
    return Event(
        id=row.event_key,
        type=row.event_type,
        subtype=row.subtype,
        plover=Plover(type=row.plover_type, mode=row.plover_mode) if row.plover_type is not None else None,
        trigger=_span(row, "trigger"),
        evidence=_span(row, "evidence"),
        actor1=_actor(row, "actor1"),
        actor2=_actor(row, "actor2"),
        target=_span(row, "target"),
        location=_location(row),
        date=_date(row),
        fatalities=_count(row, "fatalities"),
        injured=_count(row, "injured"),
        arrested=_count(row, "arrested"),
        certainty=row.certainty,
        polarity=row.polarity,
        time_status=row.time_status,
        claim_id=row.claim_key,
        aggregate=bool(row.aggregate),
        attempted=bool(row.attempted),
        background=bool(row.background),
        subtype_rule=row.subtype_rule,
        field_rules=dict(row.field_rules or {}),
        mentions=[TextSpan(text=m["text"], start=m["start"], end=m["end"]) for m in row.mentions],
        statements=list(row.statements),
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
        events=[_event(r) for r in rows[EventRow]],
        runs={"extractors": run.extractors, "spacy_model": run.spacy_model, "newsledger": run.newsledger_version},
        errors=[ExtractionError(stage=r.stage, message=r.message) for r in rows[ExtractionErrorRow]],
        warnings=list(run.warnings or []),
    )
    data = result.to_dict()
    data["article"]["duplicate_of"] = article.duplicate_of
    return data


def event_from_row(row: EventRow) -> Event:
    """The :class:`Event` a stored row holds (for the ledger, which reads events back)."""
    return _event(row)


def claim_from_row(row: ClaimRow) -> Claim:
    """The :class:`Claim` a stored row holds."""
    return _claim(row)
