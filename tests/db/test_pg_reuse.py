"""The PostgreSQL databases the tests reuse (``tests/support/pg_server.py``): one put back after a
test is a fresh copy of the template again, to pg_dump, to the catalogs and to the application;
one whose schema a test changed, or that a test left a session on, is dropped, never handed on."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest

from ln_scheduler.services.app import open_services
from tests.support.pg_server import PG_ADMIN_DB, PG_HOST, PG_PORT, PG_USER, PgServer, TemplateState, connect

from .conftest import TEST_DAY, FixedClock
from .helpers import enrol_worked_example, populate_every_kind_of_record

pytestmark = pytest.mark.postgres


def _name(url: str) -> str:
    return url.rsplit("/", 1)[1]


def _oid(name: str) -> int:
    with connect(PG_ADMIN_DB) as admin:
        return admin.execute("SELECT oid FROM pg_database WHERE datname = %s", (name,)).fetchone()[0]


def _oid_of_any(urls: list[str]) -> int | None:
    """The database OID of the last of ``urls`` (None: no URL yet)."""
    return _oid(_name(urls[-1])) if urls else None


def _kept(server: PgServer, oid: int) -> bool:
    """Whether the server keeps the database of ``oid`` (under any name) to hand to a test."""
    with connect(PG_ADMIN_DB) as admin:
        found = admin.execute("SELECT datname FROM pg_database WHERE oid = %s", (oid,)).fetchone()
    return found is not None and found[0] in server.created


def _dump(name: str) -> str:
    """pg_dump's script of the database (schema, grants, owners, comments, database settings, rows,
    sequences' values), its name replaced."""
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        pytest.fail("pg_dump is not installed (apt-get install postgresql-client)")
    done = subprocess.run([pg_dump, "-h", PG_HOST, "-p", str(PG_PORT), "-U", PG_USER, "--create", "-d", name],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return "".join(line for line in done.stdout.replace(name, "DATABASE").splitlines(keepends=True)
                   if not line.startswith(("\\restrict ", "\\unrestrict ")))  # a random key per dump


def _everything(server: PgServer, name: str) -> dict[str, Any]:
    """What a test could see of database ``name``: pg_dump's script, every table's rows in the order a
    sequential scan reads them, every catalog row but the planner's statistics (``TemplateState``),
    what the application reads at open, the next value of every sequence (taken: call it last)."""
    state = TemplateState.read(name)
    seen: dict[str, Any] = {"pg_dump": _dump(name), "contents": state.contents, "database": state.database,
                            "data": state.data, "rows": state.rows, "sequences": state.sequences,
                            "planner": state.planner}
    with open_services(server.url(name), user="alice", workstation="ws-alice", clock=FixedClock(TEST_DAY)) as svc:
        seen["app"] = (svc.site(), svc.participants(), svc.audit(), svc.verify_audit().ok)
    with connect(name) as conn:
        for table in state.queries.tables:
            seen[table] = conn.execute(f"SELECT * FROM {table}").fetchall()
        for sequence in state.queries.sequences:
            seen[sequence] = conn.execute("SELECT nextval(%s::regclass)", (sequence,)).fetchone()
    return seen


@pytest.fixture
def fresh(pg_server: PgServer) -> Iterator[str]:
    """The name of a new copy of the migrated template (never one put back)."""
    url = pg_server.new_database(template=pg_server.template)
    yield _name(url)
    pg_server.release(url)


@pytest.fixture
def copy(pg_server: PgServer) -> str:
    """The name of a new copy of the migrated template, for the test to change and ``recycle`` (which
    renames or drops it: the test hands back only what ``recycle`` returns)."""
    return _name(pg_server.new_database(template=pg_server.template))


def _recycle(server: PgServer, name: str) -> str | None:
    return server.recycle(name, server.admin)


def _why(server: PgServer, name: str) -> str:
    """Why ``recycle`` dropped database ``name`` instead of putting it back ("" if it did not)."""
    return "; ".join(entry for entry in server.refused if entry.startswith(f"{name}: "))


def _assert_put_back_as_fresh(server: PgServer, name: str, fresh: str) -> None:
    """``name`` is put back (not dropped) and then equal to the fresh copy ``fresh`` in every way."""
    back = _recycle(server, name)
    assert back is not None, _why(server, name)
    try:
        assert _everything(server, back) == _everything(server, fresh)
    finally:
        server.release(server.url(back))


def test_a_database_put_back_after_a_site_in_use_is_a_fresh_copy_again(pg_server, fresh, clock):
    url = pg_server.new_database()
    with open_services(url, user="alice", workstation="ws-alice", clock=clock) as svc:
        populate_every_kind_of_record(svc)
    used = _name(url)
    with connect(used) as conn:  # what the site does not hold yet, and what a test leaves besides rows
        conn.execute("INSERT INTO doses (participant_pk, number, given_on) "
                     "SELECT id, 2, '2027-03-01' FROM participants WHERE study_id = '104-001'")
        conn.execute("INSERT INTO site_closures (closed_on, reason) VALUES ('2027-12-25', 'Christmas')")
        conn.execute("INSERT INTO calendar_targets (url, pending, failures) VALUES ('https://cal.example/x', 3, 1)")
        conn.execute("INSERT INTO calendar_outbox (uid, generation, enqueued_at, attempts) "
                     "VALUES ('u1', 1, now(), 0)")
        with pytest.raises(Exception, match="rolled back"), conn.transaction():
            conn.execute("INSERT INTO site_closures (closed_on, reason) VALUES ('2027-12-26', 'Boxing Day')")
            raise RuntimeError("rolled back")  # a row version nobody sees, on a page
        conn.execute("ANALYZE")  # column statistics of the demo's rows, pages and row counts
        empty = [table for table in pg_server.template_state.queries.tables
                 if not conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]]
    assert empty == [], "give every table rows above, so that the test shows each one put back"

    _assert_put_back_as_fresh(pg_server, used, fresh)


