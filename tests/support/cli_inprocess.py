"""Run ``ln-scheduler`` inside the test process: ``main(argv)`` with stdout and stderr captured.

Thousands of runs fit in seconds this way (a subprocess costs ~0.3 s of start-up each), which the
CLI fuzzer needs; the process-level cases (a Qt abort, the encoding of argv) keep using
``tests/e2e/cli_runner.run_cli``. Same ``Result`` shape as ``run_cli``."""

from __future__ import annotations

import io
from contextlib import redirect_stderr, redirect_stdout

from tests.e2e.cli_runner import Result


def run_main(*args: str) -> Result:
    """``ln-scheduler ARGS`` in-process; argparse's ``SystemExit`` becomes the exit status."""
    from ln_scheduler.cli import main

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as exc:  # argparse: usage errors (2), --help and --version (0)
            status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Result(status, out.getvalue(), err.getvalue())
