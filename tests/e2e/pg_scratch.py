"""A PostgreSQL database made for one test (or module) and dropped afterwards."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from tests.support.pg_server import admin_connection, database_url, drop_later


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """Yield the URL of a new, empty database; fail (never skip) when the server is not reachable."""
    name = f"{prefix}_{os.getpid()}_{secrets.token_hex(3)}"
    with admin_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(name)
    finally:
        drop_later(name)  # in the background, its sessions ended (tests/support/pg_server.py)
