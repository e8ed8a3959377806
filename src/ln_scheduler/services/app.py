"""The services facade: one object the GUI, the CLI, reports and exports hold.

``open_services()`` chooses the database (``--db`` > ``$LN_SCHEDULER_DB`` > settings file > a
SQLite file in the user data directory), creates or upgrades it, and returns :class:`Services`.
Every read returns detached records (:mod:`ln_scheduler.services.records`); every write is one
transaction with its audit rows, and raises :class:`ServiceError` (a DomainError, message for a
person) or :class:`ConflictError` (someone changed the record since it was read).
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, time
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from sqlalchemy import URL, text
from sqlalchemy.exc import DBAPIError, OperationalError

from ..domain.errors import DomainError
from ..domain.participant_status import ParticipantStatus
from ..domain.protocol import Cohort, Protocol
from ..i18n import _
from ..store.access import read_only_reason
from ..store.audit_checkpoint import url_identity
from ..store.database import make_engine
from ..store.errors import StoreConfigError
from ..store.location import choose_database, display_url, parse_url, sqlite_file
from ..store.migrate import HEAD_REVISION, UpgradeResult, upgrade_database
from . import queries, site
from .context import Clock, ServiceContext, damaged, os_user, system_clock, workstation_name
from .errors import ConflictError, DatabaseDamagedError, DatabaseUnavailableError, ReadOnlyDatabaseError, ServiceError
from .inputs import check_free_text, participant_key, visit_code
from .read_only import refused_write
from .records import (
    DEFAULT_LANGUAGE,
    AuditEntry,
    AuditVerification,
    Booking,
    CohortChangePreview,
    DosePreview,
    InfusionPreview,
    ParticipantRecord,
    ParticipantSummary,
    ProcedureOutcome,
    ProtocolChangePreview,
    SiteInfo,
    VisitRecord,
    WithdrawalPreview,
    WorklistItem,
)
from .site_day import site_time

if TYPE_CHECKING:
    from . import (
        anchors,
        calendar_publishing,
        cohorts,
        corrections,
        doses,
        enrolment,
        participant_language,
        protocol_change,
        visits,
        withdrawal,
    )
    from .enrolment import NewParticipant

P = ParamSpec("P")
R = TypeVar("R")

__all__ = [
    "ConflictError",
    "DatabaseDamagedError",
    "DatabaseUnavailableError",
    "NewParticipant",
    "ReadOnlyDatabaseError",
    "ServiceError",
    "Services",
    "open_services",
]


class _OnFirstUse:
    """A write-side service module, imported the first time it is used. Reads (``participant
    show``, ``due``, exports) need none of them nor the planning code they bring, and a site
    script that calls a read in a loop pays its start-up every time."""

    def __init__(self, name: str):
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        if self._module is None:
            self._module = import_module(f"{__package__}.{self._name}")
        return getattr(self._module, attr)


if not TYPE_CHECKING:
    (anchors, calendar_publishing, cohorts, corrections, doses, enrolment, participant_language, protocol_change,
     visits, withdrawal) = (
        _OnFirstUse(name) for name in ("anchors", "calendar_publishing", "cohorts", "corrections", "doses",
                                       "enrolment", "participant_language", "protocol_change", "visits",
                                       "withdrawal"))


def __getattr__(name: str) -> Any:
    """``NewParticipant`` (the input of :meth:`Services.bulk_enrol`) without importing enrolment."""
    if name == "NewParticipant":
        from .enrolment import NewParticipant

        return NewParticipant
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _as_service_errors(method: Callable[P, R]) -> Callable[P, R]:
    """Every rule broken inside a service reaches callers as a ServiceError (still a DomainError),
    so the GUI and CLI catch one type; the domain's own error stays attached as the cause.

    Damaged stored data is found by whichever read or write first touches a bad page, so it is
    recognised here, around every service, not only on open: it becomes a DatabaseDamagedError
    naming the file (the SQL error stays attached as the cause, for the log). Any other database
    error goes on untouched: it is unexpected and must be seen as such."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except ServiceError:
            raise
        except DomainError as exc:
            raise ServiceError(str(exc)) from exc
        except (DBAPIError, sqlite3.DatabaseError) as exc:
            owner = args[0] if args and isinstance(args[0], Services) else None
            damage = damaged(exc, owner._ctx.engine.url) if owner is not None else None
            refused = refused_write(exc, owner.user) if owner is not None else None
            problem = damage or refused
            if problem is None:
                raise
            raise problem from exc

    return wrapper


