"""Run ``ln-scheduler`` as a site script would: a separate process, stdout, stderr, exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass


@dataclass
class Result:
    status: int
    out: str
    err: str


def run_cli(*args: str, env: dict[str, str] | None = None, stdin: str | None = None,
            timeout: float = 120) -> Result:
    proc = subprocess.run(
        [sys.executable, "-m", "ln_scheduler.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=timeout,
        check=False,
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


def assert_one_line_error(result: Result, *fragments: str) -> None:
    """Bad input: exit 2 and exactly one clear line on stderr, never a traceback."""
    assert result.status == 2, (result.status, result.err)
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "Traceback" not in result.err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
