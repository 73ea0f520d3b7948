"""The ledger's tables, declared once for SQLAlchemy and Alembic.

Table and column names are plain words because people open the SQLite file in
Datasette: ``articles``, ``extraction_runs``, one table per mention kind
(``entities``, ``times``, ``places``), ``quotes``, ``claims`` and ``events``,
``extraction_errors`` and ``ingest_failures``; then the ledger: ``incidents``
(as they stand), ``incident_versions`` (every change, with its reason),
``incident_reports`` (which event mention joined which incident, or why none),
``incident_decisions`` (a person's merges, splits and corrections),
``resolved_runs`` and ``article_copies`` (syndicated sightings of a stored text); and
the web server's ``users`` and ``server_secrets``. Every row of an extraction names
the run that produced it, so a re-extraction with new extractor versions adds
rows beside the old ones instead of overwriting them. Offsets are
``start_char``/``end_char`` (``end`` is an SQL keyword) and ``position`` keeps
each list in the order the extractor returned it. Quotes and claims are
flattened into one row each (``content_*`` for the span they report,
``speaker_*``/``source_*`` for who says it), and so are events (``actor1_*``,
``location_*``, ``date_*``, ``fatalities_*``...), so a reader can filter them
without unpacking JSON; only lists stay JSON columns (a claim's cues, an
event's later mentions and the quotes that speak of it).

Only portable types are used, and strings carry no length limit, which SQLite
would ignore but PostgreSQL would enforce, so the same data fits both. JSON is
PostgreSQL's ``json``, which keeps a document as it was written, as SQLite's
text does: ``jsonb`` would reorder an object's keys, and the order shows in
what newsledger writes out (revision 0012). A change to these classes needs a new revision in
``migrations/versions``; a test compares the migrated schema with this metadata.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints let later Alembic revisions drop or alter them on every
# backend (SQLite's batch mode needs names to find them).
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ARTICLE_ID = String(64)
JSON_DOCUMENT = JSON()
# SQLite only autoincrements a column declared exactly INTEGER PRIMARY KEY.
ROW_ID = BigInteger().with_variant(Integer(), "sqlite")


def utc_now() -> dt.datetime:
    """The current time in UTC, for ``created_at``-style columns."""
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: JSON_DOCUMENT}


class ArticleRow(Base):
    """One cleaned article; ``id`` is its content hash (``schema.article_id``).

    ``minhash`` is the text's near-duplicate signature
    (:func:`newsledger.clean.dedupe.signature_bytes`; empty for a text without
    words), written with the article so the near-duplicate index is loaded, not
    rebuilt. NULL for an article stored before revision 0006 or saved without
    one: the next batch computes it (see :mod:`newsledger.runners.stages`).
    It is a column of the table but not of the mapped class, so the ORM never
    reads or writes it (an article row reads and writes as it did before the
    column was added); :class:`~newsledger.store.Store` reaches it through
    :data:`ARTICLE_MINHASH`.
    """

    __tablename__ = "articles"
    __table_args__ = (Column("minhash", LargeBinary, nullable=True),)
    __mapper_args__ = {"exclude_properties": ["minhash"]}

    id: Mapped[str] = mapped_column(ARTICLE_ID, primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String())
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    language: Mapped[str | None] = mapped_column(String())
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)
    duplicate_of: Mapped[str | None] = mapped_column(ARTICLE_ID, ForeignKey("articles.id"), index=True)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


# The near-duplicate signature column of ``articles`` (not mapped: see ArticleRow).
ARTICLE_MINHASH = ArticleRow.__table__.c.minhash


class RunRow(Base):
    """One extraction of one article by one set of extractor versions and model.

    ``signature`` is the canonical JSON of the extractor versions and the spaCy
    model: saving the same article with the same signature again writes nothing.
    """

    __tablename__ = "extraction_runs"
    __table_args__ = (UniqueConstraint("article_id", "signature"),)

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True)
    article_id: Mapped[str] = mapped_column(ARTICLE_ID, ForeignKey("articles.id"), index=True)
    extractors: Mapped[dict[str, Any]] = mapped_column(JSON_DOCUMENT)
    spacy_model: Mapped[str | None] = mapped_column(String())
    newsledger_version: Mapped[str | None] = mapped_column(String())
    signature: Mapped[str] = mapped_column(String())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    # Problems an extractor worked around; the server default fills runs stored
    # before revision 0002 added the column.
    warnings: Mapped[list[str]] = mapped_column(JSON_DOCUMENT, default=list, server_default="[]")


class _RunChildColumns:
    """Columns every table of a run's output shares: which article, which run, which place in the list."""

    # sort_order puts these first in every table, where a reader looks for them.
    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True, sort_order=-7)
    article_id: Mapped[str] = mapped_column(ARTICLE_ID, ForeignKey("articles.id"), index=True, sort_order=-6)
    run_id: Mapped[int] = mapped_column(ROW_ID, ForeignKey("extraction_runs.id"), index=True, sort_order=-5)
    position: Mapped[int] = mapped_column(Integer, sort_order=-4)


