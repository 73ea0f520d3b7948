"""Background events and the rule behind each field: ``events.background``, ``events.field_rules``.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

Extraction now reads an article as one account: the words that tell the same
event become one event, an earlier event the article recalls is kept apart as
``background``, and every filled field records the rule that chose it
(``field_rules``, a JSON object from field name to rule). Events stored before
this revision are not background and name no rules; their articles are read
again, as any article is, when the extraction versions change. Plain ``ADD
COLUMN``s, as in 0002 and 0006, with server defaults so that existing rows
read as before.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON_DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.add_column("events", sa.Column("background", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("events", sa.Column("field_rules", JSON_DOCUMENT, nullable=False, server_default="{}"))


def downgrade() -> None:
    op.drop_column("events", "field_rules")
    op.drop_column("events", "background")
