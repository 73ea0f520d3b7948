"""Following live sources: ``watched_pages``, ``article_versions``.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08

``newsledger watch`` polls feeds, sitemaps and folders and must remember, across
restarts, what it has seen: ``watched_pages`` keeps each page it follows, with
the validators its server gave (ETag, Last-Modified) for conditional requests,
the digest of the body last read, the article its latest version became, and
its failures. A page that changes later (an updated toll) is a new article,
since ids are content hashes; ``article_versions`` records each version of a
page and the one it replaces, so the ledger withdraws the earlier version's
reports when it takes the new one in (``withdrawn_at``) and the incident
records an update instead of gaining a second, independent source.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ARTICLE_ID = sa.String(64)
ROW_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "watched_pages",
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_checked", sa.DateTime(timezone=True), nullable=True),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("content_sha256", sa.String(), nullable=True),
        sa.Column("article_id", ARTICLE_ID,
                  sa.ForeignKey("articles.id", name=op.f("fk_watched_pages_article_id_articles")), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("url", name=op.f("pk_watched_pages")),
    )
    op.create_index(op.f("ix_watched_pages_article_id"), "watched_pages", ["article_id"])
    op.create_table(
        "article_versions",
        sa.Column("id", ROW_ID, nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("article_id", ARTICLE_ID,
                  sa.ForeignKey("articles.id", name=op.f("fk_article_versions_article_id_articles")), nullable=False),
        sa.Column("replaces", ARTICLE_ID,
                  sa.ForeignKey("articles.id", name=op.f("fk_article_versions_replaces_articles")), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_article_versions")),
    )
    op.create_index(op.f("ix_article_versions_url"), "article_versions", ["url"])
    op.create_index(op.f("ix_article_versions_article_id"), "article_versions", ["article_id"])
    op.create_index(op.f("ix_article_versions_replaces"), "article_versions", ["replaces"])


def downgrade() -> None:
    op.drop_index(op.f("ix_article_versions_replaces"), table_name="article_versions")
    op.drop_index(op.f("ix_article_versions_article_id"), table_name="article_versions")
    op.drop_index(op.f("ix_article_versions_url"), table_name="article_versions")
    op.drop_table("article_versions")
    op.drop_index(op.f("ix_watched_pages_article_id"), table_name="watched_pages")
    op.drop_table("watched_pages")
