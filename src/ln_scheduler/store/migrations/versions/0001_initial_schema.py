"""Initial schema: site settings and closures, participants, visits, procedure records, and the
append-only, hash-chained audit trail (with triggers refusing UPDATE and DELETE).

Revision ID: 0001
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

GENESIS_HASH = "0" * 64

SQLITE_TRIGGERS = (
    """CREATE TRIGGER trg_audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: UPDATE refused'); END""",
    """CREATE TRIGGER trg_audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only: DELETE refused'); END""",
    """CREATE TRIGGER trg_audit_head_forward_only BEFORE UPDATE ON audit_head
       WHEN NEW.seq < OLD.seq OR NEW.id <> OLD.id
       BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves forward'); END""",
    """CREATE TRIGGER trg_audit_head_no_delete BEFORE DELETE ON audit_head
       BEGIN SELECT RAISE(ABORT, 'the audit chain head cannot be deleted'); END""",
)

POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION ln_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the audit trail is append-only: % refused', TG_OP; END $$""",
    """CREATE TRIGGER trg_audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION ln_audit_append_only()""",
    """CREATE TRIGGER trg_audit_log_no_truncate BEFORE TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION ln_audit_append_only()""",
    """CREATE FUNCTION ln_audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' OR NEW.seq < OLD.seq OR NEW.id <> OLD.id THEN
           RAISE EXCEPTION 'the audit chain head only moves forward';
         END IF;
         RETURN NEW;
       END $$""",
    """CREATE TRIGGER trg_audit_head_forward_only BEFORE UPDATE OR DELETE ON audit_head
       FOR EACH ROW EXECUTE FUNCTION ln_audit_head_forward_only()""",
    """CREATE TRIGGER trg_audit_head_no_truncate BEFORE TRUNCATE ON audit_head
       FOR EACH STATEMENT EXECUTE FUNCTION ln_audit_append_only()""",
)


def upgrade() -> None:
    op.create_table(
        "site_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("closure_rules", sa.String(200), nullable=False),
        sa.Column("participant_id_pattern", sa.String(200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_site_settings"),
    )
    op.create_table(
        "site_closures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_site_closures"),
        sa.UniqueConstraint("closed_on", name="uq_site_closures_closed_on"),
    )
    op.create_table(
        "participants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("study_id", sa.String(32), nullable=False),
        sa.Column("initials", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("protocol_id", sa.String(64), nullable=False),
        sa.Column("protocol_version", sa.String(32), nullable=False),
        sa.Column("screening_date", sa.Date(), nullable=True),
        sa.Column("conditioning_start_planned", sa.Date(), nullable=True),
        sa.Column("conditioning_start_actual", sa.Date(), nullable=True),
        sa.Column("infusion_planned", sa.Date(), nullable=True),
        sa.Column("infusion_actual", sa.Date(), nullable=True),
        sa.Column("withdrawal_date", sa.Date(), nullable=True),
        sa.Column("withdrawal_reason", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_participants"),
        sa.UniqueConstraint("study_id", name="uq_participants_study_id"),
    )
    op.create_index("ix_participants_status", "participants", ["status"])
    op.create_table(
        "visits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("participant_pk", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("occurrence", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("study_day", sa.Integer(), nullable=True),
        sa.Column("target", sa.Date(), nullable=True),
        sa.Column("earliest", sa.Date(), nullable=True),
        sa.Column("latest", sa.Date(), nullable=True),
        sa.Column("scheduled", sa.Date(), nullable=True),
        sa.Column("scheduled_time", sa.Time(), nullable=True),
        sa.Column("closed_day", sa.Boolean(), nullable=False),
        sa.Column("booked", sa.Boolean(), nullable=False),
        sa.Column("actual", sa.Date(), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("deviation", sa.Boolean(), nullable=False),
        sa.Column("uid", sa.String(64), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["participant_pk"], ["participants.id"], ondelete="RESTRICT",
                                name="fk_visits_participant_pk_participants"),
        sa.PrimaryKeyConstraint("id", name="pk_visits"),
        sa.UniqueConstraint("participant_pk", "code", "occurrence",
                            name="uq_visits_participant_code_occurrence"),
        sa.UniqueConstraint("uid", name="uq_visits_uid"),
    )
    op.create_index("ix_visits_state_scheduled", "visits", ["state", "scheduled"])
    op.create_index("ix_visits_state_latest", "visits", ["state", "latest"])
    op.create_table(
        "procedure_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("visit_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=True),
        sa.Column("not_done_reason", sa.Text(), nullable=True),
        sa.Column("time", sa.Time(), nullable=True),
        sa.Column("sample_id", sa.String(64), nullable=True),
        sa.ForeignKeyConstraint(["visit_id"], ["visits.id"], ondelete="RESTRICT",
                                name="fk_procedure_records_visit_id_visits"),
        sa.PrimaryKeyConstraint("id", name="pk_procedure_records"),
        sa.UniqueConstraint("visit_id", "code", name="uq_procedure_records_visit_code"),
    )
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at_utc", sa.String(32), nullable=False),
        sa.Column("user_name", sa.String(128), nullable=False),
        sa.Column("workstation", sa.String(128), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("entity", sa.String(32), nullable=False),
        sa.Column("entity_key", sa.String(128), nullable=False),
        sa.Column("participant_id", sa.String(32), nullable=True),
        sa.Column("field", sa.String(64), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_entity_key", "audit_log", ["entity_key"])
    op.create_index("ix_audit_log_participant_id", "audit_log", ["participant_id"])
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_head"),
    )
    op.execute(sa.text("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, :h)").bindparams(h=GENESIS_HASH))
    dialect = op.get_bind().dialect.name
    for ddl in SQLITE_TRIGGERS if dialect == "sqlite" else POSTGRESQL_TRIGGERS:
        op.execute(ddl)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS trg_audit_head_no_truncate ON audit_head")
        op.execute("DROP TRIGGER IF EXISTS trg_audit_head_forward_only ON audit_head")
        op.execute("DROP TRIGGER IF EXISTS trg_audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER IF EXISTS trg_audit_log_no_update ON audit_log")
    for table in ("audit_head", "audit_log", "procedure_records", "visits", "participants",
                  "site_closures", "site_settings"):
        op.drop_table(table)
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS ln_audit_head_forward_only()")
        op.execute("DROP FUNCTION IF EXISTS ln_audit_append_only()")
