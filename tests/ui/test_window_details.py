"""Details seen in the real window (issue 10, defect 6): names cut while space lay empty, a
message running into a label, a banner that moved the checklist under the mouse, a click that
opened what it should only select, a preview taller than the screen, times without a zone,
"Due" for a visit whose day had passed, no sign of an overdue visit in the list."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from ln_scheduler.ui.dialogs.base import ServiceDialog
from ln_scheduler.ui.dialogs.complete_visit_dialog import CompleteVisitDialog
from ln_scheduler.ui.main_window import PARTICIPANTS_TAB
from ln_scheduler.ui.models import audit_model as am
from ln_scheduler.ui.models import participant_list_model as pl
from ln_scheduler.ui.models import procedure_checklist_model as checklist
from ln_scheduler.ui.models import timeline_model as tl
from ln_scheduler.ui.models.roles import Role

from .dialog_waits import wait_closed
from .stages import trigger_at_stage
from .test_date_entry import activated, retype
from .test_workflows import enrolled_in_follow_up, select_participant, wait_dialog


def cell(model: Any, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
    return model.data(model.index(row, column), role)


@pytest.mark.parametrize("size", [(1280, 800), (1024, 768)])
def test_timeline_visit_names_show_whole_at_common_screen_sizes(qtbot, window, services, size):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    window.resize(*size)
    select_participant(qtbot, window, "104-001")
    QApplication.processEvents()
    table = window.participants.ui.timeline_table
    model = window.participants.timeline_model
    bold = QFont(table.font())
    bold.setBold(True)
    widest = max(QFontMetrics(bold).horizontalAdvance(cell(model, r, tl.VISIT)) for r in range(model.rowCount()))
    assert "Month 24 / End of study" in {cell(model, r, tl.VISIT) for r in range(model.rowCount())}
    assert table.columnWidth(tl.VISIT) >= widest + 6  # no "Day 1: TAK-00…", no "Month 24 / En…"


def test_booked_dates_with_their_times_show_whole_at_1280(qtbot, window, services):
    """A first participant on an empty site: the splitter was fitted while the timeline was empty
    (the list got ~480 px) and never again, so "Booked Wed 2026-12-09 09:30" ran off the view's right
    edge ("…2026-12-0"). Every Date column must end inside the visible timeline."""
    window.resize(1280, 800)
    window.show_tab(2)
    QApplication.processEvents()  # fitted with no participant shown
    enrolled_in_follow_up(services)
    for v in services.participant("104-001").visits:
        if v.code in ("M2", "M3", "M4") and v.scheduled is not None:
            services.book_visit("104-001", v.code, v.scheduled, time=time(9, 30))
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    QApplication.processEvents()
    table = window.participants.ui.timeline_table
    model = window.participants.timeline_model
    metrics = QFontMetrics(table.font())
    booked = [t for r in range(model.rowCount()) if (t := cell(model, r, tl.SCHEDULED)).startswith("Booked")]
    assert len(booked) == 3, booked
    assert table.columnWidth(tl.SCHEDULED) >= max(metrics.horizontalAdvance(t) for t in booked) + 6
    right = table.columnViewportPosition(tl.SCHEDULED) + table.columnWidth(tl.SCHEDULED)
    assert right <= table.viewport().width(), (right, table.viewport().width())


def test_the_participant_list_is_no_wider_than_the_timeline_leaves_it(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    window.resize(1280, 800)
    select_participant(qtbot, window, "104-001")
    QApplication.processEvents()
    list_width, detail_width = window.participants.ui.splitter.sizes()
    assert list_width < detail_width / 2  # it took a third of the window, mostly empty


def test_a_cut_note_has_its_whole_text_in_the_tooltip(qtbot, window, services):
    enrolled_in_follow_up(services)
    site = services.site()
    from dataclasses import replace

    services.update_site(replace(site, closed_dates=(date(2027, 2, 12),)), "unit move")  # D14's date
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    model = window.participants.timeline_model
    row = model.row_of_key(("D14", 1))
    assert cell(model, row, tl.NOTES) == "site closed that day"
    assert cell(model, row, tl.NOTES, Qt.ItemDataRole.ToolTipRole) == "site closed that day"


def test_the_database_label_leaves_room_for_status_messages(qtbot, window):
    window.resize(1024, 768)
    label = window.database_label
    assert label.width() <= 340
    assert window.services.url_display in label.toolTip()  # the whole path, cut in the label
    bar = window.statusBar()
    message_room = min(w.geometry().left() for w in (window.database_label, window.user_label, window.sync_label))
    assert message_room >= bar.width() * 0.3
    assert "border-left" in label.styleSheet()  # a rule between the message and the labels


def open_done_dialog(qtbot: Any, window: Any, services: Any, code: str = "D10") -> Any:
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit(code)
    window.ui.action_complete_visit.trigger()
    return activated(qtbot, wait_dialog(qtbot, window, CompleteVisitDialog))


def test_the_out_of_window_banner_does_not_move_the_checklist(qtbot, window, services):
    dialog = open_done_dialog(qtbot, window, services)
    table = dialog.ui.checklist_table
    QApplication.processEvents()
    before = QRect(table.mapTo(dialog, QPoint(0, 0)), table.size())
    retype(qtbot, dialog.ui.date_edit, "2027-02-05")  # D10's window is 02-08 … 02-10
    QApplication.processEvents()
    assert "outside the window" in dialog.ui.hint_label.text() and dialog.ui.hint_label.isVisible()
    assert QRect(table.mapTo(dialog, QPoint(0, 0)), table.size()) == before


def test_the_give_a_reason_message_goes_once_the_reason_is_typed(qtbot, window, services):
    dialog = open_done_dialog(qtbot, window, services)
    dialog.model.mark_remaining_done()
    retype(qtbot, dialog.ui.date_edit, "2027-02-05")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.ui.error_label.isVisible() and "give a reason" in dialog.ui.error_label.text()
    qtbot.mouseClick(dialog.ui.reason_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.ui.reason_edit, "participant travelling")
    assert not dialog.ui.error_label.isVisible()
    qtbot.keyClick(dialog.ui.reason_edit, Qt.Key.Key_Return)  # Enter saves, no Tab needed
    wait_closed(qtbot, dialog)
    assert services.participant("104-001").visit("D10").actual == date(2027, 2, 5)


def luminance(color: QColor) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.red()) + 0.7152 * channel(color.green()) + 0.0722 * channel(color.blue())


def test_the_checklist_boxes_do_not_look_disabled(qtbot, window, services):
    """The empty Done box's frame against its row: at least 3:1 (WCAG's contrast for controls)."""
    dialog = open_done_dialog(qtbot, window, services)
    table = dialog.ui.checklist_table
    QApplication.processEvents()
    image = table.viewport().grab(table.visualRect(dialog.model.index(0, checklist.DONE))).toImage()
    lums = [luminance(image.pixelColor(x, y)) for x in range(image.width()) for y in range(image.height())]
    assert (max(lums) + 0.05) / (min(lums) + 0.05) >= 3


def test_the_pdf_preview_fits_the_screen(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit("D14")
    window.ui.action_preview_worksheet.trigger()
    qtbot.waitUntil(lambda: window.printing.preview_dialog is not None and window.printing.preview_dialog.isVisible())
    dialog = window.printing.preview_dialog
    area = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= area.height()
    assert dialog.height() <= area.height() - 40  # room for the title bar
    dialog.close()


def test_audit_times_are_the_site_s_wall_clock_and_say_its_zone(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.ui.detail_tabs.setCurrentIndex(1)
    model = window.participants.audit_model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    assert cell(model, 0, am.WHEN) == "2027-02-10 10:00:00 EST"  # NOW is 15:00 UTC, 10:00 in New York
    assert "(UTC)" in cell(model, 0, am.WHEN, Qt.ItemDataRole.ToolTipRole)


def test_a_visit_whose_booked_day_passed_with_nothing_recorded_is_late_not_due(qtbot, window, services):
    enrolled_in_follow_up(services, infusion=date(2027, 2, 1))  # D10: target 02-10, window 02-09 … 02-11
    services.book_visit("104-001", "D10", date(2027, 2, 9))  # yesterday, nothing recorded
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    model = window.participants.timeline_model
    row = model.row_of_key(("D10", 1))
    assert cell(model, row, tl.STATUS).startswith("Late")


def test_the_participant_list_marks_an_overdue_visit_and_filters_by_it(qtbot, window, services):
    enrolled_in_follow_up(services)  # screening (window closed 01-25) never recorded: overdue on 02-10
    services.enrol("104-002", "ABC", conditioning_start=date(2027, 3, 2))  # nothing due yet
    window.refresh(force=True)
    window.show_tab(PARTICIPANTS_TAB)
    view = window.participants
    qtbot.waitUntil(lambda: view.list_model.rowCount() == 2)
    model = view.list_model
    rows = {cell(model, r, pl.PARTICIPANT): r for r in range(2)}
    assert cell(model, rows["104-001"], pl.NEXT_VISIT) == "SCR overdue"
    assert "SCR is overdue: its window closed on 2027-01-25 Mon" in cell(model, rows["104-001"], pl.NEXT_VISIT,
                                                                       Qt.ItemDataRole.ToolTipRole)
    assert cell(model, rows["104-001"], pl.NEXT_DATE, Qt.ItemDataRole.BackgroundRole) is not None
    assert "overdue" not in cell(model, rows["104-002"], pl.NEXT_VISIT)
    view.ui.status_filter.setCurrentIndex(view.ui.status_filter.findText("With an overdue visit"))
    shown = [view.list_proxy.index(r, 0).data(Role.KEY) for r in range(view.list_proxy.rowCount())]
    assert shown == ["104-001"]


def test_the_main_window_fits_a_1024_pixel_screen(qtbot, window, services):
    """Its minimum width came from the month calendar's one-line legend: 1,048 px, wider than a
    1024x768 screen, so the right edge (and the timeline's last columns) were off the screen."""
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    for tab in range(3):  # every view built
        window.show_tab(tab)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1024
    window.resize(1024, 768)
    QApplication.processEvents()
    assert window.width() == 1024


@pytest.mark.parametrize("action", ["miss_visit", "unscheduled_visit"])
def test_enter_in_a_reason_with_suggestions_saves_without_a_tab_first(qtbot, window, services, action):
    """The reason is an editable list of common reasons; its inline completion kept Enter."""
    trigger_at_stage(qtbot, window, services, action, visit="D7")  # its window has opened: it may be missed
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, ServiceDialog) and window.active_dialog.isVisible())
    dialog = activated(qtbot, window.active_dialog)
    edit = dialog.ui.reason_combo.lineEdit()
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(edit, "Participant")  # completed inline to a common reason
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    wait_closed(qtbot, dialog)
    assert dialog.last_error is None


