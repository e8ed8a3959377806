"""``ln-scheduler restore BACKUP [--yes]`` as a coordinator runs it after a disk fault: it says what
it will replace and asks; with --yes it restores and names the copy of the previous database; a
file that is not a backup, and a PostgreSQL database, are refused in one line (exit 2).

Runner: in-process (``run_main``: what restore does to the files is the point); the restore asked
and then confirmed in the first test runs in real processes, this file's main path."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.support.cli_inprocess import run_main

from .cli_runner import assert_one_line_error, run_cli
from .pg_scratch import scratch_database
from .test_cli_db import ok


def _ids(db: str, env: dict[str, str]) -> list[str]:
    return [p["id"] for p in json.loads(ok(run_main("--db", db, "participant", "list", "--json", env=env)).out)]


def test_restore_asks_then_puts_the_backup_back_and_keeps_the_previous_file(env, tmp_path):
    db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "AB", env=env))
    ok(run_main("--db", db, "backup", str(tmp_path / "monday.sqlite3"), env=env))
    ok(run_main("--db", db, "participant", "add", "104-002", "--initials", "CD", env=env))

    asked = run_cli("--db", db, "restore", str(tmp_path / "monday.sqlite3"), env=env, stdin="")
    assert_one_line_error(asked, "not confirmed", "--yes")
    assert "1 participants" in asked.out and str(tmp_path / "site.sqlite3") in asked.out
    assert _ids(db, env) == ["104-001", "104-002"]

    done = ok(run_cli("--db", db, "restore", str(tmp_path / "monday.sqlite3"), "--yes", env=env))
    aside = Path(done.out.strip().splitlines()[0].split("kept as ")[1])
    assert aside.parent == tmp_path and aside.name.startswith("site.before-restore-")
    assert _ids(db, env) == ["104-001"]
    assert _ids(f"sqlite:///{aside}", env) == ["104-001", "104-002"]
    # the restore winds the trail back on purpose: verify is intact and says so, naming the backup
    verified = ok(run_main("--db", db, "audit", "verify", env=env)).out
    assert "intact" in verified
    assert "reset on purpose" in verified and "monday.sqlite3 restored" in verified


def test_a_restore_stays_named_by_verify_after_later_changes(env, tmp_path):
    """A restore winds the trail back (what was written after the backup is gone from the
    database); the next change must not make that silent: verify keeps naming the restore."""
    db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "AB", env=env))
    ok(run_main("--db", db, "backup", str(tmp_path / "monday.sqlite3"), env=env))
    ok(run_main("--db", db, "participant", "add", "104-002", "--initials", "CD", env=env))
    ok(run_main("--db", db, "restore", str(tmp_path / "monday.sqlite3"), "--yes", env=env))
    ok(run_main("--db", db, "participant", "add", "104-003", "--initials", "EF", env=env))
    verified = ok(run_main("--db", db, "audit", "verify", env=env)).out
    assert "reset on purpose" in verified and "monday.sqlite3 restored" in verified, verified


def test_rows_cut_from_the_end_after_a_restore_are_still_reported(env, tmp_path):
    """The reset moves the checkpoint to the restored head only: what is written after it is
    checkpointed again, and cutting it off (head wound back) is reported as before."""
    import sqlite3

    db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "AB", env=env))
    ok(run_main("--db", db, "backup", str(tmp_path / "monday.sqlite3"), env=env))
    ok(run_main("--db", db, "restore", str(tmp_path / "monday.sqlite3"), "--yes", env=env))
    ok(run_main("--db", db, "participant", "add", "104-002", "--initials", "CD", env=env))
    with sqlite3.connect(tmp_path / "site.sqlite3") as con:  # an attacker cuts 104-002's rows off the end
        seq, = con.execute("SELECT min(seq) FROM audit_log WHERE participant_id = '104-002'").fetchone()
        con.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
        for name, in con.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            con.execute(f"DROP TRIGGER {name}")
        con.execute("DELETE FROM audit_log WHERE seq >= ?", (seq,))
        prev, = con.execute("SELECT hash FROM audit_log WHERE seq = ?", (seq - 1,)).fetchone()
        con.execute("UPDATE audit_head SET seq = ?, hash = ?", (seq - 1, prev))
    con.close()  # the with block commits; it does not close
    result = run_main("--db", db, "audit", "verify", env=env)
    assert result.status == 4, result
    assert "missing" in result.out + result.err


def test_what_cannot_be_restored_is_one_line(env, tmp_path):
    db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "AB", env=env))
    notes = tmp_path / "notes.txt"
    notes.write_text("not a backup\n" * 100)
    assert_one_line_error(run_main("--db", db, "restore", str(notes), "--yes", env=env), "integrity check")
    assert_one_line_error(run_main("--db", db, "restore", str(tmp_path / "none.sqlite3"), "--yes", env=env),
                          "does not exist")
    with scratch_database("ln_e2e_restore") as url:
        assert_one_line_error(run_main("--db", url, "restore", str(notes), "--yes", env=env), "pg_restore")
    assert _ids(db, env) == ["104-001"]


def test_odd_backup_and_restore_paths_are_one_line(env, tmp_path):
    """A 300-character name failed with "unexpected error: OSError: File name too long"."""
    db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "AB", env=env))
    long_name = str(tmp_path / ("x" * 300 + ".sqlite3"))
    assert_one_line_error(run_main("--db", db, "backup", long_name, env=env), "no backup written", "too long")
    assert_one_line_error(run_main("--db", db, "restore", long_name, "--yes", env=env), "cannot read", "too long")
    assert_one_line_error(run_main("--db", db, "backup", "", env=env), "give a file name for the backup")
    assert_one_line_error(run_main("--db", db, "restore", "", env=env), "give the backup file to restore")
    assert_one_line_error(run_main("--db", db, "backup", str(tmp_path), env=env), "is a folder")


def test_a_backup_whose_audit_trail_fails_is_said_before_and_after_it_is_restored(env, tmp_path):
    """Seen in a walk: a backup edited behind the trail's back was restored "audit checkpoint reset
    to the restored trail", exit 0, not a word: only a later verify showed it. The backup's own trail
    is verified before it replaces the database, and what fails is said with the question."""
    import sqlite3

    db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "AB", "--conditioning-start",
                "2027-04-05", env=env))
    ok(run_main("--db", db, "backup", str(tmp_path / "monday.sqlite3"), env=env))
    with sqlite3.connect(tmp_path / "monday.sqlite3") as con:
        con.execute("UPDATE visits SET scheduled = '2027-04-30' WHERE code = 'LD1'")
    con.close()
    asked = run_main("--db", db, "restore", str(tmp_path / "monday.sqlite3"), env=env, stdin="")
    assert_one_line_error(asked, "not confirmed")
    assert "Warning: the backup's audit trail does not verify" in asked.out, asked.out
    assert "LD1" in asked.out  # what fails, as audit verify says it
    # an inspector's walk: with --yes it then replaced the database, exit 0, the warning printed after the
    # fact. A backup whose trail fails is restored only when asked for in words, never by --yes alone
    refused = run_main("--db", db, "restore", str(tmp_path / "monday.sqlite3"), "--yes", env=env)
    assert refused.status == 4, (refused.status, refused.err)
    assert "does not verify" in refused.err and "--even-if-unverified" in refused.err
    assert "nothing was restored" in refused.err and "LD1" in refused.out
    assert not list(tmp_path.glob("site.before-restore-*"))  # the database was not touched
    done = ok(run_main("--db", db, "restore", str(tmp_path / "monday.sqlite3"), "--yes", "--even-if-unverified",
                       env=env))
    assert "Warning: the backup's audit trail does not verify" in done.out


def test_a_sound_backup_is_restored_without_an_audit_warning(env, tmp_path):
    db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "AB", env=env))
    ok(run_main("--db", db, "backup", str(tmp_path / "monday.sqlite3"), env=env))
    done = ok(run_main("--db", db, "restore", str(tmp_path / "monday.sqlite3"), "--yes", env=env))
    assert "Warning" not in done.out and "audit trail of the backup verifies" in done.out


def test_a_second_restore_keeps_the_first_one_named(env, tmp_path):
    """Seen in an inspector's walk: restore, a change, restore again: verify named only the second
    restore, so the rows the first one wound back (bookings made after the backup) were no longer
    mentioned anywhere. Every restore stays named. (Run quickly, the second restore also came within the
    same second as the first, and stopped with "File exists": its copy of the database took the
    first one's name.)"""
    db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "AB", env=env))
    ok(run_main("--db", db, "backup", str(tmp_path / "monday.sqlite3"), env=env))
    ok(run_main("--db", db, "participant", "add", "104-002", "--initials", "CD", env=env))
    ok(run_main("--db", db, "participant", "add", "104-003", "--initials", "EF", env=env))
    ok(run_main("--db", db, "restore", str(tmp_path / "monday.sqlite3"), "--yes", env=env))
    first = ok(run_main("--db", db, "audit", "verify", "--json", env=env))
    [note] = [n for n in json.loads(first.out)["notes"] if "reset on purpose" in n]
    before_first = note.split("before it the trail was at seq ")[1].split(")")[0]
    ok(run_main("--db", db, "participant", "add", "104-004", "--initials", "GH", env=env))
    ok(run_main("--db", db, "restore", str(tmp_path / "monday.sqlite3"), "--yes", env=env))
    verified = ok(run_main("--db", db, "audit", "verify", env=env)).out
    assert f"before it the trail was at seq {before_first})" in verified, verified  # the first restore
    assert verified.count("monday.sqlite3 restored") == 2, verified


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("runuser") is None,
                    reason="needs root to run the command as another user (CI runs as root)")
