"""Run ``ln-scheduler`` as a site script would: a separate process, stdout, stderr, exit status.

Most CLI tests run the command in-process instead (``tests/support/cli_inprocess.run_main``, the
same ``Result``, ~0.4 s of process start-up and imports cheaper per command); each e2e file says in
its docstring which it uses, and keeps at least one real process on its main path."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field


@dataclass
class Result:
    status: int
    out: str
    err: str
    #: Standard output's bytes as written (in-process runs only: ``run_cli`` decodes them as text).
    out_bytes: bytes = field(default=b"", repr=False)


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
    # the README's contract, which site scripts rely on: every error line starts so (a usage error of a
    # command said "ln-scheduler plan: error:", seen in a walk)
    assert lines[0].startswith("ln-scheduler: error: "), lines[0]
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
