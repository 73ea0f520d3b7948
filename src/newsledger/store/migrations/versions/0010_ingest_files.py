"""Checkpoints of batches over many files: ``ingest_files``.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

A batch over a folder of WARC files can run for hours. Each input file whose
every document has been read and stored (or found stored already, or
recorded as a failure) gets a row here, keyed by its path and by what
decides a run (the pipeline's identity), with the size and modification time
it had: a batch started again after being killed skips those files, and a
file that changed since, or a newer pipeline, reads it again.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "ingest_files",
        sa.Column("path", sa.String(), primary_key=True),
        sa.Column("identity", sa.String(), primary_key=True),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("mtime_ns", sa.BigInteger(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ingest_files")
