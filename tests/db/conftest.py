"""Every database test runs twice: on a SQLite file and on the PostgreSQL server of this machine.

PostgreSQL: one uniquely named template database per test session (migrated once), and a fresh
copy of it per test; all are dropped at the end. An unreachable server FAILS the PostgreSQL half
with a message saying how to start it: a silent skip would hide a broken half of the product.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from tests.support.pg_server import admin_connection, database_url

ENGINES = ("sqlite", pytest.param("postgresql", marks=pytest.mark.postgres))


class PgServer:
    """Creates throw-away databases on the test server and drops them all at the end."""

    def __init__(self) -> None:
        self.admin = admin_connection()
        self.prefix = f"ln_test_{os.getpid()}_{secrets.token_hex(3)}"
        self.created: list[str] = []
        self.counter = 0
        self.template = self._create(f"{self.prefix}_tmpl")
        from ln_scheduler.store.database import make_engine
        from ln_scheduler.store.location import parse_url
        from ln_scheduler.store.migrate import upgrade_database

        engine = make_engine(parse_url(self.url(self.template)))
        upgrade_database(engine)
        engine.dispose()

    def _create(self, name: str, template: str | None = None) -> str:
        self.admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.created.append(name)
        return name

    def url(self, name: str) -> str:
        return database_url(name)

    def new_database(self, *, empty: bool = False) -> str:
        """A fresh database: a copy of the migrated template, or an empty one."""
        self.counter += 1
        name = f"{self.prefix}_{self.counter}"
        return self.url(self._create(name, None if empty else self.template))

    def close(self) -> None:
        for name in reversed(self.created):
            self.admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
            self.admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        self.admin.close()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = PgServer()
    yield server
    server.close()


@pytest.fixture(params=ENGINES)
def engine_name(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def db_url(engine_name: str, tmp_path, request: pytest.FixtureRequest) -> str:  # type: ignore[no-untyped-def]
    """A fresh, migrated database of the engine under test."""
    if engine_name == "sqlite":
        return f"sqlite:///{tmp_path / 'site.sqlite3'}"
    return request.getfixturevalue("pg_server").new_database()


@pytest.fixture
def empty_db_url(engine_name: str, tmp_path, request: pytest.FixtureRequest) -> str:  # type: ignore[no-untyped-def]
    """A fresh database with no schema at all (for migration tests)."""
    if engine_name == "sqlite":
        return f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    return request.getfixturevalue("pg_server").new_database(empty=True)


class FixedClock:
    """The services' clock, set by the test (site time zone America/New_York by default)."""

    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2027, 3, 10, 15, 0, tzinfo=UTC))  # 10:00 in New York: today 2027-03-10


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
