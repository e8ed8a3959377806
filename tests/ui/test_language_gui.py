"""A participant's language and the study team's phone through the real main window (issue 14):
enrol a Spanish-speaking participant from the keyboard (English is the default), the header says
which language they take home, Participant › Take-home language… with a reason (the audit trail
shows old, new and why), the site settings' "Study team phone" saved and refused when it is not a
number. Each dialog uses each Alt+letter once; screenshots under /tmp for a person to look at."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from ln_scheduler.ui.dialogs.change_language_dialog import ChangeLanguageDialog
from ln_scheduler.ui.dialogs.enrol_dialog import EnrolDialog
from ln_scheduler.ui.dialogs.site_settings_dialog import SiteSettingsDialog

from .dialog_waits import wait_closed
from .mnemonics import clashes
from .test_date_entry import activated
from .test_workflows import save, saved_and_closed, select_participant, wait_dialog

PID = "104-011"
SHOTS = Path("/tmp")


def _combo_items(combo) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(combo.itemData(i), combo.itemText(i)) for i in range(combo.count())]


def test_enrol_a_spanish_speaking_participant_from_the_keyboard(qtbot, window, services):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = activated(qtbot, wait_dialog(qtbot, window, EnrolDialog))
    assert _combo_items(dialog.ui.language_combo) == [("en", "English"), ("es", "Español (Spanish)")]
    assert dialog.ui.language_combo.currentData() == "en"  # unless chosen
    assert clashes(dialog) == []
    qtbot.keyClicks(dialog.ui.participant_id_edit, PID)
    qtbot.keyClicks(dialog.ui.initials_edit, "mrg")
    qtbot.keyClick(dialog, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # &Language
    qtbot.waitUntil(dialog.ui.language_combo.hasFocus)
    qtbot.keyClick(dialog.ui.language_combo, Qt.Key.Key_Down)
    assert dialog.ui.language_combo.currentData() == "es"
    dialog.grab().save(str(SHOTS / "lang-core-enrol-dialog.png"))
    qtbot.keyClick(dialog.ui.initials_edit, Qt.Key.Key_Return)  # Enter in a field saves
    wait_closed(qtbot, dialog)

    assert services.participant(PID).language == "es"
    qtbot.waitUntil(lambda: window.participants.record is not None and window.participants.record.id == PID)
    assert "takes home texts in <b>Spanish</b>" in window.participants.ui.header_label.text()


def test_change_language_with_a_reason_and_the_audit_trail_shows_it(qtbot, window, services):
    services.enrol(PID, "MRG")
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    assert "takes home texts in <b>English</b>" in window.participants.ui.header_label.text()
    assert window.ui.action_change_language.isEnabled()
    window.ui.action_change_language.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, window, ChangeLanguageDialog))
    assert dialog.ui.current_value_label.text() == "English"
    assert _combo_items(dialog.ui.language_combo) == [("es", "Español (Spanish)")]  # not the current one
    assert clashes(dialog) == []
    save(qtbot, dialog)
    assert dialog.isVisible() and "reason" in dialog.ui.error_label.text()
    assert services.participant(PID).language == "en"
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # &Reason
    qtbot.waitUntil(dialog.ui.reason_edit.hasFocus)
    qtbot.keyClicks(dialog.ui.reason_edit, "reads Spanish at home")
    dialog.grab().save(str(SHOTS / "lang-core-change-language-dialog.png"))
    saved_and_closed(qtbot, dialog)

    assert services.participant(PID).language == "es"
    qtbot.waitUntil(lambda: "takes home texts in <b>Spanish</b>" in window.participants.ui.header_label.text())
    window.participants.ui.detail_tabs.setCurrentIndex(1)  # the audit trail
    audit = window.participants.audit_model
    qtbot.waitUntil(lambda: any(audit.record(r).field == "language" for r in range(audit.rowCount())))
    change = next(audit.record(r) for r in range(audit.rowCount()) if audit.record(r).field == "language")
    assert (change.old, change.new, change.reason, change.user) == ("en", "es", "reads Spanish at home",
                                                                    services.user)


def test_a_withdrawn_participant_can_still_change_language(qtbot, window, services):
    from datetime import date

    services.enrol(PID, "MRG")
    services.withdraw(PID, date(2027, 2, 1), "moved away")
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    qtbot.waitUntil(window.ui.action_change_language.isEnabled)


def test_the_study_team_phone_is_saved_with_the_site_settings(qtbot, window, services):
    window.ui.action_site_settings.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, window, SiteSettingsDialog))
    qtbot.keyClick(dialog, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Study t&eam phone
    qtbot.waitUntil(dialog.ui.phone_edit.hasFocus)
    qtbot.keyClicks(dialog.ui.phone_edit, "call the desk")
    dialog.ui.reason_edit.setText("number for participants")
    save(qtbot, dialog)
    assert dialog.isVisible() and "is not a phone number" in dialog.ui.error_label.text()
    dialog.ui.phone_edit.setText("+1 (555) 010-0100")
    saved_and_closed(qtbot, dialog)
    assert services.site().phone == "+1 (555) 010-0100"
    assert [(e.new, e.reason) for e in services.audit() if e.field == "phone"] == [
        ("+1 (555) 010-0100", "number for participants")]
    window.ui.action_site_settings.trigger()
    again = wait_dialog(qtbot, window, SiteSettingsDialog)
    assert again.ui.phone_edit.text() == "+1 (555) 010-0100"
    again.reject()
