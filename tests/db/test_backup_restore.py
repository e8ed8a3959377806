"""Backups are atomic and private; ``restore`` puts one back without losing the current database; the
day's first opening of a SQLite file makes an automatic backup and keeps the newest N."""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from ln_scheduler.services import backup as backup_module
from ln_scheduler.services.app import open_services
from ln_scheduler.services.auto_backup import automatic_backup, backups_to_keep
from ln_scheduler.services.errors import ServiceError
from ln_scheduler.services.restore import open_in_another_process, plan_restore, restore_backup
from ln_scheduler.services.startup import open_services_for_command

from .conftest import FixedClock
from .helpers import enrol_worked_example


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_backup_that_hits_a_full_disk_leaves_nothing_and_can_be_retried(svc, tmp_path, monkeypatch):
    enrol_worked_example(svc)
    dest = tmp_path / "out" / "backup.sqlite3"
    dest.parent.mkdir()

    def disk_full(path: Path) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(backup_module, "fsync_file", disk_full)
    with pytest.raises(ServiceError, match=r"no backup written to .*No space left on device"):
        svc.backup(dest)
    assert list(dest.parent.iterdir()) == [], "no file under the backup's name, no temporary file"
    monkeypatch.undo()
    assert svc.backup(dest) == dest
    assert _mode(dest) == 0o600
    with open_services(f"sqlite:///{dest}", clock=FixedClock(svc.now())) as copy:
        assert [p.id for p in copy.participants()] == ["104-001"]
        assert copy.verify_audit().ok


def test_a_file_that_is_not_one_of_our_databases_is_not_a_backup(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    sqlite3.connect(empty).close()
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE t (x)")
    for path, why in ((empty, "it is empty"), (other, "no schema revision")):
        with pytest.raises(ServiceError, match=f"not a complete LN Visit Scheduler database \\({why}\\)"):
            plan_restore(path, tmp_path / "site.sqlite3")
    text = tmp_path / "notes.sqlite3"
    text.write_text("hello\n" * 200)
    with pytest.raises(ServiceError, match="integrity check"):
        plan_restore(text, tmp_path / "site.sqlite3")


def _site(tmp_path: Path, clock: FixedClock) -> tuple[Path, Path]:
    """A site database with one participant, and a backup of it; then a second participant."""
    path = tmp_path / "site.sqlite3"
    with open_services(f"sqlite:///{path}", user="alice", workstation="ws", clock=clock) as svc:
        enrol_worked_example(svc)
        backup = svc.backup(tmp_path / "backup.sqlite3")
        svc.enrol("104-002", "CD")
    return path, backup


def test_restore_replaces_the_database_and_keeps_the_previous_one_aside(tmp_path, clock):
    path, backup = _site(tmp_path, clock)
    plan = plan_restore(backup, path)
    assert (plan.participants, plan.database_exists) == (1, True)
    aside = restore_backup(plan, datetime(2027, 3, 10, 15, 30, tzinfo=UTC))
    assert aside == tmp_path / "site.before-restore-20270310T153000Z.sqlite3"
    assert _mode(aside) == 0o600 and _mode(path) == 0o600
    with open_services(f"sqlite:///{path}", clock=clock) as svc:
        assert [p.id for p in svc.participants()] == ["104-001"]
        assert svc.verify_audit().ok
    with open_services(f"sqlite:///{aside}", clock=clock) as svc:
        assert [p.id for p in svc.participants()] == ["104-001", "104-002"], "nothing of the old file is lost"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


HOLDER = textwrap.dedent(
    """
    import sys
    from ln_scheduler.services.app import open_services

    svc = open_services(sys.argv[1])
    svc.participants()
    print("open", flush=True)
    sys.stdin.readline()
    svc.close()
    """
)


def test_restore_is_refused_while_another_process_has_the_database_open(tmp_path, clock):
    path, backup = _site(tmp_path, clock)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, f"sqlite:///{path}"], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        assert open_in_another_process(path)
        with pytest.raises(ServiceError, match="open in another program"):
            restore_backup(plan_restore(backup, path), datetime(2027, 3, 10, 15, 30, tzinfo=UTC))
    finally:
        holder.communicate("\n", timeout=60)
    assert not open_in_another_process(path)
    with open_services(f"sqlite:///{path}", clock=clock) as svc:
        assert len(svc.participants()) == 2, "the refused restore changed nothing"


