"""Tables, as SQLAlchemy 2 typed ORM models.

The schema stores what the domain computed (target, window, suggested date) so that worklists are
plain indexed range queries; a visit's *status* is never stored, it is derived from these dates
and today by :func:`ln_scheduler.domain.visit_status.visit_status` when read. The migrations in
``store/migrations`` must produce exactly this schema (a test compares them).
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from ..domain.cohorts import IMPLICIT_COHORT
from .schema import STATE_CANCELLED as STATE_CANCELLED  # the states are the models' too (re-exported)
from .schema import STATE_DONE as STATE_DONE
from .schema import STATE_MISSED as STATE_MISSED
from .schema import STATE_OPEN as STATE_OPEN
from .schema import VISIT_STATES as VISIT_STATES

#: Constraint names are explicit so that migrations (and batch mode on SQLite) can address them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: The cohort of every participant enrolled before cohorts existed (revision 0005), and the one
#: cohort of a protocol file without ``[[cohorts]]`` (the domain's name for it).
DEFAULT_COHORT = IMPLICIT_COHORT
#: The language of every participant enrolled before languages existed (revision 0007), and of a new
#: one when none is chosen: ``i18n.SOURCE_LANGUAGE``, spelled out so that the store does not import
#: the catalogue machinery (Babel) at every start (a test keeps the two equal).
DEFAULT_LANGUAGE = "en"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class SiteSettings(Base):
    """The single row of site settings (id = 1)."""

    __tablename__ = "site_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(40), default="")
    timezone: Mapped[str] = mapped_column(String(64))
    closure_rules: Mapped[str] = mapped_column(String(200))  # comma-separated rule names
    participant_id_pattern: Mapped[str] = mapped_column(String(200))
    #: The protocol version new participants are enrolled on; None: the newest shipped (revision 0005).
    enrolment_protocol_version: Mapped[str | None] = mapped_column(String(32))
    #: The study team's phone, printed on what participants take home; "" until set (revision 0007).
    phone: Mapped[str] = mapped_column(String(40), server_default="", default="")
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by SQLAlchemy


class SiteClosure(Base):
    """A date the site is closed besides the weekly and holiday rules."""

    __tablename__ = "site_closures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    closed_on: Mapped[date] = mapped_column(Date, unique=True)
    reason: Mapped[str] = mapped_column(String(200), default="")


class StoredProtocol(Base):
    """The text of every protocol version a calendar was built from, so that any workstation can
    show a participant's calendar with the definition that built it (revision 0002)."""

    __tablename__ = "protocols"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    protocol_id: Mapped[str] = mapped_column(String(64))
    protocol_version: Mapped[str] = mapped_column(String(32))
    source_name: Mapped[str] = mapped_column(String(300))
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (UniqueConstraint("protocol_id", "protocol_version",
                                       name="uq_protocols_protocol_id_version"),)


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    study_id: Mapped[str] = mapped_column(String(32), unique=True)
    initials: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), index=True)  # domain participant_status, kept current
    protocol_id: Mapped[str] = mapped_column(String(64))
    protocol_version: Mapped[str] = mapped_column(String(32))
    #: The cohort of the protocol version (revision 0005): every participant enrolled before it is LN,
    #: the one cohort a protocol file without cohorts has.
    cohort: Mapped[str] = mapped_column(String(16), server_default=DEFAULT_COHORT, index=True)
    #: The language of what the participant takes home (an ``i18n`` code): English for everyone
    #: enrolled before languages existed (revision 0007).
    language: Mapped[str] = mapped_column(String(8), server_default=DEFAULT_LANGUAGE, default=DEFAULT_LANGUAGE)
    screening_date: Mapped[date | None] = mapped_column(Date)
    conditioning_start_planned: Mapped[date | None] = mapped_column(Date)
    conditioning_start_actual: Mapped[date | None] = mapped_column(Date)
    infusion_planned: Mapped[date | None] = mapped_column(Date)
    infusion_actual: Mapped[date | None] = mapped_column(Date)
    withdrawal_date: Mapped[date | None] = mapped_column(Date)
    withdrawal_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    visits: Mapped[list[Visit]] = relationship(back_populates="participant", order_by="Visit.id")
    doses: Mapped[list[Dose]] = relationship(back_populates="participant", order_by="Dose.number")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by SQLAlchemy


class Dose(Base):
    """A later dose (number 2 and up) recorded for a participant: given on ``given_on``, or not given
    (``given_on`` None) for ``not_given_reason`` (revision 0005). Dose 1 is the infusion and stays in
    ``participants.infusion_actual``; a dose recorded not given means it and every later dose were
    not given, so only that one row is written."""

    __tablename__ = "doses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_pk: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="RESTRICT"))
    number: Mapped[int] = mapped_column(Integer)
    given_on: Mapped[date | None] = mapped_column(Date)
    not_given_reason: Mapped[str | None] = mapped_column(Text)

    participant: Mapped[Participant] = relationship(back_populates="doses")

    __table_args__ = (UniqueConstraint("participant_pk", "number", name="uq_doses_participant_number"),)