def test_the_pool_hands_a_database_back_to_the_next_tests_equal_to_a_fresh_copy(pg_server, fresh, clock):
    url = pg_server.new_database()
    oid = _oid(_name(url))
    with open_services(url, user="alice", workstation="ws-alice", clock=clock) as svc:
        enrol_worked_example(svc)
    reused = pg_server.reused
    pg_server.release(url)
    taken = []
    try:
        while _oid_of_any(taken) != oid and len(taken) < 4:  # the pool hands out in turn: at most 3 ahead
            taken.append(pg_server.new_database())
        assert _oid_of_any(taken) == oid, pg_server.refused[-3:]
        assert pg_server.reused > reused
        again = next(_name(t) for t in taken if _oid(_name(t)) == oid)
        assert again != _name(url)  # renamed: whatever still knows the old name cannot reach it
        assert _everything(pg_server, again) == _everything(pg_server, fresh)
    finally:
        for t in taken:
            pg_server.release(t)


#: Changes a test may make to its database's schema, and the catalog that shows each.
SCHEMA_CHANGES = {
    "trigger dropped": (["DROP TRIGGER trg_audit_log_no_update ON audit_log"], "pg_trigger"),
    "trigger disabled": (["ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_no_update"], "pg_trigger"),
    "trigger function replaced": (["CREATE OR REPLACE FUNCTION ln_audit_append_only() RETURNS trigger "
                                   "LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$"], "pg_proc"),
    "grant": (["GRANT SELECT ON visits TO PUBLIC"], "pg_class"),
    "revoke": (["REVOKE USAGE ON SCHEMA public FROM PUBLIC"], "pg_namespace"),
    "column default": (["ALTER TABLE site_closures ALTER COLUMN reason SET DEFAULT 'closed'"], "pg_attrdef"),
    "index": (["CREATE INDEX ix_test ON participants (status, id)"], "pg_index"),
    "table": (["CREATE TABLE invoices (id integer)"], "pg_class"),
    "comment": (["COMMENT ON TABLE visits IS 'visits'"], "pg_description"),
    "database setting": (["ALTER DATABASE {database} SET work_mem = '8MB'"], "ALTER DATABASE ... SET"),
    "database grant": (["GRANT CONNECT ON DATABASE {database} TO PUBLIC"], "pg_database"),
    "temporary table": (["CREATE TEMPORARY TABLE scratch (x integer)"], "pg_namespace"),
}