class _MentionColumns(_RunChildColumns):
    """Columns every mention table shares: the run's columns, then where the mention is."""

    text: Mapped[str] = mapped_column(Text, sort_order=-3)
    start_char: Mapped[int] = mapped_column(Integer, sort_order=-2)
    end_char: Mapped[int] = mapped_column(Integer, sort_order=-1)


class EntityRow(_MentionColumns, Base):
    """A named-entity mention; ``entity_key`` (``E1``...) is shared by one entity's mentions."""

    __tablename__ = "entities"

    entity_key: Mapped[str] = mapped_column(String())
    label: Mapped[str] = mapped_column(String(), index=True)
    canonical: Mapped[str] = mapped_column(Text)


class TimeRow(_MentionColumns, Base):
    """A time expression with its TIMEX3-style value and calendar interval."""

    __tablename__ = "times"

    value: Mapped[str | None] = mapped_column(String())
    precision: Mapped[str] = mapped_column(String())
    interval_start: Mapped[str | None] = mapped_column(String())
    interval_end: Mapped[str | None] = mapped_column(String())
    note: Mapped[str | None] = mapped_column(Text)


class PlaceRow(_MentionColumns, Base):
    """A place mention resolved to a gazetteer entry (or a sea/region point)."""

    __tablename__ = "places"

    name: Mapped[str] = mapped_column(Text)
    geonameid: Mapped[int | None] = mapped_column(BigInteger, index=True)
    country_code: Mapped[str | None] = mapped_column(String())
    admin1: Mapped[str | None] = mapped_column(String())
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    feature_code: Mapped[str | None] = mapped_column(String())
    precision: Mapped[str] = mapped_column(String())


class QuoteRow(_RunChildColumns, Base):
    """Reported speech: the quoted span, who says it, the verb or phrase that says so.

    ``speaker_kind`` is NULL when no speaker was found, ``speaker_start`` when
    the text does not name the speaker, ``cue_start`` when there is no cue.
    ``claim_key`` is the ``claim_key`` of the claim this quote carries.
    """

    __tablename__ = "quotes"

    quote_key: Mapped[str] = mapped_column(String())
    kind: Mapped[str] = mapped_column(String())
    content_text: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    speaker_kind: Mapped[str | None] = mapped_column(String())
    speaker_name: Mapped[str | None] = mapped_column(Text, index=True)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)
    speaker_entity_key: Mapped[str | None] = mapped_column(String())
    speaker_affiliation: Mapped[str | None] = mapped_column(Text)
    cue_text: Mapped[str | None] = mapped_column(Text)
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    claim_key: Mapped[str | None] = mapped_column(String())
    inherited: Mapped[bool] = mapped_column(Boolean)


class ClaimRow(_RunChildColumns, Base):
    """A proposition, its source, and how firmly the article stands behind it.

    ``source_start`` is NULL when the text does not name the source (the
    outlet's own voice). ``cues`` is a JSON list of ``{type, text, start, end}``.
    """

    __tablename__ = "claims"

    claim_key: Mapped[str] = mapped_column(String())
    content_text: Mapped[str] = mapped_column(Text)
    content_start: Mapped[int] = mapped_column(Integer)
    content_end: Mapped[int] = mapped_column(Integer)
    source_kind: Mapped[str] = mapped_column(String())
    source_name: Mapped[str | None] = mapped_column(Text, index=True)
    source_text: Mapped[str | None] = mapped_column(Text)
    source_start: Mapped[int | None] = mapped_column(Integer)
    source_end: Mapped[int | None] = mapped_column(Integer)
    source_entity_key: Mapped[str | None] = mapped_column(String())
    source_affiliation: Mapped[str | None] = mapped_column(Text)
    certainty: Mapped[str] = mapped_column(String(), index=True)
    polarity: Mapped[str] = mapped_column(String())
    time_status: Mapped[str] = mapped_column(String())
    cues: Mapped[list[dict[str, Any]]] = mapped_column(JSON_DOCUMENT)
    quote_key: Mapped[str | None] = mapped_column(String())