class Visit(Base):
    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    participant_pk: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="RESTRICT"))
    code: Mapped[str] = mapped_column(String(16))
    occurrence: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(16))
    study_day: Mapped[int | None] = mapped_column(Integer)
    target: Mapped[date | None] = mapped_column(Date)
    earliest: Mapped[date | None] = mapped_column(Date)
    latest: Mapped[date | None] = mapped_column(Date)
    scheduled: Mapped[date | None] = mapped_column(Date)
    scheduled_time: Mapped[time | None] = mapped_column(Time)
    closed_day: Mapped[bool] = mapped_column(Boolean, default=False)
    booked: Mapped[bool] = mapped_column(Boolean, default=False)
    actual: Mapped[date | None] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default=STATE_OPEN)
    reason: Mapped[str | None] = mapped_column(Text)
    deviation: Mapped[bool] = mapped_column(Boolean, default=False)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    participant: Mapped[Participant] = relationship(back_populates="visits")
    procedure_records: Mapped[list[ProcedureResult]] = relationship(
        back_populates="visit", order_by="ProcedureResult.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 - read once by SQLAlchemy
    __table_args__ = (
        UniqueConstraint("participant_pk", "code", "occurrence",
                         name="uq_visits_participant_code_occurrence"),
        # the worklist (open visits booked in a date range) and the overdue list
        Index("ix_visits_state_scheduled", "state", "scheduled"),
        Index("ix_visits_state_latest", "state", "latest"),
        # each participant's next open visit (participant list), revision 0003
        Index("ix_visits_participant_state_scheduled", "participant_pk", "state", "scheduled"),
    )


class ProcedureResult(Base):
    """What was recorded for one procedure at one visit (done / not done + reason, time, sample)."""

    __tablename__ = "procedure_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visits.id", ondelete="RESTRICT"))
    code: Mapped[str] = mapped_column(String(16))
    done: Mapped[bool | None] = mapped_column(Boolean)
    not_done_reason: Mapped[str | None] = mapped_column(Text)
    time_done: Mapped[time | None] = mapped_column("time", Time)
    sample_id: Mapped[str | None] = mapped_column(String(64))

    visit: Mapped[Visit] = relationship(back_populates="procedure_records")

    __table_args__ = (UniqueConstraint("visit_id", "code", name="uq_procedure_records_visit_code"),)


class AuditRow(Base):
    """Append-only audit trail. ``hash`` = SHA-256 of the row's content and ``prev_hash``; the
    database refuses UPDATE and DELETE on this table (triggers created by the migrations)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at_utc: Mapped[str] = mapped_column(String(32))  # ISO 8601 with 'Z': hashed exactly as stored
    user_name: Mapped[str] = mapped_column(String(128))
    workstation: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(16))
    entity: Mapped[str] = mapped_column(String(32))
    entity_key: Mapped[str] = mapped_column(String(128), index=True)
    participant_id: Mapped[str | None] = mapped_column(String(32), index=True)
    field: Mapped[str] = mapped_column(String(64))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The chain head (id = 1): last sequence number and hash. Writers lock this row, so concurrent
    writers on PostgreSQL append one after the other and never fork the chain. ``keyed_from`` is the
    first seq sealed with the site key (HMAC), ``key_fingerprint`` names that key, never holds it
    (revision 0004); both are None until the first keyed write."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    keyed_from: Mapped[int | None] = mapped_column(Integer)
    key_fingerprint: Mapped[str | None] = mapped_column(String(64))


class CalendarTarget(Base):
    """Where the site's calendar is published (CalDAV collection URL and account, never a password:
    that stays in each workstation's OS keyring). One row per calendar: id 1 is the site calendar; a
    calendar per participant would add rows with ``participant_id`` set (revision 0006).

    Plumbing, not study data: not audited (see services/calendar_publishing.py)."""

    __tablename__ = "calendar_targets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(String(500))
    user_name: Mapped[str | None] = mapped_column(String(200))
    participant_id: Mapped[str | None] = mapped_column(String(32))  # None: the site calendar
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: Events waiting after the last sync (the outbox is the truth; this is what the last sync saw).
    pending: Mapped[int] = mapped_column(Integer, default=0)
    #: Sync attempts that failed in a row (the back-off grows with it; 0 after a sync that worked).
    failures: Mapped[int] = mapped_column(Integer, default=0)


class CalendarOutbox(Base):
    """Visits whose calendar events must be (re)published: one row per visit UID, written in the same
    transaction as the change (so a crash or a server that is down loses nothing); a second change
    before publishing raises ``generation`` instead of adding a row. A publisher leases rows
    (``claimed_by``/``claimed_until``) and deletes a row only if its generation did not move meanwhile."""

    __tablename__ = "calendar_outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(64), unique=True)
    generation: Mapped[int] = mapped_column(Integer, default=1)
    enqueued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(200))
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(Text)
