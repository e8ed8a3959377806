"""The GUI's daily automatic backup runs after the window has the database, not before it."""

from __future__ import annotations

from typing import Any

from ln_scheduler.ui.app_database import open_database
from ln_scheduler.ui.main_window import MainWindow

from .conftest import open_test_services


def test_opening_a_site_shows_it_then_makes_the_days_backup(qtbot: Any, tmp_path, settings, prompter):
    path = tmp_path / "site.sqlite3"
    svc = open_test_services(f"sqlite:///{path}")
    svc.enrol("104-001", "JQD")
    svc.close()
    shown_before_backup: list[bool] = []

    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.services_changed.connect(
        lambda *_: shown_before_backup.append(not (tmp_path / "backups").exists()))
    open_database(window, f"sqlite:///{path}")
    qtbot.waitUntil(lambda: any((tmp_path / "backups").glob("site-*.sqlite3")), timeout=30000)
    assert window.services is not None and window.services.sqlite_path == path
    assert shown_before_backup and shown_before_backup[0], "the backup was made before the window had the site"
    assert not prompter.errors
    window.services.close()
    window.services = None