def test_clicking_through_participants_does_not_move_the_list_under_the_mouse(qtbot, window, services):
    """A walk at 1280 px: the list's width changed with each participant clicked (its Next visit read
    "D30 overdu", then "LD", then "M"): the splitter was fitted again to each timeline. Once a wider
    timeline has been shown, the list keeps the narrower width: it never grows back under the mouse."""
    enrolled_in_follow_up(services)
    services.enrol("104-002", "ABC", conditioning_start=date(2027, 2, 22))
    services.enrol("104-003", "DEF", conditioning_start=date(2027, 2, 22), cohort="SSC-1B")
    window.refresh(force=True)
    window.resize(1280, 800)
    sizes = []
    for pid in ("104-001", "104-003", "104-002", "104-001", "104-003"):
        select_participant(qtbot, window, pid)
        QApplication.processEvents()
        sizes.append(window.participants.ui.splitter.sizes()[0])
    assert sizes[1] <= sizes[0]  # the SSC-1B timeline's longer names may take room once
    assert sizes[1:] == [sizes[1]] * 4, sizes  # and then nothing moves


def test_visit_done_on_a_future_day_says_so_at_once_and_record_waits(qtbot, window, services):
    """A walk: 2027-01-15 typed as the done date (today 2026-12-06) got only "outside the window …
    give a reason", still there after a reason; "cannot be recorded as done after today" came at
    Record."""
    dialog = open_done_dialog(qtbot, window, services)  # today 2027-02-10
    retype(qtbot, dialog.ui.date_edit, "2027-02-12")
    hint = dialog.ui.hint_label.text()
    assert "2027-02-12 Fri is after today" in hint and "give a reason" not in hint
    assert not dialog.save_button.isEnabled()
    retype(qtbot, dialog.ui.date_edit, "2027-02-10")
    assert dialog.save_button.isEnabled() and "after today" not in dialog.ui.hint_label.text()


