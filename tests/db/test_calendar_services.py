"""Enrolment, conditioning and infusion through the services: what a coordinator sees stored."""

from __future__ import annotations

from datetime import date, time

import pytest

from ln_scheduler.domain.errors import ScheduleError
from ln_scheduler.domain.participant_status import ParticipantStatus
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.enrolment import NewParticipant
from ln_scheduler.services.errors import ServiceError

from .helpers import C1, SCREENING, dates, enrol_worked_example, worked_example_site

# SCHEDULE.md worked example: (study day, target, scheduled) with weekends closed, no holidays
WORKED = {
    "SCR": (-12, date(2027, 1, 19), date(2027, 1, 19)),
    "LD1": (-5, date(2027, 1, 26), date(2027, 1, 26)),
    "D1": (1, date(2027, 1, 31), date(2027, 1, 31)),
    "D7": (7, date(2027, 2, 6), date(2027, 2, 5)),
    "D14": (14, date(2027, 2, 13), date(2027, 2, 12)),
    "M6": (182, date(2027, 7, 31), date(2027, 7, 30)),
    "M9": (274, date(2027, 10, 31), date(2027, 11, 1)),
    "M24": (732, date(2029, 1, 31), date(2029, 1, 31)),
}


def test_enrolment_stores_the_calendar_the_domain_plans(svc):
    worked_example_site(svc)
    r = svc.enrol("104-001", "jqd", conditioning_start=C1)
    assert (r.id, r.initials, r.status) == ("104-001", "JQD", ParticipantStatus.SCHEDULED)
    # the newest shipped version; its LN cohort plans exactly version 1.0's calendar
    assert (r.protocol_id, r.protocol_version, r.cohort) == ("TAK007-LN-1001", "2.0", "LN")
    assert len(r.visits) == 23 and r.infusion_planned == date(2027, 1, 31)
    for code, (day, target, scheduled) in WORKED.items():
        v = r.visit(code)
        assert (v.study_day, v.target, v.scheduled) == (day, target, scheduled), code
    assert r.visit("D1").closed_day  # a Sunday infusion, flagged
    assert [v.code for v in r.visits][:5] == ["SCR", "LD1", "LD2", "LD3", "D1"]
    assert len({v.uid for v in r.visits}) == 23


def test_enrolment_without_a_start_lists_undated_visits(svc):
    r = svc.enrol("104-002", "AB", screening_date=date(2027, 3, 1))
    assert r.status is ParticipantStatus.SCREENING
    scr = r.visit("SCR")
    assert (scr.actual, scr.status) == (date(2027, 3, 1), VisitStatus.DONE)
    assert all(v.target is None and v.status is VisitStatus.UPCOMING for v in r.visits if v.code != "SCR")
    planned = svc.plan_conditioning("104-002", date(2027, 3, 15))
    assert planned.status is ParticipantStatus.SCHEDULED
    assert planned.visit("D1").target == date(2027, 3, 20)
    assert planned.visit("SCR").actual == date(2027, 3, 1)  # done visits keep what was recorded


@pytest.mark.parametrize(
    ("pid", "initials", "message"),
    [
        ("104001", "AB", "does not match the site's format"),
        ("104-01", "AB", "does not match"),
        ("104-003", "Jonathan", "not valid"),
        ("104-003", "", "not valid"),
    ],
)
def test_enrolment_checks_id_format_and_initials(svc, pid, initials, message):
    with pytest.raises(ServiceError, match=message):
        svc.enrol(pid, initials)
    assert svc.participants() == []


def test_a_duplicate_id_is_refused(svc):
    svc.enrol("104-001", "AB")
    with pytest.raises(ServiceError, match="already enrolled"):
        svc.enrol("104-001", "CD")
    assert [p.initials for p in svc.participants()] == ["AB"]


