"""How a database is opened: a read command never creates one, ``?mode=ro`` is honoured on both
engines, another application's SQLite file is refused before anything writes to it. Each of these
failed before the fix: a mistyped path made an empty database ('audit verify' then said "intact:
0 rows"), ``?mode=ro`` was ignored and writes went through, a foreign file was switched to WAL.

Runner: in-process (``run_main``: what happens to the files is the point); ``participant list`` on a
missing file runs in a real process too, this file's main path."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from ln_scheduler.store.location import normalize_url, parse_url
from tests.support.cli_inprocess import run_main

from .cli_runner import assert_one_line_error, run_cli


@pytest.fixture(autouse=True)
def _site_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)


def _with_query(url: str, query: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{query}"


def _audit_head(url: str) -> tuple[object, ...]:
    engine = create_engine(normalize_url(url))
    try:
        with engine.connect() as conn:
            return tuple(conn.execute(text("SELECT (SELECT count(*) FROM audit_log), "
                                           "(SELECT max(seq) FROM audit_log), (SELECT count(*) FROM participants)"))
                         .one())
    finally:
        engine.dispose()


@pytest.mark.parametrize("command", [("audit", "verify"), ("participant", "list"), ("due",), ("db-info",),
                                     ("participant", "show", "104-001"), ("visit", "missed", "104-001", "M2",
                                                                          "--reason", "x")])
def test_a_command_on_a_missing_sqlite_file_says_it_does_not_exist_and_creates_nothing(tmp_path, command):
    missing = tmp_path / "typo.sqlite3"
    run = run_cli if command == ("participant", "list") else run_main  # one in a real process
    result = run("--db", str(missing), *command)
    assert_one_line_error(result, f"the database file {missing} does not exist")
    assert not missing.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in tmp_path.iterdir()
                                                              if p.name != missing.name)


def test_participant_add_and_demo_are_the_commands_that_create_a_database(tmp_path, monkeypatch):
    """The demo here fills one participant: what it fills is not the point (test_cli_db runs the
    whole demo), the database it opens is."""
    from ln_scheduler.services import demo

    def one_participant(svc, **_kwargs):  # type: ignore[no-untyped-def]
        svc.enrol("104-001", "AB")
        return "1 participant"

    monkeypatch.setattr(demo, "fill_demo_site", one_participant)
    first = tmp_path / "new.sqlite3"
    assert run_main("--db", str(first), "participant", "add", "104-001", "--initials", "AB").status == 0
    second = tmp_path / "demo.sqlite3"
    assert run_main("--db", str(second), "demo").status == 0
    assert first.is_file() and second.is_file()


def test_mode_ro_opens_read_only_and_every_write_is_refused(db, tmp_path):
    assert run_main("--db", db, "participant", "add", "104-001", "--initials", "AB",
                    "--conditioning-start", "2027-01-26").status == 0
    before = _audit_head(db)
    ro = _with_query(db, "mode=ro")
    shown = run_main("--db", ro, "participant", "show", "104-001")
    assert shown.status == 0 and "104-001 (AB)" in shown.out
    assert "(read-only)" in run_main("--db", ro, "db-info").out
    for write in (("participant", "add", "104-002", "--initials", "CD"),
                  ("visit", "missed", "104-001", "M2", "--reason", "travel"),
                  ("withdraw", "104-001", "--date", "2027-01-20", "--reason", "consent withdrawn"),
                  ("participant", "cohort", "104-001", "SSC-1B", "--reason", "Part 1b"),
                  ("infusion", "104-001", "--date", "2027-01-31", "--dose", "2", "--yes"),
                  ("infusion", "104-001", "--dose", "2", "--not-given", "--reason", "toxicity", "--yes"),
                  ("site", "enrolment-version", "1.0", "--reason", "first approval")):
        assert_one_line_error(run_main("--db", ro, *write), "the database is read-only", "nothing was changed")
    assert _audit_head(db) == before


def test_a_read_only_engine_is_refused_by_the_database_itself(db):
    """The app's own check is not the only guard: the connection cannot write at all."""
    from ln_scheduler.store.database import is_read_only, make_engine

    assert run_main("--db", db, "participant", "add", "104-001", "--initials", "AB").status == 0
    engine = make_engine(parse_url(_with_query(db, "mode=ro")))
    assert is_read_only(engine) and is_read_only(engine.execution_options(ln_write=True))
    assert not is_read_only(make_engine(parse_url(db)))
    try:
        with pytest.raises(Exception, match=r"(?i)read.?only"), engine.begin() as conn:
            conn.execute(text("UPDATE participants SET initials = 'ZZ'"))
    finally:
        engine.dispose()
    assert run_main("--db", db, "participant", "show", "104-001").out.startswith("104-001 (AB)")


