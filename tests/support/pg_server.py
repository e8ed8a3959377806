"""Where the test PostgreSQL server is, and one way to reach it, for every test that needs it.

``LN_TEST_PG_HOST`` / ``_PORT`` / ``_USER`` / ``_DB`` (the maintenance database the tests connect to
in order to create and drop their own) override the defaults of this machine. An unreachable
server FAILS the test with what to do: a silent skip would hide a broken half of the product.

Databases for the tests (``PgServer``): per process one template, migrated once; each test gets a
database equal to a fresh copy of it. A copy (``CREATE DATABASE ... TEMPLATE``) writes some 8 MB of
WAL and later 8 MB of files, and each drop forces a checkpoint of the whole server: over the
PostgreSQL half of tests/db the server wrote 4.4 GB and forced 258 checkpoints, seconds each when
the disk is busy. So a database a test hands back is **reused** when, and only when, it can be
proven equal to the template again (``PgServer.recycle``; the same run: 1.0 GB, 57 checkpoints):

1. It is renamed to a new name (``ALTER DATABASE ... RENAME``). PostgreSQL refuses that while any
   session (or prepared transaction) is still on the database: a test that leaked a connection
   never shares its database, and a connection or engine a test left behind can no more reach the
   next test's database by its old name than it could reach a dropped one. What the application
   keeps about a database outside it, by its location (a workstation's audit checkpoint), is a new
   database's too.
2. Its data is put back (``reset_database``): in one transaction with
   ``session_replication_role = replica`` (the audit tables' triggers refuse TRUNCATE in ordinary
   sessions) every table is truncated (new empty files: the same physical state as the template's),
   the template's own rows (``alembic_version``, the audit chain's genesis head) are copied back in
   their order, every sequence is set to the template's value, the column statistics ANALYZE made
   of the tests' rows are deleted; then the database's statistics counters are zeroed
   (``pg_stat_reset``: autovacuum sees no past activity, as on a new database).
3. It is compared with the template (``differences``), and dropped as before if anything differs
   or any step failed:
   - schema: every database-local system catalog (tables, columns, types, defaults, constraints,
     indexes, triggers and their enabled state, functions and their source, sequences' settings,
     views, rules, policies, grants and owners, schemas, extensions, comments, large objects...;
     the catalogs are listed from ``pg_catalog`` itself, so a new server version's are included).
     Cheaply first: the row versions (``xmin``) of each catalog; a catalog row written or deleted
     since the copy changes them. Only a catalog whose versions differ (``pg_class``, whose
     relfilenode TRUNCATE rewrites, or one a test changed and maybe put back) is compared row by
     row, every column but the planner's statistics, freeze horizons and the file name.
   - the database itself: its ``pg_database`` row but name and OID (owner, ACL, connection limit),
     its ``ALTER DATABASE ... SET`` settings, shared dependencies, comments, replication slots.
   - data: every table's rows, every sequence's value, the planner's page and row counts, no
     column statistics.
   A template with its own sessions cannot be copied, so its state is read once, before the first
   copy (``TemplateState``).

Only copies of the migrated template are reused. ``empty`` databases (migration tests) and copies of
another database (the demo site's) are made new and dropped after their test, as before. Where a
reset cannot run (a server user that may not set ``session_replication_role`` or call
``pg_stat_reset``), every database is dropped and a fresh copy made, as before.
"""

from __future__ import annotations

import os
import queue
import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

import pytest

from tests.support.run_files import run_folder

