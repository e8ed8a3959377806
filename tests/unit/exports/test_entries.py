"""Which visits a calendar export shows, on which day, with which status."""

from dataclasses import replace
from datetime import date, time

import pytest

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.exports import (
    EntryStatus,
    ExportError,
    calendar_entries,
    calendar_entry,
    visits_between,
    visits_of,
)

from .helpers import participant


def test_an_open_visit_is_tentative_while_only_proposed_and_confirmed_once_booked():
    p = participant()
    d14 = calendar_entry(p.visit("D14"))
    assert (d14.day, d14.start, d14.status, d14.outcome) == (
        p.visit("D14").scheduled, None, EntryStatus.TENTATIVE, None)
    d7 = calendar_entry(p.visit("D7"))
    assert (d7.start, d7.status) == (time(9, 30), EntryStatus.CONFIRMED)
    d21 = calendar_entry(p.visit("D21"))  # booked for the day, no time: an appointment all the same
    assert (d21.day, d21.start, d21.status) == (p.visit("D21").scheduled, None, EntryStatus.CONFIRMED)


def test_a_done_visit_shows_on_its_actual_day_and_keeps_its_time_only_if_done_that_day():
    p = participant()
    d7 = p.visit("D7")
    on_the_day = calendar_entry(replace(d7, actual=d7.scheduled, status=VisitStatus.DONE))
    assert (on_the_day.day, on_the_day.start, on_the_day.status, on_the_day.outcome) == (
        d7.scheduled, time(9, 30), EntryStatus.CONFIRMED, "Done")
    next_day = date(2027, 2, 9)
    late = calendar_entry(replace(d7, actual=next_day, status=VisitStatus.DONE_OUT_OF_WINDOW))
    assert (late.day, late.start, late.outcome) == (next_day, None, "Done out of window")


@pytest.mark.parametrize("status", [VisitStatus.MISSED, VisitStatus.CANCELLED])
def test_missed_and_cancelled_visits_stay_in_the_export_as_cancelled(status):
    v = replace(participant().visit("M3"), status=status)
    entry = calendar_entry(v)
    assert entry.status is EntryStatus.CANCELLED
    assert entry.day == v.scheduled and entry.outcome == status.label


def test_a_visit_with_no_date_yet_is_left_out():
    v = replace(participant().visit("M24"), scheduled=None, target=None, earliest=None, latest=None)
    assert calendar_entry(v) is None
    assert calendar_entries([v]) == []


def test_entries_come_in_calendar_order_and_a_visit_given_twice_is_kept_once():
    a, b = participant("104-002"), participant("104-001")
    entries = calendar_entries([*reversed(a.visits), *b.visits, *a.visits])
    assert len(entries) == len(a.visits) + len(b.visits)
    keys = [(e.day, e.start or time.min, e.participant_id) for e in entries]
    assert keys == sorted(keys)
    assert entries[0].summary == "104-001 · Screening" and entries[1].summary == "104-002 · Screening"


def test_a_visit_without_a_calendar_uid_is_refused():
    v = replace(participant().visit("D14"), uid="")
    with pytest.raises(ExportError, match="D14 of participant 104-001 has no calendar UID"):
        calendar_entries([v])


def test_two_visits_sharing_a_uid_are_refused():
    p = participant()
    clash = replace(p.visit("D21"), uid=p.visit("D14").uid)
    with pytest.raises(ExportError, match="share the calendar UID"):
        calendar_entries([p.visit("D14"), clash])


def test_a_date_range_is_inclusive_and_keeps_cancelled_and_done_visits():
    p = participant()
    p2 = participant("104-002")
    cancelled = replace(p2.visit("D14"), status=VisitStatus.CANCELLED)
    chosen = visits_between([p, replace(p2, visits=(cancelled,))], p.visit("SCR").actual,
                            cancelled.scheduled)
    codes = {(v.participant_id, v.code) for v in chosen}
    assert ("104-001", "SCR") in codes  # done, on the first day
    assert ("104-002", "D14") in codes  # cancelled, on the last day
    assert ("104-001", "D21") not in codes
    assert all(p.visit("SCR").actual <= (v.actual or v.scheduled) <= cancelled.scheduled
               for v in chosen)


def test_a_range_that_ends_before_it_starts_is_refused():
    with pytest.raises(ExportError, match="ends"):
        visits_between([participant()], date(2027, 3, 1), date(2027, 2, 1))


def test_visits_of_several_participants_are_all_their_visits():
    a, b = participant("104-001"), participant("104-002")
    assert visits_of([a, b]) == [*a.visits, *b.visits]
