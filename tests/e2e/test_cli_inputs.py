"""Defects of issue 11 in how the CLI takes what people type, each with the test that failed
before its fix: a code with a blank saved and then "not found", a preview overwritten by a change
made while the prompt waited, raw control characters and 100 kB texts stored and echoed, a lost
COMMIT answer called "nothing was saved". In-process (``run_main``: what the command does with
what is typed is the point; the monkeypatched prompt and COMMIT need it), on a SQLite file; the
first command with a blank in its code runs in a real process too, this file's main path. The write
checks live in the services and are tested on both engines in ``tests/db``."""

from __future__ import annotations

import builtins
import sqlite3
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli_inprocess import run_main

from .cli_runner import Result, assert_one_line_error, run_cli
from .test_cli_db import site_today


@pytest.fixture(autouse=True)
def _site_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)


@pytest.fixture
def site(tmp_path: Path) -> str:
    """104-006 infused 65 days ago (M2, open, in its window: it may be recorded missed), on a SQLite file."""
    url = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    c1 = site_today() - timedelta(days=70)
    for args in (("participant", "add", "104-006", "--initials", "AB", "--conditioning-start", c1.isoformat()),
                 ("conditioning", "104-006", "--date", c1.isoformat(), "--days", "3"),
                 ("infusion", "104-006", "--date", (c1 + timedelta(days=5)).isoformat(), "--yes")):
        assert run_main("--db", url, *args).status == 0
    return url


def _ok(result: Result) -> Result:
    assert result.status == 0 and result.err == "", result
    return result


def _audit_count(url: str) -> int:
    return sqlite3.connect(url.removeprefix("sqlite:///")).execute("SELECT count(*) FROM audit_log").fetchone()[0]


def test_a_visit_code_with_blanks_is_recorded_and_reported_once(site):
    done = _ok(run_cli("--db", site, "visit", "missed", "104-006", "M2 ", "--reason", "travel"))  # a real process
    assert done.out == "104-006 M2: recorded missed (travel)\n"
    again = run_main("--db", site, "visit", "missed", " 104-006 ", " m2", "--reason", "travel")
    assert_one_line_error(again, "M2")
    assert "Missed" in _ok(run_main("--db", site, "participant", "show", "104-006")).out


def test_the_infusion_saved_is_the_one_previewed_or_a_conflict(site, monkeypatch, tmp_path):
    """A second session changes the participant while the prompt waits: the confirmed write is a
    conflict (nothing overwritten), not a calendar nobody previewed."""
    from ln_scheduler.services.app import open_services

    c1 = site_today() - timedelta(days=7)
    _ok(run_main("--db", site, "participant", "add", "104-007", "--initials", "CD", "--conditioning-start",
                 c1.isoformat()))
    _ok(run_main("--db", site, "conditioning", "104-007", "--date", c1.isoformat(), "--days", "3"))

    def answer_after_a_change_elsewhere(_prompt: str) -> str:
        with open_services(site) as other:  # another workstation, its own session
            other.add_unscheduled_visit("104-007", site_today(), "Infection")
        return "y"

    monkeypatch.setattr(builtins, "input", answer_after_a_change_elsewhere)
    before = _audit_count(site)
    infusion = c1 + timedelta(days=5)
    result = run_main("--db", site, "infusion", "104-007", "--date", infusion.isoformat(), tty=True)
    assert_one_line_error(result, "participant 104-007 was changed", "nothing was saved")
    assert _audit_count(site) > before  # the other session's change, and nothing else:
    shown = _ok(run_main("--db", site, "participant", "show", "104-007", "--json")).out
    assert '"infusion_actual": null' in shown


@pytest.mark.parametrize(("reason", "fragment"), [
    ("travel\x1b[31mRED", "control character (\\x1b"),
    ("line\x00nul", "NUL character"),  # only main(argv) callers can pass it; the services refuse it too
    ("x" * 100_000, "too long (100,000 characters; at most 2,000)"),
])
def test_free_text_with_control_characters_or_100_kb_is_refused_and_nothing_is_written(site, reason, fragment):
    before = _audit_count(site)
    for args in (("visit", "missed", "104-006", "M2", "--reason", reason),
                 ("withdraw", "104-006", "--date", site_today().isoformat(), "--reason", reason),
                 ("visit", "book", "104-006", "M3", "--date", site_today().isoformat(), "--reason", reason)):
        assert_one_line_error(run_main("--db", site, *args), fragment)
    assert _audit_count(site) == before


