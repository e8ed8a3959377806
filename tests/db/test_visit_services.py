"""Booking, completing, missing, unscheduled visits, withdrawal, corrections, protocol change."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from ln_scheduler.domain.participant_status import ParticipantStatus
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.errors import ServiceError
from ln_scheduler.services.records import ProcedureOutcome

from .helpers import C1, SCREENING, WEEKENDS_ONLY, enrol_worked_example, worked_example_site

INFUSION = date(2027, 1, 31)


@pytest.fixture
def infused(svc):
    enrol_worked_example(svc, infusion=INFUSION)
    return svc


def test_booking_inside_the_window_sets_date_time_and_raises_the_sequence(infused):
    before = infused.participant("104-001").visit("M2")
    v = infused.book_visit("104-001", "M2", date(2027, 3, 29), time=time(9, 30))
    assert (v.scheduled, v.scheduled_time, v.booked, v.deviation) == (date(2027, 3, 29), time(9, 30), True, False)
    assert v.sequence == before.sequence + 1 and v.version == before.version + 1
    assert v.uid == before.uid


def test_booking_outside_the_window_needs_a_reason_and_is_a_deviation(infused):
    with pytest.raises(ServiceError, match=r"outside the window of M2 .* give a reason"):
        infused.book_visit("104-001", "M2", date(2027, 4, 20))
    v = infused.book_visit("104-001", "M2", date(2027, 4, 20), reason="participant travelling")
    assert v.deviation and v.reason == "participant travelling" and v.scheduled == date(2027, 4, 20)


def test_fixed_anchor_days_cannot_be_booked_elsewhere(svc):
    enrol_worked_example(svc, conditioned=False)
    with pytest.raises(ServiceError, match="fixed on 2027-01-31"):
        svc.book_visit("104-001", "D1", date(2027, 2, 1), reason="x")


def test_a_visit_cannot_be_done_before_conditioning_or_a_d1_visit_before_the_infusion(svc):
    enrol_worked_example(svc, conditioned=False)
    with pytest.raises(ServiceError, match="before conditioning starts"):
        svc.complete_visit("104-001", "D7", date(2027, 1, 20))
    svc.record_conditioning("104-001", C1, days_done=3)
    with pytest.raises(ServiceError, match="before the conditioning start 2027-01-26"):
        svc.complete_visit("104-001", "D7", date(2027, 1, 20))
    with pytest.raises(ServiceError, match="record the infusion of 104-001 first"):
        svc.complete_visit("104-001", "D7", date(2027, 2, 6))


def test_completing_day_1_records_the_infusion(svc):
    enrol_worked_example(svc)
    v = svc.complete_visit("104-001", "D1", date(2027, 2, 1))
    r = svc.participant("104-001")
    assert v.status is VisitStatus.DONE and r.infusion_actual == date(2027, 2, 1)
    assert r.visit("D7").target == date(2027, 2, 7)


def test_done_with_procedures_and_out_of_window(infused):
    with pytest.raises(ServiceError, match="not done: give the reason"):
        infused.complete_visit("104-001", "D7", date(2027, 2, 6), {"PK": ProcedureOutcome(done=False)})
    outcomes = {"PK": ProcedureOutcome(done=True, time=time(10, 15), sample_id=" PK-001 "),
                "CYTO": ProcedureOutcome(done=False, not_done_reason="tube broken")}
    v = infused.complete_visit("104-001", "D7", date(2027, 2, 6), outcomes)
    assert v.status is VisitStatus.DONE and v.actual == date(2027, 2, 6)
    recs = {p.code: p for p in v.procedure_records}
    assert (recs["PK"].done, recs["PK"].time, recs["PK"].sample_id) == (True, time(10, 15), "PK-001")
    assert (recs["CYTO"].done, recs["CYTO"].not_done_reason) == (False, "tube broken")
    assert recs["VS"].done is None and recs["VS"].description.startswith("Vital signs")
    late = infused.complete_visit("104-001", "D14", date(2027, 2, 20))
    assert late.status is VisitStatus.DONE_OUT_OF_WINDOW and late.deviation
    with pytest.raises(ServiceError, match="already recorded as done on 2027-02-20"):
        infused.complete_visit("104-001", "D14", date(2027, 2, 21))
    with pytest.raises(ServiceError, match="in the future"):
        infused.complete_visit("104-001", "D21", date(2027, 3, 11))
    with pytest.raises(ServiceError, match="procedure ECHO is not part of visit D21"):
        infused.complete_visit("104-001", "D21", date(2027, 2, 20), {"ECHO": ProcedureOutcome(done=True)})


def test_missed_needs_a_reason_and_conditioning_days_cannot_be_missed(infused):
    with pytest.raises(ServiceError, match="needs a reason"):
        infused.miss_visit("104-001", "D21", "  ")
    v = infused.miss_visit("104-001", "D21", "participant unwell")
    assert (v.status, v.reason) == (VisitStatus.MISSED, "participant unwell")
    svc2 = infused
    enrol_worked_example(svc2, "104-002", conditioned=False)
    with pytest.raises(ServiceError, match="cannot be recorded as missed"):
        svc2.miss_visit("104-002", "LD2", "x")


def test_unknown_visit_code_and_participant(infused):
    with pytest.raises(ServiceError, match=r"unknown visit code 'D8'.*SCR, LD1"):
        infused.book_visit("104-001", "D8", date(2027, 2, 8))
    with pytest.raises(ServiceError, match="no participant '104-999'"):
        infused.participant("104-999")
    with pytest.raises(ServiceError, match="no participant '104-999'"):
        infused.miss_visit("104-999", "D7", "x")


def test_unscheduled_visits_are_numbered_done_when_past_and_booked_when_future(infused):
    first = infused.add_unscheduled_visit("104-001", date(2027, 2, 10), "Lupus flare", ["HEME", "UPCR"])
    assert (first.code, first.occurrence, first.status, first.study_day) == ("UNS", 1, VisitStatus.DONE, 11)
    assert {p.code: p.done for p in first.procedure_records} == {"VS": None, "CONMED": None, "AE": None,
                                                                 "HEME": True, "UPCR": True}
    second = infused.add_unscheduled_visit("104-001", date(2027, 3, 12), "Infection follow-up")
    assert (second.occurrence, second.actual, second.status) == (2, None, VisitStatus.UPCOMING)
    assert second.label == "Unscheduled visit #2"
    due = infused.worklist(date(2027, 3, 8), date(2027, 3, 14), include_overdue=False)
    assert ("UNS", 2) in [(i.visit.code, i.visit.occurrence) for i in due]
    with pytest.raises(ServiceError, match="needs a reason"):
        infused.add_unscheduled_visit("104-001", date(2027, 2, 10), "")
    with pytest.raises(ServiceError, match="on 2027-01-11 would be before their screening on 2027-01-12"):
        infused.add_unscheduled_visit("104-001", SCREENING - timedelta(days=1), "Lupus flare")
    assert infused.add_unscheduled_visit("104-001", SCREENING, "Lupus flare").actual == SCREENING  # its first day


def test_an_unscheduled_visit_done_then_entered_in_error_reads_cancelled_everywhere(infused):
    """Found walking the CLI: the visit was cancelled in the database, but its date done won over
    that and every read (show, JSON, CSV, .ics, the window) still said Done."""
    from ln_scheduler.exports.entries import EntryStatus, calendar_entry

    infused.add_unscheduled_visit("104-001", date(2027, 2, 10), "Lupus flare")
    infused.add_unscheduled_visit("104-001", date(2027, 2, 12), "Infection")
    r = infused.correct_entry("104-001", "UNS", 1, "visit", "entered for the wrong participant")
    first, second = r.visit("UNS", 1), r.visit("UNS", 2)
    assert (first.status, first.actual) == (VisitStatus.CANCELLED, date(2027, 2, 10))  # kept, not done
    assert second.status is VisitStatus.DONE
    read = {(v.code, v.occurrence): v.status for v in infused.visits(date(2027, 2, 1), date(2027, 2, 28))}
    assert read[("UNS", 1)] is VisitStatus.CANCELLED and read[("UNS", 2)] is VisitStatus.DONE
    entry = calendar_entry(first)
    assert entry is not None and entry.status is EntryStatus.CANCELLED


def test_a_visit_is_recorded_missed_once_its_window_opened_and_never_before_conditioning(svc, clock):
    """Found walking the CLI: Month 6 was recorded missed months before its window, and Month 3 of
    a participant not yet conditioned. Missed is what happened."""
    from datetime import UTC, datetime

    enrol_worked_example(svc, infusion=INFUSION)  # D14: Feb 13, window Feb 11..15
    svc.enrol("104-002", "AB", conditioning_start=date(2027, 4, 6))
    clock.now = datetime(2027, 2, 10, 15, 0, tzinfo=UTC)  # the day before D14's window opens
    with pytest.raises(ServiceError, match="before its window opens on 2027-02-11"):
        svc.miss_visit("104-001", "D14", "participant unwell")
    with pytest.raises(ServiceError, match="before its window opens on 2029-01-01"):
        svc.miss_visit("104-001", "M24", "moving abroad")
    with pytest.raises(ServiceError, match="before conditioning starts"):
        svc.miss_visit("104-002", "M3", "x")
    assert svc.participant("104-001").visit("D14").status is VisitStatus.UPCOMING  # nothing written
    clock.now = datetime(2027, 2, 11, 15, 0, tzinfo=UTC)  # its window's first day
    assert svc.miss_visit("104-001", "D14", "participant unwell").status is VisitStatus.MISSED


def test_withdrawal_closes_every_visit_not_done_and_adds_early_termination(infused):
    infused.complete_visit("104-001", "D7", date(2027, 2, 5))
    r = infused.withdraw("104-001", date(2027, 3, 1), "moved away")
    assert r.status is ParticipantStatus.WITHDRAWN and (r.withdrawal_date, r.withdrawal_reason) == (
        date(2027, 3, 1), "moved away")
    not_done = [v for v in r.visits if v.actual is None and v.code != "ET"]
    assert {"D2", "D10", "D30", "M2", "M24"} <= {v.code for v in not_done}  # before and after the withdrawal
    for v in not_done:  # window closed before the withdrawal: missed; otherwise cancelled
        if v.latest < date(2027, 3, 1):
            assert (v.status, v.reason) == (VisitStatus.MISSED,
                                            "participant withdrawn on 2027-03-01: not done before the withdrawal")
        else:
            assert (v.status, v.reason) == (VisitStatus.CANCELLED, "participant withdrawn on 2027-03-01: moved away")
    assert {v.code for v in not_done if v.status is VisitStatus.CANCELLED} >= {"D30", "M2", "M24"}
    assert r.visit("D7").status is VisitStatus.DONE
    et = r.visit("ET")
    assert (et.target, et.earliest, et.latest, et.status) == (date(2027, 3, 1), date(2027, 3, 1),
                                                               date(2027, 3, 31), VisitStatus.LATE)
    with pytest.raises(ServiceError, match="withdrew on 2027-03-01"):
        infused.book_visit("104-001", "M6", date(2027, 7, 30))
    with pytest.raises(ServiceError, match="before the withdrawal on 2027-03-01"):
        infused.complete_visit("104-001", "ET", date(2027, 2, 28))  # the day before: refused, nothing written
    assert infused.participant("104-001").visit("ET").status is VisitStatus.LATE
    done = infused.complete_visit("104-001", "ET", date(2027, 3, 9))
    assert done.status is VisitStatus.DONE
    with pytest.raises(ServiceError, match="withdrew"):
        infused.withdraw("104-001", date(2027, 3, 2), "again")


def test_withdrawal_during_screening_adds_no_early_termination(svc):
    svc.enrol("104-001", "AB", screening_date=date(2027, 3, 1))
    r = svc.withdraw("104-001", date(2027, 3, 5), "screen failure")
    assert "ET" not in [v.code for v in r.visits]
    assert r.visit("SCR").status is VisitStatus.DONE
    assert all(v.status is VisitStatus.CANCELLED for v in r.visits if v.code != "SCR")


def test_corrections_reopen_without_deleting_and_are_audited(infused):
    infused.complete_visit("104-001", "D7", date(2027, 2, 5), {"PK": ProcedureOutcome(done=True)})
    r = infused.correct_entry("104-001", "D7", 1, "actual", "wrong participant's form")
    d7 = r.visit("D7")
    assert (d7.actual, d7.status) == (None, VisitStatus.OVERDUE)
    assert all(p.done is None for p in d7.procedure_records)
    rows = [e for e in infused.audit("104-001") if e.entity_key == "104-001/D7#1" and e.action == "correct"]
    assert {(e.field, e.old, e.new) for e in rows} >= {("actual", "2027-02-05", None), ("state", "done", "open")}
    assert all(e.reason == "entered in error: wrong participant's form" for e in rows)
    with pytest.raises(ServiceError, match="needs a reason"):
        infused.correct_entry("104-001", "D7", 1, "actual", "")
    with pytest.raises(ServiceError, match="cannot correct 'colour'"):
        infused.correct_entry("104-001", "D7", 1, "colour", "x")


def test_a_visit_done_on_another_day_is_corrected_to_that_day_keeping_its_checklist(infused):
    """A walk: a done date typed wrong could only be corrected by reopening the visit, which cleared
    its whole checklist (~15 procedures) to enter again. The date is corrected alone, audited as a
    correction with the reason, and the window check follows the new date."""
    infused.complete_visit("104-001", "D7", date(2027, 2, 5), {"PK": ProcedureOutcome(done=True)})
    d7 = infused.participant("104-001").visit("D7")  # window 2027-02-05 .. 02-07
    r = infused.correct_entry("104-001", "D7", 1, "done_date", "typed the wrong day", new_date=date(2027, 2, 9))
    after = r.visit("D7")
    assert (after.actual, after.status, after.deviation) == (date(2027, 2, 9), VisitStatus.DONE_OUT_OF_WINDOW, True)
    assert after.procedure_records == d7.procedure_records  # the checklist stays as recorded
    assert after.sequence > d7.sequence  # calendars hear of it
    rows = [e for e in infused.audit("104-001") if e.entity_key == "104-001/D7#1" and e.action == "correct"]
    assert {(e.field, e.old, e.new) for e in rows} == {("actual", "2027-02-05", "2027-02-09"),
                                                      ("deviation", "no", "yes")}
    assert all(e.reason == "entered in error: typed the wrong day" for e in rows)
    assert infused.verify_audit().ok
    with pytest.raises(ServiceError, match="needs the date the visit was done"):
        infused.correct_entry("104-001", "D7", 1, "done_date", "x")
    with pytest.raises(ServiceError, match="in the future"):
        infused.correct_entry("104-001", "D7", 1, "done_date", "x", new_date=date(2099, 1, 1))
    with pytest.raises(ServiceError, match="not recorded as done"):
        infused.correct_entry("104-001", "M2", 1, "done_date", "x", new_date=date(2027, 2, 9))
    with pytest.raises(ServiceError, match="'infusion' field"):
        infused.correct_entry("104-001", "D1", 1, "done_date", "x", new_date=date(2027, 2, 1))
    with pytest.raises(ServiceError, match="cannot be corrected to the day it already has"):
        infused.correct_entry("104-001", "D7", 1, "done_date", "x", new_date=date(2027, 2, 9))


def test_correcting_the_infusion_returns_the_calendar_to_the_plan(svc):
    enrol_worked_example(svc, infusion=date(2027, 2, 3))
    r = svc.correct_entry("104-001", None, 1, "infusion", "date typed wrong")
    assert r.infusion_actual is None and r.status is ParticipantStatus.CONDITIONING
    assert r.visit("D1").status is not VisitStatus.DONE and r.visit("D7").target == date(2027, 2, 6)
    again = svc.record_infusion("104-001", date(2027, 2, 1))
    assert again.visit("D7").target == date(2027, 2, 7)


def test_correcting_a_withdrawal_reopens_what_it_cancelled(infused):
    infused.withdraw("104-001", date(2027, 3, 1), "moved away")
    r = infused.correct_entry("104-001", None, 1, "withdrawal", "wrong participant")
    assert r.status is ParticipantStatus.FOLLOW_UP and r.withdrawal_date is None
    assert r.visit("M6").status is VisitStatus.UPCOMING
    assert r.visit("ET").status is VisitStatus.CANCELLED  # kept, entered in error


def test_completing_month_24_completes_the_study(svc, clock):
    from datetime import UTC, datetime

    enrol_worked_example(svc, infusion=INFUSION)
    clock.now = datetime(2029, 2, 15, 15, 0, tzinfo=UTC)
    r = svc.participant("104-001")
    for v in r.visits:
        if v.status.is_open and v.code not in ("M24",):
            svc.complete_visit("104-001", v.code, v.scheduled)
    assert svc.participant("104-001").status is ParticipantStatus.FOLLOW_UP
    svc.complete_visit("104-001", "M24", date(2029, 1, 31))
    assert svc.participant("104-001").status is ParticipantStatus.COMPLETED
    assert svc.participants(ParticipantStatus.COMPLETED)[0].id == "104-001"


@pytest.fixture
def infused_on_1_0(svc):
    """The worked-example participant at a site that still enrols on version 1.0 (amendment 1.1 is of 1.0)."""
    svc.update_site(replace(WEEKENDS_ONLY, enrolment_protocol_version="1.0"), "site on the first IRB approval")
    svc.enrol("104-001", "JQD", conditioning_start=C1, screening_date=SCREENING)
    svc.record_conditioning("104-001", C1, days_done=3)
    svc.record_infusion("104-001", INFUSION)
    return svc


def _amended(tmp_path: Path, svc) -> Path:  # type: ignore[no-untyped-def]
    from ln_scheduler.services.protocols import shipped_version_text

    _, text = shipped_version_text("1.0")
    text = text.replace('version = "1.0"', 'version = "1.1"', 1)
    m2 = text.index('code = "M2"')
    window = text.index("early = 7\nlate = 7", m2)
    text = text[:window] + "early = 10\nlate = 10" + text[window + len("early = 7\nlate = 7"):]
    path = tmp_path / "tak007-ln-v1.1.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_moving_to_an_amended_protocol_is_previewed_audited_and_stored(infused_on_1_0, tmp_path, db_url, clock):
    from ln_scheduler.services.app import open_services

    infused = infused_on_1_0
    amended = infused.load_protocol_file(_amended(tmp_path, infused))
    assert amended.version == "1.1"
    preview = infused.preview_protocol_change("104-001", amended)
    assert [c.code for c in preview.changes] == ["M2"]
    m2 = preview.changes[0]
    assert (m2.old_earliest, m2.new_earliest) == (date(2027, 3, 24), date(2027, 3, 21))
    with pytest.raises(ServiceError, match="needs a reason"):
        infused.change_protocol("104-001", amended, "")
    r = infused.change_protocol("104-001", amended, "amendment 1 approved by the IRB")
    assert (r.protocol_version, r.visit("M2").earliest) == ("1.1", date(2027, 3, 21))
    row = [e for e in infused.audit("104-001") if e.field == "protocol_version"][-1]
    assert (row.old, row.new, row.reason) == ("1.0", "1.1", "amendment 1 approved by the IRB")
    with pytest.raises(ServiceError, match="already follows"):
        infused.change_protocol("104-001", amended, "again")
    other = open_services(db_url, user="bob", workstation="ws-bob", clock=clock)  # a fresh process
    try:
        assert other.participant("104-001").protocol_version == "1.1"
        assert other.protocol("TAK007-LN-1001", "1.1").visit("M2").early == 10
    finally:
        other.close()


def test_the_site_pattern_and_closures_are_settings(svc):
    site = svc.site()
    assert site.participant_id_pattern == r"\d{3}-\d{3}"
    from dataclasses import replace

    svc.update_site(replace(site, participant_id_pattern=r"LN-\d{4}", closed_dates=(date(2027, 1, 28),)),
                    "site numbering")
    with pytest.raises(ServiceError, match="format"):
        svc.enrol("104-001", "AB")
    svc.enrol("LN-0001", "AB", conditioning_start=C1, screening_date=SCREENING)
    assert svc.participant("LN-0001").visit("LD3").closed_day
    with pytest.raises(ServiceError, match="unknown time zone"):
        svc.update_site(replace(site, timezone="Mars/Olympus"), "x")
    worked_example_site(svc)
    assert svc.site().closed_dates == ()
