"""Smoke test of a built LN Visit Scheduler: what a site's IT department checks before rolling it out.

    python3 packaging/smoke_test.py [EXECUTABLE ...]

EXECUTABLE defaults to the bundle ``dist/ln-scheduler/ln-scheduler`` (``.exe`` on Windows); any
command works, e.g. ``python3 packaging/smoke_test.py python3 -m ln_scheduler.cli`` checks an
installed package. Five checks, each with its own time limit so it can never hang (the old
``| grep -q`` check in build.sh did: see ``ui.app.trace_line``):

1. ``--version`` prints the version and exits 0;
2. ``plan --json`` prints a plan that parses and exits 0 (protocol, dates and closures shipped);
3. the window opens offscreen on a fresh database (created, migrated), fills the worklist and
   quits by itself with exit 0 and no traceback (``LN_SCHEDULER_TRACE_STARTUP=exit``);
4. ``calendar publish`` to a port where nothing listens answers with the one-line "cannot be
   reached" and exit 5 (the server failed): the CalDAV client and its HTTP stack (loaded only when a calendar is
   published) are in the bundle and work, without any network;
5. the window started in Spanish (``LN_SCHEDULER_LANGUAGE=es``) finds its Spanish catalogue and Qt's
   own (``language es application=yes qt=yes`` in the start-up trace): the .qm files were compiled
   before the package was installed and the bundle carries them.

Settings, data and the database live in a temporary folder; nothing of the user's is read or
written. Exit status 0 when all pass, 1 otherwise (the failing check is named on stderr).
Standard library only: it runs with any Python 3.11, outside the bundle's environment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "ln-scheduler" / ("ln-scheduler.exe" if sys.platform == "win32" else "ln-scheduler")
#: Seconds per check. The window's check migrates a new database and starts Qt: about 10 s on a
#: busy 2-core machine; two minutes is generous without letting CI wait for ever.
TIME_LIMIT_S = 120


class SmokeFailure(Exception):
    """One check failed; the message says which and why."""


def run(command: list[str], args: list[str], env: dict[str, str], what: str) -> subprocess.CompletedProcess[str]:
    try:
        proc = subprocess.run([*command, *args], capture_output=True, text=True, env=env,
                              timeout=TIME_LIMIT_S, check=False, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"{what}: no answer after {TIME_LIMIT_S} s (killed)") from exc
    except OSError as exc:
        raise SmokeFailure(f"{what}: cannot run {command[0]}: {exc}") from exc
    if proc.returncode != 0:
        raise SmokeFailure(f"{what}: exit status {proc.returncode}\n{proc.stderr.strip()}")
    if "Traceback" in proc.stderr:
        raise SmokeFailure(f"{what}: a traceback on stderr\n{proc.stderr.strip()}")
    return proc


def check_version(command: list[str], env: dict[str, str]) -> str:
    out = run(command, ["--version"], env, "--version").stdout.strip()
    if not out.startswith("ln-scheduler "):
        raise SmokeFailure(f"--version: unexpected output {out!r}")
    return out


def check_plan(command: list[str], env: dict[str, str]) -> str:
    out = run(command, ["plan", "--conditioning-start", "2026-03-02", "--json"], env, "plan --json").stdout
    try:
        plan = json.loads(out)
    except json.JSONDecodeError as exc:
        raise SmokeFailure(f"plan --json: not JSON ({exc})") from exc
    if plan.get("infusion") != "2026-03-07" or not plan.get("visits"):
        raise SmokeFailure("plan --json: no infusion on 2026-03-07 or no visits")
    return f"{len(plan['visits'])} visits"


def check_window(command: list[str], env: dict[str, str], folder: Path) -> str:
    database = folder / "fresh.sqlite3"
    window_env = dict(env, QT_QPA_PLATFORM="offscreen", LN_SCHEDULER_TRACE_STARTUP="exit",
                      LN_SCHEDULER_DB=f"sqlite:///{database}")
    marks = dict(line.split(" ", 1) for line in run(command, [], window_env, "window").stdout.splitlines()
                 if " " in line)
    for mark in ("painted", "worklist", "collector"):
        if mark not in marks:
            raise SmokeFailure(f"window: start-up never reached {mark!r} (trace: {marks})")
    if not database.is_file():
        raise SmokeFailure("window: the fresh database was not created")
    return "opened, filled, closed"


def check_spanish_window(command: list[str], env: dict[str, str], folder: Path) -> str:
    """Runs after :func:`check_window`, on the database it created."""
    window_env = dict(env, QT_QPA_PLATFORM="offscreen", LN_SCHEDULER_TRACE_STARTUP="exit",
                      LN_SCHEDULER_LANGUAGE="es", LN_SCHEDULER_DB=f"sqlite:///{folder / 'fresh.sqlite3'}")
    lines = run(command, [], window_env, "Spanish window").stdout.splitlines()
    language = next((line for line in lines if line.startswith("language ")), "")
    if language != "language es application=yes qt=yes":
        raise SmokeFailure(f"Spanish window: the Spanish catalogues were not found ({language or 'no language line'})")
    return "the window's and Qt's Spanish catalogues load"


def check_calendar_client(command: list[str], env: dict[str, str], folder: Path) -> str:
    """Runs after :func:`check_window`, on the database it created."""
    calendar_env = dict(env, LN_SCHEDULER_DB=f"sqlite:///{folder / 'fresh.sqlite3'}",
                        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    args = ["calendar", "publish", "http://127.0.0.1:9/smoke/", "--user", "smoke", "--password-stdin"]
    try:
        proc = subprocess.run([*command, *args], capture_output=True, text=True, env=calendar_env,
                              timeout=TIME_LIMIT_S, check=False, input="smoke\n")
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(f"calendar publish: no answer after {TIME_LIMIT_S} s (killed)") from exc
    if "Traceback" in proc.stderr or proc.returncode != 5 or "cannot be reached" not in proc.stderr:
        raise SmokeFailure(f"calendar publish: exit status {proc.returncode}, expected 5 and 'cannot be reached'\n"
                           f"{proc.stderr.strip()}")
    return "the CalDAV client loads; an unreachable server is one line, exit 5"


def main(argv: list[str]) -> int:
    command = argv or [str(BUNDLE)]
    with tempfile.TemporaryDirectory(prefix="ln-smoke-") as tmp:
        folder = Path(tmp)
        env = {**os.environ,
               "LN_SCHEDULER_CONFIG_DIR": str(folder / "config"), "LN_SCHEDULER_DATA_DIR": str(folder / "data"),
               "LN_SCHEDULER_DB": "", "XDG_CONFIG_HOME": str(folder / "xdg-config"),
               "XDG_DATA_HOME": str(folder / "xdg-data"), "XDG_STATE_HOME": str(folder / "xdg-state"),
               "XDG_CACHE_HOME": str(folder / "xdg-cache")}
        checks = (("--version", lambda: check_version(command, env)),
                  ("plan --json", lambda: check_plan(command, env)),
                  ("window", lambda: check_window(command, env, folder)),
                  ("calendar publish", lambda: check_calendar_client(command, env, folder)),
                  ("Spanish window", lambda: check_spanish_window(command, env, folder)))
        for name, check in checks:
            try:
                detail = check()
            except SmokeFailure as exc:
                print(f"smoke test FAILED: {exc}", file=sys.stderr)
                return 1
            print(f"smoke test ok: {name}: {detail}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
