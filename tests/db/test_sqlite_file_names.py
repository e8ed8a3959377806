"""A SQLite database file is opened by its name, whatever characters the name holds.

Seen in the long fuzz: ``--db file:x.db`` (a file in the current folder, made by ``participant add``)
was the database every command opened, but the daily backup opened "file:x.db" as a SQLite *URI*,
that is a new empty file x.db, and warned "the copy is not a complete LN Visit Scheduler database
(it is empty)" on every later command. Names with ``?`` or ``#`` broke the read-only checks the same
way (``f"file:{path}?mode=ro"``)."""

from __future__ import annotations

from datetime import date

import pytest

from ln_scheduler.services.app import open_services


@pytest.mark.parametrize("name", ["file:x.db", "site #1?.sqlite3", "100% site.sqlite3"])
def test_backup_and_restore_of_a_database_with_an_awkward_name(tmp_path, monkeypatch, clock, name):
    monkeypatch.chdir(tmp_path)
    with open_services(name, user="alice", workstation="ws-alice", clock=clock) as svc:
        svc.enrol("104-001", "AB", conditioning_start=date(2027, 4, 5))
    with open_services(name, user="alice", workstation="ws-alice", clock=clock, create=False) as svc:
        copy = svc.backup(tmp_path / "copy.sqlite3")
        daily = svc.automatic_backup()  # the day's first opening of a database made before
    assert daily is not None and daily.stat().st_size > 0
    with open_services(f"sqlite:///{copy}", user="alice", workstation="ws-alice", clock=clock, create=False) as back:
        assert [p.id for p in back.participants()] == ["104-001"]
    assert not (tmp_path / "x.db").exists()  # no stray database made from a misread name
