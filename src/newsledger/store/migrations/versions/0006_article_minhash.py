"""Near-duplicate signatures kept with their articles: column ``articles.minhash``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08

Each article's MinHash signature (the bytes of
``newsledger.clean.dedupe.signature_bytes``) is written in the same row, so
the same transaction, as the article, and a batch loads the near-duplicate
index from these bytes instead of hashing every stored text again. Articles
stored before this revision keep NULL here: the first batch after the upgrade
computes their signatures and writes them (lazily, rather than here, so that
opening a large database stays quick and a migration does not depend on the
shingling rules). Written out in full rather than importing the models, like
earlier revisions; a plain ``ADD COLUMN`` as in 0002, not a batch table copy,
which on SQLite would recreate ``articles`` under every other table's foreign
keys.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("minhash", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    # SQLite drops a column since 3.35; the signatures are recomputed after the next upgrade.
    op.drop_column("articles", "minhash")
