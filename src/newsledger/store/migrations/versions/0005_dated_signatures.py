"""Run signatures name the publication date relative expressions were resolved against.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

An article stored without a publication date and met again with one must be
extracted again ("last week" means nothing without a date). The run signature
now includes the date when there is one; this revision rewrites the signature
of every run of a dated article the same way (their runs were made with that
date, the only one an article could have), so upgrading re-extracts nothing.
Runs of undated articles keep their signature. The computation is written out
here rather than imported, like the tables of earlier revisions.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_RUNS = sa.table(
    "extraction_runs",
    sa.column("id", sa.Integer),
    sa.column("article_id", sa.String),
    sa.column("signature", sa.String),
)
_ARTICLES = sa.table("articles", sa.column("id", sa.String), sa.column("published", sa.Date))


def _rewrite(dated: bool) -> None:
    if context.is_offline_mode():
        # Rewriting JSON needs the rows: printed SQL can only say so.
        op.execute("-- 0005 rewrites the run signatures of dated articles; it needs the rows: run this upgrade online")
        return
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(_RUNS.c.id, _RUNS.c.article_id, _RUNS.c.signature, _ARTICLES.c.published)
        .join(_ARTICLES, _RUNS.c.article_id == _ARTICLES.c.id)
        .where(_ARTICLES.c.published.is_not(None))
        .order_by(_RUNS.c.id)
    ).all()
    taken = {(article_id, signature) for _, article_id, signature, _ in rows}
    for run_id, article_id, signature, published in rows:
        decided = json.loads(signature)
        if dated:
            day = published if isinstance(published, dt.date) else dt.date.fromisoformat(str(published)[:10])
            decided["published"] = day.isoformat()
        else:
            decided.pop("published", None)
        rewritten = json.dumps(decided, sort_keys=True, separators=(",", ":"))
        if rewritten == signature or (article_id, rewritten) in taken:
            continue  # downgrading a run dated later beside its undated one: both must stay distinct
        taken.add((article_id, rewritten))
        connection.execute(sa.update(_RUNS).where(_RUNS.c.id == run_id).values(signature=rewritten))


def upgrade() -> None:
    _rewrite(dated=True)


def downgrade() -> None:
    _rewrite(dated=False)