def test_a_backup_this_user_cannot_read_is_said_so_not_called_damaged(env, tmp_path):
    """Seen in an inspector's walk: as a user who may not read the backup (0600, another owner),
    restore said it "fails SQLite's integrity check (unable to open database file): it is not a
    usable backup": a sound backup made to look damaged. It says it cannot be read, and why."""
    import subprocess
    import sys
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="ln-restore-nobody-"))
    try:
        folder.chmod(0o777)
        db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
        ok(run_main("--db", db, "participant", "add", "104-001", "--initials", "AB", env=env))
        backup = folder / "monday.sqlite3"
        ok(run_main("--db", db, "backup", str(backup), env=env))
        backup.chmod(0o600)  # root's own
        home = folder / "home"
        home.mkdir(mode=0o777)
        result = subprocess.run(
            ["runuser", "-u", "nobody", "--", sys.executable, "-m", "ln_scheduler.cli", "--db",
             f"sqlite:///{folder / 'new.sqlite3'}", "restore", str(backup), "--yes"],
            capture_output=True, text=True, timeout=120,
            env={"PATH": os.environ["PATH"], "HOME": str(home), "XDG_CONFIG_HOME": str(home / "c"),
                 "XDG_DATA_HOME": str(home / "d"), "XDG_CACHE_HOME": str(home / "k"), "PYTHONDONTWRITEBYTECODE": "1"})
        assert result.returncode == 2, (result.returncode, result.stderr)
        assert f"cannot read {backup}" in result.stderr and "ermission denied" in result.stderr, result.stderr
        assert "integrity" not in result.stderr
    finally:
        shutil.rmtree(folder)


def test_a_refused_backup_counts_every_problem_not_the_twenty_listed(env, tmp_path):
    """From a walk: a backup with 25 problems was refused as "20 problem(s), above"."""
    import sqlite3

    db = f"sqlite:///{tmp_path / 'site.sqlite3'}"
    for n in range(1, 13):
        ok(run_main("--db", db, "participant", "add", f"104-{n:03d}", "--initials", "AB", env=env))
    ok(run_main("--db", db, "backup", str(tmp_path / "monday.sqlite3"), env=env))
    with sqlite3.connect(tmp_path / "monday.sqlite3") as con:
        con.execute("UPDATE participants SET initials = 'ZZ'")  # 12 participants, and their screenings
        con.execute("UPDATE visits SET scheduled = '2099-01-01' WHERE code = 'SCR'")
    con.close()
    refused = run_main("--db", db, "restore", str(tmp_path / "monday.sqlite3"), "--yes", env=env)
    assert refused.status == 4
    assert "(24 problem(s), above)" in refused.err, refused.err
    assert "4 further problem(s) not listed" in refused.out
