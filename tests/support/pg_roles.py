"""A PostgreSQL database set up with the shipped roles script, as a site's administrator would:
``ln-scheduler db roles-sql`` printed with this run's own names, run by psql as the superuser,
the owner's first start creating the tables, the script run again to grant them. Roles are
cluster-wide, so their names are unique per run and they are dropped afterwards with the database.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.support.pg_server import PG_ADMIN_DB, PG_HOST, PG_PORT, PG_USER, admin_connection


@dataclass(frozen=True)
class RolesSite:
    database: str
    owner: str
    coordinator: str
    monitor: str
    script: Path  # the rendered script, as psql ran it

    def url(self, role: str) -> str:
        return f"postgresql://{role}@{PG_HOST}:{PG_PORT}/{self.database}"

    def connect(self, role: str, *, autocommit: bool = True) -> Any:
        """A psycopg connection as ``role`` (the superuser when ``role`` is PG_USER)."""
        import psycopg

        return psycopg.connect(host=PG_HOST, port=PG_PORT, user=role, dbname=self.database, autocommit=autocommit,
                               connect_timeout=5)

    def run_script(self) -> subprocess.CompletedProcess[str]:
        """psql -f the script as the superuser; fails the test (with psql's words) if psql does."""
        psql = shutil.which("psql")
        if psql is None:
            pytest.fail("psql is not installed: the roles script is a psql script (apt-get install postgresql-client)")
        done = subprocess.run([psql, "-h", PG_HOST, "-p", str(PG_PORT), "-U", PG_USER, "-d", PG_ADMIN_DB, "-X",
                               "-q", "-v", "ON_ERROR_STOP=1", "-f", str(self.script)],
                              capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
        return done


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ln_scheduler.cli", *args], capture_output=True, text=True,
                          timeout=120, check=False, env=dict(os.environ))


@contextmanager
def roles_site(folder: Path, *, grant: bool = True) -> Iterator[RolesSite]:
    """The database and its three roles, schema created by the owner and (``grant``) the script
    run again to grant the tables; all dropped afterwards."""
    tag = f"{os.getpid()}_{secrets.token_hex(3)}"
    names = {"database": f"ln_roles_{tag}", "owner": f"lnr_{tag}_owner", "coordinator": f"lnr_{tag}_coord",
             "monitor": f"lnr_{tag}_mon"}
    printed = cli("db", "roles-sql", *(f"--{k}={v}" for k, v in names.items()))
    assert printed.returncode == 0, printed.stderr
    script = folder / "roles.sql"
    script.write_text(printed.stdout, encoding="utf-8")
    site = RolesSite(**names, script=script)
    admin = admin_connection()
    try:
        first = site.run_script()
        assert "start the app once as" in first.stderr  # the tables are not there yet: it says what to do
        opened = cli("--db", site.url(site.owner), "db-info")  # the owner's first start creates the schema
        assert opened.returncode == 0, opened.stderr
        if grant:
            again = site.run_script()
            assert "not created yet" not in again.stderr, again.stderr
        yield site
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{site.database}" WITH (FORCE)')  # waits for its sessions to end
        for role in (site.monitor, site.coordinator, site.owner):
            admin.execute(f'DROP ROLE IF EXISTS "{role}"')
        admin.close()


def table_fingerprint(site: RolesSite) -> dict[str, tuple[int, str]]:
    """Row count and a digest of every row of every table (as the superuser): equal before and
    after means nothing at all was written."""
    with site.connect(PG_USER) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
        out = {}
        for t in tables:
            count, digest = conn.execute(
                f'SELECT count(*), coalesce(md5(string_agg(x::text, \'|\' ORDER BY x::text)), \'\') FROM "{t}" x'
            ).fetchone()
            out[t] = (count, digest)
        return out
