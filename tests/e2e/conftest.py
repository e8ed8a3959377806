"""What the CLI end-to-end tests share: a site's own settings folders, the same site database on
both engines (a SQLite file and a scratch database on the PostgreSQL server), and the demo site in
a SQLite file, filled once per test run (seconds of writes) for the tests to copy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.run_files import made_once

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


@pytest.fixture(scope="session")
def demo_sqlite() -> Path:
    """The demo site (``fill_demo_site``, what ``ln-scheduler demo`` writes: ~20 participants at every
    stage) in a SQLite file, made once per test run for every worker (``run_files.made_once``).
    Never open it: copy it (``sites.copy_demo``)."""

    def make(folder: Path) -> None:
        from ln_scheduler.services.app import open_services
        from ln_scheduler.services.demo import fill_demo_site

        path = folder / "site.sqlite3"
        with pytest.MonkeyPatch.context() as mp:  # the site's own settings folders while it is made
            mp.setenv("LN_SCHEDULER_CONFIG_DIR", str(folder / "config"))
            mp.setenv("LN_SCHEDULER_DATA_DIR", str(folder / "data"))
            with open_services(f"sqlite:///{path}") as svc:
                fill_demo_site(svc)
        assert sorted(p.name for p in folder.iterdir() if p.name.startswith("site")) == ["site.sqlite3"]  # no -wal
        path.chmod(0o400)  # a test that opened it instead of a copy fails at its first write

    return made_once("e2e-demo-site", make) / "site.sqlite3"
