"""JSON documents kept as written on PostgreSQL: ``json``, not ``jsonb``.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-09

The JSON columns were ``jsonb`` on PostgreSQL, which keeps an object's keys
in an order of its own (shorter keys first), not in the order they were
written. The order is part of what newsledger writes out: an incident's
``newsledger-incident/1`` record keeps the keys it was read with, and an
extraction's ``runs.extractors`` lists the extractors in the pipeline's order,
so a ledger on PostgreSQL exported and served other text than the same ledger
in SQLite, whose JSON is the text as written. PostgreSQL's ``json`` keeps the
text as written too. Nothing queries inside these columns (what is filtered
on has flat columns), so ``jsonb``'s indexing is not missed. SQLite is left as
it is; on PostgreSQL each column changes type in place, its rows kept (their
keys in the order ``jsonb`` left them: rows written from now on keep theirs).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | Sequence[str] | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Every JSON column: (table, column, server default).
JSON_COLUMNS = (
    ("extraction_runs", "extractors", None),
    ("extraction_runs", "warnings", "[]"),
    ("claims", "cues", None),
    ("events", "mentions", None),
    ("events", "statements", None),
    ("events", "field_rules", "{}"),
    ("incidents", "detail", None),
    ("incident_versions", "detail", None),
    ("incident_decisions", "incident_ids", None),
    ("incident_decisions", "members_a", None),
    ("incident_decisions", "members_b", None),
    ("incident_decisions", "value", None),
)


def _retype(kind: str) -> None:
    if op.get_context().dialect.name != "postgresql":
        return
    for table, column, default in JSON_COLUMNS:
        # A default is typed too: dropped while the column changes type, then set again.
        if default is not None:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} DROP DEFAULT")
        op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE {kind} USING {column}::{kind}")
        if default is not None:
            op.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET DEFAULT '{default}'")


def upgrade() -> None:
    _retype("json")


def downgrade() -> None:
    _retype("jsonb")