class EventRow(_RunChildColumns, Base):
    """One event mention, flat: what, who to whom, where, when, how many, and how firmly.

    Each nested part of an :class:`~newsledger.schema.Event` is a group of
    columns named by its prefix, all NULL when the part is absent: ``plover_*``,
    ``actor1_*``/``actor2_*`` (the mention's span, ``name`` the canonical
    name), ``target_*``, ``location_*`` (the place mention, as in ``places``),
    ``date_*`` (``date_start`` is NULL but ``date_precision`` set for a date
    inferred from publication, which no words state), and ``fatalities_*``,
    ``injured_*``, ``arrested_*`` (``*_max`` NULL for an open-ended figure).
    ``claim_key`` is the claim holding the trigger; ``mentions`` is a JSON list
    of later ``{text, start, end}`` references, ``statements`` a JSON list of
    ``quote_key``s.
    """

    __tablename__ = "events"

    event_key: Mapped[str] = mapped_column(String())
    event_type: Mapped[str] = mapped_column(String())
    subtype: Mapped[str] = mapped_column(String(), index=True)
    subtype_rule: Mapped[str] = mapped_column(Text)
    plover_type: Mapped[str | None] = mapped_column(String())
    plover_mode: Mapped[str | None] = mapped_column(String())
    trigger_text: Mapped[str] = mapped_column(Text)
    trigger_start: Mapped[int] = mapped_column(Integer)
    trigger_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    actor1_text: Mapped[str | None] = mapped_column(Text)
    actor1_start: Mapped[int | None] = mapped_column(Integer)
    actor1_end: Mapped[int | None] = mapped_column(Integer)
    actor1_name: Mapped[str | None] = mapped_column(Text)
    actor1_entity_key: Mapped[str | None] = mapped_column(String())
    actor1_category: Mapped[str | None] = mapped_column(String())
    actor1_country_code: Mapped[str | None] = mapped_column(String())
    actor2_text: Mapped[str | None] = mapped_column(Text)
    actor2_start: Mapped[int | None] = mapped_column(Integer)
    actor2_end: Mapped[int | None] = mapped_column(Integer)
    actor2_name: Mapped[str | None] = mapped_column(Text)
    actor2_entity_key: Mapped[str | None] = mapped_column(String())
    actor2_category: Mapped[str | None] = mapped_column(String())
    actor2_country_code: Mapped[str | None] = mapped_column(String())
    target_text: Mapped[str | None] = mapped_column(Text)
    target_start: Mapped[int | None] = mapped_column(Integer)
    target_end: Mapped[int | None] = mapped_column(Integer)
    location_text: Mapped[str | None] = mapped_column(Text)
    location_start: Mapped[int | None] = mapped_column(Integer)
    location_end: Mapped[int | None] = mapped_column(Integer)
    location_name: Mapped[str | None] = mapped_column(Text)
    location_geonameid: Mapped[int | None] = mapped_column(BigInteger)
    location_country_code: Mapped[str | None] = mapped_column(String(), index=True)
    location_admin1: Mapped[str | None] = mapped_column(String())
    location_lat: Mapped[float | None] = mapped_column(Float)
    location_lon: Mapped[float | None] = mapped_column(Float)
    location_feature_code: Mapped[str | None] = mapped_column(String())
    location_precision: Mapped[str | None] = mapped_column(String())
    date_text: Mapped[str | None] = mapped_column(Text)
    date_start: Mapped[int | None] = mapped_column(Integer)
    date_end: Mapped[int | None] = mapped_column(Integer)
    date_value: Mapped[str | None] = mapped_column(String())
    date_precision: Mapped[str | None] = mapped_column(String())
    date_interval_start: Mapped[str | None] = mapped_column(String(), index=True)
    date_interval_end: Mapped[str | None] = mapped_column(String())
    date_inferred: Mapped[bool | None] = mapped_column(Boolean)
    fatalities_min: Mapped[int | None] = mapped_column(Integer)
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    fatalities_text: Mapped[str | None] = mapped_column(Text)
    fatalities_start: Mapped[int | None] = mapped_column(Integer)
    fatalities_end: Mapped[int | None] = mapped_column(Integer)
    injured_min: Mapped[int | None] = mapped_column(Integer)
    injured_max: Mapped[int | None] = mapped_column(Integer)
    injured_text: Mapped[str | None] = mapped_column(Text)
    injured_start: Mapped[int | None] = mapped_column(Integer)
    injured_end: Mapped[int | None] = mapped_column(Integer)
    arrested_min: Mapped[int | None] = mapped_column(Integer)
    arrested_max: Mapped[int | None] = mapped_column(Integer)
    arrested_text: Mapped[str | None] = mapped_column(Text)
    arrested_start: Mapped[int | None] = mapped_column(Integer)
    arrested_end: Mapped[int | None] = mapped_column(Integer)
    certainty: Mapped[str] = mapped_column(String())
    polarity: Mapped[str] = mapped_column(String())
    time_status: Mapped[str] = mapped_column(String())
    claim_key: Mapped[str | None] = mapped_column(String())
    aggregate: Mapped[bool] = mapped_column(Boolean)
    attempted: Mapped[bool] = mapped_column(Boolean)
    background: Mapped[bool] = mapped_column(Boolean, server_default=false())
    field_rules: Mapped[dict[str, str]] = mapped_column(JSON_DOCUMENT, server_default="{}")
    mentions: Mapped[list[dict[str, Any]]] = mapped_column(JSON_DOCUMENT)
    statements: Mapped[list[str]] = mapped_column(JSON_DOCUMENT)


