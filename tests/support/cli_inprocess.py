"""Run ``ln-scheduler`` inside the test process: ``main(argv)`` as a fresh process would run it.

A subprocess costs ~0.3-0.5 s of start-up and imports per command; in-process a command costs what
it does. The CLI tests use this runner wherever what is tested is what the command does; they keep
``tests/e2e/cli_runner.run_cli`` (a real process) where the process is the point: signals and kills,
a Qt abort, the encoding of argv, what a fresh process imports, the environment a new process
finds, a terminal on standard input. ``tests/e2e/test_cli_inprocess.py`` holds the two to the same
output for a representative set of commands.

Same ``Result`` as ``run_cli``, the same way:

- ``env``: set in ``os.environ`` for the call (``run_cli`` gives the child ``{**os.environ, **env}``;
  an empty value is set, as there: the CLI reads ``LN_SCHEDULER_DB=""`` as unset), then put back.
- ``stdin``: the text standard input holds (None: empty, as a pipe closed at once); ``tty``: it
  claims to be a terminal (the confirmation prompt then calls ``input()``).
- Standard output has a byte buffer (PDFs and exports to ``-`` write bytes); ``out`` and ``err`` are
  decoded as ``subprocess.run(text=True)`` decodes them (UTF-8, ``\\r\\n`` and ``\\r`` read as
  ``\\n``), and ``out_bytes`` keeps standard output's bytes as written.
- argparse's ``SystemExit`` becomes the exit status (usage errors 2, ``--help`` 0).

What ``main`` sets for the rest of its process is put back after each call, so one call never
leaks into the next (or into the test that made it): the interface language it took from the
environment (``ln_scheduler.i18n``), the holiday source it installs (``install_holiday_cache``),
the keyring backend (chosen from the environment at first use: each call chooses afresh, as a new
process would), the objects a command freezes for the garbage collector (``gc.freeze``: here that
would be the test process's own objects too; all are thawed, then what the test process froze at
its start is frozen again, ``tests/support/frozen_start.py``, with what the test holds at that
moment). Logging is as in a fresh process for the call: no handler on the root logger or on
``ln_scheduler`` (so a warning reaches standard error through logging's last-resort handler, as in
a process, and never a log file or pytest's capture).

Everything else a command could change for the whole process (working folder, umask, signal
handlers, ``sys.excepthook``, the garbage collector, the locale, warning filters, ``sys.path``, the
environment, threads left running, standard streams, files left open) is checked unchanged after
the call: a command that starts changing one fails here, loudly, until this runner puts it back
too (or the command stops). Caches that hold nothing that depends on the call (the parser of each
language, the parsed shipped protocols, fonts) are shared, as in one process running many commands;
argparse keeps the interface language's ``_`` (``cli.argparse_words``: the identity in English).
"""

from __future__ import annotations

import gc
import io
import locale
import logging
import os
import signal
import socket
import sys
import threading
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from typing import Any

from tests.e2e.cli_runner import Result
from tests.support.frozen_start import start_up_frozen

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGPIPE", "SIGHUP", "SIGCHLD",
                                                     "SIGXFSZ", "SIGALRM") if hasattr(signal, name))


class _Stdin(io.StringIO):
    def __init__(self, text: str, tty: bool):
        super().__init__(text)
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def run_main(*args: str, env: Mapping[str, str] | None = None, stdin: str | None = None,
             tty: bool = False) -> Result:
    """``ln-scheduler ARGS`` in-process with ``env`` added to the environment and ``stdin`` as
    standard input; ``tty``: standard input claims to be a terminal."""
    from ln_scheduler.cli import main

    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", errors="strict", write_through=True)
    err_raw = io.BytesIO()
    err = io.TextIOWrapper(err_raw, encoding="utf-8", errors="backslashreplace", write_through=True)
    with _as_a_fresh_process(env or {}):
        stdin_was, sys.stdin = sys.stdin, _Stdin(stdin or "", tty)
        try:
            with redirect_stdout(out), redirect_stderr(err):
                try:
                    status = main(list(args))
                except SystemExit as exc:  # argparse: usage errors (2), --help and --version (0)
                    status = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.stdin = stdin_was
    out.flush()
    err.flush()
    data = raw.getvalue()
    return Result(status, _text(data, "replace"), _text(err_raw.getvalue(), "strict"), out_bytes=data)


def _text(data: bytes, errors: str) -> str:
    """As ``subprocess.run(text=True)`` reads a stream: decoded, universal newlines."""
    return data.decode("utf-8", errors=errors).replace("\r\n", "\n").replace("\r", "\n")