@_as_service_errors
def open_services(db_url: str | None = None, *, user: str | None = None, workstation: str | None = None,
                  clock: Clock | None = None, upgrade: bool = True, create: bool = True) -> Services:
    """Open (creating or upgrading) the database and return the services bound to it.

    ``create=False``: a SQLite file that does not exist is refused instead of made (read commands).

    ``clock`` returns the current moment (timezone-aware); tests pass a fixed one. ``user`` defaults
    to the PostgreSQL role, or the OS account for SQLite.
    """
    choice = choose_database(db_url)
    url = parse_url(choice.url)
    engine = make_engine(url, use_keyring=choice.use_keyring, create=create)
    try:
        result = upgrade_database(engine) if upgrade else None
        if user is None:
            if engine.dialect.name == "postgresql":
                with engine.connect() as conn:
                    user = str(conn.execute(text("SELECT current_user")).scalar_one())
            else:
                user = os_user()
        read_only = read_only_reason(engine)
    except OperationalError as exc:
        engine.dispose()
        if refused_write(exc, "") is not None:  # a read-only SQLite file that needs its schema made
            raise open_write_refused(url) from None
        raise DatabaseUnavailableError(_cannot_open(display_url(url), exc)) from None
    except DBAPIError as exc:  # a file damaged where opening reads it; anything else stays as it is
        engine.dispose()
        if refused_write(exc, "") is not None:
            raise open_write_refused(url) from None
        damage = damaged(exc, url)
        if damage is None:
            raise
        raise damage from exc
    except BaseException:
        engine.dispose()
        raise
    ctx = ServiceContext(engine, user=user, workstation=workstation or workstation_name(),
                         clock=clock or system_clock)
    ctx.write_refusal = read_only
    svc = Services(ctx, display_url(url), choice.source, result)
    try:
        svc.site()  # learn the site's time zone for "today"
    except BaseException:
        svc.close()  # e.g. a damaged file: do not keep it open behind a failed start
        raise
    return svc


def open_write_refused(url: URL | str) -> ReadOnlyDatabaseError:
    """Opening needed a write this account may not make. PostgreSQL: creating or upgrading the schema
    (a coordinator's or monitor's role on a database its owner has not yet created or upgraded).
    SQLite: the same for a read-only file of an older revision, or, in a folder this account may not
    write to, SQLite's own ``-wal`` and ``-shm`` files beside the database, without which it cannot
    read a database in WAL mode (the natural way to hand a monitor a file; it got the PostgreSQL
    advice, "the roles script")."""
    url = parse_url(url) if isinstance(url, str) else url
    path = sqlite_file(url)
    if path is None:
        return ReadOnlyDatabaseError(
            _("the database ({where}) is not ready for this account: its owner's account must create or upgrade its "
              "tables (schema revision {revision}) by opening it once, and the roles script must then be run again "
              "to grant this account its rights (see 'ln-scheduler db roles-sql')").format(where=display_url(url),
                                                                                           revision=HEAD_REVISION))
    if not os.access(path.parent, os.W_OK):
        return ReadOnlyDatabaseError(
            _("cannot read {path} from this account: SQLite needs to make {name}-wal and {name}-shm beside it, and "
              "this account may not write to the folder {folder}. Let it write to the folder (the database file may "
              "stay read-only: it is then opened read-only), or give it a backup copy to read").format(
                path=path, name=path.name, folder=path.parent))
    return ReadOnlyDatabaseError(
        _("{path} is read-only for this account and its tables must first be created or upgraded (schema revision "
          "{revision}): open it once from an account that may write to it").format(path=path, revision=HEAD_REVISION))


def _cannot_open(where: str, exc: OperationalError) -> str:
    detail = " ".join(str(exc.orig).split()) if exc.orig is not None else str(exc)
    return _("cannot open the database ({where}): {detail}").format(where=where, detail=detail)