def test_the_first_opening_of_a_site_day_backs_the_file_up_once_and_keeps_the_newest_n(tmp_path, clock):
    path = tmp_path / "data" / "site.sqlite3"
    path.parent.mkdir()
    with open_services(f"sqlite:///{path}", clock=clock) as svc:
        assert svc.automatic_backup() is None, "a database created just now has nothing to back up"
        enrol_worked_example(svc)
    folder = path.parent / "backups"
    made = []
    for day in range(10):
        clock.now = datetime(2027, 3, 10, 15, 0, tzinfo=UTC) + timedelta(days=day)
        for _ in range(2):  # the second opening of the day writes nothing
            with open_services(f"sqlite:///{path}", clock=clock) as svc:
                made.append(svc.automatic_backup())
    written = [p for p in made if p is not None]
    assert len(written) == 10
    kept = sorted(p.name for p in folder.iterdir())
    assert kept == [f"site-{date(2027, 3, 10) + timedelta(days=d)}.sqlite3" for d in range(3, 10)]
    assert _mode(folder) == 0o700 and all(_mode(p) == 0o600 for p in folder.iterdir())
    with open_services(f"sqlite:///{folder / kept[-1]}", clock=clock) as copy:
        assert [p.id for p in copy.participants()] == ["104-001"]


def test_how_many_daily_backups_are_kept_is_a_setting(tmp_path, clock, monkeypatch):
    settings = tmp_path / "config" / "settings.toml"
    settings.parent.mkdir()
    assert backups_to_keep(settings) == 7
    settings.write_text("[backup]\nkeep = 2\n")
    assert backups_to_keep(settings) == 2
    settings.write_text("[backup]\nkeep = 0\n")
    path = tmp_path / "site.sqlite3"
    with open_services(f"sqlite:///{path}", clock=clock) as svc:
        enrol_worked_example(svc)
    monkeypatch.setenv("LN_SCHEDULER_DB", f"sqlite:///{path}")
    with open_services_for_command(None) as svc:
        assert not (tmp_path / "backups").exists(), "keep = 0 turns the automatic backup off"
    settings.write_text("[backup]\nkeep = -1\n")
    with pytest.raises(Exception, match=r"\[backup\] keep must be a whole number"):
        backups_to_keep(settings)
    with open_services_for_command(None) as svc:  # a bad setting is a warning, never a failed start
        assert svc.participants()


def test_only_a_sqlite_file_gets_the_automatic_file_backup(svc, engine_name):
    """A PostgreSQL database is the server's to back up (pg_dump, the host's snapshots)."""
    enrol_worked_example(svc)
    made = automatic_backup(svc.context.engine, svc.today(), keep=7)
    if engine_name == "postgresql":
        assert made is None
    else:
        assert made is not None and made.name == "site-2027-03-10.sqlite3"


def test_a_damaged_database_is_replaced_by_the_backup_and_kept_aside_exactly_as_it_was(tmp_path, clock):
    """The usual reason to restore: the database is damaged. It is kept byte for byte (rows may be
    salvaged from it), not checked or copied page by page as if it were sound."""
    from .test_damaged_database import _digest, _scribble_on_table

    path, backup = _site(tmp_path, clock)
    _scribble_on_table(path, "visits")
    before = _digest(path)
    aside = restore_backup(plan_restore(backup, path), datetime(2027, 3, 10, 15, 30, tzinfo=UTC))
    assert aside is not None and _digest(aside) == before and _mode(aside) == 0o600
    with open_services(f"sqlite:///{path}", clock=clock) as svc:
        assert [p.id for p in svc.participants()] == ["104-001"]
        assert svc.participant("104-001").visits
        assert svc.verify_audit().ok
