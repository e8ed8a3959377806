"""Messages in the service dialogs: a conflicting save (another workstation saved first) shows its
whole explanation at the dialog's default size, says who changed the record and when, and does not
contradict itself."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from ln_scheduler.ui.dialogs.base import ServiceDialog
from ln_scheduler.ui.dialogs.book_visit_dialog import BookVisitDialog
from ln_scheduler.ui.dialogs.miss_visit_dialog import MissVisitDialog
from ln_scheduler.ui.errors import ErrorText
from ln_scheduler.ui.qt_dates import to_qdate

from .conftest import open_test_services
from .stages import trigger_at_stage
from .test_workflows import enrolled_in_follow_up, save, select_participant, wait_dialog


def cut_off(dialog: Any) -> list[str]:
    """The visible word-wrapped labels of ``dialog`` too short for their text at their width (Qt
    clips them: the last lines are not drawn), with the height they need and the one they got."""
    return [f"{label.objectName()}: needs {label.heightForWidth(label.width())} px, has {label.height()}"
            for label in dialog.findChildren(QLabel)
            if label.isVisible() and label.wordWrap() and label.heightForWidth(label.width()) > label.height()]


def settled(qtbot: Any, dialog: Any) -> None:
    """What the user sees once the dialog has laid itself out (no waiting on a clock)."""
    qtbot.waitExposed(dialog)
    QApplication.processEvents()


def open_visit_dialog(qtbot: Any, window: Any, code: str, action: str, cls: type) -> Any:
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit(code)
    getattr(window.ui, f"action_{action}").trigger()
    dialog = wait_dialog(qtbot, window, cls)
    qtbot.waitExposed(dialog)
    return dialog


def other_workstation(db_url: str, change: Any) -> None:
    other = open_test_services(db_url, user="mkeller")
    try:
        change(other)
    finally:
        other.close()


def test_a_conflict_in_the_book_dialog_is_shown_whole(qtbot, window, services, db_url):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    dialog = open_visit_dialog(qtbot, window, "D14", "book_visit", BookVisitDialog)
    dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 15)))
    other_workstation(db_url, lambda other: other.book_visit("104-001", "D14", date(2027, 2, 11)))
    save(qtbot, dialog)
    settled(qtbot, dialog)
    text = dialog.ui.error_label.text()
    assert "Not saved: mkeller (on TEST-PC) changed this visit on 2027-02-10 at " in text
    assert "They changed: Scheduled date to 2027-02-11 Thu; Booked to Yes." in text
    assert "This window now shows the latest data, and what you typed is kept: check it, then save again." in text
    assert "reload" not in text.lower()  # it has reloaded: saying "reload and try again" contradicted that
    assert "Now booked for 2027-02-11 Thu" in dialog.ui.hint_label.text()  # the latest data, beside the typed date
    assert dialog.ui.date_edit.date() == to_qdate(date(2027, 2, 15))
    assert dialog.ui.error_label.isVisible()
    assert cut_off(dialog) == []


def test_a_conflict_in_the_missed_dialog_is_shown_whole(qtbot, window, services, db_url):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    dialog = open_visit_dialog(qtbot, window, "D10", "miss_visit", MissVisitDialog)
    dialog.ui.reason_combo.setCurrentIndex(1)
    other_workstation(db_url, lambda other: other.book_visit("104-001", "D10", date(2027, 2, 9)))
    save(qtbot, dialog)
    settled(qtbot, dialog)
    assert "mkeller (on TEST-PC) changed this visit" in dialog.ui.error_label.text()
    assert "They changed: Booked to Yes." in dialog.ui.error_label.text()
    assert dialog.reason == "Participant unwell, could not travel"
    assert dialog.ui.error_label.isVisible()
    assert cut_off(dialog) == []


LONG_MESSAGE = ErrorText(
    "Changed by someone else",
    "Not saved: mkeller (on WARD-3-PC) changed this participant's record on 2027-02-10 at 09:58, after you "
    "opened this window. They changed: Infusion (given) to 2027-01-31 Sun; Participant status to Follow-up; "
    "24 visits.",
    "This window now shows the latest data, and what you typed is kept: check it, then save again.",
)


@pytest.mark.parametrize("action", ["enrol", "plan_conditioning", "record_conditioning", "record_infusion",
                                    "unscheduled_visit", "change_protocol", "withdraw", "book_visit",
                                    "complete_visit", "miss_visit", "correct_entry", "site_settings"])
def test_every_service_dialog_shows_a_long_message_whole_at_its_default_size(qtbot, window, services, action):
    trigger_at_stage(qtbot, window, services, action)
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, ServiceDialog) and window.active_dialog.isVisible())
    dialog = window.active_dialog
    settled(qtbot, dialog)
    dialog.show_error(LONG_MESSAGE)
    settled(qtbot, dialog)
    assert dialog.ui.error_label.isVisible()
    assert cut_off(dialog) == []


def test_a_conflict_without_who_or_what_still_says_what_to_do():
    """An older row or an unreadable trail: no name, no fields, the same plain advice."""
    from ln_scheduler.services.errors import ConflictError
    from ln_scheduler.ui.dialogs.base import conflict_message

    text = conflict_message(ConflictError("visit D14 of 104-001 was changed; nothing was saved: reload and try again"))
    assert text.message == "Not saved: someone else changed this record after you opened this window."
    assert text.advice == ("This window now shows the latest data, and what you typed is kept: "
                           "check it, then save again.")


def test_the_missed_dialogs_request_for_a_reason_goes_once_one_is_picked(qtbot, window, services):
    """A walk: Enter with no reason said "Give the reason the visit was missed."; picking one from the
    list left it on screen until Save (typing one cleared it)."""
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    dialog = open_visit_dialog(qtbot, window, "D10", "miss_visit", MissVisitDialog)
    save(qtbot, dialog)
    assert dialog.ui.error_label.isVisible() and "Give the reason" in dialog.ui.error_label.text()
    dialog.ui.reason_combo.setCurrentIndex(1)  # picked from the list
    assert not dialog.ui.error_label.isVisible()
