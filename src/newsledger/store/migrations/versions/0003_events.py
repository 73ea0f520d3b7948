"""Events: table ``events``, one flat row per event mention.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27

Written out in full rather than importing the models, like 0001 and 0002. Only
a new table: no existing table changes, so runs stored before this revision
keep every row and read back with no events, which is what they had (nothing
extracted events before). Each nested part of an event (actors, location,
date, counts) is a group of prefixed columns, all nullable, so Datasette users
can filter and facet on them; only the lists of later mentions and of quote
ids are JSON.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE_ID = sa.String(length=64)
ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
TABLE = "events"


def _run_child_columns(table: str) -> list[sa.SchemaItem]:
    """The columns and keys every table of a run's output starts with."""
    return [
        sa.Column("id", ROW_ID, nullable=False),
        sa.Column("article_id", ARTICLE_ID, nullable=False),
        sa.Column("run_id", ROW_ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f(f"fk_{table}_article_id_articles")),
        sa.ForeignKeyConstraint(["run_id"], ["extraction_runs.id"], name=op.f(f"fk_{table}_run_id_extraction_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def _span_columns(prefix: str, nullable: bool) -> list[sa.Column]:
    """``<prefix>_text``, ``<prefix>_start``, ``<prefix>_end``: one TextSpan flattened."""
    return [
        sa.Column(f"{prefix}_text", sa.Text(), nullable=nullable),
        sa.Column(f"{prefix}_start", sa.Integer(), nullable=nullable),
        sa.Column(f"{prefix}_end", sa.Integer(), nullable=nullable),
    ]


def _actor_columns(prefix: str) -> list[sa.Column]:
    """An Actor: its mention's span, canonical name, entity, ACLED category, country."""
    return [
        *_span_columns(prefix, nullable=True),
        sa.Column(f"{prefix}_name", sa.Text(), nullable=True),
        sa.Column(f"{prefix}_entity_key", sa.String(), nullable=True),
        sa.Column(f"{prefix}_category", sa.String(), nullable=True),
        sa.Column(f"{prefix}_country_code", sa.String(), nullable=True),
    ]


def _count_columns(prefix: str) -> list[sa.Column]:
    """A Count: its range, then the words it came from."""
    return [
        sa.Column(f"{prefix}_min", sa.Integer(), nullable=True),
        sa.Column(f"{prefix}_max", sa.Integer(), nullable=True),
        *_span_columns(prefix, nullable=True),
    ]


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns), unique=False)


def upgrade() -> None:
    op.create_table(
        TABLE,
        *_run_child_columns(TABLE),
        sa.Column("event_key", sa.String(), nullable=False),
        sa.Column("event_type", sa.String(), nullable=False),
        sa.Column("subtype", sa.String(), nullable=False),
        sa.Column("subtype_rule", sa.Text(), nullable=False),
        sa.Column("plover_type", sa.String(), nullable=True),
        sa.Column("plover_mode", sa.String(), nullable=True),
        *_span_columns("trigger", nullable=False),
        *_span_columns("evidence", nullable=False),
        *_actor_columns("actor1"),
        *_actor_columns("actor2"),
        *_span_columns("target", nullable=True),
        *_span_columns("location", nullable=True),
        sa.Column("location_name", sa.Text(), nullable=True),
        sa.Column("location_geonameid", sa.BigInteger(), nullable=True),
        sa.Column("location_country_code", sa.String(), nullable=True),
        sa.Column("location_admin1", sa.String(), nullable=True),
        sa.Column("location_lat", sa.Float(), nullable=True),
        sa.Column("location_lon", sa.Float(), nullable=True),
        sa.Column("location_feature_code", sa.String(), nullable=True),
        sa.Column("location_precision", sa.String(), nullable=True),
        *_span_columns("date", nullable=True),
        sa.Column("date_value", sa.String(), nullable=True),
        sa.Column("date_precision", sa.String(), nullable=True),
        sa.Column("date_interval_start", sa.String(), nullable=True),
        sa.Column("date_interval_end", sa.String(), nullable=True),
        sa.Column("date_inferred", sa.Boolean(), nullable=True),
        *_count_columns("fatalities"),
        *_count_columns("injured"),
        *_count_columns("arrested"),
        sa.Column("certainty", sa.String(), nullable=False),
        sa.Column("polarity", sa.String(), nullable=False),
        sa.Column("time_status", sa.String(), nullable=False),
        sa.Column("claim_key", sa.String(), nullable=True),
        sa.Column("aggregate", sa.Boolean(), nullable=False),
        sa.Column("attempted", sa.Boolean(), nullable=False),
        sa.Column("mentions", JSON_DOCUMENT, nullable=False),
        sa.Column("statements", JSON_DOCUMENT, nullable=False),
    )
    for column in ("article_id", "run_id", "subtype", "location_country_code", "date_interval_start"):
        _index(TABLE, column)


def downgrade() -> None:
    # The table's indexes go with it on every backend.
    op.drop_table(TABLE)
