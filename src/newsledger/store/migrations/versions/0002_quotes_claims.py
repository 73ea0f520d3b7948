"""Quotes, claims and run warnings: tables ``quotes`` and ``claims``, column ``extraction_runs.warnings``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

Written out in full rather than importing the models, like 0001. Existing runs
keep their rows; their ``warnings`` become an empty list through the column's
server default, which is how every run before this revision was extracted
(nothing recorded warnings yet). The column is added with a plain ``ADD
COLUMN``, not a batch table copy: on SQLite a copy would drop and recreate
``extraction_runs`` under the mention tables' foreign keys.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE_ID = sa.String(length=64)
ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


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


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns), unique=False)


def upgrade() -> None:
    op.add_column(
        "extraction_runs",
        sa.Column("warnings", JSON_DOCUMENT, server_default=sa.text("'[]'"), nullable=False),
    )

    op.create_table(
        "quotes",
        *_run_child_columns("quotes"),
        sa.Column("quote_key", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        *_span_columns("content", nullable=False),
        sa.Column("speaker_kind", sa.String(), nullable=True),
        sa.Column("speaker_name", sa.Text(), nullable=True),
        *_span_columns("speaker", nullable=True),
        sa.Column("speaker_entity_key", sa.String(), nullable=True),
        sa.Column("speaker_affiliation", sa.Text(), nullable=True),
        *_span_columns("cue", nullable=True),
        sa.Column("claim_key", sa.String(), nullable=True),
        sa.Column("inherited", sa.Boolean(), nullable=False),
    )
    _index("quotes", "speaker_name")

    op.create_table(
        "claims",
        *_run_child_columns("claims"),
        sa.Column("claim_key", sa.String(), nullable=False),
        *_span_columns("content", nullable=False),
        sa.Column("source_kind", sa.String(), nullable=False),
        sa.Column("source_name", sa.Text(), nullable=True),
        *_span_columns("source", nullable=True),
        sa.Column("source_entity_key", sa.String(), nullable=True),
        sa.Column("source_affiliation", sa.Text(), nullable=True),
        sa.Column("certainty", sa.String(), nullable=False),
        sa.Column("polarity", sa.String(), nullable=False),
        sa.Column("time_status", sa.String(), nullable=False),
        sa.Column("cues", JSON_DOCUMENT, nullable=False),
        sa.Column("quote_key", sa.String(), nullable=True),
    )
    _index("claims", "source_name")
    _index("claims", "certainty")
    for table in ("quotes", "claims"):
        _index(table, "article_id")
        _index(table, "run_id")


def downgrade() -> None:
    # Indexes go with their tables on every backend; SQLite drops a column since 3.35.
    op.drop_table("claims")
    op.drop_table("quotes")
    op.drop_column("extraction_runs", "warnings")
