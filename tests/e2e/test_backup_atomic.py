"""A backup is either complete and checked under its name, or nowhere: a real ``ln-scheduler backup``
process that runs out of disk or is killed (SIGKILL) at any point leaves no file under the backup's
name (it used to leave one that opened as an empty, "intact" database, and a second backup to that
name was then refused).

Runner: real processes for every backup that runs out of disk or is killed (the process is the
point), and for the run that times where the kill points fall; the backup made again afterwards
runs in-process (``run_main``: what it finds is the point). The site is a copy of the demo site
made once per test run (``demo_sqlite``). The random kills run 4 times every day and 12 times
in the ``reliability`` set (the same seed: the everyday four are the full run's first four)."""

from __future__ import annotations

import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.cli_inprocess import run_main
from tests.support.reliability import sizes

from .cli_runner import run_cli
from .sites import copy_demo


@pytest.fixture
def site(demo_sqlite: Path, tmp_path: Path) -> Path:
    """A copy of the demo site (~20 participants, ~1.5 MB: big enough that copying it takes many
    writes), with the daily automatic backup turned off: only the command under test writes (and
    runs out of disk, or is killed)."""
    path = copy_demo(demo_sqlite, tmp_path / "site.sqlite3")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text("[backup]\nkeep = 0\n")
    return path


def _folders(tmp_path: Path) -> dict[str, str]:
    return {"LN_SCHEDULER_CONFIG_DIR": str(tmp_path / "config"), "LN_SCHEDULER_DATA_DIR": str(tmp_path / "data"),
            "LN_SCHEDULER_DB": ""}


def _env(tmp_path: Path) -> dict[str, str]:
    """The whole environment of a backup process started here (Popen)."""
    return {**os.environ, **_folders(tmp_path)}


def _participants(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        return int(con.execute("SELECT count(*) FROM participants").fetchone()[0])


def _assert_complete_or_absent(dest: Path, source: Path) -> str:
    """What a killed or failed backup may leave under ``dest``: nothing, or the whole checked copy."""
    if not dest.exists():
        return "absent"
    with sqlite3.connect(f"file:{dest}?mode=ro", uri=True) as con:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert _participants(dest) == _participants(source), "a backup under its name is the whole database"
    return "complete"


def _limit_file_size(limit: int) -> None:
    """In the child: writes beyond ``limit`` bytes fail with EFBIG, as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_backup_that_runs_out_of_disk_leaves_no_file_and_can_be_retried(site: Path, tmp_path: Path) -> None:
    dest = tmp_path / "out" / "backup.sqlite3"
    dest.parent.mkdir()
    limit = site.stat().st_size // 3
    proc = subprocess.run([sys.executable, "-m", "ln_scheduler.cli", "--db", str(site), "backup", str(dest)],
                          capture_output=True, text=True, env=_env(tmp_path), timeout=120,
                          preexec_fn=lambda: _limit_file_size(limit), check=False)
    assert proc.returncode != 0, proc.stdout
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "no backup written" in proc.stderr
    assert not dest.exists(), "a failed backup must leave nothing under the backup's name"
    assert list(dest.parent.iterdir()) == [], "nor a temporary file"
    again = run_main("--db", str(site), "backup", str(dest), env=_folders(tmp_path))
    assert again.status == 0, again.err
    assert _assert_complete_or_absent(dest, site) == "complete"


def test_a_backup_killed_as_soon_as_it_starts_writing_leaves_no_file_under_its_name(site: Path,
                                                                                    tmp_path: Path) -> None:
    dest = tmp_path / "out" / "backup.sqlite3"
    dest.parent.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "ln_scheduler.cli", "--db", str(site), "backup", str(dest)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(tmp_path))
    try:
        while proc.poll() is None and not any(dest.parent.iterdir()):
            pass  # busy-wait: the first file the backup creates in the folder is the moment to kill it
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    _assert_complete_or_absent(dest, site)
    again = run_main("--db", str(site), "backup", str(dest), env=_folders(tmp_path))
    if dest.exists() and again.status != 0:
        assert "already exists" in again.err  # only a complete backup may block the name
    else:
        assert again.status == 0, again.err
    assert _assert_complete_or_absent(dest, site) == "complete"


@sizes("kill_runs", 4, 12)
def test_backups_killed_at_random_points_are_complete_or_absent(site: Path, tmp_path: Path, kill_runs: int,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Half the kills land at a random moment of the whole run, half in the few milliseconds after
    the first file appears (while the copy is being written)."""
    rng = random.Random(int(os.environ.get("LN_TEST_SEED", "11")))
    outcomes: dict[str, int] = {"absent": 0, "complete": 0}
    folder = tmp_path / "out"
    folder.mkdir()
    started = time.monotonic()
    assert run_cli("--db", str(site), "backup", str(folder / "whole.sqlite3"), env=_folders(tmp_path)).status == 0
    whole_run = time.monotonic() - started  # kill points are spread over one such run, and a bit beyond
    for i in range(kill_runs):
        dest = folder / f"backup-{i}.sqlite3"
        before = set(folder.iterdir())
        started = time.monotonic()
        proc = subprocess.Popen([sys.executable, "-m", "ln_scheduler.cli", "--db", str(site), "backup", str(dest)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env(tmp_path))
        if i % 2:
            while proc.poll() is None and set(folder.iterdir()) == before:
                pass  # the copy has started
            time.sleep(rng.uniform(0, 0.1))
        else:  # sleeping, not spinning: a spinning test would slow the backup it times
            time.sleep(max(0.0, started + rng.uniform(0.3, 1.2) * whole_run - time.monotonic()))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        outcomes[_assert_complete_or_absent(dest, site)] += 1
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith(".")]
    with capsys.disabled():
        print(f"\n[backup kill] {kill_runs} backup processes killed at random points: {outcomes['complete']} complete, "
              f"{outcomes['absent']} absent, 0 partial under the backup's name; {len(leftovers)} hidden temporary "
              "files")
    again = run_main("--db", str(site), "backup", str(folder / "after.sqlite3"), env=_folders(tmp_path))
    assert again.status == 0, again.err
