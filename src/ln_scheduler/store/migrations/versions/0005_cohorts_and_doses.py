"""Cohorts and later doses (protocol version 2.0, issue 12): each participant's cohort, the doses after
the infusion recorded per participant (given on a date, or not given with a reason), and the site's
protocol version for new enrolments.

Existing participants get cohort LN, the one cohort of version 1.0 (and of any protocol file without
cohorts); their protocol version, anchors and every visit stay exactly as they were. Dose 1 stays the
infusion (``participants.infusion_actual``), so nothing is copied and the audit trail, which never
described a dose row, still matches the data. The site setting starts empty: the newest shipped version.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN on both engines (no batch rebuild: visits refer to participants); the server
    # default fills every existing row with LN in the same statement
    op.add_column("participants", sa.Column("cohort", sa.String(16), server_default="LN", nullable=False))
    op.create_index("ix_participants_cohort", "participants", ["cohort"])
    op.add_column("site_settings", sa.Column("enrolment_protocol_version", sa.String(32), nullable=True))
    op.create_table(
        "doses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_pk", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("given_on", sa.Date(), nullable=True),
        sa.Column("not_given_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["participant_pk"], ["participants.id"], ondelete="RESTRICT",
                                name="fk_doses_participant_pk_participants"),
        sa.PrimaryKeyConstraint("id", name="pk_doses"),
        sa.UniqueConstraint("participant_pk", "number", name="uq_doses_participant_number"),
    )


def downgrade() -> None:
    op.drop_table("doses")
    # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+), as revision 0004 does
    op.execute("ALTER TABLE site_settings DROP COLUMN enrolment_protocol_version")
    op.drop_index("ix_participants_cohort", table_name="participants")
    op.execute("ALTER TABLE participants DROP COLUMN cohort")
