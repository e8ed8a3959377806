"""``restore`` on a database opened read-only: it works on the file, not through a connection, so
the read-only answer of an open database never reached it and ``?mode=ro`` was ignored: the file
was replaced. Now it is refused in one line like every other write, and the file is untouched.

Runner: the set-up in-process (``run_main``), the refused restore in a real process (the file's one
test, its main path)."""

from __future__ import annotations

from tests.e2e.cli_runner import assert_one_line_error, run_cli
from tests.support.cli_inprocess import run_main


def test_restore_into_a_database_opened_read_only_is_refused_and_changes_nothing(tmp_path):
    db, backup = tmp_path / "site.sqlite3", tmp_path / "backup.sqlite3"
    env = {"LN_SCHEDULER_DATA_DIR": str(tmp_path / "data")}
    assert run_main("--db", str(db), "participant", "add", "104-001", "--initials", "AB", env=env).status == 0
    assert run_main("--db", str(db), "backup", str(backup), env=env).status == 0
    assert run_main("--db", str(db), "participant", "add", "104-002", "--initials", "CD", env=env).status == 0
    before = db.read_bytes()

    refused = run_cli("--db", f"sqlite:///{db}?mode=ro", "restore", str(backup), "--yes", env=env)

    assert_one_line_error(refused, "the database is read-only", "nothing was changed")
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*before-restore*"))  # nothing was moved aside either
