"""Writes report what happened. A COMMIT whose answer is lost (the connection cut right after the
database committed) is "unknown: check before retrying", never "nothing was saved": before this,
12 of 12 such writes said "nothing was saved" although they were. And a write that the database
refused before committing still says nothing was saved. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from ln_scheduler.services.app import Services
from ln_scheduler.services.errors import CommitUnknownError, DatabaseUnavailableError


def _lost_answer(engine_name: str) -> Exception:
    """What the driver raises when the connection drops during COMMIT."""
    if engine_name == "sqlite":
        import sqlite3

        return sqlite3.OperationalError("disk I/O error")
    import psycopg

    return psycopg.OperationalError("server closed the connection unexpectedly")


def _cut_after_commit(svc: Services, engine_name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    dialect = svc.context.engine.dialect
    real = dialect.do_commit

    def commit_then_cut(dbapi_connection: Any) -> None:
        real(dbapi_connection)  # the database commits...
        raise _lost_answer(engine_name)  # ...and its answer never arrives

    monkeypatch.setattr(dialect, "do_commit", commit_then_cut)


WRITES: dict[str, Callable[[Services], object]] = {
    "enrol": lambda s: s.enrol("104-002", "CD"),
    "miss": lambda s: s.miss_visit("104-001", "SCR", "travel"),
    "book": lambda s: s.book_visit("104-001", "LD1", date(2027, 3, 22)),
    "withdraw": lambda s: s.withdraw("104-001", date(2027, 3, 10), "consent withdrawn"),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_lost_commit_acknowledgement_is_unknown_and_the_change_is_there(svc, engine_name, monkeypatch, write):
    svc.enrol("104-001", "AB", conditioning_start=date(2027, 3, 22))
    seq_before = svc.audit(limit=1)[-1].seq
    _cut_after_commit(svc, engine_name, monkeypatch)
    with pytest.raises(CommitUnknownError) as info:
        WRITES[write](svc)
    message = str(info.value)
    assert "nothing was saved" not in message
    assert "UNKNOWN whether it was saved" in message and "Check before retrying" in message
    assert "ln-scheduler audit" in message  # how to check
    monkeypatch.undo()
    assert svc.audit(limit=1)[-1].seq > seq_before  # it was saved, as the database said before the cut


def test_a_commit_the_database_refuses_still_says_nothing_was_saved(svc, engine_name, monkeypatch):
    svc.enrol("104-001", "AB", conditioning_start=date(2027, 3, 22))
    seq_before = svc.audit(limit=1)[-1].seq
    dialect = svc.context.engine.dialect

    def refuse(_dbapi_connection: Any) -> None:
        if engine_name == "sqlite":
            import sqlite3

            exc = sqlite3.OperationalError("database is locked")
            exc.sqlite_errorcode = 5  # type: ignore[attr-defined]
            raise exc
        import psycopg

        raise psycopg.errors.SerializationFailure("could not serialize access")

    monkeypatch.setattr(dialect, "do_commit", refuse)
    with pytest.raises(DatabaseUnavailableError if engine_name == "sqlite" else Exception) as info:
        svc.miss_visit("104-001", "SCR", "travel")
    assert not isinstance(info.value, CommitUnknownError)
    assert "nothing was saved" in str(info.value)
    monkeypatch.undo()
    assert svc.audit(limit=1)[-1].seq == seq_before
