"""Every database test runs twice: on a SQLite file and on the PostgreSQL server of this machine.

PostgreSQL: one uniquely named template database per test session (migrated once), and per test a
database equal to a fresh copy of it: a copy, or one an earlier test handed back, put back to the
template's rows and sequences and compared with the template; one that differs (a test changed its
schema) is dropped in the background (``tests/support/pg_server.py``: ``PgServer``, ``drop_later``).
An unreachable server FAILS the PostgreSQL half with a message saying how to start it: a silent skip
would hide a broken half of the product.

The demo site of the test day (``demo_svc``, ``DemoSites``) is built once per test run on SQLite
(for every worker: ``tests/support/run_files.py``) and once per process on PostgreSQL (some 280
service calls: seconds), and copied for each test that starts from it: a file copy on SQLite,
``CREATE DATABASE ... TEMPLATE`` on PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.clock import FixedClock
from tests.support.pg_server import PgServer
from tests.support.run_files import made_once
from tests.support.sqlite_template import copy_sqlite

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
        if not empty:
            copy_sqlite(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    url = server.new_database(empty=empty)
    yield url
    server.release(url)


@pytest.fixture
def db_url(engine_name: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A fresh, migrated database of the engine under test (a copy of the process's template)."""
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


class DemoSites:
    """The demo site of :data:`TEST_DAY` (``fill_demo_site``), built on each engine the first time a
    test asks for it (on SQLite, the first time any worker of the run asks), then copied: every
    test gets its own copy to read or write."""

    def __init__(self) -> None:
        self.templates: dict[str, str] = {}
        self.summaries: dict[str, Any] = {}  #: what ``fill_demo_site`` returned, by engine

    def copy(self, engine_name: str, request: pytest.FixtureRequest, destination: Path) -> str:
        """The URL of a fresh copy (on PostgreSQL, hand it back with ``PgServer.release``)."""
        if engine_name == "sqlite":
            copy_sqlite(self._sqlite_template(), destination)
            return f"sqlite:///{destination}"
        server: PgServer = request.getfixturevalue("pg_server")
        if "postgresql" not in self.templates:
            self._template("postgresql", server.new_database())
        return server.new_database(template=self.templates["postgresql"].rsplit("/", 1)[1])

    def _sqlite_template(self) -> Path:
        """The SQLite demo file, made once per test run for every worker (``run_files.made_once``),
        with what ``fill_demo_site`` returned beside it."""
        if "sqlite" not in self.templates:
            def make(folder: Path) -> None:
                self._template("sqlite", f"sqlite:///{folder / 'demo.sqlite3'}")
                summary = self.summaries["sqlite"]
                (folder / "summary.json").write_text(json.dumps([summary.participants, summary.by_status]),
                                                     encoding="utf-8")

            from ln_scheduler.services.demo import DemoSummary

            folder = made_once("db-demo-site", make)
            participants, by_status = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
            self.summaries["sqlite"] = DemoSummary(participants, by_status)
            self.templates["sqlite"] = f"sqlite:///{folder / 'demo.sqlite3'}"
        return Path(self.templates["sqlite"].removeprefix("sqlite:///"))

    def _template(self, engine_name: str, url: str) -> str:
        if engine_name not in self.templates:
            from ln_scheduler.services.app import open_services
            from ln_scheduler.services.demo import fill_demo_site

            services = open_services(url, user="alice", workstation="ws-alice", clock=FixedClock(TEST_DAY))
            try:
                self.summaries[engine_name] = fill_demo_site(services)
            finally:
                services.close()  # no session left open on it: PostgreSQL copies only an unused template
            self.templates[engine_name] = url
        return self.templates[engine_name]


@pytest.fixture(scope="session")
def demo_sites() -> DemoSites:
    return DemoSites()


@pytest.fixture
def demo_db_url(engine_name: str, tmp_path: Path, request: pytest.FixtureRequest,
                demo_sites: DemoSites) -> Iterator[str]:
    """A fresh copy of the demo site of the test day (``fill_demo_site`` at :data:`TEST_DAY`)."""
    url = demo_sites.copy(engine_name, request, tmp_path / "demo.sqlite3")
    yield url
    if engine_name != "sqlite":
        request.getfixturevalue("pg_server").release(url)


@pytest.fixture
def demo_svc(demo_db_url: str, clock: FixedClock):  # type: ignore[no-untyped-def]
    """Services on a fresh copy of the demo site (what ``fill_demo_site(svc)`` gives, without the wait)."""
    from ln_scheduler.services.app import open_services

    services = open_services(demo_db_url, user="alice", workstation="ws-alice", clock=clock)
    yield services
    services.close()


@pytest.fixture(autouse=True)
def _isolated_locations(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """No test reads the developer's settings file or writes into their data directory."""
    monkeypatch.setenv("LN_SCHEDULER_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("LN_SCHEDULER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("LN_SCHEDULER_DB", raising=False)
