"""``ln-scheduler`` with no command, as a coordinator starts it: the window is painted, the
database opens behind it, the worklist fills, and the garbage collector (paused while start-up
loads Qt, SQLAlchemy and the services) is on again afterwards.

Runner: real processes (the start of the application is the point); the demo site is a copy of the
one made once per test run (``demo_sqlite``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .cli_runner import run_cli
from .sites import copy_demo


def test_the_app_starts_on_the_demo_site_and_fills_the_worklist(tmp_path: Path, demo_sqlite: Path) -> None:
    url = f"sqlite:///{copy_demo(demo_sqlite, tmp_path / 'demo.sqlite3')}"

    result = run_cli("--db", url, env={"LN_SCHEDULER_TRACE_STARTUP": "exit", "QT_QPA_PLATFORM": "offscreen"})

    assert result.status == 0, result.err
    marks = dict(line.split(" ", 1) for line in result.out.splitlines())
    assert float(marks["painted"]) <= float(marks["worklist"])
    assert marks["collector"] == "on"
    assert "Traceback" not in result.err


def test_the_startup_trace_survives_a_closed_pipe(tmp_path: Path, env: dict[str, str]) -> None:
    """``ln-scheduler | grep -q worklist`` (the bundle's old smoke test): the reader is gone
    before the trace is written. The app must still quit by itself, without an error dialog
    (which, offscreen, nobody can close: the build hung there) and without a traceback."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # every write to stdout now fails with EPIPE
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "ln_scheduler.cli", "--db", f"sqlite:///{tmp_path / 'fresh.sqlite3'}"],
            stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60, check=False,
            env={**os.environ, **env, "LN_SCHEDULER_TRACE_STARTUP": "exit", "QT_QPA_PLATFORM": "offscreen"},
        )
    finally:
        os.close(write_end)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "BrokenPipeError" not in proc.stderr
