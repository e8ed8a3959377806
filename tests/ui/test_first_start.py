"""A new site's first minutes: an empty database, "Start empty", then the site's settings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ln_scheduler.ui.dialogs.first_start_dialog import FirstStartDialog
from ln_scheduler.ui.dialogs.site_settings_dialog import SiteSettingsDialog

from .conftest import new_database_window
from .dialog_waits import wait_closed
from .test_workflows import wait_dialog


def test_start_empty_then_site_settings_saves_the_new_site_without_an_error_or_a_reason(
        qtbot, settings, prompter, tmp_path):
    window, services = new_database_window(qtbot, settings, prompter, tmp_path / "new.sqlite3")
    first = wait_dialog(qtbot, window, FirstStartDialog)
    qtbot.mouseClick(first.ui.empty_radio, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(first.ui.button_box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    dialog = wait_dialog(qtbot, window, SiteSettingsDialog)
    # The running app's event loop deletes the closed first-start dialog (deleteLater); the test's
    # waits do not, so do what the loop does.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not dialog.ui.reason_edit.isVisible()  # nothing earlier is changed: no reason to give
    dialog.ui.name_edit.selectAll()
    qtbot.keyClicks(dialog.ui.name_edit, "Lakeside Kidney Research Unit")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.last_error is None, dialog.last_error
    wait_closed(qtbot, dialog)
    qtbot.waitUntil(lambda: window.active_dialog is None)  # the dialog closed without an exception
    assert prompter.errors == []
    assert services.site().name == "Lakeside Kidney Research Unit"
    created = [e for e in services.audit(None) if e.entity == "site"]
    assert created and {e.action for e in created} == {"insert"}
    window.services = None
    services.close()


def test_a_site_set_up_before_still_asks_why_its_settings_change(qtbot, window, services):
    window.ui.action_site_settings.trigger()
    dialog = wait_dialog(qtbot, window, SiteSettingsDialog)
    assert dialog.ui.reason_edit.isVisible()
    dialog.ui.number_edit.setText("105")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.last_error is not None and "reason" in dialog.last_error.full