class ExtractionErrorRow(Base):
    """One extractor that failed on one article during one run."""

    __tablename__ = "extraction_errors"

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True)
    article_id: Mapped[str] = mapped_column(ARTICLE_ID, ForeignKey("articles.id"), index=True)
    run_id: Mapped[int] = mapped_column(ROW_ID, ForeignKey("extraction_runs.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    stage: Mapped[str] = mapped_column(String())
    message: Mapped[str] = mapped_column(Text)


class IngestFailureRow(Base):
    """A document that could not be read or cleaned, reported against its origin."""

    __tablename__ = "ingest_failures"

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True)
    origin: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ArticleCopyRow(Base):
    """Another sighting of a stored article: the same text under another URL or outlet.

    Re-ingesting identical text writes no new article (its id is the content
    hash), so syndicated copies are recorded here and count as one source.
    """

    __tablename__ = "article_copies"
    __table_args__ = (UniqueConstraint("article_id", "url", "outlet"),)

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True)
    article_id: Mapped[str] = mapped_column(ARTICLE_ID, ForeignKey("articles.id"), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String())
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class IncidentRow(Base):
    """One incident as the ledger stands now: flat columns to filter on, ``detail`` for the rest.

    ``detail`` is the ``newsledger-incident/1`` dict (every field's competing
    values, each source's figures, the reports with evidence). ``status`` is
    ``active``, or ``replaced`` when its reports now belong to ``replaced_by``
    (a merge, or a new report whose key now names the incident), or ``retired``
    when no report is left. ``version`` counts rows in ``incident_versions``.
    """

    __tablename__ = "incidents"
    # Lists page through active incidents by date (newest first), then id.
    __table_args__ = (Index("ix_incidents_listing", "status", "date_start", "id"),)

    id: Mapped[str] = mapped_column(String(), primary_key=True)
    status: Mapped[str] = mapped_column(String(), index=True)
    replaced_by: Mapped[str | None] = mapped_column(String())
    version: Mapped[int] = mapped_column(Integer)
    event_type: Mapped[str | None] = mapped_column(String())
    sub_event_type: Mapped[str | None] = mapped_column(String(), index=True)
    attempted: Mapped[bool | None] = mapped_column(Boolean)
    plover_event: Mapped[str | None] = mapped_column(String())
    plover_mode: Mapped[str | None] = mapped_column(String())
    date_start: Mapped[str | None] = mapped_column(String(), index=True)
    date_end: Mapped[str | None] = mapped_column(String())
    time_precision: Mapped[int | None] = mapped_column(Integer)
    country_code: Mapped[str | None] = mapped_column(String(), index=True)
    admin1: Mapped[str | None] = mapped_column(String())
    location: Mapped[str | None] = mapped_column(Text)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    actor1: Mapped[str | None] = mapped_column(Text)
    actor2: Mapped[str | None] = mapped_column(Text)
    fatalities_min: Mapped[int | None] = mapped_column(Integer)
    fatalities_max: Mapped[int | None] = mapped_column(Integer)
    fatalities_conservative: Mapped[int | None] = mapped_column(Integer)
    injured_min: Mapped[int | None] = mapped_column(Integer)
    injured_max: Mapped[int | None] = mapped_column(Integer)
    arrested_min: Mapped[int | None] = mapped_column(Integer)
    arrested_max: Mapped[int | None] = mapped_column(Integer)
    grade: Mapped[str | None] = mapped_column(String())
    grade_rank: Mapped[int | None] = mapped_column(Integer)
    independent_sources: Mapped[int | None] = mapped_column(Integer)
    reports: Mapped[int] = mapped_column(Integer)
    contested: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON_DOCUMENT)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class IncidentVersionRow(Base):
    """Every change to an incident: its state after the change, why, and when.

    ``detail`` is the whole ``newsledger-incident/1`` dict after the change
    (NULL once replaced or retired), so ``--as-of`` reads the ledger as it stood.
    """

    __tablename__ = "incident_versions"
    __table_args__ = (UniqueConstraint("incident_id", "version"),)

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True)
    incident_id: Mapped[str] = mapped_column(String(), ForeignKey("incidents.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String())
    replaced_by: Mapped[str | None] = mapped_column(String())
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON_DOCUMENT)


class IncidentReportRow(Base):
    """One event mention the ledger has taken in: which incident it joined, or why none.

    ``member`` is ``<article_id>:<event_key>``. ``incident_id`` is NULL with
    ``excluded`` saying why (aggregate, background with no date of its own, future,
    negated, no date) for a mention
    that joins no incident. ``kind``, ``day_first``/``day_last`` (ISO dates)
    and ``country_code`` are the blocking keys new reports are compared by;
    ``component`` the linked component the report was grouped in.
    """

    __tablename__ = "incident_reports"
    # New reports are compared with the stored ones of their kind and days.
    __table_args__ = (Index("ix_incident_reports_kind_day_first", "kind", "day_first"),)

    member: Mapped[str] = mapped_column(String(), primary_key=True)
    article_id: Mapped[str] = mapped_column(ARTICLE_ID, ForeignKey("articles.id"), index=True)
    run_id: Mapped[int] = mapped_column(ROW_ID, ForeignKey("extraction_runs.id"), index=True)
    event_key: Mapped[str] = mapped_column(String())
    incident_id: Mapped[str | None] = mapped_column(String(), index=True)
    excluded: Mapped[str | None] = mapped_column(String())
    kind: Mapped[str] = mapped_column(String())
    day_first: Mapped[str | None] = mapped_column(String())
    day_last: Mapped[str | None] = mapped_column(String())
    country_code: Mapped[str | None] = mapped_column(String())
    # The smallest member key of the report's linked component: the ledger re-resolves
    # whole components, whose incidents are grouped together (NULL: not in any).
    component: Mapped[str | None] = mapped_column(String(), index=True)


class IncidentReportPersonRow(Base):
    """A person a stored report names (folded full name): how a follow-up finds the first report."""

    __tablename__ = "incident_report_people"
    __table_args__ = (Index("ix_incident_report_people_name", "name"),)

    member: Mapped[str] = mapped_column(String(), ForeignKey("incident_reports.member", ondelete="CASCADE"),
                                        primary_key=True)
    name: Mapped[str] = mapped_column(String(), primary_key=True)


class IncidentDecisionRow(Base):
    """A person's merge, split or correction, kept and re-applied by every later update.

    ``members_a``/``members_b`` are the member keys the decision is about (a
    merge joins the two groups, a split keeps them apart; a correction names its
    incident's members in ``members_a``). ``field``/``value`` are a correction's; a
    split's ``value`` is ``{"apart_from": [...]}``, the other reports of its linked
    component when it was made, which the reports taken out stay apart from.
    """

    __tablename__ = "incident_decisions"

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True)
    action: Mapped[str] = mapped_column(String())
    incident_ids: Mapped[list[str]] = mapped_column(JSON_DOCUMENT)
    members_a: Mapped[list[str]] = mapped_column(JSON_DOCUMENT)
    members_b: Mapped[list[str]] = mapped_column(JSON_DOCUMENT)
    field: Mapped[str | None] = mapped_column(String())
    value: Mapped[Any | None] = mapped_column(JSON_DOCUMENT)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # The reviewer who made it on the web (None: the command line).
    decided_by: Mapped[str | None] = mapped_column(String())


