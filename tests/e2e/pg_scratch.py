"""A PostgreSQL database made for one test (or module) and dropped afterwards."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.pg_server import admin_connection, database_url


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """Yield the URL of a new, empty database; fail (never skip) when the server is not reachable."""
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    admin = admin_connection()
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(name)
    finally:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
        admin.execute(f'DROP DATABASE "{name}"')
        admin.close()