@pytest.mark.parametrize("change", SCHEMA_CHANGES.values(), ids=SCHEMA_CHANGES.keys())
def test_a_database_whose_schema_a_test_changed_is_dropped_not_reused(pg_server, copy, change):
    statements, shown_by = change
    oid = _oid(copy)
    with connect(copy) as conn:
        for statement in statements:
            conn.execute(statement.format(database=f'"{copy}"'))
    assert _recycle(pg_server, copy) is None
    assert shown_by in _why(pg_server, copy)
    assert _kept(pg_server, oid) is False  # being dropped


def test_triggers_disabled_and_enabled_again_are_the_template_s_and_the_database_is_reused(pg_server, copy, fresh):
    with connect(copy) as conn:  # the careful attacker of test_tamper_catalogue.py
        for table in ("audit_log", "audit_head"):
            conn.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        conn.execute("DELETE FROM audit_head")
        for table in ("audit_log", "audit_head"):
            conn.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    _assert_put_back_as_fresh(pg_server, copy, fresh)


def test_a_database_a_test_left_a_session_on_is_dropped_not_reused(pg_server, copy):
    oid = _oid(copy)
    left_open = connect(copy)
    try:
        assert _recycle(pg_server, copy) is None
        assert "still on it" in _why(pg_server, copy)
        assert _kept(pg_server, oid) is False  # being dropped: DROP ... WITH (FORCE) ends the session
    finally:
        left_open.close()


@pytest.mark.parametrize("kind", ["empty", "copy of another database"])
def test_empty_databases_and_copies_of_other_databases_are_dropped_after_their_test(pg_server, copy, kind):
    url = pg_server.new_database(empty=True) if kind == "empty" else pg_server.new_database(template=copy)
    oid = _oid(_name(url))
    pg_server.release(url)
    assert _kept(pg_server, oid) is False  # being dropped: one put back would be kept, renamed
    pg_server.release(pg_server.url(copy))


def test_the_run_vacuums_the_shared_catalogs_its_databases_bloat(monkeypatch, tmp_path):
    """The server here runs with autovacuum off: the dead row versions each database made and
    dropped leaves in pg_database stay until a VACUUM, and every connection reads past them. The
    run's end (tests/conftest.py) vacuums them, and touches no server when the run used none."""
    import tests.support.pg_server as pg

    def vacuumed() -> dict[str, Any]:
        with connect(PG_ADMIN_DB) as admin:
            return dict(admin.execute("SELECT relname, vacuum_count FROM pg_stat_sys_tables "
                                      "WHERE relname = ANY(%s)", (list(pg.SHARED_CATALOGS),)).fetchall())

    before = vacuumed()
    probe = f"ln_test_vacuum_probe_{os.getpid()}"
    with connect(PG_ADMIN_DB) as admin:
        admin.execute(f'CREATE DATABASE "{probe}"')
        admin.execute(f'DROP DATABASE "{probe}"')
    assert pg.vacuum_shared_catalogs() is None
    after = vacuumed()
    assert set(after) == set(pg.SHARED_CATALOGS)
    assert all(after[c] > before.get(c, 0) for c in pg.SHARED_CATALOGS), (before, after)

    monkeypatch.setattr(pg, "_SERVER_USED", tmp_path / "postgresql-used")  # a run that used no server
    monkeypatch.setattr(pg, "connect", lambda name: pytest.fail("connected to a server the run did not use"))
    assert pg.vacuum_shared_catalogs() is None
