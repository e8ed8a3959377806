"""What a workstation's refresh asks the database: which participants changed since it last
read (from the audit trail: every write names its participant), and only their worklist rows.
A site-wide change (site settings, closures) or a flood of changes means: read everything."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ln_scheduler.services.errors import ServiceError

from .helpers import enrol_worked_example


def _seq(svc) -> int:  # type: ignore[no-untyped-def]
    newest = svc.audit(limit=1)
    return newest[-1].seq if newest else 0


def test_the_participants_written_since_a_position_are_named(svc, db_url, clock):  # type: ignore[no-untyped-def]
    from ln_scheduler.services.app import open_services

    enrol_worked_example(svc, "104-001", infusion=date(2027, 1, 31))
    enrol_worked_example(svc, "104-002", infusion=date(2027, 1, 31))
    start = _seq(svc)
    assert svc.participants_changed(start, start) == frozenset()

    other = open_services(db_url, user="bob", workstation="ws-bob", clock=clock)
    try:  # another workstation records a visit of 104-002
        other.complete_visit("104-002", "D2", date(2027, 2, 1))
    finally:
        other.close()
    after = _seq(svc)
    assert after > start
    assert svc.participants_changed(start, after) == {"104-002"}
    assert svc.participants_changed(after, after) == frozenset()

    svc.book_visit("104-001", "M2", svc.participant("104-001").visit("M2").latest, reason=None)
    assert svc.participants_changed(start, _seq(svc)) == {"104-001", "104-002"}
    assert svc.participants_changed(after, _seq(svc)) == {"104-001"}


def test_a_site_wide_change_asks_for_everything(svc):  # type: ignore[no-untyped-def]
    enrol_worked_example(svc, "104-001", infusion=date(2027, 1, 31))
    start = _seq(svc)
    site = svc.site()
    svc.update_site(replace(site, closed_dates=(*site.closed_dates, date(2027, 3, 15))), "site closed for a move")
    assert svc.participants_changed(start, _seq(svc)) is None


def test_the_worklist_of_named_participants_is_what_the_whole_list_holds_for_them(svc):  # type: ignore[no-untyped-def]
    for pid in ("104-001", "104-002", "104-003"):
        enrol_worked_example(svc, pid, infusion=date(2027, 1, 31))
    today = svc.today()  # 2027-03-10: D4 .. D30 of each are behind
    everything = svc.worklist(today, today, include_overdue=True)
    some = svc.worklist(today, today, include_overdue=True, participant_ids={"104-002", " 104-003"})
    assert some == [i for i in everything if i.participant_id in {"104-002", "104-003"}]
    assert some, "the worked example has visits behind on 2027-03-10"
    assert svc.worklist(today, today, participant_ids=()) == []
    with pytest.raises(ServiceError, match="at most 500"):
        svc.worklist(today, today, participant_ids=[f"104-{n:03d}" for n in range(501)])