PG_HOST = os.environ.get("LN_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("LN_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("LN_TEST_PG_USER", "postgres")
PG_ADMIN_DB = os.environ.get("LN_TEST_PG_DB", "test")


def database_url(name: str) -> str:
    return f"postgresql://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"


def connect(name: str) -> Any:
    """A psycopg connection (autocommit) to database ``name`` of the test server."""
    import psycopg

    _note_server_used()
    return psycopg.connect(host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=name, autocommit=True,
                           connect_timeout=5)


def admin_connection() -> Any:
    """An autocommit connection to the maintenance database, for CREATE / DROP DATABASE."""
    import psycopg

    try:
        return connect(PG_ADMIN_DB)
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
                    admin = connect(PG_ADMIN_DB)
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


#: Catalogs shared by every database of the server that a run writes a row version into for each
#: database it makes and drops (``pg_database``, ``pg_shdepend``, the ``ALTER DATABASE ... SET`` of
#: ``pg_db_role_setting``) or role the role tests make (``pg_authid``, ``pg_auth_members``).
SHARED_CATALOGS = ("pg_database", "pg_shdepend", "pg_db_role_setting", "pg_authid", "pg_auth_members")
#: Made by the first connection of any process of the run: the run used the server.
_SERVER_USED = run_folder() / "postgresql-used"
_server_used_noted = False


def _note_server_used() -> None:
    """Mark the run as one that used the server (its end vacuums the shared catalogs), once per process."""
    global _server_used_noted
    if not _server_used_noted:
        _SERVER_USED.touch()
        _server_used_noted = True


def vacuum_shared_catalogs() -> str | None:
    """VACUUM the shared catalogs a run bloats, if this run used the server; why not, if it could not.

    A run makes and drops some 300 databases. Where autovacuum is off (this machine's server has
    ``autovacuum = off``) their dead row versions stay in ``pg_database``, ``pg_shdepend`` and
    ``pg_db_role_setting`` for good, and every new connection, ``CREATE DATABASE`` and ``DROP
    DATABASE`` reads past them: after about ten runs (4,519 dead versions in ``pg_database``, 3,640
    in ``pg_shdepend``) the everyday command took 130 s instead of 121 s, measured back to back
    around a VACUUM. A run leaves the server as it found it. VACUUM of a shared catalog needs a
    superuser (``LN_TEST_PG_USER``); another user's run skips it and says so."""
    if not _SERVER_USED.exists():
        return None
    import psycopg

    try:
        with connect(PG_ADMIN_DB) as admin:
            if not admin.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0]:
                return f"{PG_USER} is not a superuser: the shared catalogs were not vacuumed"  # VACUUM only warns
            for catalog in SHARED_CATALOGS:
                admin.execute(f"VACUUM {catalog}")
    except psycopg.Error as exc:
        return f"could not VACUUM the shared catalogs ({exc})"
    return None


#: ``LN_TEST_PG_SYNC_COMMIT=on`` keeps the server's default (wait for the WAL flush at every commit).
SYNC_COMMIT_VARIABLE = "LN_TEST_PG_SYNC_COMMIT"

# -- what a database is, compared with the template (module docstring, step 3) --------------------

#: Catalog columns that change with no change of schema: the planner's statistics and the freeze
#: horizons (VACUUM and ANALYZE write them in place, without a new row version) and the file a
#: relation's data is in (TRUNCATE gives it a new one). The planner's counts of the tables' own
#: relations are compared with the data instead.
_VOLATILE = {"pg_class": frozenset({"relpages", "reltuples", "relallvisible", "relfrozenxid", "relminmxid",
                                    "relfilenode"}),
             "pg_database": frozenset({"oid", "datname", "datfrozenxid", "datminmxid"})}
#: Catalogs of data, not schema: column statistics (of the tests' rows: the reset deletes those of the
#: tables, and the data comparison counts them) and the contents of large objects (whether any
#: exist is ``pg_largeobject_metadata``, compared).
_DATA_CATALOGS = ("pg_statistic", "pg_statistic_ext_data", "pg_largeobject")
#: The relations of the database's own schemas (not the system's, not another session's temporary ones).
_USER_NAMESPACES = ("SELECT oid FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') "
                    "AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%'")


def _row_text(alias: str, columns: list[str]) -> str:
    return "ROW(" + ", ".join(f"{alias}.{column}" for column in columns) + ")::text"


