"""The application around the views: start-up without heavy imports, first start, window and
column state remembered, keyboard shortcuts, the exception hook, typed settings, dark scheme."""

from __future__ import annotations

import logging
import subprocess
import sys
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.ui import errors, status_style
from ln_scheduler.ui.dialogs.first_start_dialog import FirstStartDialog
from ln_scheduler.ui.main_window import MainWindow
from ln_scheduler.ui.settings import AppSettings, Option, Options

from .conftest import new_database_window, open_test_services
from .dialog_waits import wait_closed
from .test_workflows import wait_dialog


def test_the_window_paints_before_sqlalchemy_reportlab_or_icalendar_are_imported():
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from ln_scheduler.ui.app import create_application\n"
        "app = create_application()\n"
        "from ln_scheduler.ui.main_window import MainWindow\n"
        "from ln_scheduler.ui.settings import AppSettings\n"
        "from PySide6.QtCore import QSettings\n"
        "w = MainWindow(AppSettings(QSettings(sys.argv[1], QSettings.Format.IniFormat)))\n"
        "w.show(); app.processEvents()\n"
        "heavy = sorted(m for m in ('sqlalchemy', 'reportlab', 'icalendar', 'alembic') if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, "/tmp/ln-scheduler-import-probe.ini"],
                            capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.strip() == ""


def test_first_start_offers_the_demo_site_and_loads_it(qtbot, settings, prompter, tmp_path):
    from ln_scheduler.ui.app_database import _maybe_first_start

    window, services = new_database_window(qtbot, settings, prompter, tmp_path / "new.sqlite3")
    dialog = wait_dialog(qtbot, window, FirstStartDialog)
    assert "new.sqlite3" in dialog.ui.database_label.text()
    dialog.ui.demo_radio.setChecked(True)
    dialog.accept()
    qtbot.waitUntil(lambda: window.participants.list_model.rowCount() >= 15, timeout=60000)
    _maybe_first_start(window)  # asked once only
    assert not isinstance(window.active_dialog, FirstStartDialog) or not window.active_dialog.isVisible()
    window.services = None
    services.close()


def test_every_new_database_is_offered_the_demo_site_not_only_the_first(qtbot, settings, prompter, tmp_path):
    from ln_scheduler.ui.app_database import _maybe_first_start

    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    for name in ("first.sqlite3", "second.sqlite3"):
        services = open_test_services(f"sqlite:///{tmp_path / name}")
        window.set_services(services)
        _maybe_first_start(window)
        dialog = wait_dialog(qtbot, window, FirstStartDialog)
        assert name in dialog.ui.database_label.text()
        dialog.ui.empty_radio.setChecked(True)
        dialog.accept()
        qtbot.waitUntil(lambda: not isinstance(window.active_dialog, FirstStartDialog))
        _maybe_first_start(window)  # the same empty database: not asked twice
        assert not isinstance(window.active_dialog, FirstStartDialog)
        window.active_dialog and window.active_dialog.reject()
    window.services = None
    services.close()


def test_window_geometry_tab_and_column_widths_are_remembered(qtbot, settings, prompter):
    first = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(first)
    first.show()
    first.resize(first.width(), 503)
    first.show_tab(2)
    first.participants.ui.participant_table.setColumnWidth(0, 173)
    first.save_window_state()
    second = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(second)
    assert second.height() == 503  # (the width is clamped to the small offscreen screen)
    assert second.current_tab() == 2
    assert second.participants.ui.participant_table.columnWidth(0) == 173


def test_common_actions_have_keyboard_shortcuts_listed_in_help(qtbot, window, prompter):
    for name, keys in (("enrol", "Ctrl+N"), ("book_visit", "Ctrl+B"), ("complete_visit", "Ctrl+D"),
                       ("miss_visit", "Ctrl+Shift+M"), ("print_worksheet", "Ctrl+P"), ("refresh", "F5"),
                       ("find", "Ctrl+F"), ("show_worklist", "Ctrl+1"), ("record_infusion", "Ctrl+I")):
        assert getattr(window.ui, f"action_{name}").shortcut().toString() == keys
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert prompter.infos and "Ctrl+D" in prompter.infos[-1][1]
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_tab() == 2
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.participants.ui.search_edit.hasFocus()


def test_status_bar_says_which_database_and_user(window, services):
    texts = [w.text() for w in window.statusBar().findChildren(type(window.database_label))]
    assert any("SQLite" in t and "site.sqlite3" in t for t in texts)
    assert any("coordinator" in t for t in texts)


def test_the_exception_hook_logs_and_shows_instead_of_crashing(tmp_path, monkeypatch, caplog):
    shown: list[Any] = []
    previous = sys.excepthook
    try:
        hook = errors.install_excepthook(lambda text, trace: shown.append((text, trace)))
        try:
            raise RuntimeError("disk on fire")
        except RuntimeError as exc:
            with caplog.at_level(logging.ERROR, logger="ln_scheduler.ui"):
                hook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = previous
    text, trace = shown[0]
    assert text.title == "Unexpected error" and "disk on fire" in text.message
    assert "Traceback" in trace
    assert "disk on fire" in caplog.text


def test_error_texts_say_what_to_do():
    from ln_scheduler.services.errors import ConflictError, DatabaseUnavailableError, ServiceError

    assert "Refresh (F5)" in errors.describe(ConflictError("visit changed", changed_by="mkeller")).advice
    assert "mkeller" in errors.describe(ConflictError("visit changed", changed_by="mkeller")).message
    assert "Nothing was saved" in errors.describe(DatabaseUnavailableError("locked")).advice
    assert errors.describe(ServiceError("no participant '9'")).message == "no participant '9'"


