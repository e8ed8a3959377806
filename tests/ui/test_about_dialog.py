"""Help › About as a site's IT department uses it: the folders to look in (settings, data, log
files: selectable, each with a button that opens it), the licences of everything shipped (Qt and
PySide6 under the LGPL among them), and Help › About Qt."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit

from ln_scheduler.store.location import config_dir, data_dir
from ln_scheduler.ui import about_dialog, errors
from ln_scheduler.ui.about_dialog import AboutDialog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def dialog(qtbot: Any) -> AboutDialog:
    shown = AboutDialog(None, database="sqlite:///site.sqlite3 (default)", protocol="TAK007-LN-1001 v1.0")
    qtbot.addWidget(shown)
    return shown


def test_the_folders_tab_shows_settings_data_and_log_folders_selectable(dialog: AboutDialog) -> None:
    fields = dialog.folder_fields
    assert {name: Path(f.text()) for name, f in fields.items()} == {
        "Settings": config_dir(), "Data": data_dir(), "Log files": errors.log_file().parent}
    assert all(isinstance(f, QLineEdit) and f.isReadOnly() and f.accessibleName() for f in fields.values())


def test_each_open_button_opens_its_folder(dialog: AboutDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[Path] = []
    monkeypatch.setattr(about_dialog, "open_folder", lambda path: opened.append(path) or True)
    from PySide6.QtWidgets import QPushButton

    for button in dialog.findChildren(QPushButton):
        if button.text() == "Open":
            button.click()
    assert opened == [config_dir(), data_dir(), errors.log_file().parent]


def test_the_licences_tab_shows_the_apache_licence_and_every_notice(dialog: AboutDialog) -> None:
    text = dialog.licences.toPlainText()
    assert "Apache License, Version 2.0" in text
    assert (ROOT / "THIRD_PARTY_NOTICES").read_text(encoding="utf-8") in text
    for name in ("PySide6", "LGPL", "SQLAlchemy", "icalendar", "reportlab", "psycopg", "DejaVu"):
        assert name in text


def test_help_has_about_qt(window: Any) -> None:
    actions = {a.objectName(): a for a in window.ui.menu_help.actions() if isinstance(a, QAction)}
    assert "action_about_qt" in actions
    assert actions["action_about_qt"].menuRole() == QAction.MenuRole.AboutQtRole
