"""Run ``ln-scheduler`` inside the test process: ``main(argv)`` with stdout and stderr captured.

Thousands of runs fit in seconds this way (a subprocess costs ~0.3 s of start-up each), which the
CLI fuzzer needs; the process-level cases (a Qt abort, the encoding of argv) keep using
``tests/e2e/cli_runner.run_cli``. Same ``Result`` shape as ``run_cli``. Standard output has a byte
buffer (PDFs and exports to ``-`` write bytes), standard input is ``stdin`` (empty unless given) and
not a terminal."""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout

from tests.e2e.cli_runner import Result


class _Stdin(io.StringIO):
    def __init__(self, tty: bool, text: str = ""):
        super().__init__(text)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def run_main(*args: str, tty: bool = False, stdin: str = "") -> Result:
    """``ln-scheduler ARGS`` in-process; argparse's ``SystemExit`` becomes the exit status.
    ``tty``: standard input claims to be a terminal (the prompt then calls ``input()``); ``stdin``:
    what standard input reads (``--password-stdin``)."""
    from ln_scheduler.cli import main

    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)
    err = io.StringIO()
    saved, sys.stdin = sys.stdin, _Stdin(tty, stdin)
    try:
        with redirect_stdout(out), redirect_stderr(err):
            try:
                status = main(list(args))
            except SystemExit as exc:  # argparse: usage errors (2), --help and --version (0)
                status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin = saved
    out.flush()
    return Result(status, raw.getvalue().decode("utf-8", errors="replace"), err.getvalue())