def test_conditioning_start_must_follow_screening_within_30_days(svc):
    svc.enrol("104-001", "AB", screening_date=date(2027, 1, 1))
    with pytest.raises(ServiceError, match=r"2027-01-02 to 2027-01-31"):
        svc.plan_conditioning("104-001", date(2027, 2, 5))
    with pytest.raises(ServiceError, match="outside what screening"):
        svc.enrol("104-002", "CD", screening_date=date(2027, 1, 1), conditioning_start=date(2027, 1, 1))


def test_recorded_conditioning_start_re_plans_from_the_real_date(svc):
    worked_example_site(svc)
    svc.enrol("104-001", "AB", conditioning_start=C1, screening_date=SCREENING)
    r = svc.record_conditioning("104-001", date(2027, 1, 27), days_done=2)
    assert r.status is ParticipantStatus.CONDITIONING
    assert (r.conditioning_start_planned, r.conditioning_start_actual) == (C1, date(2027, 1, 27))
    assert r.visit("LD1").actual == date(2027, 1, 27) and r.visit("LD2").actual == date(2027, 1, 28)
    assert r.visit("LD3").status is VisitStatus.OVERDUE and r.visit("LD3").actual is None
    assert r.infusion_planned == date(2027, 2, 1) and r.visit("D1").target == date(2027, 2, 1)
    assert r.visit("SCR").actual == SCREENING


def test_infusion_slip_reanchors_d1_visits_and_never_c1_visits(svc):
    """SCHEDULE.md: infusion slips to 2027-02-03: SCR day -15, LD1..LD3 days -8..-6 on the same
    dates, D1 2027-02-03, D7 2027-02-09, every later visit moves."""
    enrol_worked_example(svc)
    before = svc.participant("104-001")
    r = svc.record_infusion("104-001", date(2027, 2, 3))
    assert r.status is ParticipantStatus.FOLLOW_UP and r.infusion_actual == date(2027, 2, 3)
    assert [r.visit(c).study_day for c in ("SCR", "LD1", "LD2", "LD3")] == [-15, -8, -7, -6]
    for code in ("SCR", "LD1", "LD2", "LD3"):
        assert r.visit(code).target == before.visit(code).target
    d1 = r.visit("D1")
    assert (d1.target, d1.actual, d1.status) == (date(2027, 2, 3), date(2027, 2, 3), VisitStatus.DONE)
    assert r.visit("D7").target == date(2027, 2, 9)
    assert r.visit("M2").target == date(2027, 4, 3)
    moved = [v for v in r.visits if v.code not in ("SCR", "LD1", "LD2", "LD3")]
    assert all(v.target != before.visit(v.code).target for v in moved)
    rescheduled = [v for v in moved if v.scheduled != before.visit(v.code).scheduled]
    assert rescheduled and all(v.sequence > before.visit(v.code).sequence for v in rescheduled)


def test_the_infusion_preview_is_exactly_what_gets_written(svc):
    enrol_worked_example(svc)
    svc.book_visit("104-001", "D14", date(2027, 2, 15), time=time(9, 30))  # inside today's window
    svc.book_visit("104-001", "M2", date(2027, 3, 26), time=time(10, 0))  # will be outside the new one
    preview = svc.preview_infusion("104-001", date(2027, 2, 3))
    assert svc.participant("104-001").infusion_actual is None  # a preview writes nothing
    codes = [c.code for c in preview.changes]
    assert "SCR" not in codes and "LD1" not in codes and codes[0] == "D1"
    d14 = next(c for c in preview.changes if c.code == "D14")
    assert (d14.old_scheduled, d14.new_scheduled, d14.rebook) == (date(2027, 2, 15), date(2027, 2, 15), False)
    m2 = next(c for c in preview.changes if c.code == "M2")
    assert m2.rebook and m2.new_earliest == date(2027, 3, 27) and m2.new_scheduled == date(2027, 4, 2)
    assert [c.code for c in preview.rebooks] == ["M2"]
    assert any("M2" in w and "rebook" in w for w in preview.warnings)
    r = svc.record_infusion("104-001", date(2027, 2, 3))
    for c in preview.changes:
        v = r.visit(c.code, c.occurrence)
        assert (v.target, v.earliest, v.latest, v.scheduled) == (c.new_target, c.new_earliest, c.new_latest,
                                                                 c.new_scheduled), c.code
    assert r.visit("D14").booked and r.visit("D14").scheduled_time == time(9, 30)
    assert not r.visit("M2").booked and r.visit("M2").scheduled_time is None


