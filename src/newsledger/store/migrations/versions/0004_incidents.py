"""The ledger: incidents, their versions, reports, a person's decisions, copies.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

Written out in full rather than importing the models, like 0001 to 0003. Only
new tables: articles and runs stored before this revision keep every row; the
next ``newsledger resolve`` (or ingest) takes their events into the ledger,
since none of their runs is in ``resolved_runs`` yet.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE_ID = sa.String(length=64)
ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
STAMP = sa.DateTime(timezone=True)
TABLES = ("resolved_runs", "incident_reports", "incident_versions", "article_copies", "incidents", "incident_decisions")


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns), unique=False)


def _nullable(kind: sa.types.TypeEngine, *names: str) -> list[sa.Column]:
    return [sa.Column(name, kind, nullable=True) for name in names]


def upgrade() -> None:
    op.create_table(
        "incident_decisions",
        sa.Column("id", ROW_ID, nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("incident_ids", JSON_DOCUMENT, nullable=False),
        sa.Column("members_a", JSON_DOCUMENT, nullable=False),
        sa.Column("members_b", JSON_DOCUMENT, nullable=False),
        sa.Column("field", sa.String(), nullable=True),
        sa.Column("value", JSON_DOCUMENT, nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_decisions")),
    )
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("replaced_by", sa.String(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        *_nullable(sa.String(), "event_type", "sub_event_type"),
        sa.Column("attempted", sa.Boolean(), nullable=True),
        *_nullable(sa.String(), "plover_event", "plover_mode", "date_start", "date_end"),
        sa.Column("time_precision", sa.Integer(), nullable=True),
        *_nullable(sa.String(), "country_code", "admin1"),
        sa.Column("location", sa.Text(), nullable=True),
        *_nullable(sa.Float(), "latitude", "longitude"),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        *_nullable(sa.Text(), "actor1", "actor2"),
        *_nullable(
            sa.Integer(), "fatalities_min", "fatalities_max", "fatalities_conservative",
            "injured_min", "injured_max", "arrested_min", "arrested_max",
        ),
        sa.Column("grade", sa.String(), nullable=True),
        *_nullable(sa.Integer(), "grade_rank", "independent_sources"),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("contested", sa.Text(), nullable=True),
        sa.Column("detail", JSON_DOCUMENT, nullable=True),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("updated_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
    )
    for column in ("country_code", "date_start", "status", "sub_event_type"):
        _index("incidents", column)
    op.create_table(
        "article_copies",
        sa.Column("id", ROW_ID, nullable=False),
        sa.Column("article_id", ARTICLE_ID, nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("outlet", sa.String(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("seen_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_article_copies_article_id_articles")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_copies")),
        sa.UniqueConstraint("article_id", "url", "outlet", name=op.f("uq_article_copies_article_id_url_outlet")),
    )
    _index("article_copies", "article_id")
    op.create_table(
        "incident_versions",
        sa.Column("id", ROW_ID, nullable=False),
        sa.Column("incident_id", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("replaced_by", sa.String(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", STAMP, nullable=False),
        sa.Column("detail", JSON_DOCUMENT, nullable=True),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_versions_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_versions")),
        sa.UniqueConstraint("incident_id", "version", name=op.f("uq_incident_versions_incident_id_version")),
    )
    _index("incident_versions", "created_at")
    _index("incident_versions", "incident_id")
    op.create_table(
        "incident_reports",
        sa.Column("member", sa.String(), nullable=False),
        sa.Column("article_id", ARTICLE_ID, nullable=False),
        sa.Column("run_id", ROW_ID, nullable=False),
        sa.Column("event_key", sa.String(), nullable=False),
        *_nullable(sa.String(), "incident_id", "excluded"),
        sa.Column("kind", sa.String(), nullable=False),
        *_nullable(sa.String(), "day_first", "day_last", "country_code"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name=op.f("fk_incident_reports_article_id_articles")),
        sa.ForeignKeyConstraint(
            ["run_id"], ["extraction_runs.id"], name=op.f("fk_incident_reports_run_id_extraction_runs")
        ),
        sa.PrimaryKeyConstraint("member", name=op.f("pk_incident_reports")),
    )
    for column in ("article_id", "incident_id", "run_id"):
        _index("incident_reports", column)
    _index("incident_reports", "kind", "day_first")
    op.create_table(
        "resolved_runs",
        sa.Column("run_id", ROW_ID, nullable=False),
        sa.Column("resolved_at", STAMP, nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["extraction_runs.id"], name=op.f("fk_resolved_runs_run_id_extraction_runs")),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_resolved_runs")),
    )


def downgrade() -> None:
    # Each table's indexes go with it on every backend; children before parents.
    for table in TABLES:
        op.drop_table(table)
