"""Where the test PostgreSQL server is, and one way to reach it, for every test that needs it.

``LN_TEST_PG_HOST`` / ``_PORT`` / ``_USER`` / ``_DB`` (the maintenance database the tests connect to
in order to create and drop their own) override the defaults of this machine. An unreachable
server FAILS the test with what to do: a silent skip would hide a broken half of the product.
"""

from __future__ import annotations

import os
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