class ResolvedRunRow(Base):
    """An extraction run whose events the ledger has taken in (so each is read once)."""

    __tablename__ = "resolved_runs"

    run_id: Mapped[int] = mapped_column(ROW_ID, ForeignKey("extraction_runs.id"), primary_key=True)
    resolved_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class UserRow(Base):
    """A person who may log in to ``newsledger serve``: a reviewer or an admin, with a password hash."""

    __tablename__ = "users"

    name: Mapped[str] = mapped_column(String(), primary_key=True)
    role: Mapped[str] = mapped_column(String())
    password_hash: Mapped[str] = mapped_column(String())
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class ServerSecretRow(Base):
    """A secret the web server makes once and keeps (the key that signs session cookies)."""

    __tablename__ = "server_secrets"

    name: Mapped[str] = mapped_column(String(), primary_key=True)
    value: Mapped[str] = mapped_column(String())


class IngestFileRow(Base):
    """An input file a batch has finished (every document stored, found stored or failed), for resuming.

    ``identity`` is a digest of what decides a run (extractor versions, spaCy
    pipeline, models), so a newer pipeline reads the file again; ``size`` and
    ``mtime_ns`` are the file's when it was read, so a changed file is read again.
    """

    __tablename__ = "ingest_files"

    path: Mapped[str] = mapped_column(String(), primary_key=True)
    identity: Mapped[str] = mapped_column(String(), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    mtime_ns: Mapped[int] = mapped_column(BigInteger)
    documents: Mapped[int] = mapped_column(Integer)
    finished_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))



