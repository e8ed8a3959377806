"""The audit trail: who, when (UTC), what before and after, why; append-only; hash-chained so that
edits, deletions and reordering are detected."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from ln_scheduler.services.app import open_services
from ln_scheduler.store.location import normalize_url

from .helpers import enrol_worked_example


def test_every_change_is_recorded_with_who_when_old_new_and_why(svc, clock):
    enrol_worked_example(svc, infusion=date(2027, 1, 31))
    clock.now = datetime(2027, 3, 10, 16, 30, 15, 123456, tzinfo=UTC)
    svc.book_visit("104-001", "M2", date(2027, 4, 12), reason="participant travelling")
    rows = [e for e in svc.audit("104-001") if e.entity_key == "104-001/M2#1" and e.action == "update"]
    assert {(e.field, e.old, e.new) for e in rows} >= {("scheduled", "2027-03-31", "2027-04-12"),
                                                       ("booked", "no", "yes"), ("deviation", "no", "yes")}
    for e in rows:
        assert (e.user, e.workstation, e.reason) == ("alice", "ws-alice", "participant travelling")
        assert e.at == datetime(2027, 3, 10, 16, 30, 15, 123456, tzinfo=UTC)
    inserted = svc.audit("104-001")[0]
    assert (inserted.action, inserted.entity, inserted.field) == ("insert", "participant", "participant")
    assert '"initials":"JQD"' in (inserted.new or "")
    assert [e.seq for e in svc.audit()] == list(range(1, len(svc.audit()) + 1))
    assert svc.audit(limit=3) == svc.audit()[-3:]


def test_a_refused_change_writes_nothing(svc):
    enrol_worked_example(svc)
    before = svc.audit()
    with pytest.raises(Exception, match="too soon"):
        svc.record_infusion("104-001", date(2027, 1, 29))
    assert svc.audit() == before


def _raw(db_url: str):  # type: ignore[no-untyped-def]
    return create_engine(normalize_url(db_url))


def test_the_database_refuses_update_and_delete_of_audit_rows(svc, db_url):
    svc.enrol("104-001", "AB")
    engine = _raw(db_url)
    try:
        for statement in ("UPDATE audit_log SET new_value = 'x' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 1",
                          "UPDATE audit_head SET seq = 0", "UPDATE audit_head SET key_fingerprint = 'mallory'",
                          "UPDATE audit_head SET keyed_from = NULL, key_fingerprint = NULL"):
            with pytest.raises(DBAPIError, match=r"append-only|only moves forward"), engine.begin() as conn:
                conn.execute(text(statement))
    finally:
        engine.dispose()
    assert svc.verify_audit().ok


def _tamper(db_url: str, engine_name: str, statements: list[str]) -> None:
    """What someone with file or superuser access could do behind the app's back."""
    if engine_name == "sqlite":
        con = sqlite3.connect(db_url.removeprefix("sqlite:///"))
        con.execute("DROP TRIGGER trg_audit_log_no_update")
        con.execute("DROP TRIGGER trg_audit_log_no_delete")
        for s in statements:
            con.execute(s)
        con.commit()
        con.close()
        return
    engine = _raw(db_url)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER USER"))
        for s in statements:
            conn.execute(text(s))
    engine.dispose()


def _fresh_verify(db_url: str, clock):  # type: ignore[no-untyped-def]
    with open_services(db_url, user="monitor", workstation="ws-monitor", clock=clock) as other:
        return other.verify_audit()


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        (["UPDATE audit_log SET new_value = '2027-02-04' WHERE seq = 30"], "seq 30 .* edited after it was written"),
        (["UPDATE audit_log SET user_name = 'mallory' WHERE seq = 3"], "seq 3 .* edited after it was written"),
        (["DELETE FROM audit_log WHERE seq = 12"], "seq 12..12: rows are missing"),
        (["DELETE FROM audit_log WHERE seq >= (SELECT MAX(seq) - 1 FROM audit_log)"], "the last rows are missing"),
        (["UPDATE audit_log SET seq = -1 WHERE seq = 7", "UPDATE audit_log SET seq = 7 WHERE seq = 8",
          "UPDATE audit_log SET seq = 8 WHERE seq = -1"], "seq 7 .* does not follow"),
    ],
    ids=["edited-value", "edited-user", "deleted-row", "deleted-tail", "reordered"],
)
def test_tampering_with_audit_rows_is_detected(svc, db_url, engine_name, clock, statements, expected):
    enrol_worked_example(svc, infusion=date(2027, 2, 3))
    assert svc.verify_audit().ok
    _tamper(db_url, engine_name, statements)
    result = _fresh_verify(db_url, clock)
    assert not result.ok
    assert any(__import__("re").search(expected, p) for p in result.problems), result.problems


def test_concurrent_writers_append_one_unbroken_chain(svc, db_url, clock):
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def writer(n: int) -> None:
        try:
            with open_services(db_url, user=f"user{n}", workstation=f"ws-{n}", clock=clock) as mine:
                start.wait()
                for i in range(4):
                    mine.enrol(f"10{n}-{i:03d}", "AB", conditioning_start=date(2027, 4, 5))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    result = svc.verify_audit()
    assert result.ok, result.problems
    assert result.rows == 16 * 24 + 1  # and the protocol text stored with the first enrolment (its SHA-256)
    assert len(svc.participants()) == 16

