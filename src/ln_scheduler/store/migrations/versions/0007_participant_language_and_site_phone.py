"""Each participant's language and the study team's phone (issue 14): what a participant takes home
(the plain schedule, the personal calendar) is written in their language, with the number to call.

Every participant enrolled before gets English, the only language the application spoke; the phone
starts empty (the take-home schedule then leaves a line to write it on). Nothing else changes: the
audit trail never described either column, so it still matches the data.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # plain ADD COLUMN on both engines, as revision 0005 does: the server default fills every row
    op.add_column("participants", sa.Column("language", sa.String(8), server_default="en", nullable=False))
    op.add_column("site_settings", sa.Column("phone", sa.String(40), server_default="", nullable=False))


def downgrade() -> None:
    # plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+), as revisions 0004 and 0005 do
    op.execute("ALTER TABLE site_settings DROP COLUMN phone")
    op.execute("ALTER TABLE participants DROP COLUMN language")
