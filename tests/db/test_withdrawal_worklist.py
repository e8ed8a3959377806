"""A withdrawn participant has nothing left to do but the early-termination visit. Later visits are
cancelled (SCHEDULE.md); visits whose window had already closed are recorded as missed (the deviation
stays visible). Either way they leave the worklist, the overdue list and the participant list's
"next visit", and calendars receive them as cancelled events."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.exports.ics import build_calendar

from .helpers import enrol_worked_example

INFUSION = date(2027, 1, 31)
WITHDRAWN = date(2027, 3, 1)  # today is 2027-03-10: D10 .. D30 were due before and never recorded


def _ics(svc) -> dict[str, icalendar.Event]:  # type: ignore[no-untyped-def]
    record = svc.participant("104-001")
    data = build_calendar(record.visits, svc.site(), now=datetime(2027, 3, 10, 15, 0, tzinfo=UTC), name="104-001")
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}


def test_a_withdrawal_takes_the_earlier_open_visits_off_every_list(svc):
    enrol_worked_example(svc, infusion=INFUSION)
    for code, day in (("D2", date(2027, 2, 1)), ("D3", date(2027, 2, 2)), ("D7", date(2027, 2, 6))):
        svc.complete_visit("104-001", code, day)
    today = svc.today()
    assert {i.visit.code for i in svc.overdue()} == {"D4", "D10", "D14", "D21", "D30"}
    before = svc.participant("104-001")
    events_before = _ics(svc)

    svc.withdraw("104-001", WITHDRAWN, "moved away")

    assert svc.overdue() == []
    assert [i.visit.code for i in svc.worklist(today, today)] == ["ET"]
    (summary,) = svc.participants()
    assert summary.next_visit == "ET"
    r = svc.participant("104-001")
    for code in ("D4", "D10", "D21"):  # windows closed before 2027-03-01: missed, not cancelled
        v = r.visit(code)
        assert v.status is VisitStatus.MISSED, code
        assert v.reason == "participant withdrawn on 2027-03-01: not done before the withdrawal"
        assert v.sequence == before.visit(code).sequence + 1
    for code in ("D30", "M2"):  # D30's window (1..4 March) was still open: cancelled with the rest
        v = r.visit(code)
        assert v.status is VisitStatus.CANCELLED, code
        assert v.reason == "participant withdrawn on 2027-03-01: moved away"
        assert v.sequence == before.visit(code).sequence + 1
    assert r.visit("D7").status is VisitStatus.DONE

    events = _ics(svc)
    d4 = r.visit("D4").uid
    assert str(events_before[d4]["STATUS"]) != "CANCELLED"
    assert str(events[d4]["STATUS"]) == "CANCELLED"
    assert events[d4]["SEQUENCE"] == events_before[d4]["SEQUENCE"] + 1


def test_correcting_the_withdrawal_puts_the_earlier_visits_back_on_the_list(svc):
    enrol_worked_example(svc, infusion=INFUSION)
    svc.withdraw("104-001", WITHDRAWN, "moved away")
    r = svc.correct_entry("104-001", None, 1, "withdrawal", "wrong participant")
    assert r.visit("D10").status is VisitStatus.OVERDUE
    assert "D10" in {i.visit.code for i in svc.overdue()}
