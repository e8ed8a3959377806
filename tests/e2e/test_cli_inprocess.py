"""The in-process runner (``tests/support/cli_inprocess.run_main``) answers as a real process does.

Most CLI tests run ``main(argv)`` in the test process (a process costs ~0.4 s of start-up each);
this holds the two to the same exit status, standard output and standard error, command by command,
for a representative sequence: help, plans, refusals (exit 2), writes and reads on a site
database, a confirmation refused on a standard input that is not a terminal, an export and a PDF to
standard output, a warning that goes through logging, an unreachable server, Spanish from either
variable and English again after it. The sequence runs twice, each on its own copy of the same
site: in real processes (``run_cli``'s way) and in-process, the two runs of a step at the same
time, so that a state one in-process call leaves behind would show in the next. It also checks
that the runner leaves the test process as it found it (language, logging, environment)."""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from tests.support.cli_inprocess import run_main

from .cli_runner import Result


def _start(args: tuple[str, ...], env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``run_cli``'s process (standard input empty), started: the in-process run of the same
    command, on the other copy, goes on meanwhile."""
    return subprocess.Popen([sys.executable, "-m", "ln_scheduler.cli", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, **env})


def _finish(proc: subprocess.Popen[bytes]) -> Result:
    """Its answer as ``run_cli`` reads it, keeping standard output's bytes (a PDF is not text)."""
    out, err = proc.communicate(b"", timeout=120)

    def text(data: bytes) -> str:
        return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")

    return Result(proc.returncode, text(out), text(err), out_bytes=out)


def _comparable(result: Result, world: Path) -> tuple[int, str, str]:
    """What must be equal: the folder of each run's copy named alike, and the visits' UIDs (random
    in each copy); a PDF's text (its bytes hold the moment of writing and a random ID), its printed
    time of day masked (CI once saw the two runs straddle a minute: "Printed ... 23:09" and "23:10")."""
    out = result.out
    if result.out_bytes.startswith(b"%PDF"):
        out = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(result.out_bytes)).pages)
        out = re.sub(r"\b\d{1,2}:\d{2}\b", "<time>", out)
    out = re.sub(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uid>", out)
    return result.status, out.replace(str(world), "<site>"), result.err.replace(str(world), "<site>")


def test_in_process_and_process_runs_of_the_same_commands_answer_alike(tmp_path):
    from ln_scheduler.i18n import interface_language

    today = datetime.now(ZoneInfo("America/New_York")).date()
    start = (today + timedelta(days=20)).isoformat()
    worlds = {name: tmp_path / name for name in ("process", "in-process")}
    envs = {}
    for name, world in worlds.items():
        world.mkdir()
        envs[name] = {"LN_SCHEDULER_CONFIG_DIR": str(world / "config"), "LN_SCHEDULER_DATA_DIR": str(world / "data"),
                      "LN_SCHEDULER_DB": f"sqlite:///{world / 'site.sqlite3'}"}
    spanish = {"LN_SCHEDULER_LANGUAGE": "es"}
    spanish_desktop = {"LN_SCHEDULER_LANGUAGE": "", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "",
                       "LANG": "es_US.UTF-8"}
    no_backup_folder = {"NO BACKUP FOLDER": "-"}  # not for the environment: a file where the backups go
    # (arguments, environment added, the exit status and a fragment of what is printed, both checked)
    steps: list[tuple[tuple[str, ...], dict[str, str], int, str]] = [
        (("--help",), {}, 0, "exit status: 0 done"),
        (("plan", "--conditioning-start", "2027-02-30"), {}, 2, "is not a valid date"),  # argparse's refusal
        (("participant", "add", "104-001", "--initials", "JQD", "--conditioning-start", start), {}, 0, "enrolled"),
        (("participant", "add", "104-001", "--initials", "JQD"), {}, 2, "already enrolled"),
        (("withdraw", "104-001", "--date", today.isoformat(), "--reason", "moved"), {}, 2, "re-run with --yes"),
        (("export", "csv", "104-001", "-o", "-"), {}, 0, "participant_id,visit_code"),
        (("schedule-pdf", "104-001", "--plain", "-o", "-"), {}, 0, "Your study visit schedule"),
        (("plan", "--help"), spanish, 0, "mostrar esta ayuda y salir"),
        (("plan",), spanish_desktop, 2, "faltan los siguientes argumentos obligatorios"),  # Spanish from LANG
        (("participant", "list"), no_backup_folder, 0, "no automatic backup today"),  # English again; a logged warning
        (("--db", "postgresql://postgres@127.0.0.1:1/nowhere", "participant", "list"), {}, 2,
         "cannot open the database"),
    ]
    language = interface_language()
    handlers = (logging.getLogger().handlers[:], logging.getLogger("ln_scheduler").handlers[:])
    for args, extra, status, fragment in steps:
        env = {name: envs[name] if extra is no_backup_folder else {**envs[name], **extra} for name in worlds}
        if extra is no_backup_folder:  # and no backup made yet today: the next open tries one and fails
            for world in worlds.values():
                shutil.rmtree(world / "backups", ignore_errors=True)
                (world / "backups").write_text("not a folder")
        proc = _start(args, env["process"])
        answers = {"in-process": _comparable(run_main(*args, env=env["in-process"], stdin=""), worlds["in-process"]),
                   "process": _comparable(_finish(proc), worlds["process"])}
        assert answers["in-process"] == answers["process"], args
        assert answers["process"][0] == status and fragment in answers["process"][1] + answers["process"][2], (
            args, answers["process"])
    assert interface_language() == language
    assert (logging.getLogger().handlers, logging.getLogger("ln_scheduler").handlers) == handlers
    assert "LANG" not in os.environ or os.environ["LANG"] != "es_US.UTF-8"
    assert os.environ.get("LN_SCHEDULER_LANGUAGE") == "en"


def test_the_runner_feeds_standard_input_and_puts_the_environment_back(tmp_path, monkeypatch):
    """Standard input reaches the command (a terminal or not), and the environment a call was
    given is gone after it, keys it added removed and keys it changed restored."""
    monkeypatch.setenv("LN_SCHEDULER_CONFIG_DIR", "kept")
    monkeypatch.delenv("LN_SCHEDULER_DATA_DIR", raising=False)
    db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    today = datetime.now(ZoneInfo("America/New_York")).date().isoformat()
    env = {"LN_SCHEDULER_CONFIG_DIR": str(tmp_path / "config"), "LN_SCHEDULER_DATA_DIR": str(tmp_path / "data")}
    assert run_main("--db", db, "participant", "add", "104-001", "--initials", "AB", env=env).status == 0
    assert os.environ["LN_SCHEDULER_CONFIG_DIR"] == "kept" and "LN_SCHEDULER_DATA_DIR" not in os.environ
    refused = run_main("--db", db, "withdraw", "104-001", "--date", today, "--reason", "x", env=env,
                       stdin="y\n", tty=False)
    assert refused.status == 2 and "re-run with --yes" in refused.err  # not a terminal: never asks
    asked = run_main("--db", db, "withdraw", "104-001", "--date", today, "--reason", "x", env=env,
                     stdin="n\n", tty=True)
    assert asked.status == 2 and "[y/N]" in asked.out and "not confirmed: nothing was changed" in asked.err


def test_the_test_process_start_up_stays_frozen_after_a_command(tmp_path):
    """A command freezes all that is alive (``services/startup.py``), the test's objects too; the
    runner thaws everything after it and freezes again what this process froze at its start
    (``tests/support/frozen_start.py``). Left thawed, every full collection after the first CLI
    test walked all of PySide6 and SQLAlchemy again (0.4 s each)."""
    import gc

    from tests.support.frozen_start import YOUNG_THRESHOLD, start_up_frozen

    assert start_up_frozen()  # tests/conftest.py, after collection
    db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    env = {"LN_SCHEDULER_CONFIG_DIR": str(tmp_path / "config"), "LN_SCHEDULER_DATA_DIR": str(tmp_path / "data")}
    assert run_main("--db", db, "participant", "add", "104-001", "--initials", "AB", env=env).status == 0
    assert gc.get_freeze_count() > 100_000  # start-up's objects: still out of the passes
    assert gc.get_threshold()[0] == YOUNG_THRESHOLD