def test_a_dialogs_choices_are_read_whole_when_it_opens(qtbot, window, services):
    """A walk: Record conditioning opened with "LD1, LD2 and LD3 (c" in its list of days given."""
    from .test_date_entry import open_dialog

    dialog = open_dialog(qtbot, window, services, "record_conditioning")
    qtbot.waitExposed(dialog)
    combo = dialog.ui.day_combo
    widest = max(combo.fontMetrics().horizontalAdvance(combo.itemText(i)) for i in range(combo.count()))
    assert combo.width() >= widest + 20, (combo.width(), widest)


def test_typing_a_time_or_tube_id_does_not_move_the_checkboxes(qtbot, window, services):
    """A walk: once a time was entered the Done / Not done boxes moved about 5 px (the Time column
    grew to its text and the procedure column gave it the room), under the mouse."""
    from ln_scheduler.ui.models import procedure_checklist_model as checklist

    dialog = open_done_dialog(qtbot, window, services)
    table, model = dialog.ui.checklist_table, dialog.model
    QApplication.processEvents()
    before = [table.columnViewportPosition(c) for c in (checklist.DONE, checklist.NOT_DONE, checklist.REASON)]
    model.setData(model.index(0, checklist.TIME), "09:05")
    model.setData(model.index(0, checklist.SAMPLE), "T-0412-88")
    QApplication.processEvents()
    assert [table.columnViewportPosition(c) for c in (checklist.DONE, checklist.NOT_DONE, checklist.REASON)] == before
    for column, text in ((checklist.TIME, "09:05"), (checklist.SAMPLE, "T-0412-88")):
        assert table.columnWidth(column) >= table.fontMetrics().horizontalAdvance(text) + 8