class WatchedPageRow(Base):
    """A page ``newsledger watch`` follows, and what it last found there, so a restart fetches nothing twice.

    ``url`` is the page as its source lists it (a feed item's link, a sitemap's
    ``loc``, or a ``file://`` URI for a file in a watched folder); ``source`` the
    SOURCE it was first listed by. ``etag`` and ``last_modified`` are the
    validators the server last gave, sent back as ``If-None-Match`` and
    ``If-Modified-Since`` so an unchanged page costs a 304 (for a file, ``etag``
    holds its size and modification time). ``content_sha256`` is the digest of
    the body last read, ``article_id`` the article its latest version became
    (NULL until one is stored), ``failures`` the failed fetches or reads since
    the last good one and ``last_failure`` the latest one's reason.
    """

    __tablename__ = "watched_pages"

    url: Mapped[str] = mapped_column(Text, primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_checked: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    content_sha256: Mapped[str | None] = mapped_column(String())
    article_id: Mapped[str | None] = mapped_column(ARTICLE_ID, ForeignKey("articles.id"), index=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure: Mapped[str | None] = mapped_column(Text)


class ArticleVersionRow(Base):
    """One version of a followed page: the article its text became, and the version it replaced.

    A page that changes (a toll updated) has a new text, so it is a new article
    (ids are content hashes). ``replaces`` names the article that was the
    page's version before (NULL for the first version seen); the latest row of
    a URL is its current version. When the ledger takes a version in it
    withdraws the reports of the version it replaces and sets
    ``withdrawn_at`` (NULL: not yet, or nothing to withdraw).
    """

    __tablename__ = "article_versions"

    id: Mapped[int] = mapped_column(ROW_ID, primary_key=True)
    url: Mapped[str] = mapped_column(Text, index=True)
    article_id: Mapped[str] = mapped_column(ARTICLE_ID, ForeignKey("articles.id"), index=True)
    replaces: Mapped[str | None] = mapped_column(ARTICLE_ID, ForeignKey("articles.id"), index=True)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


TABLE_NAMES = (
    "articles",
    "extraction_runs",
    "entities",
    "times",
    "places",
    "quotes",
    "claims",
    "events",
    "extraction_errors",
    "ingest_failures",
    "article_copies",
    "incidents",
    "incident_versions",
    "incident_reports",
    "incident_report_people",
    "incident_decisions",
    "resolved_runs",
    "users",
    "server_secrets",
    "ingest_files",
    "watched_pages",
    "article_versions",
)