def test_a_second_infusion_is_refused(svc):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    with pytest.raises(ServiceError, match="already received the infusion on 2027-01-31"):
        svc.record_infusion("104-001", date(2027, 2, 2))
    with pytest.raises(ServiceError, match="already"):
        svc.preview_infusion("104-001", date(2027, 2, 2))


def test_an_infusion_before_ld3_plus_3_days_is_refused(svc):
    enrol_worked_example(svc)
    with pytest.raises(ServiceError, match="2027-01-31 or later") as refused:
        svc.record_infusion("104-001", date(2027, 1, 30))
    assert isinstance(refused.value.__cause__, ScheduleError)
    assert svc.participant("104-001").infusion_actual is None


def test_an_infusion_in_the_future_is_refused_and_a_long_delay_warns(svc, clock):
    enrol_worked_example(svc)
    with pytest.raises(ServiceError, match="in the future"):
        svc.record_infusion("104-001", date(2027, 3, 11))
    preview = svc.preview_infusion("104-001", date(2027, 2, 9))
    assert any("may require conditioning to be repeated" in w for w in preview.warnings)


def test_bulk_enrolment_builds_the_same_calendars_as_enrol(svc):
    worked_example_site(svc)
    svc.enrol("104-001", "AB", conditioning_start=C1, screening_date=SCREENING)
    n = svc.bulk_enrol([NewParticipant("104-002", "cd", C1, SCREENING), NewParticipant("104-003", "EF")],
                       batch_size=1)
    assert n == 2
    one, two = svc.participant("104-001"), svc.participant("104-002")
    strip = [(v.code, v.study_day, v.target, v.earliest, v.latest, v.scheduled, v.actual, v.status) for v in one.visits]
    assert strip == [(v.code, v.study_day, v.target, v.earliest, v.latest, v.scheduled, v.actual, v.status)
                     for v in two.visits]
    assert svc.participant("104-003").status is ParticipantStatus.SCREENING
    assert len(svc.audit("104-002")) == len(svc.audit("104-001")) == 24
    with pytest.raises(ServiceError, match="104-002 is already enrolled"):
        svc.bulk_enrol([NewParticipant("104-009", "GH"), NewParticipant("104-002", "CD")])
    assert [p.id for p in svc.participants()] == ["104-001", "104-002", "104-003"]
    assert svc.verify_audit().ok


def test_dates_outside_any_sense_are_refused(svc):
    svc.enrol("104-001", "AB")
    with pytest.raises(ServiceError, match="outside any sensible range"):
        svc.plan_conditioning("104-001", date(2207, 1, 26))
    assert dates(svc, "104-001")["D1"] is None


def test_closing_a_day_flags_the_open_visits_booked_on_it_and_reopening_clears_them(svc):  # type: ignore[no-untyped-def]
    from dataclasses import replace

    enrol_worked_example(svc, "104-001", infusion=date(2027, 1, 31))
    before = svc.participant("104-001")
    d14, d7 = before.visit("D14"), before.visit("D7")
    svc.complete_visit("104-001", "D7", d7.scheduled)
    assert not d14.closed_day
    site = svc.site()

    svc.update_site(replace(site, closed_dates=(*site.closed_dates, d14.scheduled, d7.scheduled)), "site move")
    after = svc.participant("104-001")
    assert after.visit("D14").closed_day, "the coordinator must see that Day 14 is now on a closed day"
    assert after.visit("D14").scheduled == d14.scheduled, "booked dates are not moved behind their back"
    assert after.visit("D14").version == d14.version, "a dialog open on the visit can still save"
    assert not after.visit("D7").closed_day, "a visit already done keeps what happened"

    svc.update_site(site, "move postponed")
    assert not svc.participant("104-001").visit("D14").closed_day