def test_an_unknown_mode_or_option_is_refused_not_ignored(tmp_path):
    path = tmp_path / "site.sqlite3"
    assert run_main("--db", str(path), "participant", "add", "104-001", "--initials", "AB").status == 0
    assert_one_line_error(run_main("--db", f"sqlite:///{path}?mode=rwx", "due"), "?mode=rwx is not understood")
    assert_one_line_error(run_main("--db", f"sqlite:///{path}?journal=off", "due"), "unknown option 'journal'")


def test_another_applications_sqlite_file_is_refused_unchanged(tmp_path):
    other = tmp_path / "invoices.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices VALUES (1, 9.5)")
    conn.commit()
    conn.close()
    before = other.read_bytes()
    for command in (("due",), ("participant", "add", "104-001", "--initials", "AB"), ("demo",)):
        assert_one_line_error(run_main("--db", str(other), *command),
                              f"{other} is not an LN Visit Scheduler database")
    assert other.read_bytes() == before  # not switched to WAL: the header's journal bytes are unchanged
    assert sorted(p.name for p in tmp_path.iterdir()) == ["invoices.db"]  # no -wal, no -shm
    assert sqlite3.connect(other).execute("PRAGMA journal_mode").fetchone() == ("delete",)


@pytest.mark.parametrize(("url", "fragment"), [
    ("sqlite://x", "names no file"),
    ("postgresql://u@127.0.0.1:abc/x", "is not a database URL"),
    ("postgresql+asyncpg://u@127.0.0.1/x", "driver 'postgresql+asyncpg' is not installed"),
    ("postgresql+nosuchdriver://u@h/x", "driver 'postgresql+nosuchdriver' is not installed"),
    ("mysql://u@h/x", "unsupported database URL scheme 'mysql'"),
])
def test_a_bad_database_url_is_one_line(url, fragment):
    assert_one_line_error(run_main("--db", url, "due"), fragment)


@pytest.mark.parametrize("argv", [("--db", ""), ("--db", "  "), ("--db=",)])
def test_an_empty_db_is_refused_never_the_default_database(argv, tmp_path, monkeypatch):
    """An empty ``$DB`` in a script (``--db "$DB"``) wrote to the default database, exit 0."""
    monkeypatch.setenv("LN_SCHEDULER_DATA_DIR", str(tmp_path / "data"))
    assert_one_line_error(run_main(*argv, "participant", "add", "104-201", "--initials", "QQ"), "--db is empty")
    assert not (tmp_path / "data").exists()


def test_a_file_name_too_long_is_one_line(tmp_path):
    long_name = tmp_path / ("x" * 300 + ".sqlite3")
    assert_one_line_error(run_main("--db", str(long_name), "due"), "File name too long")
    assert_one_line_error(run_main("--db", str(long_name), "participant", "add", "104-001", "--initials", "AB"),
                          "File name too long")


def test_a_folder_given_as_the_database_is_one_line(tmp_path: Path):
    assert_one_line_error(run_main("--db", str(tmp_path), "due"), "is a folder")
