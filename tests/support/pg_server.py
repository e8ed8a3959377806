"""Where the test PostgreSQL server is, and one way to reach it, for every test that needs it.

``LN_TEST_PG_HOST`` / ``_PORT`` / ``_USER`` / ``_DB`` (the maintenance database the tests connect to
in order to create and drop their own) override the defaults of this machine. An unreachable
server FAILS the test with what to do: a silent skip would hide a broken half of the product.
"""

from __future__ import annotations

import os
import queue
import secrets
import threading
from typing import Any

import pytest

PG_HOST = os.environ.get("LN_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("LN_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("LN_TEST_PG_USER", "postgres")
PG_ADMIN_DB = os.environ.get("LN_TEST_PG_DB", "test")


def database_url(name: str) -> str:
    return f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


def admin_connection() -> Any:
    """An autocommit connection to the maintenance database, for CREATE / DROP DATABASE."""
    import psycopg

    try:
        return psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_ADMIN_DB, autocommit=True,
                               connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(
            f"PostgreSQL is not reachable at {PG_USER}@{PG_HOST}:{PG_PORT}/{PG_ADMIN_DB} ({exc}). The database "
            "tests run on SQLite AND PostgreSQL: start the server (.ci/run does, or `pg_ctlcluster "
            "--skip-systemctl-redirect $(ls /etc/postgresql) main start`) and run the tests again.",
            pytrace=False,
        )


class _Dropper:
    """Drops test databases on a background thread while the tests go on.

    PostgreSQL 15 forces an immediate checkpoint on every ``DROP DATABASE`` (it waits for the
    dirty pages of the whole cluster to reach the disk): 0.1 s on a quiet machine, seconds when the
    disk is busy. Dropped one by one at the end of the run, 400 databases made a 133 s tail (over
    10 minutes on a busy machine). Here each database is dropped as soon as its test is done, on a
    thread of its own (psycopg waits without the GIL), so the checkpoints overlap the next tests
    and the run ends with at most the last few still to drop (``wait_for_drops``).
    """

    def __init__(self) -> None:
        self.queue: queue.Queue[str | None] = queue.Queue()
        self.errors: list[str] = []
        self.thread = threading.Thread(target=self._run, name="pg-dropper", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        admin: Any = None
        while (name := self.queue.get()) is not None:
            try:
                if admin is None:
                    import psycopg

                    admin = psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_ADMIN_DB,
                                            autocommit=True, connect_timeout=5)
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # ends sessions left open
            except Exception as exc:  # reported at the end of the run, never lost
                self.errors.append(f"{name}: {exc}")
        if admin is not None:
            admin.close()

    def finish(self) -> list[str]:
        self.queue.put(None)
        self.thread.join()
        return self.errors


_dropper: _Dropper | None = None
_dropper_lock = threading.Lock()


def drop_later(name: str) -> None:
    """Drop database ``name`` soon, on the background thread (started on first use)."""
    global _dropper
    with _dropper_lock:
        if _dropper is None:
            _dropper = _Dropper()
    _dropper.queue.put(name)


def wait_for_drops() -> list[str]:
    """Wait until every database handed to ``drop_later`` is dropped (end of the test run); the
    databases that could not be dropped, with why (a killed run may leave them: README of tests)."""
    global _dropper
    with _dropper_lock:
        dropper, _dropper = _dropper, None
    return dropper.finish() if dropper is not None else []


#: ``LN_TEST_PG_SYNC_COMMIT=on`` keeps the server's default (wait for the WAL flush at every commit).
SYNC_COMMIT_VARIABLE = "LN_TEST_PG_SYNC_COMMIT"


class PgServer:
    """Throw-away databases on the test server: one template per process (test session, or xdist
    worker), migrated once; a copy of it per test (``CREATE DATABASE ... TEMPLATE``: a file copy,
    no migrations), dropped as soon as it is released (``release``), the rest at ``close``.
    Names carry the process id and a random tag, so parallel workers and runs never share one.

    Every database made here has ``synchronous_commit = off`` (``ALTER DATABASE ... SET``, which a
    copy does not inherit, so set on each): a commit returns before its WAL reaches the disk, which
    loses nothing unless the server itself crashes, and no test crashes the server (the crash tests
    kill clients: a commit acknowledged is in the server's WAL buffers, seen by every later session).
    Measured here (2 cores, busy): a one-row commit 0.7-2.4 ms with the default, 0.2-0.4 ms without
    the wait for the WAL flush; the demo site (276 commits) about 0.5 s of its 6 s. Whole test files
    vary more than that between runs on a busy machine. ``LN_TEST_PG_SYNC_COMMIT=on`` keeps the
    server's setting (to time it, or to test on a server with other durability settings)."""

    def __init__(self) -> None:
        self.admin = admin_connection()
        self.prefix = f"ln_test_{os.getpid()}_{secrets.token_hex(3)}"
        self.created: list[str] = []
        self.counter = 0
        self.lock = threading.Lock()
        self.template = self._create(f"{self.prefix}_tmpl")
        self.maker: _Maker | None = None
        from ln_scheduler.store.database import make_engine
        from ln_scheduler.store.location import parse_url
        from ln_scheduler.store.migrate import upgrade_database

        engine = make_engine(parse_url(self.url(self.template)))
        upgrade_database(engine)
        engine.dispose()

    def _create(self, name: str, template: str | None = None, admin: Any = None) -> str:
        admin = admin or self.admin
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        with self.lock:
            self.created.append(name)
        if os.environ.get(SYNC_COMMIT_VARIABLE) != "on":
            admin.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
        return name

    def _next_name(self) -> str:
        with self.lock:
            self.counter += 1
            return f"{self.prefix}_{self.counter}"

    def url(self, name: str) -> str:
        return database_url(name)

    def new_database(self, *, empty: bool = False, template: str | None = None) -> str:
        """A fresh database: a copy of the migrated template (or of database ``template``, which no
        session may be using), or an empty one.

        Copies of the migrated template are made one ahead, on a thread (``_Maker``): the copy a
        test gets was made while the test before it ran (``CREATE DATABASE`` waits for the server
        to write some 8 MB: 0.05-0.4 s a test on a busy machine, at every PostgreSQL test)."""
        if empty or template is not None:
            return self.url(self._create(self._next_name(), None if empty else template))
        if self.maker is None:
            self.maker = _Maker(self)
        return self.url(self.maker.take())

    def release(self, url: str) -> None:
        """The test is done with this database: drop it in the background (``drop_later``)."""
        name = url.rsplit("/", 1)[1]
        with self.lock:
            self.created.remove(name)
        drop_later(name)

    def close(self) -> None:
        if self.maker is not None:
            self.maker.stop()  # the copy made ahead is in ``created``: dropped below
        with self.lock:
            for name in reversed(self.created):
                drop_later(name)
            self.created.clear()
        self.admin.close()


class _Maker:
    """Makes the next copy of a ``PgServer``'s template on a thread of its own (its own connection;
    psycopg waits without the GIL), one ahead of the tests: ``take`` hands over the one made and
    asks for the next. An error is raised by the ``take`` that would have had its database."""

    def __init__(self, server: PgServer):
        self.server = server
        self.ready: queue.Queue[str | BaseException] = queue.Queue()
        self.wanted = threading.Semaphore(1)
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="pg-maker", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        admin: Any = None
        try:
            while True:
                self.wanted.acquire()
                if self.stopping.is_set():
                    return
                try:
                    if admin is None:
                        admin = admin_connection()
                    self.ready.put(self.server._create(self.server._next_name(), self.server.template, admin))
                except BaseException as exc:  # handed to the test that waits for this database
                    self.ready.put(exc)
        finally:
            if admin is not None:
                admin.close()

    def take(self) -> str:
        made = self.ready.get()
        self.wanted.release()  # the next one, made while this one's test runs
        if isinstance(made, BaseException):
            raise made
        return made

    def stop(self) -> None:
        self.stopping.set()
        self.wanted.release()
        self.thread.join()
