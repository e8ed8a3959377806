"""Every write path audits every field it changes, and a new record's insert row carries all of them:
``audit verify`` replays the trail against the data, so a change without its audit row is reported
as tampering. Each test here is a write path that the replay found changing a field silently."""

from __future__ import annotations

import json
from datetime import date


def test_a_replan_that_drops_an_out_of_window_booking_audits_the_cleared_deviation(svc):
    """Found by the replay of ``audit verify``: re-planning set a booked visit's deviation flag back to
    'no' without an audit row (calendar.apply_moves), so the data no longer said what the trail said."""
    svc.enrol("104-001", "AB", conditioning_start=date(2027, 4, 5))
    m2 = svc.participant("104-001").visit("M2")
    svc.book_visit("104-001", "M2", m2.latest + (m2.latest - m2.earliest), reason="participant abroad")
    assert svc.participant("104-001").visit("M2").deviation
    svc.plan_conditioning("104-001", date(2027, 3, 22), reason="bed availability")  # the booking falls out
    assert not svc.participant("104-001").visit("M2").deviation
    assert any((e.field, e.old, e.new) == ("deviation", "yes", "no") for e in svc.audit("104-001"))


def test_a_visit_cancelled_by_a_protocol_change_has_its_reason_audited(svc, tmp_path):
    """Found by the replay: the cancelled visit's reason was written without an audit row."""
    from tests.support.amended_protocol import write_amended

    svc.enrol("104-001", "AB", conditioning_start=date(2027, 4, 5))
    svc.change_protocol("104-001", svc.load_protocol_file(write_amended(tmp_path)), "amendment 1.1 approved")
    m21 = svc.participant("104-001").visit("M21")
    assert m21.reason == "not in protocol TAK007-LN-1001 version 1.1"
    assert any((e.entity_key, e.field, e.new) == ("104-001/M21#1", "reason", m21.reason) for e in svc.audit("104-001"))


def test_a_new_visit_s_insert_row_carries_every_audited_field(svc):
    """So that replaying the trail rebuilds the visit exactly (an unscheduled visit's booking and
    reason were not in its insert row)."""
    svc.enrol("104-001", "AB", conditioning_start=date(2027, 1, 26))
    svc.add_unscheduled_visit("104-001", date(2027, 3, 15), "flare")
    (row,) = [e for e in svc.audit("104-001") if e.entity_key == "104-001/UNS#1"]
    assert json.loads(row.new or "") == {
        "name": "Unscheduled visit", "kind": "unscheduled", "target": "2027-03-15", "earliest": "2027-03-15",
        "latest": "2027-03-15", "scheduled": "2027-03-15", "scheduled_time": None, "booked": True, "actual": None,
        "state": "open", "reason": "flare", "deviation": False}

