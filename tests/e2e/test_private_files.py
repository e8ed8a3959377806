"""Files that hold participant data are private: the database (and its -wal/-shm), its folder,
backups, and every export (CSV, .ics, PDF) are created 0600, the app's folders 0700, whatever the
umask (they were created 0644 under the usual 022).

Runner: the first command (it creates the database and its folder) runs in a real process that
inherits the umask, this file's main path; the others in-process (``run_main``), under the same
umask (it is the test process's)."""

from __future__ import annotations

import os
import stat
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from ln_scheduler.private_files import write_private
from tests.support.cli_inprocess import run_main

from .cli_runner import Result, run_cli
from .test_cli_db import ok, site_today

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps the profile folder's ACL")


def _cli(env: dict[str, str], *args: str, process: bool = False) -> Result:
    return run_cli(*args, env=env) if process else run_main(*args, env=env)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_default_database_its_folder_backups_and_every_export_are_private(env, tmp_path):
    env = {**env, "LN_SCHEDULER_DATA_DIR": str(tmp_path / "home" / "data")}
    os.umask(0o022)  # the usual default, made explicit (the CLI inherits it): the files must not take it
    data = Path(env["LN_SCHEDULER_DATA_DIR"])
    database = data / "ln_scheduler.sqlite3"
    start = (site_today() + timedelta(days=10)).isoformat()
    ok(_cli(env, "participant", "add", "104-001", "--initials", "AB", "--conditioning-start", start, process=True))
    assert _mode(data) == 0o700 and _mode(database) == 0o600
    ok(_cli(env, "participant", "add", "104-002", "--initials", "CD"))  # the day's automatic backup
    assert _mode(data / "backups") == 0o700
    assert [_mode(p) for p in (data / "backups").iterdir()] == [0o600]
    out = tmp_path / "out"
    out.mkdir()
    ok(_cli(env, "backup", str(out / "backup.sqlite3")))
    ok(_cli(env, "export", "csv", "--all", "-o", str(out / "visits.csv")))
    ok(_cli(env, "export", "ics", "--all", "-o", str(out / "visits.ics")))
    ok(_cli(env, "schedule-pdf", "104-001", "-o", str(out / "schedule.pdf")))
    ok(_cli(env, "worksheets", "--from", start, "--to", start, "-o", str(out / "worksheets.pdf")))
    modes = {p.name: _mode(p) for p in out.iterdir()}
    assert modes == dict.fromkeys(("backup.sqlite3", "visits.csv", "visits.ics", "schedule.pdf",
                                   "worksheets.pdf"), 0o600)


def test_the_wal_and_shm_files_of_an_open_database_are_private(tmp_path):
    from ln_scheduler.services.app import open_services

    database = tmp_path / "site.sqlite3"
    with open_services(f"sqlite:///{database}") as svc:
        svc.enrol("104-001", "AB")
        sides = [Path(f"{database}{s}") for s in ("-wal", "-shm")]
        assert all(p.exists() for p in sides)
        assert [_mode(p) for p in (database, *sides)] == [0o600] * 3


def test_a_replaced_file_becomes_private_and_is_written_whole(tmp_path):
    target = tmp_path / "visits.csv"
    target.write_text("old")
    target.chmod(0o644)
    write_private(target, b"new")
    assert target.read_bytes() == b"new" and _mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["visits.csv"]