@contextmanager
def _as_a_fresh_process(env: Mapping[str, str]) -> Iterator[None]:
    from ln_scheduler.domain import site_calendar
    from ln_scheduler.i18n import interface_language, use_language

    saved_env = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    language = interface_language()
    holidays = site_calendar._source
    keyring_core: Any = sys.modules.get("keyring.core")
    keyring_backend = keyring_core._keyring_backend if keyring_core is not None else None
    if keyring_core is not None:
        keyring_core._keyring_backend = None  # chosen again from this call's environment at first use
    logs = _fresh_logging()
    before = _process_state()
    threads = set(threading.enumerate())
    files = _open_files()
    try:
        yield
    finally:
        gc.unfreeze()  # services/startup.py froze all that was alive: the test's objects too (never freed)
        after = _process_state()
        opened = _left_open(files, _open_files())
        if opened:  # held by a reference cycle (an exception's traceback): closed at the next collection
            gc.collect()
            opened = _left_open(files, _open_files())
        if start_up_frozen():  # thawed with the rest: frozen again, with what the test holds now
            gc.freeze()
        before["files left open"], after["files left open"] = [], opened
        for thread in set(threading.enumerate()) - threads:
            # a closed HTTP pool's keep-alive watcher (urllib3-future) ends at its stop event, just
            # after the close that set it: given a moment, as a process's exit would wait for it
            thread.join(timeout=2)
        left_running = sorted(t.name for t in set(threading.enumerate()) - threads if t.is_alive())
        before["threads left running"], after["threads left running"] = [], left_running
        _restore_logging(logs)
        if keyring_core is not None:
            keyring_core._keyring_backend = keyring_backend
        elif "keyring.core" in sys.modules:  # first imported by this call: the next call chooses again
            sys.modules["keyring.core"]._keyring_backend = None  # type: ignore[attr-defined]
        if site_calendar._source is not holidays:
            site_calendar.use_holiday_source(holidays)
        if interface_language() != language:
            use_language(language)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        changed = sorted(name for name in before if before[name] != after[name])
        if changed:
            raise AssertionError(
                "ln-scheduler main() changed process-wide state that tests/support/cli_inprocess.py does not "
                "put back (one command would leak into the next): "
                + "; ".join(f"{name}: {before[name]!r} -> {after[name]!r}" for name in changed))


def _process_state() -> dict[str, object]:
    """What a command must leave as it found it (the runner does not put these back)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return {
        "environment": dict(os.environ),
        "working folder": os.getcwd(),
        "umask": mask,
        "signal handlers": {sig: signal.getsignal(sig) for sig in _SIGNALS},
        "sys.excepthook": sys.excepthook,
        "threading.excepthook": threading.excepthook,
        "garbage collector": (gc.isenabled(), gc.get_threshold()),
        "collector pauses": _collector_pauses(),
        "locale": locale.setlocale(locale.LC_ALL, None),
        "warning filters": list(warnings.filters),
        "sys.path": list(sys.path),
        "default socket timeout": socket.getdefaulttimeout(),
        "standard streams": (sys.stdout, sys.stderr, sys.stdin),
        # none during the call (_fresh_logging): a command that adds one (a log file) is seen here.
        # Not the root logger's: caldav logs through ``logging.debug`` (the root logger), whose first
        # call adds ``basicConfig``'s stderr handler in a real process too; put back after the call.
        "logging": [(n, logging.getLogger(n).handlers[:], logging.getLogger(n).level) for n in _LOGGERS
                    if n != "" or not _only_basic_config(logging.getLogger(n).handlers)],
    }


def _left_open(before: list[str], after: list[str]) -> list[str]:
    """Files open after the call that were not open before it. Not a file the test itself holds open
    (a SQLite connection of its own): SQLite keeps the descriptors of the command's connections to
    that file, closed, until the process's last connection to it closes."""
    held = set(before)
    return sorted(path for path in (Counter(after) - Counter(before)).elements() if path not in held)


def _collector_pauses() -> int:
    """Pauses of ``ln_scheduler.services.collector`` not yet resumed (a command leaves none)."""
    collector = sys.modules.get("ln_scheduler.services.collector")
    return int(getattr(collector, "_pauses", 0))


def _open_files() -> list[str]:
    """The files (not sockets or pipes: the background PostgreSQL drops use sockets) this process
    holds open; a database file left open by a command would be held by the test process after it."""
    folder = "/proc/self/fd"
    if not os.path.isdir(folder):
        return []
    found = []
    for fd in os.listdir(folder):
        try:
            target = os.readlink(f"{folder}/{fd}")
        except OSError:
            continue  # closed meanwhile (the listing's own descriptor)
        if target.startswith("/") and not target.startswith(("/dev/", "/proc/")):
            found.append(target)
    return sorted(found)


_LOGGERS = ("", "ln_scheduler")


def _only_basic_config(handlers: list[logging.Handler]) -> bool:
    """The root logger holds at most the handler ``logging.basicConfig`` makes (standard error as
    it was during the call)."""
    return len(handlers) <= 1 and all(type(h) is logging.StreamHandler for h in handlers)


def _import_the_http_stack() -> None:
    """Import what a process's first calendar command imports, whose import adds warning filters
    (urllib3's, requests'): once per test process, as once per real process, before any call is
    compared with the state it found."""
    import caldav.davclient  # noqa: F401  (imports niquests, whose import adds a filter)
    import requests  # noqa: F401
    import urllib3  # noqa: F401


_import_the_http_stack()


def _fresh_logging() -> list[tuple[logging.Logger, list[logging.Handler], int, bool]]:
    saved = []
    for name in _LOGGERS:
        logger = logging.getLogger(name)
        saved.append((logger, logger.handlers[:], logger.level, logger.propagate))
        logger.handlers = []
        logger.setLevel(logging.WARNING if name == "" else logging.NOTSET)
        logger.propagate = True
    return saved


def _restore_logging(saved: list[tuple[logging.Logger, list[logging.Handler], int, bool]]) -> None:
    for logger, handlers, level, propagate in saved:
        logger.handlers = handlers
        logger.setLevel(level)
        logger.propagate = propagate
