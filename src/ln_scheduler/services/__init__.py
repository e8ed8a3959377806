"""Use cases a coordinator performs (enrol, plan, record, withdraw, ...), one transaction each.

The public API, stable for the GUI, reports, exports and the CLI::

    from ln_scheduler.services.app import open_services, Services
    from ln_scheduler.services.errors import ServiceError, ConflictError, DatabaseUnavailableError
    from ln_scheduler.services.records import (SiteInfo, ParticipantSummary, ParticipantRecord, VisitRecord,
        ProcedureRecord, WorklistItem, ProcedureOutcome, AuditEntry, AuditVerification, SchedulePreview,
        VisitChange)

    svc = open_services(db_url=None, user=None, workstation=None, clock=None)
        # db_url: "--db" value (None: $LN_SCHEDULER_DB > settings file > SQLite in the user data dir);
        # creates or upgrades the schema (backup copy of a SQLite file first); clock() -> aware datetime.
        # Raises ServiceError (a DomainError; DatabaseUnavailableError when unreachable). Close with
        # svc.close() or use it as a context manager.
    # a one-shot command-line handler: services.startup.open_services_for_command(db_url) (same, but
    # the garbage collector is paused while SQLAlchemy loads: ~50 ms less start-up; not for the GUI)
    svc.url_display -> str            # "SQLite: /path/ln_scheduler.sqlite3" / "PostgreSQL: user@host/db"
    svc.user, svc.workstation -> str  # written into every audit row
    svc.today() -> date               # today at the site (site time zone), from the clock

READS (detached frozen records, statuses computed for today by the domain; fast enough for the UI
thread: a week's worklist over 1,000 participants is a few milliseconds on SQLite)::

    svc.protocol(protocol_id, version, cohort=None) -> Protocol   # with cohort: that cohort's view
    svc.participant_protocol(pid) -> Protocol        # the participant's cohort view of their version
    svc.default_protocol -> Protocol                 # the newest shipped (2.0), its LN view
    svc.shipped_protocols -> tuple[Protocol, ...] ; svc.shipped_protocol(version) -> Protocol
    svc.enrolment_protocol() -> Protocol ; svc.enrolment_cohorts() -> tuple[Cohort, ...]
        # the version new participants get: SiteInfo.enrolment_protocol_version, else the newest
    svc.load_protocol_file(path) -> Protocol          # an amended protocol, for preview/change_protocol
    svc.site() -> SiteInfo ; svc.update_site(info, reason) -> SiteInfo
    svc.participants(status=None, search="", cohort=None) -> list[ParticipantSummary]  # by study ID
    svc.participant(pid, *, today=None) -> ParticipantRecord                   # visits in date order
    svc.participant_records(pids, *, today=None) -> list[ParticipantRecord]    # several, in a few queries
    svc.visits(start=None, end=None, *, participant_ids=None, today=None) -> list[VisitRecord]
        # the bulk read for exports: every visit (any status, procedure records included) whose
        # calendar day (actual, else scheduled) is in start..end (open bounds allowed; with neither,
        # undated visits too), of the site or of participant_ids (unknown ID: ServiceError);
        # by day (undated last), participant, protocol order. Two queries, not three per participant.
    svc.worklist(start, end, *, today=None, include_overdue=True) -> list[WorklistItem]
        # open visits scheduled start..end (inclusive) + (include_overdue) open visits whose scheduled
        # date has passed (late) or whose window closed (overdue);
        # sorted by scheduled date, time, participant. WorklistItem.visit.procedure_records is empty
        # (use participant() for outcomes); .procedures lists the visit's procedure codes.
    svc.overdue(today=None) -> list[WorklistItem]
    svc.audit(pid=None, *, limit=None) -> list[AuditEntry]                     # oldest first
    svc.verify_audit() -> AuditVerification                                    # .ok, .rows, .problems

WRITES (one transaction each, audit rows in the same transaction; raise ServiceError with a message
for a person, or ConflictError when ``expected_version`` is stale or a concurrent writer won: it
says who changed the record and when; nothing is written in either case)::

    svc.enrol(pid, initials, *, conditioning_start=None, screening_date=None, protocol=None,
              cohort=None, language="en") -> ParticipantRecord
        # ID checked against the site's pattern (default NNN-NNN); duplicates refused. Without a
        # conditioning start the calendar's visits exist without dates (status UPCOMING). protocol
        # None: enrolment_protocol(); cohort None: its first cohort (LN); language: what they take home.
    svc.change_language(pid, code, reason, *, expected_version=None) -> ParticipantRecord
        # audited with the reason; allowed after a withdrawal; the same language again is refused
    svc.preview_cohort_change(pid, cohort) -> SchedulePreview
    svc.change_cohort(pid, cohort, reason, *, expected_version=None, preview=None) -> ParticipantRecord
        # until conditioning is recorded; visits of the new cohort added, those it lacks cancelled
    svc.set_enrolment_protocol_version(version | None, reason) -> SiteInfo
    svc.set_site_phone(phone, reason) -> SiteInfo   # the study team's phone ("" clears); checked
    svc.bulk_enrol(Iterable[NewParticipant], reason=..., batch_size=200) -> int   # Core bulk insert
    svc.record_screening(pid, date, *, expected_version=None) -> ParticipantRecord
    svc.preview_conditioning(pid, start) -> SchedulePreview
    svc.plan_conditioning(pid, start, *, reason=None, expected_version=None) -> ParticipantRecord
    svc.record_conditioning(pid, start, *, days_done=1, expected_version=None) -> ParticipantRecord
        # conditioning started on ``start`` (LD1 done), LD2.. done up to days_done; re-plans when the
        # start differs from the plan. LD2/LD3 can also be recorded with complete_visit (in order, each
        # after the one before; once infused, 2 full days before it; a late last day moves the plan).
    svc.preview_infusion(pid, date) -> SchedulePreview   (alias InfusionPreview)
        # .changes: every visit that moves (old/new target, window, scheduled, study day);
        # .rebooks: booked appointments outside their new window; .warnings
    svc.record_infusion(pid, date, *, expected_version=None) -> ParticipantRecord
        # refuses a second infusion, one before LD1-LD3 are all recorded, one before the last recorded
        # conditioning day + 3 days, a date in the future; D1 done.
    svc.preview_dose(pid, number, date) -> SchedulePreview (alias DosePreview; number 1 = the infusion)
    svc.record_dose(pid, number, date, *, expected_version=None, preview=None) -> ParticipantRecord
        # refused (one line naming the dates) too soon after the previous dose, before it is recorded,
        # after a dose not given, beyond the cohort's doses; given the preview, a plan that changed
        # since is a ConflictError. Completing the dose's visit (D8, D15) records the dose too.
    svc.preview_dose_not_given(pid, number) -> SchedulePreview
    svc.record_dose_not_given(pid, number, reason, *, expected_version=None, preview=None) -> ParticipantRecord
        # dose number (2 or later) and every later dose not given: their visits cancelled with the
        # reason ("dose 3 not given: ..."), the DLT visit moved to the last dose given
    svc.book_visit(pid, code, date, *, time=None, reason=None, occurrence=1, expected_version=None) -> VisitRecord
        # outside the window only with a reason (flagged deviation=True)
    svc.complete_visit(pid, code, actual, procedures: Mapping[str, ProcedureOutcome] | None = None, *,
                       occurrence=1, reason=None, expected_version=None) -> VisitRecord
        # refuses a visit before conditioning start, a D1-anchored visit before the infusion, the
        # future; completing SCR/LD1/D1 records screening/conditioning/infusion.
    svc.miss_visit(pid, code, reason, *, occurrence=1, expected_version=None) -> VisitRecord
    svc.add_unscheduled_visit(pid, date, reason, procedures=None, *, done=None) -> VisitRecord
        # done defaults to date <= today; procedures: codes, or code -> ProcedureOutcome
    svc.preview_withdrawal(pid, date) -> WithdrawalPreview
        # .changes: every visit the save records missed (window closed before the date), cancels, or
        # adds (ET, once conditioning started), with code, name and date; .of(WithdrawalOutcome.X)
    svc.withdraw(pid, date, reason, *, expected_version=None, preview=None) -> ParticipantRecord
        # writes exactly that plan; given the preview, a participant changed since is a ConflictError
    svc.correct_entry(pid, code | None, occurrence, field, reason, *, expected_version=None) -> ParticipantRecord
        # "entered in error": field in actual, missed, visit (visit fields) or screening,
        # conditioning, infusion, withdrawal (participant fields, code=None). Nothing hard-deleted.
    svc.preview_protocol_change(pid, protocol) -> SchedulePreview   (alias ProtocolChangePreview)
    svc.change_protocol(pid, protocol, reason, *, expected_version=None) -> ParticipantRecord
    svc.backup(path) -> Path          # a consistent SQLite copy of the whole database

``expected_version`` is the ``version`` of the record the user was looking at (ParticipantRecord for
participant-level writes, VisitRecord for visit writes). Demo data: ``services.demo.fill_demo_site``.
"""
