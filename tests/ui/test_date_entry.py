"""Dates typed into the dialogs: only a real date is saved, with real keys. Qt's date edits
turned the typo 2026-02-30 into 2026-02-03 and 20261209 into 2026-02-02, and the enrolment then
accepted a screening ten months old without a word."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ln_scheduler.ui.dialogs.base import SCREENING_NOT_RECORDED, ServiceDialog
from ln_scheduler.ui.dialogs.enrol_dialog import EnrolDialog
from ln_scheduler.ui.dialogs.plan_conditioning_dialog import PlanConditioningDialog
from ln_scheduler.ui.dialogs.record_conditioning_dialog import RecordConditioningDialog
from ln_scheduler.ui.dialogs.record_infusion_dialog import RecordInfusionDialog
from ln_scheduler.ui.main_window import WORKLIST_TAB

from .dialog_waits import wait_closed
from .stages import trigger_at_stage
from .test_workflows import select_participant, wait_dialog

DATE_FIELD_NAMES = ("date_edit", "search_from_edit")  # every date field of every form ends so


def date_fields(dialog: QWidget) -> list[Any]:
    return [w for w in dialog.findChildren(QWidget) if w.objectName().endswith(DATE_FIELD_NAMES)]


def activated(qtbot: Any, dialog: Any) -> Any:
    """The dialog as the active window, as it is on a desktop (offscreen, the main window keeps
    the focus): focus moves with Tab and leaving a field is seen."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def retype(qtbot: Any, field: Any, text: str) -> None:
    """Click into the field, select what is there, type ``text`` over it (real key events)."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def open_dialog(qtbot: Any, window: Any, services: Any, action: str) -> Any:
    screening = date(2027, 2, 1) if action == "plan_conditioning" else date(2027, 1, 4)
    trigger_at_stage(qtbot, window, services, action, screening)
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, ServiceDialog) and window.active_dialog.isVisible())
    dialog = activated(qtbot, window.active_dialog)
    for box in ("screening_check", "conditioning_check"):  # the enrol dialog's optional dates
        if hasattr(dialog.ui, box):
            getattr(dialog.ui, box).setChecked(True)
    return dialog


@pytest.mark.parametrize("action", ["enrol", "plan_conditioning", "record_conditioning", "record_infusion",
                                    "unscheduled_visit", "withdraw", "book_visit", "complete_visit",
                                    "site_settings"])
def test_every_date_field_refuses_a_date_that_does_not_exist_and_keeps_save_disabled(
        qtbot, window, services, action):
    dialog = open_dialog(qtbot, window, services, action)
    fields = date_fields(dialog)
    assert fields, "the dialog has a date field"
    for field in fields:
        before = field.text()
        at = field.mapTo(dialog, QPoint(0, 0))
        retype(qtbot, field, "2026-02-30")
        assert field.text() == "2026-02-30"  # what was typed stays, it is not "fixed" into another date
        # typed in full, every digit: said at once (a date on its way, 2026-02-3, waits for a pause)
        assert dialog.ui.error_label.isVisible()
        assert not dialog.save_button.isEnabled()
        assert "'2026-02-30' is not a date: February 2026 has 28 days." in dialog.ui.error_label.text()
        qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter does not save either
        assert dialog.isVisible()
        retype(qtbot, field, before)
        assert dialog.save_button.isEnabled()
        assert not dialog.ui.error_label.isVisible()
        qtbot.wait(10)
        # the message came and went below the form: the field is where the typist left it (the Enrol
        # form dropped 44 px once the message had grown the dialog, and a click landed on another field)
        assert field.mapTo(dialog, QPoint(0, 0)) == at, action


@pytest.mark.parametrize(("action", "field_name", "typed"), [
    ("book_visit", "date_edit", "2027-02-12"),  # Day 14, window 2027-02-11 … 02-15
    ("enrol", "screening_date_edit", "2027-02-03"),
    ("withdraw", "date_edit", "2027-02-09"),
])
def test_typing_a_date_over_another_moves_nothing_on_the_way(qtbot, window, services, action, field_name, typed):
    """Each key of a date typed over another left "not a date yet" in the field: the dialog's red
    message and the booking hint appeared at the first key and grew the dialog under the typist's
    hand (seen walking the window). While typing goes on, only the field's own frame says so and
    Save is off; the message waits for a pause, Enter or leaving the field."""
    dialog = open_dialog(qtbot, window, services, action)
    field = getattr(dialog.ui, field_name)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    size, save_at = dialog.size(), dialog.save_button.mapTo(dialog, dialog.save_button.rect().topLeft())
    hint = dialog.ui.hint_label.text() if hasattr(dialog.ui, "hint_label") else None
    for key in typed:
        qtbot.keyClick(field, key)
        qtbot.wait(20)  # a typist's pace, well under the pause
        if field.problem() is not None:  # 2027-02-1 reads as February 1st: no frame then
            assert "2px solid" in field.styleSheet()  # the field itself says "not a date yet"
        assert not dialog.ui.error_label.isVisible(), field.text()
        assert dialog.size() == size, field.text()
        assert dialog.save_button.mapTo(dialog, dialog.save_button.rect().topLeft()) == save_at, field.text()
        if hint is not None and field.text() != typed:
            assert dialog.ui.hint_label.text() == hint, field.text()
    assert field.problem() is None and dialog.save_button.isEnabled()


def test_a_half_typed_date_is_said_at_a_pause_on_enter_and_on_leaving_the_field(qtbot, window, services):
    dialog = open_dialog(qtbot, window, services, "book_visit")
    field = dialog.ui.date_edit
    retype(qtbot, field, "2027-02-")  # stops half-way
    assert not dialog.ui.error_label.isVisible()
    qtbot.waitUntil(dialog.ui.error_label.isVisible, timeout=3000)
    assert "not a date yet" in dialog.ui.hint_label.text()
    retype(qtbot, field, "2027-02-1")  # February 1st, or on its way to the 12th: said at the pause
    assert "not a date yet" in dialog.ui.hint_label.text()
    qtbot.waitUntil(lambda: "2027-02-01 is outside the window" in dialog.ui.hint_label.text(), timeout=3000)
    retype(qtbot, field, "2027-02-12")
    assert not dialog.ui.error_label.isVisible() and dialog.save_button.isEnabled()  # a real date: at once
    retype(qtbot, field, "2027-02-")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.ui.error_label.isVisible() and dialog.isVisible()  # Enter: said now, nothing saved
    assert not dialog.save_button.isEnabled()
    retype(qtbot, field, "2027-02-12")
    retype(qtbot, field, "2027-02-")
    assert dialog.try_save() is False and dialog.isVisible()  # a save asked mid-typing: refused, said why
    assert "not a date" in dialog.ui.error_label.text()
    retype(qtbot, field, "2027-02-12")
    retype(qtbot, field, "2027-0")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert dialog.ui.error_label.isVisible()  # leaving the field: said now


def enrol_with_screening(qtbot: Any, window: Any, screening: str) -> Any:
    """New participant (Ctrl+N) 104-001 JQD, its screening date ticked and typed as ``screening``."""
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = activated(qtbot, wait_dialog(qtbot, window, EnrolDialog))
    qtbot.keyClicks(dialog.ui.participant_id_edit, "104-001")
    qtbot.keyClicks(dialog.ui.initials_edit, "JQD")
    qtbot.mouseClick(dialog.ui.screening_check, Qt.MouseButton.LeftButton)
    retype(qtbot, dialog.ui.screening_date_edit, screening)
    return dialog


def test_enrol_reads_20261209_as_that_day_shows_it_and_asks_about_a_screening_two_months_old(
        qtbot, window, prompter):
    dialog = enrol_with_screening(qtbot, window, "20261209")
    qtbot.keyClick(dialog.ui.screening_date_edit, Qt.Key.Key_Tab)
    assert dialog.ui.screening_date_edit.text() == "2026-12-09 Wed"  # the date understood, shown whole
    prompter.confirm_answer = False
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert prompter.confirms == ["The screening date 2026-12-09 Wed is 63 days ago (more than 60). "
                                 "Is that the date you mean?"]
    assert dialog.isVisible()  # not saved
    assert window.services.participants() == []
    prompter.confirm_answer = True
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert window.services.participant("104-001").screening_date == date(2026, 12, 9)


def test_a_screening_date_within_60_days_is_not_asked_about(qtbot, window, prompter):
    dialog = enrol_with_screening(qtbot, window, "-60")  # 2026-12-12, exactly 60 days ago
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert prompter.confirms == []
    assert window.services.participant("104-001").screening_date == date(2026, 12, 12)


def test_planning_a_conditioning_start_more_than_14_days_ago_asks_first(qtbot, window, services, prompter):
    dialog = open_dialog(qtbot, window, services, "plan_conditioning")
    assert isinstance(dialog, PlanConditioningDialog)
    retype(qtbot, dialog.ui.start_date_edit, "2027-01-26")  # 15 days before 2027-02-10
    prompter.confirm_answer = False
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(prompter.confirms) == 1 and "conditioning start 2027-01-26 Tue is 15 days ago" in prompter.confirms[0]
    assert dialog.isVisible()
    assert services.participant("104-001").conditioning_start_planned is None


@pytest.mark.parametrize("dialog_cls", [RecordConditioningDialog, RecordInfusionDialog])
def test_recording_conditioning_or_infusion_before_screening_is_recorded_asks_first(
        qtbot, window, services, prompter, dialog_cls):
    services.enrol("104-001", "JQD", conditioning_start=date(2027, 2, 1))  # no screening recorded
    if dialog_cls is RecordInfusionDialog:
        services.record_conditioning("104-001", date(2027, 2, 1), days_done=3)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    action = "record_conditioning" if dialog_cls is RecordConditioningDialog else "record_infusion"
    getattr(window.ui, f"action_{action}").trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, window, dialog_cls))
    if dialog_cls is RecordInfusionDialog:
        retype(qtbot, dialog.ui.date_edit, "2027-02-07")
    prompter.confirm_answer = False
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert SCREENING_NOT_RECORDED in prompter.confirms[0]
    assert dialog.isVisible()


def test_the_calendar_picks_a_date_with_the_keyboard(qtbot, window, services):
    dialog = open_dialog(qtbot, window, services, "unscheduled_visit")
    field = dialog.ui.date_edit
    assert field.text() == "2027-02-10 Wed"
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    calendar = QApplication.activePopupWidget()
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Right)
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: field.text() == "2027-02-11 Thu")
    qtbot.keyClick(field, Qt.Key.Key_Up)  # Up/Down step a day, as in Qt's date edits
    assert field.text() == "2027-02-12 Fri"


def test_a_worklist_range_date_that_does_not_exist_is_marked_and_a_real_range_kept(qtbot, window):
    window.show_tab(WORKLIST_TAB)
    view = window.worklist
    field = view.ui.to_date_edit
    before = view.period()
    qtbot.mouseClick(view.ui.range_button, Qt.MouseButton.LeftButton)
    retype(qtbot, field, "2027-02-31")
    assert field.text() == "2027-02-31"  # kept as typed (the end before the start is not "fixed" mid-typing)
    assert "February 2027 has 28 days" in field.toolTip()
    start, end = view.period()
    assert start <= end and before[0] in (start, end)  # a real range, never 2027-02-31 or a "fixed" date


def test_the_booking_hint_never_describes_a_date_the_field_does_not_hold(qtbot, window, services):
    """Typing "tomorrow" read "t" as today on the way: the hint kept saying "2027-02-10 is outside
    the window … give a reason" under the field's own "not a date" (seen walking the window)."""
    dialog = open_dialog(qtbot, window, services, "book_visit")  # Day 14, window 2027-02-11 … 02-15
    field = dialog.ui.date_edit
    retype(qtbot, field, "2027-03-30")
    assert "outside the window" in dialog.ui.hint_label.text()
    retype(qtbot, field, "tomorrow")
    assert field.problem() is not None
    qtbot.waitUntil(lambda: "not a date yet" in dialog.ui.hint_label.text())  # once typing pauses
    hint = dialog.ui.hint_label.text()
    assert "2027-03-30" not in hint and "2027-02-10" not in hint
    assert "outside the window" not in hint and "inside the window" not in hint
    assert "not a date yet" in hint
    retype(qtbot, field, "2027-02-12")
    assert "inside the window" in dialog.ui.hint_label.text()


