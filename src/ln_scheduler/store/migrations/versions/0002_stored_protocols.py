"""Store the text of every protocol version a calendar was built from, so that any workstation
can show a participant's calendar (and worksheets) with the definition that built it, even an
amended protocol loaded on another machine.

Revision ID: 0002
Revises: 0001
Create Date: 2026-02-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "protocols",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("protocol_id", sa.String(64), nullable=False),
        sa.Column("protocol_version", sa.String(32), nullable=False),
        sa.Column("source_name", sa.String(300), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_protocols"),
        sa.UniqueConstraint("protocol_id", "protocol_version", name="uq_protocols_protocol_id_version"),
    )


def downgrade() -> None:
    op.drop_table("protocols")
