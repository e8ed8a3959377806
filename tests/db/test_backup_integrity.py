"""A backup is only reported written when SQLite finds the copy sound: the online backup API copies
damaged pages as they are, and the copy a site restores after damage must not be damaged too."""

from __future__ import annotations

import pytest

from ln_scheduler.services.app import open_services
from ln_scheduler.services.errors import DatabaseDamagedError

from .test_damaged_database import _digest, _scribble_on_table, _site


def test_a_backup_of_a_database_with_a_damaged_table_is_refused_and_left_nowhere(tmp_path, clock):  # type: ignore[no-untyped-def]
    path = tmp_path / "site.sqlite3"
    _site(path, clock)
    _scribble_on_table(path, "procedure_records")  # nothing reads it on open or for a backup
    before = _digest(path)
    copy = tmp_path / "backup.sqlite3"
    with open_services(f"sqlite:///{path}", user="alice", workstation="ws-alice", clock=clock) as svc:
        assert svc.participants(), "the damage is where the everyday reads do not go"
        with pytest.raises(DatabaseDamagedError, match="no backup written") as refused:
            svc.backup(copy)
    assert refused.value.path == path
    assert not copy.exists()
    assert _digest(path) == before, "the damaged database is not touched"


def test_a_sound_database_is_backed_up_and_the_copy_opens(tmp_path, clock):  # type: ignore[no-untyped-def]
    path = tmp_path / "site.sqlite3"
    _site(path, clock)
    copy = tmp_path / "backup.sqlite3"
    with open_services(f"sqlite:///{path}", user="alice", workstation="ws-alice", clock=clock) as svc:
        assert svc.backup(copy) == copy
    with open_services(f"sqlite:///{copy}", user="alice", workstation="ws-alice", clock=clock) as restored:
        assert [p.id for p in restored.participants()] == ["104-001", "104-002", "104-003"]
        assert restored.verify_audit().ok