def _digest(expression: str) -> str:
    """An SQL aggregate: the rows' count and an MD5 of their texts in order (equal sets, equal digests)."""
    return f"count(*) || ':' || md5(coalesce(string_agg({expression}, E'\\n' ORDER BY {expression}), ''))"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class _Queries:
    """The comparison's queries, written from the server's own list of its catalogs and the
    template's tables. Each returns (what, text) rows."""

    versions: str  #: catalog -> digest of its rows' xmin: a row written or deleted since the copy shows
    contents: dict[str, str]  #: catalog -> query of the digest of its rows, volatile columns left out
    database: str  #: the database's own rows in the cluster-wide catalogs
    data: str  #: every table's rows, every sequence's value, the planner's counts, column statistics
    tables: tuple[str, ...]  #: the user tables, qualified and quoted
    sequences: tuple[str, ...]
    relations: str  #: the oids of every relation of the user schemas (for pg_statistic)

    @classmethod
    def read(cls, conn: Any) -> _Queries:
        catalogs = conn.execute(
            "SELECT c.relname, array_agg(quote_ident(a.attname) ORDER BY a.attnum) FROM pg_class c "
            "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped "
            "WHERE c.relnamespace = 'pg_catalog'::regnamespace AND c.relkind = 'r' "
            "AND (NOT c.relisshared OR c.relname = 'pg_database') AND c.relname <> ALL(%s) "
            "GROUP BY c.relname ORDER BY 1", (list(_DATA_CATALOGS),)).fetchall()
        kept = {name: [column for column in columns if column not in _VOLATILE.get(name, ())]
                for name, columns in catalogs}
        database_columns = kept.pop("pg_database")
        contents = {name: f"SELECT {_digest(_row_text('t', columns))} FROM pg_catalog.{name} t"
                    for name, columns in kept.items()}
        versions = " UNION ALL ".join(f"SELECT '{name}', {_digest('t.xmin::text')} FROM pg_catalog.{name} t"
                                      for name in contents)
        this = "(SELECT oid FROM pg_database WHERE datname = current_database())"
        shdepend = _row_text("s", ["classid", "objid", "objsubid", "refclassid", "refobjid", "deptype"])
        database = " UNION ALL ".join([
            f"SELECT 'pg_database', {_row_text('d', database_columns)} FROM pg_database d WHERE d.oid = {this}",
            "SELECT 'ALTER DATABASE ... SET', coalesce(string_agg(s.setrole::text || '=' || s.setconfig::text, ' ' "
            f"ORDER BY s.setrole), '') FROM pg_db_role_setting s WHERE s.setdatabase = {this}",
            f"SELECT 'pg_shdepend', {_digest(shdepend)} FROM pg_shdepend s WHERE s.dbid = {this}",
            f"SELECT 'pg_shdescription', {_digest('s.description')} FROM pg_shdescription s WHERE s.objoid = {this}",
            f"SELECT 'pg_shseclabel', {_digest('s.label')} FROM pg_shseclabel s WHERE s.objoid = {this}",
            f"SELECT 'replication slots', count(*)::text FROM pg_replication_slots s WHERE s.datoid = {this}",
            f"SELECT 'subscriptions', count(*)::text FROM pg_subscription s WHERE s.subdbid = {this}",
        ])
        relations = f"SELECT c.oid FROM pg_class c WHERE c.relnamespace IN ({_USER_NAMESPACES})"
        found = conn.execute(
            "SELECT c.relkind, format('%I.%I', n.nspname, c.relname) FROM pg_class c "
            f"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.oid IN ({_USER_NAMESPACES}) "
            "AND c.relkind IN ('r', 'p', 'S') ORDER BY 2").fetchall()
        tables = tuple(name for kind, name in found if kind in ("r", "p"))
        sequences = tuple(name for kind, name in found if kind == "S")
        planner = _row_text("c", ["relname", "relkind", "relpages", "reltuples", "relallvisible"])
        data = " UNION ALL ".join(
            [f"SELECT {_literal(table)}, {_digest('t::text')} FROM {table} t" for table in tables]
            + [f"SELECT {_literal(sequence)}, last_value::text || ' ' || is_called::text FROM {sequence}"
               for sequence in sequences]
            + [f"SELECT 'planner counts (pg_class)', {_digest(planner)} FROM pg_class c "
               f"WHERE c.relnamespace IN ({_USER_NAMESPACES})",
               "SELECT 'column statistics (pg_statistic)', count(*)::text FROM pg_statistic "
               f"WHERE starelid IN ({relations})"])
        return cls(versions, contents, database, data, tables, sequences, relations)


