"""Reviewers and the web server's secrets: ``users``, ``server_secrets``, ``incident_decisions.decided_by``.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

``newsledger serve`` lets a logged-in reviewer merge, split and correct
incidents, so the ledger keeps its people: ``users`` holds each one's name,
role (reviewer or admin) and password hash (Argon2, never the password). The
server signs its session cookies with a key it makes once and keeps in
``server_secrets``, so every server process over one database, and a restart,
accept the same sessions. A decision made on the web names who made it
(``incident_decisions.decided_by``; NULL for one made on the command line).
Pages list incidents newest first a page at a time, which the index
``ix_incidents_listing`` (status, date_start, id) serves without sorting.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("name", sa.String(), primary_key=True),
        sa.Column("role", sa.String(), nullable=False),
        sa.Column("password_hash", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "server_secrets",
        sa.Column("name", sa.String(), primary_key=True),
        sa.Column("value", sa.String(), nullable=False),
    )
    op.add_column("incident_decisions", sa.Column("decided_by", sa.String(), nullable=True))
    op.create_index("ix_incidents_listing", "incidents", ["status", "date_start", "id"])


def downgrade() -> None:
    op.drop_index("ix_incidents_listing", table_name="incidents")
    with op.batch_alter_table("incident_decisions") as batch:
        batch.drop_column("decided_by")
    op.drop_table("server_secrets")
    op.drop_table("users")