def test_a_reason_may_hold_tabs_and_line_breaks_and_is_printed_back_escaped(site):
    _ok(run_main("--db", site, "visit", "missed", "104-006", "M2", "--reason", "away\tall week\nback Monday"))
    shown = _ok(run_main("--db", site, "participant", "show", "104-006")).out
    m2 = next(line for line in shown.splitlines() if line.startswith("M2 "))
    assert m2.endswith("away\\tall week\\nback Monday")


def test_stored_escapes_are_printed_escaped(site):
    """A text stored before the limits (or by another tool) is shown, never obeyed by the terminal."""
    path = site.removeprefix("sqlite:///")
    conn = sqlite3.connect(path)
    conn.execute("UPDATE visits SET reason = 'x\x1b[2J\x1b]0;pwned\x07' WHERE code = 'M3'")
    conn.commit()
    conn.close()
    out = _ok(run_main("--db", site, "participant", "show", "104-006")).out
    assert "\x1b" not in out and "\\x1b[2J" in out


@pytest.mark.parametrize("args", [
    ("participant", "show", "\udcff"),  # $'\xff' as Python receives it
    ("audit", "--last", "9223372036854775808"),
    ("visit", "missed", "104-006", "M2", "--reason", "x", "--occurrence", "99999999999999999999"),
    ("participant", "show", "104-006\n--json"),
    ("visit", "missed", "104-006", "M2\x1b[31m", "--reason", "x"),
    ("participant", "list", "--status", "a\nb"),
])
def test_bad_arguments_are_one_escaped_line(site, args):
    result = run_main("--db", site, *args)
    assert_one_line_error(result)
    assert "\x1b" not in result.err and "unexpected" not in result.err


@pytest.mark.parametrize("output", ["", "   ", "/nonexistent-folder/x.csv", "x" * 300 + ".csv", "/"])
def test_an_export_to_a_file_that_cannot_be_written_is_one_line(site, tmp_path, monkeypatch, output):
    monkeypatch.chdir(tmp_path)
    assert_one_line_error(run_main("--db", site, "export", "csv", "--all", "-o", output))


def test_the_cli_says_unknown_exit_3_when_the_commit_answer_is_lost(site, monkeypatch):
    from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

    real = SQLiteDialect_pysqlite.do_commit

    def commit_then_cut(self: Any, dbapi_connection: Any) -> None:
        real(self, dbapi_connection)
        raise sqlite3.OperationalError("disk I/O error")

    before = _audit_count(site)
    monkeypatch.setattr(SQLiteDialect_pysqlite, "do_commit", commit_then_cut)
    result = run_main("--db", site, "visit", "missed", "104-006", "M2", "--reason", "travel")
    monkeypatch.undo()
    assert result.status == 3, result
    assert len(result.err.strip().splitlines()) == 1
    assert "UNKNOWN whether it was saved" in result.err and "participant show 104-006" in result.err
    assert "nothing was saved" not in result.err
    assert _audit_count(site) > before  # it was saved


def test_a_text_column_holding_bytes_that_are_not_utf8_is_damaged_data_with_its_place(site):
    """Before: "the database cannot be reached" (as if the file were locked or gone)."""
    path = site.removeprefix("sqlite:///")
    conn = sqlite3.connect(path)
    rowid = conn.execute("SELECT rowid FROM visits WHERE code = 'M3'").fetchone()[0]
    conn.execute("UPDATE visits SET reason = CAST(x'41ff42' AS TEXT) WHERE code = 'M3'")
    conn.commit()
    conn.close()
    result = run_main("--db", site, "participant", "show", "104-006")
    assert_one_line_error(result, "holds damaged data", f"table 'visits', row {rowid}, column 'reason'",
                          "not valid text")
    assert "cannot be reached" not in result.err