@dataclass(frozen=True)
class TemplateState:
    """What a database must be to pass for a fresh copy of the template, read from the template once
    (no session may be on a template while it is copied): its catalogs, its database-level
    settings, its rows and sequences, and the queries that read the same of another database."""

    queries: _Queries
    versions: dict[str, str]
    contents: dict[str, str]
    database: dict[str, str]
    data: dict[str, str]
    rows: dict[str, bytes]  #: table -> its rows (COPY, binary, in their order), for the tables that have any
    sequences: dict[str, tuple[int, bool]]  #: sequence -> (last_value, is_called)
    planner: tuple[list[int], list[int], list[float], list[int]]  #: oid, relpages, reltuples, relallvisible

    @classmethod
    def read(cls, name: str) -> TemplateState:
        with connect(name) as conn:
            queries = _Queries.read(conn)
            data = dict(conn.execute(queries.data).fetchall())
            rows = {}
            for table in queries.tables:
                if not data[table].startswith("0:"):
                    with conn.cursor().copy(f"COPY {table} TO STDOUT (FORMAT binary)") as copy:
                        rows[table] = b"".join(bytes(block) for block in copy)
            return cls(queries, dict(conn.execute(queries.versions).fetchall()),
                       {name: conn.execute(query).fetchone()[0] for name, query in queries.contents.items()},
                       dict(conn.execute(queries.database).fetchall()), data, rows,
                       {sequence: conn.execute(f"SELECT last_value, is_called FROM {sequence}").fetchone()
                        for sequence in queries.sequences},
                       conn.execute("SELECT array_agg(oid ORDER BY oid), array_agg(relpages ORDER BY oid), "
                                    "array_agg(reltuples ORDER BY oid), array_agg(relallvisible ORDER BY oid) "
                                    f"FROM pg_class WHERE oid IN ({queries.relations})").fetchone())


def differences(conn: Any, template: TemplateState) -> list[str]:
    """How the database of ``conn`` differs from the template (module docstring, step 3); none: it
    passes for a fresh copy. Only the catalogs whose row versions changed are compared row by row."""
    found = []
    versions = dict(conn.execute(template.queries.versions).fetchall())
    for catalog, query in template.queries.contents.items():
        if versions[catalog] != template.versions[catalog] and conn.execute(query).fetchone()[0] != \
                template.contents[catalog]:
            found.append(f"schema: {catalog} differs")
    for what, expected, actual in _compare(template.database, dict(conn.execute(template.queries.database).fetchall())):
        found.append(f"database: {what} is {actual!r}, not {expected!r}")
    for what, expected, actual in _compare(template.data, dict(conn.execute(template.queries.data).fetchall())):
        found.append(f"data: {what} is {actual!r}, not {expected!r}")
    return found


def _compare(expected: dict[str, str], actual: dict[str, str]) -> list[tuple[str, str | None, str | None]]:
    return [(key, expected.get(key), actual.get(key)) for key in sorted(expected.keys() | actual.keys())
            if expected.get(key) != actual.get(key)]


