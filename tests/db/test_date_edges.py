"""Date edges through the services, as a coordinator meets them: the site's date (not UTC's) in
the evening, a withdrawal on the last day of a visit's window, bookings on a window's first and last
day and one day outside it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.errors import ServiceError

from .helpers import enrol_worked_example


def test_the_day_is_the_sites_day_between_utc_midnight_and_six(svc, clock):  # type: ignore[no-untyped-def]
    enrol_worked_example(svc, infusion=datetime(2027, 1, 31).date())
    d30 = svc.participant("104-001").visit("D30")
    day_after = d30.latest + timedelta(days=1)

    clock.now = datetime(day_after.year, day_after.month, day_after.day, 3, 30, tzinfo=UTC)  # 22:30 in New York
    assert svc.today() == d30.latest
    assert svc.participant("104-001").visit("D30").status is not VisitStatus.OVERDUE, "its window closes today"
    assert "D30" not in {i.visit.code for i in svc.overdue()}

    clock.now = datetime(day_after.year, day_after.month, day_after.day, 15, 0, tzinfo=UTC)  # the next morning
    assert svc.today() == day_after
    assert svc.participant("104-001").visit("D30").status is VisitStatus.OVERDUE
    assert "D30" in {i.visit.code for i in svc.overdue()}


def test_a_withdrawal_on_the_last_day_of_a_window_cancels_that_visit_and_misses_the_closed_ones(svc):  # type: ignore[no-untyped-def]
    enrol_worked_example(svc, infusion=datetime(2027, 1, 31).date())
    before = svc.participant("104-001")
    d30, d21 = before.visit("D30"), before.visit("D21")
    assert d21.latest < d30.latest <= svc.today()

    after = svc.withdraw("104-001", d30.latest, "moved away")

    assert after.visit("D30").status is VisitStatus.CANCELLED, "it could still have been done that day"
    assert after.visit("D21").status is VisitStatus.MISSED, "its window had closed before the withdrawal"


def test_a_booking_on_the_first_or_last_day_of_the_window_is_inside_it(svc):  # type: ignore[no-untyped-def]
    enrol_worked_example(svc, infusion=datetime(2027, 1, 31).date())
    m2 = svc.participant("104-001").visit("M2")

    first = svc.book_visit("104-001", "M2", m2.earliest)
    assert first.scheduled == m2.earliest and not first.deviation
    last = svc.book_visit("104-001", "M2", m2.latest)
    assert last.scheduled == m2.latest and not last.deviation

    with pytest.raises(ServiceError, match="reason"):
        svc.book_visit("104-001", "M2", m2.latest + timedelta(days=1))
    assert svc.participant("104-001").visit("M2").scheduled == m2.latest, "the refused booking changed nothing"
    outside = svc.book_visit("104-001", "M2", m2.earliest - timedelta(days=1), reason="participant travelling")
    assert outside.deviation and outside.scheduled == m2.earliest - timedelta(days=1)