def test_settings_are_typed_and_survive_a_hand_edited_file(tmp_path):
    path = tmp_path / "s.ini"
    q = QSettings(str(path), QSettings.Format.IniFormat)
    s = AppSettings(q)
    assert s.get(Options.REFRESH_SECONDS) == 60
    s.set(Options.REFRESH_SECONDS, 30)
    s.sync()
    assert AppSettings(QSettings(str(path), QSettings.Format.IniFormat)).get(Options.REFRESH_SECONDS) == 30
    q.setValue(Options.PAGE_SIZE.key, "tabloid")
    q.setValue(Options.REFRESH_SECONDS.key, "soon")
    assert s.get(Options.PAGE_SIZE) == "letter" and s.get(Options.REFRESH_SECONDS) == 60
    assert Option("x/flag", False, "").coerce("true") is True


@pytest.mark.parametrize("dark", [False, True])
def test_status_colours_follow_the_scheme_and_keep_text_readable(qapp, dark):
    """The offscreen platform reports no colour scheme, so the palette decides, as on desktops
    whose platform theme does not say either."""
    from PySide6.QtGui import QColor, QPalette

    previous = qapp.palette()
    palette = QPalette(previous)
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124" if dark else "#f5f5f5"))
    qapp.setPalette(palette)
    status_style.invalidate()  # what the main window does on a palette or scheme change
    try:
        assert status_style.is_dark() is dark
        for status in VisitStatus:
            tint = status_style.visit_tint(status)
            assert (tint.lightness() < 110) if dark else (tint.lightness() > 180), status
    finally:
        qapp.setPalette(previous)
        status_style.invalidate()


def test_main_window_without_a_database_says_so(qtbot, settings, prompter):
    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.set_services(None)
    assert not window.ui.action_enrol.isEnabled()
    assert "No database" in window.database_label.text()
    assert window.sync_label.text() == ""
    assert window.today() <= date.today()


def test_preferences_dialog_saves_typed_settings_and_the_window_follows(qtbot, window, settings):
    from ln_scheduler.ui.dialogs.preferences_dialog import PreferencesDialog

    from .test_workflows import wait_dialog

    window.ui.action_preferences.trigger()
    dialog = wait_dialog(qtbot, window, PreferencesDialog)
    dialog.ui.refresh_spin.setValue(15)
    dialog.ui.page_size_combo.setCurrentIndex(1)
    dialog.ui.reminder_spin.setValue(0)
    from PySide6.QtWidgets import QDialogButtonBox

    qtbot.mouseClick(dialog.ui.button_box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert settings.get(Options.REFRESH_SECONDS) == 15
    assert settings.get(Options.PAGE_SIZE) == "a4"
    assert settings.get(Options.REMINDER_DAYS) == 0
    assert window.refresher.timer.interval() == 15000 and window.refresher.timer.isActive()


def test_database_dialog_builds_urls_without_passwords(qtbot, prompter, tmp_path):
    from ln_scheduler.ui.dialogs.db_connection_dialog import POSTGRES, DatabaseConnectionDialog

    dialog = DatabaseConnectionDialog("sqlite:////srv/site.sqlite3", tmp_path / "default.sqlite3", prompter)
    qtbot.addWidget(dialog)
    assert dialog.url() == "sqlite:////srv/site.sqlite3"
    dialog.ui.kind_combo.setCurrentIndex(POSTGRES)
    dialog.ui.host_edit.setText("db.hospital.local")
    dialog.ui.database_edit.setText("ln_scheduler")
    dialog.ui.user_edit.setText("coordinator")
    assert dialog.url() == "postgresql://coordinator@db.hospital.local/ln_scheduler"
    assert dialog.ui.url_label.text() == dialog.url()


def test_an_unreachable_database_at_start_offers_to_choose_another(qtbot, settings, prompter):
    from ln_scheduler.ui.app_database import open_database

    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    prompter.confirm_answer = False
    open_database(window, "postgresql://postgres@127.0.0.1:5432/ln_scheduler_no_such_database")
    qtbot.waitUntil(lambda: bool(prompter.confirms), timeout=30000)
    assert "does not exist" in prompter.confirms[0] and "Choose another database?" in prompter.confirms[0]
    assert "No database" in window.database_label.text()
    assert "Up to date" not in window.sync_label.text()  # never claimed without a database
    assert not window.ui.action_enrol.isEnabled()


def test_the_day_view_has_one_name_in_the_menu_and_on_its_button(window):
    """The menu said "Today at a glance", the worklist's button, Preferences and the README "Day at a
    glance" (seen walking the window)."""
    menu_name = window.ui.action_show_today.text().replace("&", "")
    assert menu_name == window.worklist.ui.day_button.text() == "Day at a glance"


def test_a_database_that_cannot_be_opened_leaves_the_one_shown_open(qtbot, window, services, prompter):
    """File › Open database with /nonexistent/dir/site.sqlite3 said why in a clear dialog, but the
    window had already closed the database it showed: "No database open" and every action greyed
    (a walk)."""
    from ln_scheduler.ui.app_database import open_database

    shown = window.services
    prompter.confirm_answer = False  # "Choose another database?" No
    open_database(window, "/nonexistent/dir/site.sqlite3")
    qtbot.waitUntil(lambda: bool(prompter.confirms), timeout=30000)
    assert "/nonexistent/dir" in prompter.confirms[0]
    assert "stays open" in prompter.confirms[0]
    assert window.services is shown
    assert window.ui.action_enrol.isEnabled()