@pytest.mark.parametrize("action", ["record_infusion", "record_dose", "change_cohort", "change_protocol",
                                    "book_plan", "withdraw", "complete_visit", "enrol", "site_settings"])
def test_every_dialog_fits_the_screen_with_its_buttons_on_it(qtbot, window, services, action):
    """Record infusion opened 1,100 px wide on a 1,024 px screen: its Cancel button was off the
    right edge (a walk). A dialog wider than the screen is capped; its table scrolls instead."""
    trigger_at_stage(qtbot, window, services, action, date(2027, 1, 4))
    qtbot.waitUntil(lambda: window.active_dialog is not None and window.active_dialog.isVisible())
    dialog = window.active_dialog
    qtbot.wait(20)
    area = dialog.screen().availableGeometry()  # the tests' screen: 800 x 800
    assert dialog.width() <= area.width(), (action, dialog.width())
    assert dialog.height() <= area.height(), (action, dialog.height())
    for button in dialog.findChildren(QDialogButtonBox)[0].buttons():
        assert button.mapTo(dialog, QPoint(button.width(), 0)).x() <= dialog.width(), button.text()
    dialog.reject()


def test_the_status_bars_clock_is_the_sites_like_every_other_time_shown(qtbot, window, services, monkeypatch):
    """The status bar said "Up to date at 04:16" (the workstation's UTC) beside an audit trail and
    worksheets at 23:16 EST, the site's time (a walk)."""
    import time as clock_module

    monkeypatch.setenv("TZ", "Asia/Tokyo")  # a workstation far from the site (New York)
    clock_module.tzset()
    try:
        window.refresh(force=True)
        qtbot.waitUntil(lambda: "Up to date at" in window.sync_label.text())
        assert window.sync_label.text() == "Up to date at 10:00"  # 15:00 UTC is 10:00 in New York
    finally:
        monkeypatch.undo()
        clock_module.tzset()


def test_the_participants_buttons_stay_put_from_one_participant_to_the_next(qtbot, window, services):
    """A participant's caption wraps to one, two or three lines at 1024 px, and the buttons under it
    moved 14-28 px from one participant to the next (a walk)."""
    services.enrol("104-001", "JQD")  # screening only: a short caption
    services.enrol("104-002", "ABCD", screening_date=date(2027, 1, 4), conditioning_start=date(2027, 1, 13),
                   cohort="SSC-1B", language="es")  # cohort, conditioning, infusion, language: a long one
    window.resize(1024, 768)
    window.refresh(force=True)
    window.ui.tabs.setCurrentIndex(PARTICIPANTS_TAB)
    view = window.participants
    button = view.ui.book_plan_button
    places = []
    for pid in ("104-002", "104-001", "104-002", "104-001"):
        select_participant(qtbot, window, pid)
        QApplication.processEvents()
        places.append(button.mapTo(view, QPoint(0, 0)).y())
    assert places[1:] == [places[0]] * 3, places
