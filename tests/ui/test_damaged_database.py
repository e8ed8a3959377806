"""A damaged database in the GUI: the dialog says so in words and says what to do (keep the file,
restore a backup), never "try again"; at start-up it offers another database; found later, by a
refresh, it shows in the status bar like any database failure. The file is left as it was."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from ln_scheduler.services.errors import DatabaseDamagedError
from ln_scheduler.ui import errors
from ln_scheduler.ui.main_window import MainWindow

from .conftest import open_test_services


def test_a_damaged_file_is_described_with_what_to_do():
    path = Path("/srv/site/ln_scheduler.sqlite3")
    text = errors.describe(DatabaseDamagedError("the database file ... is damaged", path=path,
                                                detail="database disk image is malformed"))
    assert text.title == "Database damaged"
    assert str(path) in text.message and "database disk image is malformed" in text.message
    assert "Nothing was written" in text.message
    for advice in ("keep it exactly as it is", "do not delete", "Restore your most recent backup",
                   "ln-scheduler backup", "Open database"):
        assert advice in text.advice, advice
    assert "try again" not in text.full.lower() and "F5" not in text.full


def test_damage_on_a_server_is_for_the_database_administrator():
    text = errors.describe(DatabaseDamagedError("damaged", detail="invalid page in block 7"))
    assert text.title == "Database damaged"
    assert "invalid page in block 7" in text.message and "database administrator" in text.advice


def test_a_damaged_database_at_start_offers_to_choose_another_and_is_left_alone(qtbot, settings, prompter,
                                                                                tmp_path):
    from ln_scheduler.ui.app_database import open_database

    path = tmp_path / "site.sqlite3"
    svc = open_test_services(f"sqlite:///{path}")
    svc.enrol("104-001", "JQD")
    svc.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])  # cut short, as a sync tool that stopped half-way leaves it
    before = hashlib.sha256(path.read_bytes()).hexdigest()

    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    prompter.confirm_answer = False
    open_database(window, f"sqlite:///{path}")
    qtbot.waitUntil(lambda: bool(prompter.confirms), timeout=30000)
    shown = prompter.confirms[0]
    assert f"The database file {path} is damaged" in shown
    assert "Restore your most recent backup" in shown and "do not delete" in shown
    assert shown.endswith("Choose another database?")
    assert "SELECT" not in shown and "sqlalche.me" not in shown
    assert "No database" in window.database_label.text()
    assert not window.ui.action_enrol.isEnabled()
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_damage_found_by_a_refresh_is_shown_in_the_status_bar_and_on_f5(qtbot, window, prompter, monkeypatch):
    def damaged(*_args: Any, **_kwargs: Any) -> None:
        raise DatabaseDamagedError("the database file /srv/site.sqlite3 is damaged", path=Path("/srv/site.sqlite3"),
                                   detail="database disk image is malformed")

    monkeypatch.setattr(window.services, "audit", damaged)
    window.refresh_in_background()  # the timer: no dialog, a warning in the status bar
    assert "Database damaged" in window.sync_label.text()
    assert "restore a backup" in window.sync_label.text() and "retrying" not in window.sync_label.text()
    assert not window.refresher.timer.isActive(), "a damaged file does not heal: no retry every minute"
    assert "Restore your most recent backup" in window.sync_label.toolTip()
    assert prompter.errors == []
    window.ui.action_refresh.trigger()  # F5: the user asked, so a dialog says what to do
    assert prompter.errors and prompter.errors[-1][0] == "Database damaged"
    assert window.isVisible()
