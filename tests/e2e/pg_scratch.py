"""A PostgreSQL database made for one test (or module) and dropped afterwards."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

PG = "postgresql://postgres@127.0.0.1:5432"


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """Yield the URL of a new, empty database; fail (never skip) when the server is not reachable."""
    import psycopg

    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    try:
        admin = psycopg.connect("host=127.0.0.1 port=5432 user=postgres dbname=test", autocommit=True,
                                connect_timeout=5)
    except psycopg.OperationalError as exc:
        pytest.fail(f"PostgreSQL is not reachable at 127.0.0.1:5432 ({exc}); start it (.ci/run does)", pytrace=False)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG}/{name}"
    finally:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        admin.execute(f'DROP DATABASE "{name}"')
        admin.close()
