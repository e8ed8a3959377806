"""The day's automatic backup starts once the window shows the first rows of the database it
opened: started with the database, its worker competed with the reading of those rows."""

from __future__ import annotations

from typing import Any

import pytest

from ln_scheduler.ui import app_database
from ln_scheduler.ui.app_database import open_database
from ln_scheduler.ui.main_window import MainWindow

from .conftest import open_test_services


def test_the_days_backup_starts_after_the_first_worklist_is_shown(qtbot: Any, tmp_path, settings, prompter,
                                                                 monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "site.sqlite3"
    svc = open_test_services(f"sqlite:///{path}")
    svc.enrol("104-001", "JQD")
    svc.close()
    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    first_rows: list[str] = []
    window.first_read_ended.connect(lambda: first_rows.append(window.worklist.ui.summary_label.text()))
    started_after: list[list[str]] = []
    start_backup = app_database._back_up_in_the_background

    def recording(host: Any, services: Any) -> None:
        started_after.append(list(first_rows))
        start_backup(host, services)

    monkeypatch.setattr(app_database, "_back_up_in_the_background", recording)
    open_database(window, f"sqlite:///{path}")
    qtbot.waitUntil(lambda: any((tmp_path / "backups").glob("site-*.sqlite3")), timeout=30000)
    assert len(started_after) == 1, "one backup, started once"
    assert len(started_after[0]) == 1, "the backup started before the first rows were shown"
    assert "Reading the worklist" not in started_after[0][0]
    assert not prompter.errors
    assert window.services is not None
    window.services.close()
    window.services = None
