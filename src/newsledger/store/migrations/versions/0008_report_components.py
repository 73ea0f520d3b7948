"""The linked component of each report, and the people it names: ``incident_reports.component``,
``incident_report_people``.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

Resolution now groups the reports of one linked component together, joining
two groups only where all their members agree, so a report arriving later may
move reports between the incidents of its component. The ledger therefore
re-resolves whole components, and each report row records its component (the
smallest member key). Rows stored before this revision have none: their
incident stands for their component, as before, until an update writes it.

A follow-up report (an arrest weeks after a shooting) is found by the people
it names, so ``incident_report_people`` keeps each report's folded full names,
indexed by name. Reports stored before this revision name nobody until their
articles are read again.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("incident_reports", sa.Column("component", sa.String(), nullable=True))
    op.create_index("ix_incident_reports_component", "incident_reports", ["component"])
    op.create_table(
        "incident_report_people",
        sa.Column("member", sa.String(), sa.ForeignKey("incident_reports.member", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("name", sa.String(), primary_key=True),
    )
    op.create_index("ix_incident_report_people_name", "incident_report_people", ["name"])


def downgrade() -> None:
    op.drop_index("ix_incident_report_people_name", table_name="incident_report_people")
    op.drop_table("incident_report_people")
    op.drop_index("ix_incident_reports_component", table_name="incident_reports")
    op.drop_column("incident_reports", "component")
