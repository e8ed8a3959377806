"""What the CLI end-to-end tests share: a site's own settings folders, and the same site database
on both engines (a SQLite file and a scratch database on the PostgreSQL server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .pg_scratch import scratch_database


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"LN_SCHEDULER_CONFIG_DIR": str(tmp_path / "config"), "LN_SCHEDULER_DATA_DIR": str(tmp_path / "data"),
            "LN_SCHEDULER_DB": ""}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'site.sqlite3'}"
        return
    with scratch_database("ln_e2e") as url:
        yield url
