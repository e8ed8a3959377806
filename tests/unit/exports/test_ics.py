"""The .ics export, read back by two independent parsers (icalendar and vobject)."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from ln_scheduler.domain.protocol import VisitKind
from ln_scheduler.domain.protocol_loader import load_default_protocol
from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.exports import ExportError, build_calendar, calendar_entries, write_ics
from ln_scheduler.services.records import SiteInfo, VisitRecord
from tests.support.sample_records import SITE, sample_participant, with_visit

from .helpers import (
    INITIALS,
    NOTE,
    NOW,
    SAMPLE_ID,
    events_by_uid,
    export,
    participant,
    visit_by_uid,
    vobject_events,
)

CHICAGO = ZoneInfo("America/Chicago")


def test_every_visit_is_one_event_that_both_parsers_read_the_same_way():
    p = participant()
    data = export(p.visits)
    events = events_by_uid(data)
    assert set(events) == {v.uid for v in p.visits}
    by_vobject = vobject_events(data)
    assert set(by_vobject) == set(events)
    for uid, visit in visit_by_uid(p.visits).items():
        event, other = events[uid], by_vobject[uid]
        assert str(event["SUMMARY"]) == other.summary.value == f"104-001 · {visit.name}"
        assert event["SEQUENCE"] == int(other.sequence.value) == visit.sequence
        assert str(event["CATEGORIES"].cats[0]) == visit.kind.value.capitalize()
        assert event.start == other.dtstart.value
        assert event.end == other.dtend.value
        if visit.scheduled_time is None:  # all-day: DATE values, DTEND the next day (exclusive)
            day = visit.actual or visit.scheduled
            assert event.start == day and type(event.start) is date
            assert event.end == day + timedelta(days=1)
            assert event["DTSTART"].params["VALUE"] == "DATE"
        assert event["DTSTAMP"].dt == NOW


def test_the_calendar_names_itself_and_says_it_is_published():
    data = export(participant().visits, name="Lakeside: 104-001")
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["PRODID"]).startswith("-//LN Visit Scheduler//ln-scheduler ")
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"]) == "Lakeside: 104-001"


def test_the_description_gives_study_day_window_and_procedures():
    p = participant()
    events = events_by_uid(export(p.visits))
    d14 = p.visit("D14")
    text = str(events[d14.uid]["DESCRIPTION"])
    assert text.splitlines() == [
        "Study day 14",
        f"Window {d14.earliest} to {d14.latest} (target {d14.target})",
        "Procedures: PE VS HEME CHEM UA UPCR CONMED AE CRS PK CYTO BCELL",
    ]
    assert "Fixed day (no window): 2027-01-26" in str(events[p.visit("LD1").uid]["DESCRIPTION"])
    assert "Done on 2027-01-19" in str(events[p.visit("SCR").uid]["DESCRIPTION"])


def test_with_the_protocol_the_description_names_each_procedure():
    p = participant()
    events = events_by_uid(export(p.visits, protocol=load_default_protocol()))
    lines = str(events[p.visit("D14").uid]["DESCRIPTION"]).splitlines()
    assert lines[2] == "Procedures:"
    assert "- Physical examination" in lines and "- Spot urine protein:creatinine ratio" in lines


def test_proposed_visits_are_tentative_booked_and_done_visits_confirmed():
    p = participant()
    events = events_by_uid(export(p.visits))
    status = {v.code: str(events[v.uid]["STATUS"]) for v in p.visits}
    assert status["D14"] == "TENTATIVE"  # proposed by the schedule, never booked
    assert status["D7"] == status["M3"] == "CONFIRMED"  # booked with a time
    assert status["D21"] == "CONFIRMED"  # booked for the day, no time
    assert isinstance(events[p.visit("D21").uid].decoded("DTSTART"), date)  # still an all-day event
    assert status["SCR"] == "CONFIRMED"  # done
    proposed = [v.code for v in p.visits if v.proposed]
    assert proposed and all(status[c] == "TENTATIVE" for c in proposed)


def test_the_same_records_and_clock_give_the_same_bytes_and_only_dtstamp_follows_the_clock():
    p = participant()
    first = export(p.visits)
    assert export(list(reversed(p.visits))) == first
    later = export(p.visits, now=NOW + timedelta(days=3))
    changed = {(a, b) for a, b in zip(first.splitlines(), later.splitlines(), strict=True) if a != b}
    assert changed and all(a.startswith(b"DTSTAMP:") for a, _ in changed)


def test_a_timed_visit_is_in_the_site_time_zone_with_its_vtimezone():
    p = participant()
    data = export(p.visits)
    calendar = icalendar.Calendar.from_ical(data)
    (tz,) = calendar.walk("VTIMEZONE")
    assert str(tz["TZID"]) == "America/Chicago"
    offsets = {(c.name, c["TZOFFSETTO"].td) for c in tz.walk() if c.name in ("STANDARD", "DAYLIGHT")}
    assert offsets == {("STANDARD", timedelta(hours=-6)), ("DAYLIGHT", timedelta(hours=-5))}
    events, by_vobject = events_by_uid(data), vobject_events(data)
    winter, summer = p.visit("D7"), p.visit("M3")
    for visit, utc in ((winter, datetime(2027, 2, 5, 15, 30, tzinfo=UTC)),
                       (summer, datetime(2027, 4, 30, 19, 0, tzinfo=UTC))):
        event = events[visit.uid]
        assert event["DTSTART"].params["TZID"] == "America/Chicago"
        assert event.start == datetime.combine(visit.scheduled, visit.scheduled_time, CHICAGO)
        assert event.start.astimezone(UTC) == utc
        assert event.end - event.start == timedelta(hours=1)
        # vobject builds its own tzinfo from the VTIMEZONE in the file: the same instant
        assert by_vobject[visit.uid].dtstart.value.astimezone(UTC) == utc


def test_an_export_with_all_day_events_only_has_no_vtimezone():
    p = sample_participant()
    assert b"BEGIN:VTIMEZONE" not in export(p.visits)


def test_the_vtimezone_covers_timed_events_across_years():
    p = participant()
    late = replace(p.visit("M24"), scheduled_time=time(23, 30), sequence=1)
    data = export([p.visit("D7"), late])
    tz = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")[0]
    assert "2027-01-01 to 2030-01-01" in str(tz["COMMENT"])  # whole years up to the last event (2029)
    event = events_by_uid(data)[late.uid]
    assert event.end.astimezone(UTC) == datetime(2029, 2, 1, 6, 30, tzinfo=UTC)


def test_reminders_are_display_alarms_on_open_visits_only():
    p = participant()
    events = events_by_uid(export(p.visits, reminder_days=2))
    for visit in p.visits:
        alarms = events[visit.uid].walk("VALARM")
        if visit.status is VisitStatus.DONE:
            assert alarms == []
        else:
            (alarm,) = alarms
            assert str(alarm["ACTION"]) == "DISPLAY"
            assert alarm["TRIGGER"].dt == timedelta(days=-2)
            assert str(alarm["DESCRIPTION"]) == f"Visit: 104-001 · {visit.name}"
    assert b"VALARM" not in export(p.visits)
    at_start = events_by_uid(export(p.visits, reminder_days=0))[p.visit("D7").uid]
    assert at_start.walk("VALARM")[0]["TRIGGER"].dt == timedelta(0)


def test_a_reschedule_keeps_every_uid_and_raises_sequence_of_exactly_the_changed_events():
    before = participant()
    first = events_by_uid(export(before.visits))
    # What the store does between the two exports: D14 moved a day, Month 2 booked at 10:00,
    # Month 4 missed (each: sequence + 1); procedures recorded on screening and a version bump
    # (no calendar change, no new sequence); and two weeks pass (statuses move with the clock).
    after = sample_participant(initials=INITIALS, today=date(2027, 2, 10))
    after = replace(after, visits=tuple(
        replace(v, uid=before.visit(v.code).uid, sequence=before.visit(v.code).sequence,
                actual=before.visit(v.code).actual, scheduled_time=before.visit(v.code).scheduled_time,
                booked=before.visit(v.code).booked,
                status=before.visit(v.code).status if before.visit(v.code).actual else v.status)
        for v in after.visits))
    d14, m2, m4 = before.visit("D14"), before.visit("M2"), before.visit("M4")
    after = with_visit(after, "D14", scheduled=d14.scheduled + timedelta(days=1), sequence=1)
    after = with_visit(after, "M2", scheduled_time=time(10, 0), booked=True, sequence=1)
    after = with_visit(after, "M4", status=VisitStatus.MISSED, reason=NOTE, sequence=1)
    after = with_visit(after, "SCR", version=3)
    second = events_by_uid(export(after.visits, now=NOW + timedelta(days=21)))

    assert set(second) == set(first)
    raised = {uid for uid in first if second[uid]["SEQUENCE"] > first[uid]["SEQUENCE"]}
    assert raised == {d14.uid, m2.uid, m4.uid}

    def calendar_content(event):
        return {k: event[k].to_ical() for k in event if k not in ("DTSTAMP", "SEQUENCE")}

    changed = {uid for uid in first if calendar_content(first[uid]) != calendar_content(second[uid])}
    assert changed == raised
    assert second[d14.uid].start == first[d14.uid].start + timedelta(days=1)
    assert str(second[m4.uid]["STATUS"]) == "CANCELLED"
    assert second[m2.uid].start == datetime.combine(m2.scheduled, time(10, 0), CHICAGO)


def test_a_withdrawal_exports_the_cancelled_visits_as_cancelled():
    p = participant()
    withdrawn_on = date(2027, 3, 1)
    visits: list[VisitRecord] = [
        v if (v.scheduled or date.min) < withdrawn_on
        else replace(v, status=VisitStatus.CANCELLED, reason=NOTE, sequence=v.sequence + 1)
        for v in p.visits
    ]
    et = VisitRecord(
        id=99, participant_id=p.id, code="ET", name="Early termination", kind=VisitKind.TERMINATION,
        occurrence=1, study_day=None, target=withdrawn_on, earliest=withdrawn_on,
        latest=withdrawn_on + timedelta(days=30), scheduled=withdrawn_on, scheduled_time=None,
        actual=None, status=VisitStatus.DUE, procedures=("PE", "VS"), uid="et-uid@ln-scheduler",
    )
    events = events_by_uid(export([*visits, et], reminder_days=1))
    cancelled = [v for v in visits if v.status is VisitStatus.CANCELLED]
    assert len(cancelled) >= 10
    for v in cancelled:
        assert str(events[v.uid]["STATUS"]) == "CANCELLED"
        assert events[v.uid].walk("VALARM") == []  # no reminder for a visit that will not happen
    assert str(events[et.uid]["CATEGORIES"].cats[0]) == "Termination"
    assert str(events[et.uid]["STATUS"]) == "TENTATIVE"
    assert {str(e["STATUS"]) for e in events.values()} == {"CANCELLED", "TENTATIVE", "CONFIRMED"}


def test_the_participant_export_carries_the_study_id_and_nothing_else_about_the_person():
    p = participant()
    data = export(p.visits, reminder_days=2, protocol=load_default_protocol())
    text = data.decode("utf-8")
    assert INITIALS not in text
    for fragment in ("Jane", "Doe", "Bob", "flu", SAMPLE_ID):
        assert fragment not in text
    assert text.count("104-001") >= len(p.visits)
    for event in events_by_uid(data).values():
        assert str(event["SUMMARY"]).startswith("104-001 · ")
        assert p.id not in str(event["UID"])  # the UID says nothing about who it is for


def test_write_ics_replaces_the_file_whole_and_counts_the_events(tmp_path):
    target = tmp_path / "visits.ics"
    target.write_text("old content")
    p = participant()
    count = write_ics(target, p.visits, SITE, now=NOW, name="x")
    assert count == len(calendar_entries(p.visits)) == len(p.visits)
    assert target.read_bytes() == export(p.visits, name="x")
    assert [f.name for f in tmp_path.iterdir()] == ["visits.ics"]  # no temporary file left


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"now": datetime(2027, 1, 20, 15, 0)}, "time zone"),
        ({"reminder_days": -1}, "0 or more"),
        ({"appointment_length": timedelta(0)}, "more than zero"),
    ],
)
def test_bad_options_are_refused_with_a_clear_message(options, message):
    with pytest.raises(ExportError, match=message):
        export(participant().visits, **options)


def test_an_unknown_site_time_zone_is_refused_with_a_clear_message():
    site = SiteInfo(timezone="America/Chicgo")
    with pytest.raises(ExportError, match="America/Chicgo"):
        build_calendar(participant().visits, site, now=NOW, name="x")
