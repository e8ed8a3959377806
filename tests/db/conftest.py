"""Every database test runs twice: on a SQLite file and on the PostgreSQL server of this machine.

PostgreSQL: one uniquely named template database per test session (migrated once), and a fresh
copy of it per test, dropped in the background as soon as the test is done
(``tests/support/pg_server.py``: ``PgServer``, ``drop_later``). An unreachable server FAILS the PostgreSQL half
with a message saying how to start it: a silent skip would hide a broken half of the product.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.support.clock import FixedClock
from tests.support.pg_server import PgServer

__all__ = ["FixedClock", "PgServer"]  # tests import both from here too

ENGINES = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = PgServer()
    yield server
    server.close()


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    return request.param


def _engine_database(engine_name: str, path: Path, request: pytest.FixtureRequest, *, empty: bool) -> Iterator[str]:
    if engine_name == "sqlite":
        yield f"sqlite:///{path}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    url = server.new_database(empty=empty)
    yield url
    server.release(url)


@pytest.fixture
def db_url(engine_name: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, migrated database of the engine under test."""
    yield from _engine_database(engine_name, tmp_path / "site.sqlite3", request, empty=False)


@pytest.fixture
def empty_db_url(engine_name: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh database with no schema at all (for migration tests)."""
    yield from _engine_database(engine_name, tmp_path / "empty.sqlite3", request, empty=True)


#: The moment of the database tests: 10:00 in New York, today 2027-03-10.
TEST_DAY = datetime(2027, 3, 10, 15, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TEST_DAY)


@pytest.fixture
def svc(db_url: str, clock: FixedClock):  # type: ignore[no-untyped-def]
    from ln_scheduler.services.app import open_services

    services = open_services(db_url, user="alice", workstation="ws-alice", clock=clock)
    yield services
    services.close()


@pytest.fixture(autouse=True)
def _isolated_locations(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """No test reads the developer's settings file or writes into their data directory."""
    monkeypatch.setenv("LN_SCHEDULER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("LN_SCHEDULER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LN_SCHEDULER_DB", raising=False)
