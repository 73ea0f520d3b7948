"""Initial ledger: articles, extraction runs, entity/time/place mentions, errors, failures.

Revision ID: 0001
Revises:
Create Date: 2026-11-25

Written out in full rather than importing the models, so this revision keeps
creating exactly this schema after the models move on. Quotes, claims and
events get their own tables in later revisions.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE_ID = sa.String(length=64)
ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
MENTION_TABLES = ("entities", "times", "places")


def _mention_columns(table: str) -> list[sa.SchemaItem]:
    """The columns and keys every mention table starts with."""
    return [
        sa.Column("id", ROW_ID, nullable=False),
        sa.Column("article_id", ARTICLE_ID, nullable=False),
        sa.Column("run_id", ROW_ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f(f"fk_{table}_article_id_articles")),
        sa.ForeignKeyConstraint(["run_id"], ["extraction_runs.id"], name=op.f(f"fk_{table}_run_id_extraction_runs")),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns), unique=False)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", ARTICLE_ID, nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.String(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("duplicate_of", ARTICLE_ID, nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["duplicate_of"], ["articles.id"], name=op.f("fk_articles_duplicate_of_articles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_articles")),
    )
    _index("articles", "duplicate_of")
    _index("articles", "published")

    op.create_table(
        "extraction_runs",
        sa.Column("id", ROW_ID, nullable=False),
        sa.Column("article_id", ARTICLE_ID, nullable=False),
        sa.Column("extractors", JSON_DOCUMENT, nullable=False),
        sa.Column("spacy_model", sa.String(), nullable=True),
        sa.Column("newsledger_version", sa.String(), nullable=True),
        sa.Column("signature", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_extraction_runs_article_id_articles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extraction_runs")),
        sa.UniqueConstraint("article_id", "signature", name=op.f("uq_extraction_runs_article_id_signature")),
    )
    _index("extraction_runs", "article_id")

    op.create_table(
        "entities",
        *_mention_columns("entities"),
        sa.Column("entity_key", sa.String(), nullable=False),
        sa.Column("label", sa.String(), nullable=False),
        sa.Column("canonical", sa.Text(), nullable=False),
    )
    _index("entities", "label")

    op.create_table(
        "times",
        *_mention_columns("times"),
        sa.Column("value", sa.String(), nullable=True),
        sa.Column("precision", sa.String(), nullable=False),
        sa.Column("interval_start", sa.String(), nullable=True),
        sa.Column("interval_end", sa.String(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
    )

    op.create_table(
        "places",
        *_mention_columns("places"),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("geonameid", sa.BigInteger(), nullable=True),
        sa.Column("country_code", sa.String(), nullable=True),
        sa.Column("admin1", sa.String(), nullable=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("feature_code", sa.String(), nullable=True),
        sa.Column("precision", sa.String(), nullable=False),
    )
    _index("places", "geonameid")
    for table in MENTION_TABLES:
        _index(table, "article_id")
        _index(table, "run_id")

    op.create_table(
        "extraction_errors",
        sa.Column("id", ROW_ID, nullable=False),
        sa.Column("article_id", ARTICLE_ID, nullable=False),
        sa.Column("run_id", ROW_ID, nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_extraction_errors_article_id_articles")),
        sa.ForeignKeyConstraint(
            ["run_id"], ["extraction_runs.id"], name=op.f("fk_extraction_errors_run_id_extraction_runs")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extraction_errors")),
    )
    _index("extraction_errors", "article_id")
    _index("extraction_errors", "run_id")

    op.create_table(
        "ingest_failures",
        sa.Column("id", ROW_ID, nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ingest_failures")),
    )


def downgrade() -> None:
    # Indexes go with their tables on every backend.
    for table in ("ingest_failures", "extraction_errors", "places", "times", "entities", "extraction_runs", "articles"):
        op.drop_table(table)
