"""The audit chain is sealed with the site key from here on: the head row records the first keyed
seq and the key's fingerprint (never the key, which stays in a file outside the database). Rows
written before keep their plain SHA-256 hashes; ``audit verify`` says from which seq the keyed chain
starts. The head's triggers now also refuse moving that marker once it is set (a trail re-hashed as
if never keyed would otherwise need no more than the usual trigger bypass).

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

_MARKER_MOVED = ("(OLD.key_fingerprint IS NOT NULL AND (NEW.key_fingerprint IS DISTINCT FROM OLD.key_fingerprint "
                 "OR NEW.keyed_from IS DISTINCT FROM OLD.keyed_from))")


def _sqlite_head_trigger(extra: str) -> str:
    return f"""CREATE TRIGGER trg_audit_head_forward_only BEFORE UPDATE ON audit_head
       WHEN NEW.seq < OLD.seq OR NEW.id <> OLD.id{extra}
       BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves forward'); END"""


def _pg_head_function(extra: str) -> str:
    return f"""CREATE OR REPLACE FUNCTION ln_audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' OR NEW.seq < OLD.seq OR NEW.id <> OLD.id{extra} THEN
           RAISE EXCEPTION 'the audit chain head only moves forward';
         END IF;
         RETURN NEW;
       END $$"""


def _head_triggers(extra: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER trg_audit_head_forward_only")
        op.execute(_sqlite_head_trigger(extra))
    else:
        op.execute(_pg_head_function(extra))


def upgrade() -> None:
    op.add_column("audit_head", sa.Column("keyed_from", sa.Integer(), nullable=True))
    op.add_column("audit_head", sa.Column("key_fingerprint", sa.String(64), nullable=True))
    sqlite = op.get_bind().dialect.name == "sqlite"  # IS NOT: SQLite's null-safe comparison, in every version
    _head_triggers(" OR " + (_MARKER_MOVED.replace("IS DISTINCT FROM", "IS NOT") if sqlite else _MARKER_MOVED))


def downgrade() -> None:
    _head_triggers("")
    # plain ALTER TABLE (SQLite 3.35+): a batch rebuild of audit_head would drop its triggers
    op.execute("ALTER TABLE audit_head DROP COLUMN key_fingerprint")
    op.execute("ALTER TABLE audit_head DROP COLUMN keyed_from")
