"""Two workstations editing the same visit: one wins, the other is told who changed it and when;
nothing is overwritten and the audit shows only the winning change."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date, datetime, time

import pytest

from ln_scheduler.services.app import open_services
from ln_scheduler.services.errors import ConflictError, DatabaseUnavailableError

from .conftest import FixedClock
from .helpers import enrol_worked_example


def test_a_stale_edit_is_refused_naming_who_changed_the_visit_and_when(svc, db_url):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    bob_clock = FixedClock(datetime(2027, 3, 10, 15, 5, tzinfo=UTC))
    with open_services(db_url, user="bob", workstation="ws-bob", clock=bob_clock) as bob:
        seen_by_alice = svc.participant("104-001").visit("M2")
        seen_by_bob = bob.participant("104-001").visit("M2")
        svc.book_visit("104-001", "M2", date(2027, 3, 29), time=time(9, 0), expected_version=seen_by_alice.version)
        with pytest.raises(ConflictError) as refused:
            bob.book_visit("104-001", "M2", date(2027, 4, 1), expected_version=seen_by_bob.version)
        message = str(refused.value)
        assert "visit M2 of 104-001 was changed by alice on ws-alice at 2027-03-10 15:00 UTC" in message
        assert refused.value.changed_by == "alice"
        assert bob.participant("104-001").visit("M2").scheduled == date(2027, 3, 29)
    m2_rows = [e for e in svc.audit("104-001") if e.entity_key == "104-001/M2#1" and e.action == "update"]
    assert {e.user for e in m2_rows} == {"alice"}
    assert ("scheduled", "2027-03-31", "2027-03-29") in {(e.field, e.old, e.new) for e in m2_rows}


def test_two_connections_racing_on_one_visit_one_wins(svc, db_url, clock):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    version = svc.participant("104-001").visit("M2").version
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def edit(user: str, day: int) -> None:
        with open_services(db_url, user=user, workstation=f"ws-{user}", clock=clock) as mine:
            barrier.wait()
            try:
                mine.book_visit("104-001", "M2", date(2027, 3, day), expected_version=version)
                outcomes[user] = "saved"
            except ConflictError as exc:
                outcomes[user] = exc

    threads = [threading.Thread(target=edit, args=(u, d)) for u, d in (("carol", 29), ("dave", 30))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [u for u, o in outcomes.items() if o == "saved"]
    losers = [o for o in outcomes.values() if isinstance(o, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1
    assert f"changed by {winners[0]}" in str(losers[0])
    day = {"carol": 29, "dave": 30}[winners[0]]
    assert svc.participant("104-001").visit("M2").scheduled == date(2027, 3, day)
    rows = [e for e in svc.audit("104-001") if e.entity_key == "104-001/M2#1" and e.field == "scheduled"
            and e.action == "update"]
    assert [(e.user, e.new) for e in rows] == [(winners[0], f"2027-03-{day}")]
    assert svc.verify_audit().ok


def test_a_participant_level_stale_write_is_refused(svc):
    enrol_worked_example(svc)
    seen = svc.participant("104-001").version
    svc.record_infusion("104-001", date(2027, 1, 31), expected_version=seen)
    with pytest.raises(ConflictError, match="participant 104-001 was changed by alice"):
        svc.withdraw("104-001", date(2027, 3, 1), "moved", expected_version=seen)


def test_a_locked_sqlite_database_fails_cleanly_and_loses_nothing(tmp_path, monkeypatch, clock):
    monkeypatch.setenv("LN_SCHEDULER_SQLITE_BUSY_MS", "200")
    url = f"sqlite:///{tmp_path / 'locked.sqlite3'}"
    with open_services(url, user="alice", workstation="ws", clock=clock) as svc:
        svc.enrol("104-001", "AB")
        other = sqlite3.connect(tmp_path / "locked.sqlite3", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(DatabaseUnavailableError, match="busy"):
                svc.enrol("104-002", "CD")
            assert [p.id for p in svc.participants()] == ["104-001"]  # readers still read (WAL)
        finally:
            other.execute("ROLLBACK")
            other.close()
        svc.enrol("104-002", "CD")
        assert [p.id for p in svc.participants()] == ["104-001", "104-002"]
        assert svc.verify_audit().ok