def reset_database(conn: Any, template: TemplateState) -> list[str]:
    """Put the template's data back in the database of ``conn`` (which no other session may use) and
    say how it still differs from the template (``differences``): none, and it is as good as a
    fresh copy. Raises what the server raises if it refuses (a trigger that fires always, a user
    who may not switch the triggers off)."""
    queries = template.queries
    with conn.transaction():
        # the audit tables' triggers refuse TRUNCATE in an ordinary session; this one is not
        conn.execute("SET LOCAL session_replication_role = replica")
        conn.execute("SET LOCAL lock_timeout = '10s'")  # a lock left by nobody should not hang the run
        # only the tables written since the last reset: a table without a single page was never
        # written to (any row, even rolled back, takes a page); each table truncated costs a new
        # file and an fsync for each of its indexes. CASCADE: with the empty tables that refer to them.
        written = [table for table, in conn.execute(
            "SELECT t FROM unnest(%s::text[]) AS t WHERE pg_relation_size(t::regclass) > 0", (list(queries.tables),))]
        if written:
            conn.execute(f"TRUNCATE {', '.join(written)} CASCADE")
        for table, rows in template.rows.items():
            with conn.cursor().copy(f"COPY {table} FROM STDIN (FORMAT binary)") as copy:
                copy.write(rows)
        for sequence, (last_value, is_called) in template.sequences.items():
            conn.execute("SELECT setval(%s::regclass, %s, %s)", (sequence, last_value, is_called))
        conn.execute(f"DELETE FROM pg_statistic WHERE starelid IN ({queries.relations})")
        # TRUNCATE leaves the indexes' page and row counts at 0 and -1 ("never counted"), the
        # template has 1 and 0 (counted when made): the planner's view of them, as the template's
        # (PostgreSQL 18 has pg_restore_relation_stats for this)
        conn.execute("UPDATE pg_class c SET relpages = t.relpages, reltuples = t.reltuples, "
                     "relallvisible = t.relallvisible FROM unnest(%s::oid[], %s::int[], %s::real[], %s::int[]) "
                     "AS t(oid, relpages, reltuples, relallvisible) WHERE c.oid = t.oid "
                     "AND (c.relpages, c.reltuples, c.relallvisible) IS DISTINCT FROM "
                     "(t.relpages, t.reltuples, t.relallvisible)", template.planner)
    # the activity counters (autovacuum's), zero as on a new database: this session's first
    conn.execute("SELECT pg_stat_force_next_flush()")  # (flushed as the session goes idle)
    conn.execute("SELECT pg_stat_reset()")
    return differences(conn, template)


