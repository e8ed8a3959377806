"""Booking a participant's plan in one step (``Services.book_visits``): several visits in one
transaction, each by the rules of booking one visit, all written or none."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest

from ln_scheduler.services.errors import ConflictError, ServiceError
from ln_scheduler.services.records import Booking

from .helpers import worked_example_site

PID = "104-002"
C1 = date(2027, 4, 6)  # a Tuesday after the fixed clock's 2027-03-10: conditioning planned only
FIRST_DAYS = ("SCR", "LD1", "LD2", "LD3", "D1", "D2", "D3", "D4")


def _planned(svc) -> None:  # type: ignore[no-untyped-def]
    worked_example_site(svc)
    svc.enrol(PID, "AB", conditioning_start=C1)


def test_screening_to_day_4_are_booked_on_their_proposed_dates_at_one_time(svc):  # type: ignore[no-untyped-def]
    _planned(svc)
    before = svc.participant(PID)
    proposed = {v.code: v.scheduled for v in before.visits}
    assert not any(v.booked for v in before.visits)

    after = svc.book_visits(PID, [Booking(code, time=time(9, 30)) for code in FIRST_DAYS],
                            expected_version=before.version)

    for code in FIRST_DAYS:
        v = after.visit(code)
        assert v.booked and v.scheduled == proposed[code] and v.scheduled_time == time(9, 30), code
        assert not v.deviation
    assert not after.visit("D7").booked, "only the chosen visits are booked"
    booked_rows = [e for e in svc.audit(PID) if e.field == "booked"]
    assert sorted(e.entity_key.split("/")[1].split("#")[0] for e in booked_rows) == sorted(FIRST_DAYS)
    assert len({e.at for e in booked_rows}) == 1, "one save: one time stamp on every row"


def test_a_moved_date_inside_the_window_is_booked_there_and_leaves_the_others(svc):  # type: ignore[no-untyped-def]
    _planned(svc)
    scr = svc.participant(PID).visit("SCR")
    earlier = scr.earliest + timedelta(days=1)

    after = svc.book_visits(PID, [Booking("SCR", on=earlier), Booking("D2")])

    assert after.visit("SCR").scheduled == earlier and after.visit("SCR").booked
    assert after.visit("SCR").scheduled_time is None
    assert after.visit("D2").booked


def test_one_refused_booking_writes_none_of_them_and_says_which(svc):  # type: ignore[no-untyped-def]
    _planned(svc)
    scr = svc.participant(PID).visit("SCR")
    outside = scr.latest + timedelta(days=1)

    with pytest.raises(ServiceError, match=r"outside the window of SCR.*reason"):
        svc.book_visits(PID, [Booking("D2"), Booking("SCR", on=outside)])

    assert not any(v.booked for v in svc.participant(PID).visits), "all or none"
    with pytest.raises(ServiceError, match="LD1 is fixed"):
        svc.book_visits(PID, [Booking("D2"), Booking("LD1", on=C1 + timedelta(days=1))])
    assert not svc.participant(PID).visit("D2").booked


def test_outside_the_window_with_a_reason_is_booked_as_a_deviation(svc):  # type: ignore[no-untyped-def]
    _planned(svc)
    scr = svc.participant(PID).visit("SCR")
    after = svc.book_visits(PID, [Booking("SCR", on=scr.latest + timedelta(days=1), reason="lab closed")])
    assert after.visit("SCR").deviation and after.visit("SCR").reason == "lab closed"


def test_a_stale_participant_or_visit_version_is_a_conflict_and_nothing_is_saved(svc):  # type: ignore[no-untyped-def]
    _planned(svc)
    seen = svc.participant(PID)
    svc.plan_conditioning(PID, C1 + timedelta(days=7), reason="infusion product delayed")

    with pytest.raises(ConflictError):
        svc.book_visits(PID, [Booking("SCR")], expected_version=seen.version)
    now = svc.participant(PID)
    svc.book_visit(PID, "D2", now.visit("D2").scheduled)  # someone else books Day 2
    with pytest.raises(ConflictError):
        svc.book_visits(PID, [Booking("SCR", expected_version=now.visit("SCR").version),
                              Booking("D2", expected_version=now.visit("D2").version)],
                        expected_version=now.version)
    assert not svc.participant(PID).visit("SCR").booked


def test_nothing_chosen_or_a_visit_twice_is_refused(svc):  # type: ignore[no-untyped-def]
    _planned(svc)
    with pytest.raises(ServiceError, match="at least one"):
        svc.book_visits(PID, [])
    with pytest.raises(ServiceError, match="twice"):
        svc.book_visits(PID, [Booking("D2"), Booking("d2")])