class Services:
    """The use cases of the app. Create with :func:`open_services`; close with :meth:`close`."""

    def __init__(self, ctx: ServiceContext, url_display: str, source: str = "",
                 upgrade: UpgradeResult | None = None):
        self._ctx = ctx
        self.url_display = url_display
        self.url_source = source
        self.upgrade_result = upgrade

    # -- lifetime ----------------------------------------------------------------------------
    def close(self) -> None:
        self._ctx.engine.dispose()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def user(self) -> str:
        return self._ctx.user

    @property
    def workstation(self) -> str:
        return self._ctx.workstation

    @property
    def read_only(self) -> str | None:
        """Why nothing can be written here (a sentence for a person), or None when writes are allowed:
        the GUI shows "Read-only" and offers no edit action, write commands stop before they start."""
        return self._ctx.write_refusal

    @property
    def engine_name(self) -> str:
        """"sqlite" or "postgresql"."""
        return self._ctx.engine.dialect.name

    @property
    def context(self) -> ServiceContext:
        """The store-level context beneath the use cases (engines, sessions, the write refusal), for
        the tests and tools that must reach the database under them: tampering with rows, counting
        the SQL a read sends, a backup of the open engine. The app itself goes through the use cases."""
        return self._ctx

    def today(self) -> date:
        """Today at the site, from the clock given to :func:`open_services`."""
        return self._ctx.today()

    def now(self) -> datetime:
        return self._ctx.clock()

    def site_now(self) -> datetime:
        """Now on the site's wall clock (its time zone), as every time the window shows."""
        return site_time(self._ctx.clock(), self.site_timezone)

    @property
    def site_timezone(self) -> str:
        """The site's time zone (IANA name), for showing stored UTC times as the site's wall clock."""
        return self._ctx.timezone or SiteInfo().timezone

    # -- protocols and site ------------------------------------------------------------------
    @_as_service_errors
    def protocol(self, protocol_id: str, version: str, cohort: str | None = None) -> Protocol:
        """The protocol of this id and version (shipped, or stored in this database); with ``cohort``,
        that cohort's view (its visits, names, procedures and doses): what a participant's worksheets,
        exports and dialogs use, ``svc.protocol(r.protocol_id, r.protocol_version, r.cohort)``."""
        return self._ctx.protocols.get(protocol_id, version, cohort)

    @_as_service_errors
    def participant_protocol(self, pid: str) -> Protocol:
        """The cohort view of the protocol version participant ``pid`` follows."""
        r = self.participant(pid)
        return self._ctx.protocols.get(r.protocol_id, r.protocol_version, r.cohort)

    @_as_service_errors
    def shipped_protocol(self, version: str) -> Protocol:
        """The shipped protocol of ``version`` (e.g. "1.0", "2.0"); refused, naming the shipped ones, if none."""
        return self._ctx.protocols.shipped_version(version)

    @property
    def shipped_protocols(self) -> tuple[Protocol, ...]:
        """Every protocol version shipped with this release, oldest first (1.0, 2.0)."""
        return self._ctx.protocols.shipped

    @_as_service_errors
    def enrolment_protocol(self) -> Protocol:
        """The protocol version new participants are enrolled on: the site's setting, else the newest
        shipped. Its cohorts are what enrolment offers."""
        return site.enrolment_protocol(self._ctx, self.site())

    @_as_service_errors
    def enrolment_cohorts(self) -> tuple[Cohort, ...]:
        """The cohorts a new participant can be enrolled in (those of :meth:`enrolment_protocol`)."""
        return self.enrolment_protocol().cohorts

    @_as_service_errors
    def start_warnings(self, start: date, cohort: str | None = None) -> tuple[str, ...]:
        """What a calendar from conditioning start ``start`` would warn of for a participant enrolled
        now in ``cohort`` (fixed days on closed days...): said before or when they are enrolled."""
        return enrolment.start_warnings(self._ctx, start, cohort)

    @_as_service_errors
    def set_enrolment_protocol_version(self, version: str | None, reason: str) -> SiteInfo:
        """Enrol new participants on shipped protocol ``version`` (None: always the newest shipped).
        Participants already enrolled keep theirs (moving one is :meth:`change_protocol`)."""
        from dataclasses import replace

        return self.update_site(replace(self.site(), enrolment_protocol_version=version), reason)

    @_as_service_errors
    def set_site_phone(self, phone: str, reason: str) -> SiteInfo:
        """The study team's phone participants call ("" clears it), saved with the site settings."""
        from dataclasses import replace

        return self.update_site(replace(self.site(), phone=phone), reason)

    @property
    def default_protocol(self) -> Protocol:
        return self._ctx.protocols.default

    @_as_service_errors
    def load_protocol_file(self, path: str | Path) -> Protocol:
        """Parse an (amended) protocol file; it is stored in the database when a calendar uses it."""
        return self._ctx.protocols.load_file(path)

    @_as_service_errors
    def site(self) -> SiteInfo:
        return site.get_site(self._ctx)

    @_as_service_errors
    def update_site(self, info: SiteInfo, reason: str) -> SiteInfo:
        return site.update_site(self._ctx, info, reason)

    # -- reads -------------------------------------------------------------------------------
    @_as_service_errors
    def participants(self, status: ParticipantStatus | None = None, search: str = "",
                     cohort: str | None = None) -> list[ParticipantSummary]:
        """Participants by study ID; ``search`` matches ID or initials (case-insensitive); ``cohort``:
        only that cohort's."""
        return queries.list_participants(self._ctx, status, search, cohort)

    @_as_service_errors
    def participant(self, pid: str, *, today: date | None = None) -> ParticipantRecord:
        """One participant with every visit in date order, statuses as of ``today`` (default: now)."""
        return queries.load_participant(self._ctx, pid, today)

    @_as_service_errors
    def participant_records(self, pids: Sequence[str], *, today: date | None = None) -> list[ParticipantRecord]:
        """Several participants' whole calendars, in the order asked, in a few queries (not three
        per participant); an unknown ID is refused like :meth:`participant` refuses it."""
        return queries.load_participants(self._ctx, pids, today)

    @_as_service_errors
    def visits(self, start: date | None = None, end: date | None = None, *,
               participant_ids: Sequence[str] | None = None, today: date | None = None) -> list[VisitRecord]:
        """Every visit, whatever its status, whose calendar day (actual date once done, else
        scheduled date) is in ``start..end`` (either bound may be left open; with neither, undated
        visits too), of the whole site or of ``participant_ids``. By day (undated last), then
        participant, then protocol order. One read for the whole site, for exports."""
        return queries.load_visits(self._ctx, start, end, participant_ids, today or self.today())

    @_as_service_errors
    def worklist(self, start: date, end: date, *, today: date | None = None, include_overdue: bool = True,
                 participant_ids: Collection[str] | None = None) -> list[WorklistItem]:
        """Open visits scheduled in ``start..end``, plus overdue ones; by date, time, participant.
        ``participant_ids`` (at most 500): only those participants' visits."""
        return queries.worklist(self._ctx, start, end, today=today or self.today(),
                                include_overdue=include_overdue, participant_ids=participant_ids)

    @_as_service_errors
    def open_windows(self, opening_by: date, *, today: date | None = None) -> list[WorklistItem]:
        """Open visits whose window is open today or opens by ``opening_by`` (the day view's
        "to book" and "closing soon" lists)."""
        return queries.open_windows(self._ctx, today or self.today(), opening_by)

    @_as_service_errors
    def participants_changed(self, after_seq: int, up_to_seq: int) -> frozenset[str] | None:
        """Who changed between two audit sequence numbers (see :meth:`audit`); None: the whole
        site changed (or too much of it), read everything again."""
        return queries.participants_changed(self._ctx, after_seq, up_to_seq)

    @_as_service_errors
    def overdue(self, today: date | None = None) -> list[WorklistItem]:
        """Open visits whose window closed before ``today``."""
        return queries.overdue(self._ctx, today or self.today())

    @_as_service_errors
    def audit(self, pid: str | None = None, *, limit: int | None = None) -> list[AuditEntry]:
        """The audit trail (of one participant, or all), oldest first; ``limit`` keeps the newest."""
        return queries.audit_entries(self._ctx, pid, limit)

    @_as_service_errors
    def verify_audit(self, *, every_problem: bool = False) -> AuditVerification:
        """The chain, this workstation's checkpoint, a replay against the data, the triggers; the first
        20 problems in words (all counted), or every one with ``every_problem``."""
        from .audit_verify import verify_audit

        return verify_audit(self._ctx, every_problem=every_problem)

    @_as_service_errors
    def audit_checkpoint(self) -> str:
        """"audit checkpoint: seq N hash XXXX…" for the head of the trail now, recorded on this
        workstation as well; printed by every backup, so the site's log keeps an anchor too."""
        from .audit_verify import current_checkpoint

        return current_checkpoint(self._ctx).line()

    # -- enrolment ---------------------------------------------------------------------------
    @_as_service_errors
    def enrol(self, pid: str, initials: str, *, conditioning_start: date | None = None,
              screening_date: date | None = None, protocol: Protocol | None = None,
              cohort: str | None = None, language: str = DEFAULT_LANGUAGE) -> ParticipantRecord:
        """``protocol`` None: :meth:`enrolment_protocol`; ``cohort`` None: that version's first cohort (LN);
        ``language``: of what the participant takes home (an ``i18n`` code, e.g. "es")."""
        enrolment.enrol(self._ctx, pid, initials, conditioning_start=conditioning_start,
                        screening_date=screening_date, protocol=protocol, cohort=cohort, language=language)
        return self.participant(pid)

    @_as_service_errors
    def change_language(self, pid: str, code: str, reason: str, *,
                        expected_version: int | None = None) -> ParticipantRecord:
        """The language of what the participant takes home, changed with a reason (audited); allowed
        after a withdrawal (letters still go out)."""
        participant_language.change_language(self._ctx, pid, code, reason, expected_version=expected_version)
        return self.participant(pid)

    @_as_service_errors
    def preview_cohort_change(self, pid: str, cohort: str) -> CohortChangePreview:
        """Every visit a move to ``cohort`` adds, cancels or moves; nothing is written."""
        return cohorts.preview_cohort_change(self._ctx, pid, cohort)

    @_as_service_errors
    def change_cohort(self, pid: str, cohort: str, reason: str, *, expected_version: int | None = None,
                      preview: CohortChangePreview | None = None) -> ParticipantRecord:
        """Move a participant to another cohort of their protocol version, with a reason (audited), until
        conditioning is recorded. With ``preview``, refused (ConflictError) unless it is still what is written."""
        cohorts.change_cohort(self._ctx, pid, cohort, reason, expected_version=expected_version, preview=preview)
        return self.participant(pid)

    @_as_service_errors
    def bulk_enrol(self, people: Iterable[NewParticipant], *, reason: str = "bulk enrolment",
                   batch_size: int = 200) -> int:
        """Enrol many participants quickly (Core bulk inserts, one transaction per batch)."""
        return enrolment.bulk_enrol(self._ctx, people, reason=reason, batch_size=batch_size)

    # -- anchors -----------------------------------------------------------------------------
    @_as_service_errors
    def record_screening(self, pid: str, screening: date, *, expected_version: int | None = None) -> ParticipantRecord:
        anchors.record_screening(self._ctx, pid, screening, expected_version=expected_version)
        return self.participant(pid)

    @_as_service_errors
    def plan_conditioning(self, pid: str, start: date, *, reason: str | None = None,
                          expected_version: int | None = None) -> ParticipantRecord:
        anchors.plan_conditioning(self._ctx, pid, start, reason=reason, expected_version=expected_version)
        return self.participant(pid)

    @_as_service_errors
    def preview_conditioning(self, pid: str, start: date) -> InfusionPreview:
        return anchors.preview_conditioning(self._ctx, pid, start)

    @_as_service_errors
    def record_conditioning(self, pid: str, start: date, *, days_done: int = 1,
                            expected_version: int | None = None) -> ParticipantRecord:
        anchors.record_conditioning(self._ctx, pid, start, days_done=days_done,
                                    expected_version=expected_version)
        return self.participant(pid)

    @_as_service_errors
    def preview_infusion(self, pid: str, infusion: date) -> InfusionPreview:
        return anchors.preview_infusion(self._ctx, pid, infusion)

    @_as_service_errors
    def record_infusion(self, pid: str, infusion: date, *, expected_version: int | None = None) -> ParticipantRecord:
        """Dose 1 (see :meth:`record_dose`)."""
        anchors.record_infusion(self._ctx, pid, infusion, expected_version=expected_version)
        return self.participant(pid)

    # -- doses -------------------------------------------------------------------------------
    @_as_service_errors
    def preview_dose(self, pid: str, number: int, on: date) -> DosePreview:
        """Every visit recording dose ``number`` on ``on`` moves (dose 1: the infusion), with warnings."""
        return doses.preview_dose(self._ctx, pid, number, on)

    @_as_service_errors
    def record_dose(self, pid: str, number: int, on: date, *, expected_version: int | None = None,
                    preview: DosePreview | None = None) -> ParticipantRecord:
        """Record dose ``number`` given on ``on`` and re-plan the visits hanging on it. With ``preview``,
        refused (ConflictError) unless it is still exactly what would be written."""
        doses.record_dose(self._ctx, pid, number, on, expected_version=expected_version, preview=preview)
        return self.participant(pid)

    @_as_service_errors
    def preview_dose_not_given(self, pid: str, number: int) -> DosePreview:
        """The visits cancelled (and the DLT visit moved) when dose ``number`` and later ones are not given."""
        return doses.preview_not_given(self._ctx, pid, number)

    @_as_service_errors
    def record_dose_not_given(self, pid: str, number: int, reason: str, *, expected_version: int | None = None,
                              preview: DosePreview | None = None) -> ParticipantRecord:
        """Dose ``number`` (2 or later) and every later dose were not given: their visits are cancelled
        with the reason, the DLT visit moves to the last dose given."""
        doses.record_not_given(self._ctx, pid, number, reason, expected_version=expected_version, preview=preview)
        return self.participant(pid)

    # -- visits ------------------------------------------------------------------------------
    @_as_service_errors
    def book_visit(self, pid: str, code: str, on: date, *, time: time | None = None, reason: str | None = None,
                   occurrence: int = 1, expected_version: int | None = None) -> VisitRecord:
        pid, code = participant_key(pid), visit_code(code)  # the re-read below finds what was written
        if reason:
            check_free_text(reason, _("the reason"))  # as typed; it may be kept only in the audit trail
        visits.book_visit(self._ctx, pid, code, on, at=time, reason=reason, occurrence=occurrence,
                          expected_version=expected_version)
        return self.participant(pid).visit(code, occurrence)

    @_as_service_errors
    def book_visits(self, pid: str, bookings: Sequence[Booking], *,
                    expected_version: int | None = None) -> ParticipantRecord:
        """Book several of one participant's visits in one transaction (all or none), each by the
        rules of :meth:`book_visit`; ``expected_version`` is the participant's."""
        visits.book_visits(self._ctx, pid, bookings, expected_version=expected_version)
        return self.participant(pid)

    @_as_service_errors
    def complete_visit(self, pid: str, code: str, actual: date,
                       procedures: Mapping[str, ProcedureOutcome] | None = None, *, occurrence: int = 1,
                       reason: str | None = None, expected_version: int | None = None) -> VisitRecord:
        pid, code = participant_key(pid), visit_code(code)  # the re-read below finds what was written
        if reason:
            check_free_text(reason, _("the reason"))  # as typed; it may be kept only in the audit trail
        visits.complete_visit(self._ctx, pid, code, actual, procedures, occurrence=occurrence, reason=reason,
                              expected_version=expected_version)
        return self.participant(pid).visit(code, occurrence)

    @_as_service_errors
    def miss_visit(self, pid: str, code: str, reason: str, *, occurrence: int = 1,
                   expected_version: int | None = None) -> VisitRecord:
        pid, code = participant_key(pid), visit_code(code)  # the re-read below finds what was written
        visits.miss_visit(self._ctx, pid, code, reason, occurrence=occurrence, expected_version=expected_version)
        return self.participant(pid).visit(code, occurrence)

    @_as_service_errors
    def add_unscheduled_visit(self, pid: str, on: date, reason: str,
                              procedures: Mapping[str, ProcedureOutcome] | Iterable[str] | None = None, *,
                              done: bool | None = None) -> VisitRecord:
        occurrence = visits.add_unscheduled_visit(self._ctx, pid, on, reason, procedures, done=done)
        return self.participant(pid).visit("UNS", occurrence)

    @_as_service_errors
    def preview_withdrawal(self, pid: str, on: date) -> WithdrawalPreview:
        return withdrawal.preview_withdrawal(self._ctx, pid, on)

    @_as_service_errors
    def withdraw(self, pid: str, on: date, reason: str, *, expected_version: int | None = None,
                 preview: WithdrawalPreview | None = None) -> ParticipantRecord:
        withdrawal.withdraw(self._ctx, pid, on, reason, expected_version=expected_version, preview=preview)
        return self.participant(pid)

    @_as_service_errors
    def correct_entry(self, pid: str, code: str | None, occurrence: int, field: str, reason: str, *,
                      expected_version: int | None = None, new_date: date | None = None) -> ParticipantRecord:
        """Mark an earlier entry as entered in error; see :mod:`corrections` for the fields
        (``new_date``: for ``done_date``, the day the visit was done)."""
        corrections.correct_entry(self._ctx, pid, code, occurrence, field, reason,
                                  expected_version=expected_version, new_date=new_date)
        return self.participant(pid)

    # -- protocol versions -------------------------------------------------------------------
    @_as_service_errors
    def preview_protocol_change(self, pid: str, protocol: Protocol) -> ProtocolChangePreview:
        return protocol_change.preview(self._ctx, pid, protocol)

    @_as_service_errors
    def change_protocol(self, pid: str, protocol: Protocol, reason: str, *,
                        expected_version: int | None = None) -> ParticipantRecord:
        protocol_change.change(self._ctx, pid, protocol, reason, expected_version=expected_version)
        return self.participant(pid)

    # -- the published calendar (CalDAV) --------------------------------------------------------
    @_as_service_errors
    def calendar_status(self, *, with_password: bool = False) -> calendar_publishing.PublishingStatus:
        """Off, up to date, pending N or failing (and why): what the status bar shows.
        ``with_password``: also ask this computer's keyring (``has_password``; may take a moment)."""
        return calendar_publishing.status(self._ctx, with_password=with_password)

    @_as_service_errors
    def check_calendar(self, url: str, user: str | None, password: str | None) -> str:
        """Log in to the CalDAV calendar and find it, storing nothing ("Test connection"); one sentence.
        ``password`` None: the one in this computer's keyring."""
        return calendar_publishing.check(url, user, password)

    @_as_service_errors
    def set_up_calendar(self, url: str, user: str | None, password: str | None, *,
                        remember_password: bool = True) -> calendar_publishing.PublishingStatus:
        """Check the CalDAV server, then publish the site's calendar there (every visit is queued;
        the next :meth:`sync_calendar` uploads them). The password goes to the OS keyring only."""
        return calendar_publishing.set_up(self._ctx, url, user, password, remember_password=remember_password)

    @_as_service_errors
    def sync_calendar(self, *, password: str | None = None, limit: int | None = None,
                      force: bool = False) -> calendar_publishing.SyncReport:
        """Upload the queued events; a server that fails is reported, never raised. ``force``: a
        person asked ("Publish now"), so events waiting for their back-off go too."""
        return calendar_publishing.sync_once(self._ctx, password=password, limit=limit, force=force)

    @_as_service_errors
    def turn_off_calendar(self) -> None:
        calendar_publishing.turn_off(self._ctx)

    # -- maintenance -------------------------------------------------------------------------
    @_as_service_errors
    def backup(self, destination: str | Path) -> Path:
        """A consistent copy of the whole database as a SQLite file (openable with --db)."""
        from .backup import backup_to_sqlite

        if not str(destination).strip():
            raise ServiceError(_("give a file name for the backup"))
        return backup_to_sqlite(self._ctx.engine, Path(destination))

    def automatic_backup(self) -> Path | None:
        """Today's automatic backup of a SQLite file (see :mod:`.auto_backup`), made the first time the
        app opens it on a site day; never raises (a failure is logged as a warning)."""
        from .auto_backup import automatic_backup_or_warn

        fresh = self.upgrade_result is not None and self.upgrade_result.from_revision is None
        return automatic_backup_or_warn(self._ctx.engine, self.today(), fresh=fresh)

    @property
    def sqlite_path(self) -> Path | None:
        return sqlite_file(self._ctx.engine.url)

    def is_database(self, url: str) -> bool:
        """Whether ``url`` names this database, however it is typed (a bare path, ``~``, another
        driver name): the identity the audit checkpoints are kept under. False for a URL that is
        not one."""
        try:
            return url_identity(parse_url(url)) == self._ctx.database_identity
        except StoreConfigError:
            return False

