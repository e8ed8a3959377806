"""The application's log file: rotated so it cannot grow without limit on a workstation, every
file private to its owner (tracebacks may quote participant IDs)."""

from __future__ import annotations

import logging
import stat
import sys
from pathlib import Path

import pytest

from ln_scheduler.ui import errors


@pytest.fixture
def log_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "log" / "ln-scheduler.log"
    monkeypatch.setattr(errors, "log_file", lambda: path)
    monkeypatch.setattr(errors, "LOG_MAX_BYTES", 2_000)
    return path


def test_the_log_rotates_at_its_size_and_keeps_five_older_files(log_in: Path) -> None:
    handler = errors.setup_logging()
    log = logging.getLogger("ln_scheduler.test")
    try:
        for n in range(400):  # ~40 kB: far more than six files of 2 kB
            log.warning("line %04d %s", n, "x" * 80)
    finally:
        logging.getLogger("ln_scheduler").removeHandler(handler)
        handler.close()
    files = sorted(p.name for p in log_in.parent.iterdir())
    assert files == ["ln-scheduler.log", *(f"ln-scheduler.log.{i}" for i in range(1, 6))]
    assert all(p.stat().st_size <= 2_000 for p in log_in.parent.iterdir())
    assert "line 0399" in log_in.read_text(encoding="utf-8")  # the newest lines are in the current file
    if sys.platform != "win32":
        assert {stat.S_IMODE(p.stat().st_mode) for p in log_in.parent.iterdir()} == {0o600}


def test_the_default_sizes_are_one_megabyte_by_five() -> None:
    assert (errors.LOG_MAX_BYTES, errors.LOG_BACKUPS) == (1_000_000, 5)