class PgServer:
    """Throw-away databases on the test server: one template per process (test session, or xdist
    worker), migrated once; for each test a database equal to a fresh copy of it: a copy
    (``CREATE DATABASE ... TEMPLATE``: a file copy, no migrations) or one a test handed back
    (``release``) and that was put back (module docstring). Made or put back on a thread ahead of
    the tests (``_Pool``); dropped at ``close``, or when a test hands it back changed. Names carry the
    process id and a random tag, so parallel workers and runs never share one.

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
        self.pool: _Pool | None = None
        self.copies: set[str] = set()  #: copies of the template handed to tests: put back when released
        self.reused = 0  #: databases put back and handed out again
        self.refused: list[str] = []  #: "name: why" of each database handed back and dropped instead
        self.reusing = True  #: False once the server refused the reset (a user who is not a superuser)
        from ln_scheduler.store.database import make_engine
        from ln_scheduler.store.location import parse_url
        from ln_scheduler.store.migrate import upgrade_database

        engine = make_engine(parse_url(self.url(self.template)))
        upgrade_database(engine)
        engine.dispose()
        self.template_state = TemplateState.read(self.template)

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
        """A fresh database: the migrated template's (a copy, or one put back to it), a copy of
        database ``template`` (which no session may be using), or an empty one.

        Those of the migrated template are made or put back ahead, on a thread (``_Pool``): the one a
        test gets was ready while the test before it ran (``CREATE DATABASE`` waits for the server to
        write some 8 MB: 0.05-0.4 s a test on a busy machine, at every PostgreSQL test)."""
        if empty or template is not None:
            return self.url(self._create(self._next_name(), None if empty else template))
        if self.pool is None:
            self.pool = _Pool(self)
        name = self.pool.take()
        with self.lock:
            self.copies.add(name)
        return self.url(name)

    def release(self, url: str) -> None:
        """The test is done with this database: put back to the template's state for another test
        (a copy of the migrated template: ``recycle``, on the pool's thread) or dropped in the
        background (``drop_later``)."""
        name = url.rsplit("/", 1)[1]
        with self.lock:
            copy = name in self.copies and self.reusing
            self.copies.discard(name)
            if not copy:
                self.created.remove(name)
        if copy and self.pool is not None:
            self.pool.put_back(name)
        else:
            drop_later(name)

    def recycle(self, name: str, admin: Any) -> str | None:
        """Database ``name`` under a new name, equal to a fresh copy of the template again; or None,
        and it is dropped (in the background), with why in ``refused``. ``admin``: a connection to
        the maintenance database (of the calling thread)."""
        import psycopg

        # A connection the test closed a moment ago may still have its server process, ending; one
        # the test left open does not end (RENAME would wait 5 s for it, then refuse). Autovacuum's
        # workers do not count: RENAME stops them.
        patience = time.monotonic() + 0.5
        while sessions := admin.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND "
                                        "backend_type <> 'autovacuum worker'", (name,)).fetchone()[0]:
            if time.monotonic() > patience:
                self._refuse(name, f"{sessions} session(s) still on it after the test")
                return None
            time.sleep(0.01)
        new = self._next_name()
        try:  # refused while any session or prepared transaction is on the database
            admin.execute(f'ALTER DATABASE "{name}" RENAME TO "{new}"')
        except psycopg.Error as exc:
            self._refuse(name, f"could not rename it ({exc})")
            return None
        with self.lock:
            self.created[self.created.index(name)] = new
        try:
            with connect(new) as conn:
                found = reset_database(conn, self.template_state)
        except psycopg.errors.InsufficientPrivilege as exc:  # LN_TEST_PG_USER is not a superuser
            self.reusing = False  # the next ones are dropped at once, as before
            found = [f"the reset is not allowed ({exc})"]
        except Exception as exc:
            found = [f"the reset failed ({exc})"]
        if found:
            self._refuse(new, "; ".join(found), handed_back=name)
            return None
        with self.lock:
            self.reused += 1
        return new

    def _refuse(self, name: str, why: str, *, handed_back: str | None = None) -> None:
        """Drop database ``name`` (handed back by a test as ``handed_back``) instead of reusing it."""
        with self.lock:
            self.created.remove(name)
            self.refused.append(f"{handed_back or name}: {why}")
        drop_later(name)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.stop()  # those ready or handed back are in ``created``: dropped below
        with self.lock:
            for name in reversed(self.created):
                drop_later(name)
            self.created.clear()
        self.admin.close()


#: A ``_Pool`` job: make a new copy of the template (the other jobs are names of databases to put back).
_MAKE = ""


class _Pool:
    """The databases of a ``PgServer``'s template, ready before the tests ask: a thread of its own
    (its own connection; psycopg waits without the GIL) puts back each database a test hands back
    (``PgServer.recycle``; a new copy when it cannot be) and makes a new copy whenever nothing
    would be ready for the next tests. Each test's database was ready while the tests before it ran;
    in a run of tests that hand theirs back, three databases per process take turns. An error is
    raised by the ``take`` that would have had its database."""

    #: Databases ready or on their way beyond those the tests hold, once tests hand theirs back: a
    #: test as short as a reset (0.05-0.2 s) hands its database back while the one before it is
    #: still being put back. One before (a process that only takes, one database for a module).
    AHEAD = 2

    def __init__(self, server: PgServer):
        self.server = server
        self.jobs: queue.Queue[str | None] = queue.Queue()
        self.ready: queue.Queue[str | BaseException] = queue.Queue()
        self.coming = 0  #: databases ready or on their way to ``ready`` (under ``server.lock``)
        self.handed_back = False  #: whether a test has handed one back yet
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="pg-pool", daemon=True)
        self.thread.start()

    def _ask(self, job: str) -> None:  # under server.lock
        self.coming += 1
        self.jobs.put(job)

    def take(self) -> str:
        with self.server.lock:
            self.coming -= 1  # this one (below 0: none on its way yet, at the first test)
            while self.coming < (self.AHEAD if self.handed_back else 1):
                self._ask(_MAKE)
        made = self.ready.get()
        if isinstance(made, BaseException):
            raise made
        return made

    def put_back(self, name: str) -> None:
        with self.server.lock:
            self.handed_back = True
            self._ask(name)

    def _run(self) -> None:
        admin: Any = None
        try:
            while (job := self.jobs.get()) is not None:
                if self.stopping.is_set():
                    continue  # a database handed back is still in ``created``: ``close`` drops it
                try:
                    if admin is None:
                        admin = admin_connection()
                    made = self.server.recycle(job, admin) if job else None
                    self.ready.put(made or self.server._create(self.server._next_name(), self.server.template, admin))
                except BaseException as exc:  # handed to the test that waits for this database
                    self.ready.put(exc)
        finally:
            if admin is not None:
                admin.close()

    def stop(self) -> None:
        self.stopping.set()
        self.jobs.put(None)
        self.thread.join()
