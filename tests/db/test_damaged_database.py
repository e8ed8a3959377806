"""Damaged stored data reaches every caller as one typed error, wherever it is met: on open, on a
read, on a write. Only damage: other database errors keep their own meaning, and an error nobody
expected is not dressed up as damage. The damaged file is never written to."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.exc import DatabaseError, OperationalError

from ln_scheduler.services import queries
from ln_scheduler.services.app import open_services
from ln_scheduler.services.context import damaged, unavailable
from ln_scheduler.services.errors import DatabaseDamagedError, DatabaseUnavailableError, ServiceError
from ln_scheduler.store.location import parse_url


def _site(path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    with open_services(f"sqlite:///{path}", user="alice", workstation="ws-alice", clock=clock) as svc:
        for n in range(1, 4):
            svc.enrol(f"104-00{n}", "ABC", conditioning_start=date(2027, 4, 7))
    assert not path.with_name(path.name + "-wal").exists()  # all of it checkpointed into the file


def _scribble_on_table(path: Path, table: str) -> None:
    """Overwrite the b-tree header of ``table``'s root page: the other tables stay readable."""
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    con.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(b"\xde\xad" * 20)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_damaged_table_is_reported_on_reads_and_writes_and_the_file_is_not_written(tmp_path, clock):
    path = tmp_path / "site.sqlite3"
    _site(path, clock)
    _scribble_on_table(path, "participants")
    before = _digest(path)
    with open_services(f"sqlite:///{path}", user="alice", workstation="ws-alice", clock=clock) as svc:
        assert svc.site().name  # what is not damaged still reads
        with pytest.raises(DatabaseDamagedError) as read:
            svc.participants()
        with pytest.raises(DatabaseDamagedError) as write:
            svc.book_visit("104-001", "LD1", date(2027, 4, 7))
        with pytest.raises(DatabaseDamagedError):
            svc.enrol("104-009", "XYZ")
    for err in (read.value, write.value):
        assert err.path == path and err.detail == "database disk image is malformed"
        assert isinstance(err, DatabaseUnavailableError)  # every "database unusable" handler copes with it
        message = str(err)
        assert message.startswith(f"the database file {path} is damaged")
        assert "restore your most recent backup" in message and "do not delete" in message
        assert "SELECT" not in message and "sqlalche.me" not in message
        assert isinstance(err.__cause__, DatabaseError)  # the SQL error stays attached, for the log
    assert _digest(path) == before


@pytest.mark.parametrize("damage", ["truncated", "header wiped"])
def test_a_file_damaged_where_opening_reads_it_is_refused_on_open(tmp_path, clock, damage):
    path = tmp_path / "site.sqlite3"
    _site(path, clock)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2] if damage == "truncated" else bytes(100) + data[100:])
    before = _digest(path)
    with pytest.raises(DatabaseDamagedError, match=f"^the database file {path} is damaged") as caught:
        open_services(f"sqlite:///{path}", clock=clock)
    assert caught.value.path == path
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site.sqlite3"]  # no backup, nothing beside it


def test_a_file_that_was_never_sqlite_is_not_called_damaged(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Visit notes, not a database\r\n" * 200)
    with pytest.raises(ServiceError, match="is not an LN Visit Scheduler database") as caught:
        open_services(f"sqlite:///{path}")
    assert not isinstance(caught.value, DatabaseDamagedError)


def test_an_error_that_is_not_damage_stays_what_it_is(tmp_path, clock, monkeypatch):
    path = tmp_path / "site.sqlite3"
    _site(path, clock)
    unexpected = DatabaseError("SELECT 1", {}, sqlite3.InterfaceError("Error binding parameter 1"))

    def fails(*_args: object) -> None:
        raise unexpected

    monkeypatch.setattr(queries, "list_participants", fails)
    with open_services(f"sqlite:///{path}", clock=clock) as svc, pytest.raises(DatabaseError) as caught:
        svc.participants()
    assert caught.value is unexpected  # not wrapped: an unexpected error is shown as one


def _sqlite_error(cls: type[sqlite3.Error], message: str, code: int) -> sqlite3.Error:
    exc = cls(message)
    exc.sqlite_errorcode = code  # type: ignore[attr-defined]
    return exc


URL = parse_url("sqlite:////srv/site/ln.sqlite3")


@pytest.mark.parametrize(("message", "code"), [
    ("database disk image is malformed", 11),  # SQLITE_CORRUPT
    ("database disk image is malformed", 779),  # SQLITE_CORRUPT_INDEX (an extended code)
    ("file is not a database", 26),  # SQLITE_NOTADB
])
def test_sqlite_damage_is_recognised_by_its_code(message, code):
    err = damaged(DatabaseError("SELECT x FROM t", {}, _sqlite_error(sqlite3.DatabaseError, message, code)), URL)
    assert isinstance(err, DatabaseDamagedError)
    assert err.path == Path("/srv/site/ln.sqlite3") and err.detail == message
    assert "SELECT" not in str(err)
    bare = damaged(_sqlite_error(sqlite3.DatabaseError, message, code), URL)  # as the backup meets it
    assert isinstance(bare, DatabaseDamagedError)


def test_other_database_errors_are_not_damage():
    assert damaged(DatabaseError("x", {}, sqlite3.IntegrityError("UNIQUE constraint failed")), URL) is None
    assert damaged(DatabaseError("x", {}, sqlite3.DatabaseError("something else")), URL) is None
    for text, code in (("database or disk is full", 13), ("disk I/O error", 10), ("database is locked", 5)):
        op = OperationalError("x", {}, _sqlite_error(sqlite3.OperationalError, text, code))
        assert damaged(op, URL) is None
        assert not isinstance(unavailable(op), DatabaseDamagedError)
    assert damaged(ValueError("database disk image is malformed"), URL) is None


def test_a_full_disk_and_an_io_error_say_so_and_are_worth_retrying():
    full = unavailable(OperationalError("x", {}, _sqlite_error(sqlite3.OperationalError, "database or disk is full",
                                                               13)))
    assert "disk that holds the database is full" in str(full) and "nothing was saved" in str(full)
    io = unavailable(OperationalError("x", {}, _sqlite_error(sqlite3.OperationalError, "disk I/O error", 10)))
    assert "could not be read or written" in str(io) and "try again" in str(io)


def test_postgresql_corrupted_data_is_damage_too():
    class DataCorrupted(Exception):
        sqlstate = "XX001"

    err = damaged(DatabaseError("SELECT 1", {}, DataCorrupted("invalid page in block 7 of relation base/1/2")),
                  parse_url("postgresql://coord@db.site.org/ln"))
    assert isinstance(err, DatabaseDamagedError) and err.path is None
    assert "PostgreSQL: coord@db.site.org/ln" in str(err) and "database administrator" in str(err)
