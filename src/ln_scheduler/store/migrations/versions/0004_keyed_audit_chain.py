"""The audit chain is sealed with the site key from here on: the head row records the first keyed
seq and the key's fingerprint (never the key, which stays in a file outside the database). Rows
written before keep their plain SHA-256 hashes; ``audit verify`` says from which seq the keyed chain
starts.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_head", sa.Column("keyed_from", sa.Integer(), nullable=True))
    op.add_column("audit_head", sa.Column("key_fingerprint", sa.String(64), nullable=True))


def downgrade() -> None:
    # plain ALTER TABLE (SQLite 3.35+): a batch rebuild of audit_head would drop its triggers
    op.execute("ALTER TABLE audit_head DROP COLUMN key_fingerprint")
    op.execute("ALTER TABLE audit_head DROP COLUMN keyed_from")
