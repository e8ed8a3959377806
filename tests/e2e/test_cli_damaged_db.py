"""A damaged SQLite file (a disk fault, a copy taken mid-write, a file cut short by a sync tool),
as a site script meets it: every command, read or write, says in one line which file is damaged
and what to do (keep it, restore a backup), with the database-unavailable exit status, no
traceback and no SQL; and the damaged file is left exactly as it was.

Runner: in-process (``run_main``: the message and the file left untouched are the point); one
command on each kind of damage, and ``--help``, run in a real process, this file's main path. The
demo site is a copy of the one made once per test run (``demo_sqlite``)."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ln_scheduler.cli.common import EXIT_DATABASE_UNAVAILABLE
from tests.support.cli_inprocess import run_main

from .cli_runner import Result, run_cli
from .sites import copy_demo

PAGE = 4096


def _damage_pages(data: bytearray) -> None:
    """Scribble over the start of every third page after the fourth (header and schema intact)."""
    for offset in range(PAGE * 4, len(data), PAGE * 3):
        data[offset:offset + 40] = b"\xde\xad" * 20


def _truncate(data: bytearray) -> None:
    """The first half only, as a sync tool that stopped half-way leaves it."""
    del data[len(data) // 2:]


def _wipe_header(data: bytearray) -> None:
    """The 100-byte file header zeroed: SQLite says "file is not a database"."""
    data[:100] = bytes(100)


DAMAGES: dict[str, Callable[[bytearray], None]] = {
    "damaged pages": _damage_pages,
    "truncated": _truncate,
    "damaged header": _wipe_header,
}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("home")
    return {"LN_SCHEDULER_CONFIG_DIR": str(home / "config"), "LN_SCHEDULER_DATA_DIR": str(home / "data"),
            "LN_SCHEDULER_DB": ""}


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory, demo_sqlite: Path) -> Path:
    """An intact demo site (about 20 participants), this module's copy."""
    path = copy_demo(demo_sqlite, tmp_path_factory.mktemp("site") / "site.sqlite3")
    assert not path.with_name(path.name + "-wal").exists()  # everything is in the file itself
    return path


@pytest.fixture(scope="module")
def booking(demo_site: Path, env: dict[str, str]) -> list[str]:
    """A booking that succeeds on an intact copy of the site: a write that is valid as such."""
    shown = run_main("--db", f"sqlite:///{demo_site}", "participant", "show", "104-003", "--json", env=env)
    assert shown.status == 0, shown.err
    ld1 = next(v for v in json.loads(shown.out)["visits"] if v["code"] == "LD1")
    return ["visit", "book", "104-003", "LD1", "--date", ld1["scheduled"], "--time", "09:30"]


def _copy(demo_site: Path, folder: Path, damage: Callable[[bytearray], None] | None = None) -> Path:
    path = folder / "copy.sqlite3"
    shutil.copyfile(demo_site, path)
    if damage is not None:
        data = bytearray(path.read_bytes())
        damage(data)
        path.write_bytes(bytes(data))
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_damaged_line(result: Result, path: Path) -> None:
    """One line naming the file and saying what to do; the unavailable status; no trace, no SQL."""
    assert result.status == EXIT_DATABASE_UNAVAILABLE, (result.status, result.err)
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    line = lines[0]
    assert line.startswith("ln-scheduler: error: "), line
    assert f"the database file {path} is damaged" in line, line
    for advice in ("keep it exactly as it is", "do not delete", "restore your most recent backup",
                   "ln-scheduler backup"):
        assert advice in line, (advice, line)
    for leak in ("SELECT", "[SQL", "sqlalche.me", "unexpected error", "DatabaseError"):
        assert leak not in line, (leak, line)


COMMANDS = {
    "participant list": ["participant", "list"],
    "participant show": ["participant", "show", "104-001"],
    "due": ["due"],
    "audit verify": ["audit", "verify"],
    "visit book": None,  # the booking fixture: a write
}
#: The command run in a real process on each kind of damage (the others in-process).
IN_A_PROCESS = "participant list"


@pytest.mark.parametrize("damage", DAMAGES)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_on_a_damaged_file_is_one_clear_line_and_the_file_is_untouched(
        demo_site, env, booking, tmp_path, damage, command):
    path = _copy(demo_site, tmp_path, DAMAGES[damage])
    before = _digest(path)
    args = COMMANDS[command] or booking
    run = run_cli if command == IN_A_PROCESS else run_main
    result = run("--db", f"sqlite:///{path}", *args, env=env)
    assert_damaged_line(result, path)
    assert result.out == ""
    assert _digest(path) == before  # not written, not "repaired"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3"]  # no -wal, -shm or backups folder


def test_the_same_commands_work_on_an_intact_copy(demo_site, env, booking, tmp_path):
    """The control: what fails above fails because of the damage, not because of the command."""
    path = _copy(demo_site, tmp_path)
    for args in (*(a for a in COMMANDS.values() if a), booking):
        result = run_main("--db", f"sqlite:///{path}", *args, env=env)
        assert result.status == 0 and result.err == "", (args, result.status, result.err)


def test_a_file_that_was_never_a_database_keeps_its_own_line(env, tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"Visit notes, not a database\n" * 200)
    result = run_main("--db", f"sqlite:///{path}", "participant", "list", env=env)
    assert result.status == 2 and "Traceback" not in result.err
    assert result.err.strip().splitlines() == [
        f"ln-scheduler: error: {path} is not an LN Visit Scheduler database (or is damaged): file is not a database"]
    assert path.read_bytes() == b"Visit notes, not a database\n" * 200


def test_help_lists_the_exit_statuses():
    result = run_cli("--help")
    assert result.status == 0
    text = " ".join(result.out.split())
    assert "exit status: 0 done" in text and "damaged" in text and "restore a backup" in text
