"""Correct an entry (Ctrl+E): nothing dangerous is chosen for the user, and a correction that
re-plans the calendar says so before it is saved."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from ln_scheduler.ui.dialogs.base import NOTE_STYLE
from ln_scheduler.ui.dialogs.correct_entry_dialog import CorrectEntryDialog

from .test_workflows import enrolled_in_follow_up, saved_and_closed, select_participant, wait_dialog

SLIPPED = date(2027, 2, 1)  # infused a day after the planned Sunday 2027-01-31: every Day 1 visit moved


def open_correct_entry(qtbot: Any, window: Any, code: str) -> CorrectEntryDialog:
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit(code)
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_dialog(qtbot, window, CorrectEntryDialog)
    qtbot.waitExposed(dialog)
    return dialog


def choose(dialog: CorrectEntryDialog, field: str) -> None:
    """Pick an entry in the combo box, as the user does."""
    index = next(i for i, c in enumerate(dialog.choices) if c.field == field)
    dialog.ui.field_combo.setCurrentIndex(index)


def test_a_visit_with_nothing_recorded_preselects_nothing_and_save_waits_for_a_choice(qtbot, window, services):
    enrolled_in_follow_up(services, infusion=SLIPPED)
    window.refresh(force=True)
    dialog = open_correct_entry(qtbot, window, "D14")  # open: nothing recorded on it
    assert dialog.chosen is None and dialog.ui.field_combo.currentText() == ""
    assert not dialog.save_button.isEnabled()
    assert dialog.ui.consequence_label.text() == "Choose the entry that was made in error."
    choose(dialog, "infusion")
    assert dialog.save_button.isEnabled()


def test_undoing_the_infusion_says_it_re_plans_and_how_many_visits_before_saving(qtbot, window, services):
    enrolled_in_follow_up(services, infusion=SLIPPED)
    window.refresh(force=True)
    before = services.participant("104-001")
    dialog = open_correct_entry(qtbot, window, "D14")
    choose(dialog, "infusion")
    text = dialog.ui.consequence_label.text()
    assert dialog.ui.consequence_label.isVisible() and dialog.ui.consequence_label.styleSheet() == NOTE_STYLE
    assert "re-plans the calendar" in text
    assert "Day 1 is reopened and goes back to the planned infusion day (2027-01-31 Sun)" in text
    assert "the 18 open visits counted from Day 1 get new dates from it" in text
    dialog.ui.reason_edit.setText("infusion date typed for the wrong participant")
    saved_and_closed(qtbot, dialog)
    after = services.participant("104-001")
    moved = [v.code for v in after.visits if v.target != before.visit(v.code, v.occurrence).target
             and v.code != "D1"]
    assert len(moved) == 18, moved  # what the dialog said


def test_the_infusion_visit_preselects_the_infusion_entry_with_its_warning(qtbot, window, services):
    enrolled_in_follow_up(services, infusion=SLIPPED)
    window.refresh(force=True)
    dialog = open_correct_entry(qtbot, window, "D1")
    assert dialog.chosen.field == "infusion"  # not "D1 was not done", which the services refuse
    assert "re-plans the calendar" in dialog.ui.consequence_label.text()
    assert all(c.code != "D1" for c in dialog.choices)


def test_undoing_the_conditioning_start_says_it_re_plans(qtbot, window, services):
    services.enrol("104-001", "JQD", conditioning_start=date(2027, 1, 26))
    services.record_conditioning("104-001", date(2027, 1, 27), days_done=3)  # started a day late
    window.refresh(force=True)
    dialog = open_correct_entry(qtbot, window, "LD1")
    assert dialog.chosen.field == "conditioning"
    text = dialog.ui.consequence_label.text()
    assert "the 3 conditioning days given are reopened" in text
    assert "goes back to the planned conditioning start (2027-01-26 Tue)" in text


def test_a_done_visit_preselects_its_own_entry_which_moves_nothing_else(qtbot, window, services):
    enrolled_in_follow_up(services, infusion=SLIPPED)
    services.complete_visit("104-001", "D2", date(2027, 2, 2))
    window.refresh(force=True)
    dialog = open_correct_entry(qtbot, window, "D2")
    assert (dialog.chosen.field, dialog.chosen.code) == ("actual", "D2")
    assert dialog.save_button.isEnabled()
    assert "No other visit moves" in dialog.ui.consequence_label.text()
    assert dialog.ui.consequence_label.styleSheet() == ""


def test_reopening_a_conditioning_day_before_the_infusion_says_the_calendar_may_move(qtbot, window, services):
    services.enrol("104-001", "JQD", conditioning_start=date(2027, 1, 26))
    services.record_conditioning("104-001", date(2027, 1, 26), days_done=3)
    window.refresh(force=True)
    dialog = open_correct_entry(qtbot, window, "LD3")
    assert (dialog.chosen.field, dialog.chosen.code) == ("actual", "LD3")
    text = dialog.ui.consequence_label.text()
    assert "Saving can re-plan the calendar" in text
    assert "Day 1 and the 18 open visits counted from it may get new dates" in text
    assert dialog.ui.consequence_label.styleSheet() == NOTE_STYLE


def test_a_later_dose_entered_in_error_is_offered_on_its_visit_says_what_moves_and_is_undone(qtbot, window,
                                                                                              services):
    """Dose 2 of an SSc Part 1b participant recorded late by mistake: its visit (D8) offers it first,
    the dialog says the calendar is re-planned, and saving puts dose 2 back to planned (before, no
    correction of a later dose existed: the calendar stayed wrong)."""
    from .test_cohorts_gui import LATE_DOSE2, PID, ssc1b_after_dose_1

    ssc1b_after_dose_1(services)
    planned = {v.code: v.target for v in services.participant(PID).visits}
    services.record_dose(PID, 2, LATE_DOSE2)
    window.refresh(force=True)
    select_participant(qtbot, window, PID)
    window.participants.select_visit("D8")
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = wait_dialog(qtbot, window, CorrectEntryDialog)
    assert dialog.chosen is not None and dialog.chosen.field == "dose"
    assert dialog.ui.field_combo.currentText() == "Dose 2 given on 2027-02-03 was entered in error: back to planned"
    text = dialog.ui.consequence_label.text()
    assert dialog.ui.consequence_label.styleSheet() == NOTE_STYLE and "re-plans the calendar" in text
    assert "dose 2 is no longer recorded and Day 8: TAK-007 dose 2 is reopened" in text
    assert all(c.field != "actual" for c in dialog.choices)  # the services refuse "D8 not done"
    dialog.ui.reason_edit.setText("dose typed for the wrong participant")
    saved_and_closed(qtbot, dialog)
    after = services.participant(PID)
    assert after.dose(2).given is None
    assert {v.code: v.target for v in after.visits} == planned


def test_a_done_date_typed_wrong_is_corrected_alone_keeping_the_checklist(qtbot, window, services):
    """A walk: the only correction of a done visit reopened it and cleared its checklist (~15
    procedures to enter again) when only its date was wrong."""
    from ln_scheduler.services.records import ProcedureOutcome

    enrolled_in_follow_up(services, infusion=SLIPPED)
    services.complete_visit("104-001", "D7", date(2027, 2, 7), {"PK": ProcedureOutcome(done=True)})
    window.refresh(force=True)
    dialog = open_correct_entry(qtbot, window, "D7")
    assert not dialog.ui.date_edit.isEnabled() and dialog.ui.date_edit.text() == ""  # only for the entry it is about
    reason_at = dialog.ui.reason_edit.mapTo(dialog, dialog.ui.reason_edit.rect().topLeft())
    choose(dialog, "done_date")
    qtbot.wait(10)
    assert dialog.ui.reason_edit.mapTo(dialog, dialog.ui.reason_edit.rect().topLeft()) == reason_at  # room kept
    assert dialog.ui.date_edit.isEnabled() and dialog.ui.date_label.isEnabled()
    assert dialog.ui.date_edit.date().toPython() == date(2027, 2, 7)  # starts from the date recorded
    assert "Its checklist stays as recorded" in dialog.ui.consequence_label.text()
    assert "and cleared" not in dialog.ui.explanation_label.text()  # the date is corrected, not cleared
    combo = dialog.ui.field_combo
    assert combo.width() >= combo.fontMetrics().horizontalAdvance(combo.currentText())  # the entry read whole
    assert not dialog.save_button.isEnabled()  # the same day: nothing to correct yet
    dialog.ui.date_edit.setDate(date(2027, 2, 8))
    assert "Day 7 was done on 2027-02-08 Mon" in dialog.ui.consequence_label.text()
    qtbot.keyClicks(dialog.ui.reason_edit, "typed the wrong day")
    saved_and_closed(qtbot, dialog)
    d7 = services.participant("104-001").visit("D7")
    assert d7.actual == date(2027, 2, 8)
    assert next(p for p in d7.procedure_records if p.code == "PK").done is True
