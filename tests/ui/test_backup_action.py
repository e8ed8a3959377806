"""File › Back up database…: a checked copy written in the background, that opens as a database
with the same participants; not offered without a database; a damaged database is refused."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ln_scheduler.services.errors import DatabaseDamagedError
from ln_scheduler.ui.main_window import MainWindow

from .conftest import open_test_services
from .test_workflows import C1, enrolled_in_follow_up


def back_up(qtbot: Any, window: Any, prompter: Any) -> None:
    """Choose the menu entry and wait for its answer (a message, whichever it is)."""
    assert window.ui.action_backup_database.isEnabled()
    window.ui.action_backup_database.trigger()
    qtbot.waitUntil(lambda: bool(prompter.infos or prompter.errors), timeout=20000)


def test_the_backup_opens_as_a_database_with_the_same_participants(qtbot, window, services, prompter, tmp_path):
    enrolled_in_follow_up(services)
    services.enrol("104-002", "MRK", conditioning_start=C1)
    target = tmp_path / "safe" / "copy"  # typed without the extension
    target.parent.mkdir()
    prompter.save_path = target
    back_up(qtbot, window, prompter)
    assert prompter.errors == []
    title, suggested = prompter.saves[-1]
    assert title == "Back up the database"
    assert suggested.name == "ln-scheduler-backup-104-2027-02-10.sqlite3"  # site number and the site's today
    written = target.with_suffix(".sqlite3")
    assert prompter.infos[-1][0] == "Backup written"
    assert str(written) in prompter.infos[-1][1] and "File › Open database" in prompter.infos[-1][1]
    copy = open_test_services(f"sqlite:///{written}")
    try:
        assert [p.id for p in copy.participants()] == ["104-001", "104-002"]
        assert copy.participant("104-001").infusion_actual == date(2027, 1, 31)
        verified = copy.verify_audit()
        assert verified.ok
        # the audit checkpoint to note in the site log: the copy's head
        assert f"audit checkpoint: seq {verified.rows} hash {verified.last_hash[:16]}…" in prompter.infos[-1][1]
    finally:
        copy.close()


def test_there_is_nothing_to_back_up_without_a_database(qtbot, settings, prompter):
    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.set_services(None)
    assert not window.ui.action_backup_database.isEnabled()
    assert window.ui.action_backup_database in window.ui.menu_file.actions()


def test_a_damaged_database_is_refused_with_the_damage_message(qtbot, window, services, prompter, tmp_path,
                                                               monkeypatch):
    prompter.save_path = tmp_path / "copy.sqlite3"

    def damaged(destination: Path) -> Path:
        raise DatabaseDamagedError("no backup written: the copy fails SQLite's integrity check",
                                   path=tmp_path / "site.sqlite3", detail="database disk image is malformed")

    monkeypatch.setattr(services, "backup", damaged)
    back_up(qtbot, window, prompter)
    assert prompter.infos == []
    title, message = prompter.errors[-1]
    assert title == "Database damaged" and "malformed" in message
    assert not prompter.save_path.exists()


def test_cancelling_the_file_chooser_writes_nothing(qtbot, window, prompter, tmp_path):
    prompter.save_path = None
    window.ui.action_backup_database.trigger()
    assert len(prompter.saves) == 1 and prompter.infos == [] and prompter.errors == []
    assert not window.runner.busy