def test_the_red_frame_and_alt_keys_leave_the_date_field_as_it_was(qtbot, window, services):
    """A walk: the red "not a date yet" frame made the field 2 px shorter (everything below moved),
    and Alt+B / Alt+E with no button of that letter typed "b" / "e" into the date."""
    dialog = open_dialog(qtbot, window, services, "book_visit")
    field = dialog.ui.date_edit
    height, below = field.height(), dialog.ui.hint_label.mapTo(dialog, dialog.ui.hint_label.rect().topLeft())
    retype(qtbot, field, "2027-02-")
    qtbot.wait(10)
    assert "2px solid" in field.styleSheet()
    assert field.height() == height
    assert dialog.ui.hint_label.mapTo(dialog, dialog.ui.hint_label.rect().topLeft()) == below
    retype(qtbot, field, "2027-02-12")
    qtbot.keyClick(field, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert field.text() == "2027-02-12" and field.problem() is None


def test_enrol_says_at_once_when_the_start_is_outside_what_screening_allows_and_forgets_a_stale_refusal(
        qtbot, window, prompter):
    """Screening 2027-02-03 allows a conditioning start from 02-04 to 03-05. A start of 03-17 was
    refused only at Enrol, and the refusal stayed on screen after the start was typed again (a walk)."""
    dialog = enrol_with_screening(qtbot, window, "2027-02-03")
    qtbot.mouseClick(dialog.ui.conditioning_check, Qt.MouseButton.LeftButton)
    retype(qtbot, dialog.ui.conditioning_date_edit, "2027-03-17")
    hint = dialog.ui.hint_label.text()
    assert "Screening on 2027-02-03 allows a conditioning start from 2027-02-04 to 2027-03-05 only" in hint
    prompter.confirm_answer = True
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.ui.error_label.isVisible()  # the services refuse it too
    assert window.services.participants() == []
    retype(qtbot, dialog.ui.conditioning_date_edit, "2027-02-10")
    assert not dialog.ui.error_label.isVisible(), "the refusal was about the start typed before"
    assert "allows a conditioning start" not in dialog.ui.hint_label.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, dialog)
    assert window.services.participant("104-001").conditioning_start_planned == date(2027, 2, 10)
