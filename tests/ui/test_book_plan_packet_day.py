"""Booking the plan in one step, a participant's worksheet packet, and the day at a glance,
driven through the real window."""

from __future__ import annotations

import io
import re
from datetime import date, time, timedelta

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ln_scheduler.services.records import Booking
from ln_scheduler.ui.dialogs.book_plan_dialog import REASON_FLOOR, BookPlanDialog
from ln_scheduler.ui.dialogs.packet_dialog import PacketDialog
from ln_scheduler.ui.dialogs.plan_conditioning_dialog import PlanConditioningDialog
from ln_scheduler.ui.qt_dates import to_qdate
from ln_scheduler.ui.views.day_glance import day_glance

from .conftest import TODAY
from .dialog_waits import wait_closed
from .test_workflows import enrolled_in_follow_up, save, saved_and_closed, select_participant, wait_dialog

FIRST_DAYS = ["SCR", "LD1", "LD2", "LD3", "D1", "D2", "D3", "D4"]
C1 = date(2027, 2, 23)  # a Tuesday two weeks after the GUI tests' today (2027-02-10)


def _planned(services, pid: str = "104-001") -> None:  # type: ignore[no-untyped-def]
    services.enrol(pid, "JQD", conditioning_start=C1)


def _book_plan_of_a_planned_participant(qtbot, window, services) -> BookPlanDialog:  # type: ignore[no-untyped-def]
    _planned(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_book_plan.trigger()
    return wait_dialog(qtbot, window, BookPlanDialog)


def test_planning_offers_the_booking_of_screening_to_day_4_and_books_them_at_once(qtbot, window, services):
    services.enrol("104-001", "JQD")
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_plan_conditioning.trigger()
    plan = wait_dialog(qtbot, window, PlanConditioningDialog)
    assert plan.ui.book_after_check.isChecked(), "a first plan offers the booking by default"
    saved_and_closed(qtbot, plan)

    dialog = wait_dialog(qtbot, window, BookPlanDialog)
    assert [v.code for v in dialog.visits] == FIRST_DAYS
    assert all(dialog.is_ticked(r) for r in range(len(dialog.visits)))
    proposed = {v.code: v.scheduled for v in services.participant("104-001").visits}
    qtbot.keyClicks(dialog.ui.all_time_edit, "9:30")
    qtbot.mouseClick(dialog.ui.apply_time_button, Qt.MouseButton.LeftButton)
    assert dialog.save_button.text() == "&Book 8 visits"
    saved_and_closed(qtbot, dialog)
    packet = wait_dialog(qtbot, window, PacketDialog)  # "then open their worksheet packet", ticked
    assert packet.ui.chosen_radio.isChecked() and [v.code for v in packet.chosen()] == FIRST_DAYS

    record = services.participant("104-001")
    for code in FIRST_DAYS:
        v = record.visit(code)
        assert v.booked and v.scheduled == proposed[code] and v.scheduled_time == time(9, 30), code
    assert not record.visit("D7").booked


def test_a_moved_date_outside_the_window_needs_a_reason_and_nothing_is_booked_without_it(qtbot, window, services):
    dialog = _book_plan_of_a_planned_participant(qtbot, window, services)
    scr = dialog.visits.index(next(v for v in dialog.visits if v.code == "SCR"))
    late = dialog.visits[scr].latest + timedelta(days=1)
    dialog.date_edit(scr).setDate(to_qdate(late))
    assert "outside the window" in dialog.ui.visits_table.item(scr, 6).text()
    assert not dialog.date_edit(dialog.visits.index(next(v for v in dialog.visits if v.code == "LD1"))).isEnabled()

    save(qtbot, dialog)
    assert dialog.last_error is not None and "give a reason" in dialog.last_error.full
    assert not any(v.booked for v in services.participant("104-001").visits)

    qtbot.keyClicks(dialog.reason_edit(scr), "lab closed for inventory")
    saved_and_closed(qtbot, dialog)
    scr_visit = services.participant("104-001").visit("SCR")
    assert scr_visit.scheduled == late and scr_visit.deviation and scr_visit.booked


def test_the_span_of_windows_opening_within_n_weeks_lists_unbooked_visits_only(qtbot, window, services):
    _planned(services)
    services.book_visit("104-001", "D2", services.participant("104-001").visit("D2").scheduled)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_book_plan.trigger()
    dialog = wait_dialog(qtbot, window, BookPlanDialog)
    dialog.ui.weeks_radio.setChecked(True)
    dialog.ui.weeks_spin.setValue(3)
    codes = [v.code for v in dialog.visits]
    last = TODAY + timedelta(weeks=3)
    assert "D2" not in codes and codes, codes
    assert all(v.earliest <= last and not v.booked for v in dialog.visits)
    assert "D14" not in codes  # its window opens after three weeks


def test_a_booking_that_lost_to_another_save_reloads_and_keeps_the_ticks(qtbot, window, services, db_url):
    from .conftest import change_elsewhere

    dialog = _book_plan_of_a_planned_participant(qtbot, window, services)
    dialog.set_ticked(0, False)
    change_elsewhere(db_url, lambda other: other.book_visit("104-001", "D3", other.participant("104-001")
                                                                .visit("D3").scheduled))
    save(qtbot, dialog)
    assert dialog.last_error is not None and "Not saved" in dialog.last_error.full
    assert not dialog.is_ticked(0), "what the user changed is kept"
    saved_and_closed(qtbot, dialog)
    assert not services.participant("104-001").visit(dialog.visits[0].code).booked


def test_the_packet_defaults_to_the_visits_booked_in_the_next_weeks_and_saves_one_pdf(
        qtbot, window, services, prompter, tmp_path):
    _planned(services)
    record = services.participant("104-001")
    for code in ("SCR", "LD1", "D1"):
        services.book_visit("104-001", code, record.visit(code).scheduled)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    prompter.save_path = tmp_path / "packet.pdf"
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = qtbot.waitUntil(lambda: isinstance(window.active_dialog, PacketDialog)) or window.active_dialog
    assert [v.code for v in dialog.chosen()] == ["SCR", "LD1", "D1"]
    qtbot.mouseClick(dialog.ui.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.printing.last_saved == prompter.save_path, timeout=30000)
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(prompter.save_path.read_bytes())).pages]
    firsts = [re.search(r"VISIT (.+?) STUDY DAY", t).group(1) for t in pages if re.search(r"Page 1 of", t)]
    assert len(firsts) == 3 and firsts[0].startswith("Screening"), firsts


def test_several_visits_selected_in_the_timeline_make_the_packet(qtbot, window, services):
    _planned(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    table = window.participants.ui.timeline_table
    model = window.participants.timeline_model
    table.selectRow(model.row_of_key(("D7", 1)))
    for code in ("D14", "M2"):
        index = model.index(model.row_of_key((code, 1)), 0)
        table.selectionModel().select(index, table.selectionModel().SelectionFlag.Select
                                      | table.selectionModel().SelectionFlag.Rows)
    window.ui.action_worksheet_packet.trigger()
    dialog = qtbot.waitUntil(lambda: isinstance(window.active_dialog, PacketDialog)) or window.active_dialog
    assert dialog.ui.chosen_radio.isChecked()
    assert [v.code for v in dialog.chosen()] == ["D7", "D14", "M2"]


def test_the_day_at_a_glance_lists_today_in_time_order_apart_from_what_is_behind(qtbot, window, services):
    from .test_workflows import enrolled_in_follow_up

    enrolled_in_follow_up(services)  # infused 2027-01-31: D7's window closed; D10's closes TODAY
    _planned(services, "104-002")
    services.book_visit("104-001", "D10", TODAY, time=time(14, 0))
    services.enrol("104-003", "AB", conditioning_start=date(2027, 2, 16))  # SCR late: its date passed, window open
    window.refresh(force=True)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    worklist = window.worklist
    qtbot.waitUntil(lambda: worklist.day_panel.isVisible() and worklist.day_panel.models["booked_today"].rowCount())
    panel = worklist.day_panel
    booked = panel.models["booked_today"].rows()
    assert [(i.participant_id, i.visit.code) for i in booked] == [("104-001", "D10")]
    behind = {(i.participant_id, i.visit.code) for i in panel.models["behind"].rows()}
    assert ("104-001", "D7") in behind and ("104-001", "D10") not in behind, "today's visit is not carried over"
    to_book = {(i.participant_id, i.visit.code) for i in panel.models["to_book"].rows()}
    assert ("104-002", "SCR") in to_book and ("104-001", "D14") in to_book and ("104-001", "D10") not in to_book
    assert ("104-003", "SCR") in behind
    assert not to_book & behind, "a carried-over visit is not listed again as to book"
    closing = panel.models["closing_soon"].rows()
    assert ("104-001", "D10") in {(i.participant_id, i.visit.code) for i in closing}
    assert all(TODAY <= i.visit.latest <= TODAY + timedelta(days=2) for i in closing)
    assert "booked today" in worklist.ui.summary_label.text()
    assert not window.worklist.ui.table.isVisible()


def test_day_glance_orders_by_time_and_cuts_the_lists_by_window(services):
    _planned(services)
    services.enrol("104-002", "AB", conditioning_start=C1 + timedelta(days=1))
    for pid, at in (("104-001", time(15, 0)), ("104-002", time(8, 0))):
        scr = services.participant(pid).visit("SCR")
        services.book_visit(pid, "SCR", TODAY, time=at)
        assert scr.earliest <= TODAY
    today = services.worklist(TODAY, TODAY, today=TODAY, include_overdue=False)
    opening = services.open_windows(TODAY + timedelta(days=14), today=TODAY)
    glance = day_glance(TODAY, today, [], opening, 14)
    assert [i.participant_id for i in glance.booked_today] == ["104-002", "104-001"], "time order"
    assert glance.to_book and not any(i.visit.booked for i in glance.to_book)
    assert all(i.visit.earliest <= TODAY + timedelta(days=14) for i in glance.to_book)
    assert day_glance(TODAY, today, [], opening, 1).to_book == [
        i for i in glance.to_book if i.visit.earliest <= TODAY + timedelta(days=1)]
    # in the order of the Date column the coordinator reads (a walk saw 12-30, 12-07, 01-06, 12-17:
    # sorted by the window's opening, which the list does not show)
    shown = [i.visit.scheduled or i.visit.target for i in glance.to_book]
    assert shown == sorted(shown) and len(set(shown)) > 1, shown
    from dataclasses import replace

    base = glance.to_book[0]
    wide = replace(base, participant_id="104-008", visit=replace(
        base.visit, earliest=TODAY, scheduled=TODAY + timedelta(days=12), target=TODAY + timedelta(days=12)))
    narrow = replace(base, participant_id="104-009", visit=replace(
        base.visit, earliest=TODAY + timedelta(days=3), scheduled=TODAY + timedelta(days=4),
        target=TODAY + timedelta(days=4)))
    assert [i.participant_id for i in day_glance(TODAY, [], [], [wide, narrow], 14).to_book] == ["104-009", "104-008"]


def test_export_ics_and_withdraw_have_shortcuts_that_clash_with_nothing(window):
    assert window.ui.action_export_participant_ics.shortcut().toString() == "Ctrl+Shift+E"
    assert window.ui.action_withdraw.shortcut().toString() == "Ctrl+Shift+W"
    seen: dict[str, str] = {}
    for action in window.findChildren(type(window.ui.action_withdraw)):
        keys = action.shortcut().toString()
        if keys:
            assert keys not in seen, (keys, seen.get(keys), action.objectName())
            seen[keys] = action.objectName()
    assert {"Ctrl+Shift+B", "Ctrl+Shift+K", "Ctrl+T"} <= set(seen)


def test_a_typo_in_a_rows_date_is_named_and_keeps_book_disabled(qtbot, window, services):
    dialog = _book_plan_of_a_planned_participant(qtbot, window, services)
    field = dialog.date_edit(0)
    field.clear()
    qtbot.keyClicks(field, "2027-02-30")
    assert not dialog.save_button.isEnabled()
    assert dialog.last_error is not None and dialog.last_error.full.startswith("Screening")
    field.clear()
    qtbot.keyClicks(field, dialog.visits[0].scheduled.isoformat())
    assert dialog.save_button.isEnabled()
    saved_and_closed(qtbot, dialog)
    assert services.participant("104-001").visit("SCR").booked


def test_the_to_book_horizon_is_the_preference_default_14_days(qtbot, window, services):
    from PySide6.QtWidgets import QDialogButtonBox

    from ln_scheduler.ui.dialogs.preferences_dialog import PreferencesDialog
    from ln_scheduler.ui.settings import Options

    assert window.settings.get(Options.TO_BOOK_DAYS) == 14
    _planned(services)  # SCR's window is open; LD1's (and the rest's) opens on C1 = TODAY + 13
    window.refresh(force=True)
    window.ui.action_show_today.trigger()
    panel = window.worklist.day_panel
    qtbot.waitUntil(lambda: panel.models["to_book"].rowCount() > 0)
    assert {"SCR", "LD1"} <= {i.visit.code for i in panel.models["to_book"].rows()}
    window.ui.action_preferences.trigger()
    preferences = wait_dialog(qtbot, window, PreferencesDialog)
    preferences.ui.to_book_spin.setValue(7)
    ok = preferences.ui.button_box.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "LD1" not in {i.visit.code for i in panel.models["to_book"].rows()})
    assert [i.visit.code for i in panel.models["to_book"].rows()] == ["SCR"]
    assert "within 7 days" in panel.boxes["to_book"].title()


def test_the_packet_prints_one_worksheet_per_chosen_visit(qtbot, window, services, prompter, tmp_path):
    _planned(services)
    record = services.participant("104-001")
    services.book_visits("104-001", [Booking("D2"), Booking("D3")])
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    prompter.print_to = tmp_path / "printed.pdf"
    window.ui.action_worksheet_packet.trigger()
    dialog = wait_dialog(qtbot, window, PacketDialog)
    assert [v.code for v in dialog.chosen()] == ["D2", "D3"]
    qtbot.mouseClick(dialog.ui.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.printing.last_printed_pages > 0, timeout=30000)
    from ln_scheduler.ui.documents import packet_document

    built = packet_document(services, services.participant("104-001"), [record.visit("D2"), record.visit("D3")])
    pages = PdfReader(io.BytesIO(built.build("letter", lambda *_args: None))).pages
    titles = [t for t in (" ".join(p.extract_text().split()) for p in pages) if "Page 1 of" in t]
    assert len(titles) == 2  # one worksheet per chosen visit
    assert len(PdfReader(str(prompter.print_to)).pages) == window.printing.last_printed_pages == len(pages)


def test_the_packet_lists_a_done_visit_on_the_day_it_was_done(qtbot, window, services):
    """Seen in a walk: "Screening — 2026-12-24 Thu (done)" for a screening done on 12-01 (12-24 was
    the unused planned date, still to come): a done visit shows the day it was done, as the timeline."""
    enrolled_in_follow_up(services)
    services.record_screening("104-001", date(2027, 1, 20))
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_worksheet_packet.trigger()
    dialog = qtbot.waitUntil(lambda: isinstance(window.active_dialog, PacketDialog)) or window.active_dialog
    texts = [dialog.ui.visits_list.item(i).text() for i in range(dialog.ui.visits_list.count())]
    screening = next(t for t in texts if t.startswith("Screening"))
    assert screening == "Screening — 2027-01-20 Wed (done)", texts


def test_the_notes_of_book_visits_are_read_whole(qtbot, window, services):
    """Seen in a walk at 1280 px: the banner said "Check the notes of LD2, LD3" and the Notes column
    showed "site close…" (Spanish "cen… cerr…"): the dialog widens for its notes, within the screen."""
    from PySide6.QtGui import QFontMetrics

    window.resize(1280, 800)
    services.enrol("104-001", "JQD", conditioning_start=date(2027, 12, 30))  # LD2 New Year's Eve, LD3 a Saturday
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_book_plan.trigger()
    dialog = wait_dialog(qtbot, window, BookPlanDialog)
    qtbot.waitExposed(dialog)
    table = dialog.ui.visits_table
    notes = [table.item(r, 6).text() for r in range(table.rowCount()) if table.item(r, 6).text()]
    assert any("site closed" in n for n in notes), notes
    metrics = QFontMetrics(table.font())
    needed = max(metrics.horizontalAdvance(n) for n in notes) + 6
    screen = dialog.screen().availableGeometry()
    qtbot.waitUntil(lambda: table.columnWidth(6) >= needed)  # sized once shown: the notes whole
    if dialog.frameGeometry().width() < screen.width():  # room was left: the notes have what they need
        assert table.columnWidth(6) >= needed, notes
    else:  # as wide as the screen (offscreen tests: 800 px): the reason column gave what it could first
        header = table.horizontalHeader()
        assert header.sectionSize(5) == max(REASON_FLOOR, header.sectionSizeHint(5))  # its title whole
    right = table.columnViewportPosition(6) + table.columnWidth(6)
    assert right <= table.viewport().width() or table.horizontalScrollBar().isVisible()  # past the floor: it scrolls


def test_apply_to_all_refuses_a_time_that_is_not_one_and_says_it_once(qtbot, window, services):
    """Seen in a walk: "25:00", Apply to all: every row took it; Book then said "'25:00' is not a time
    of day..." sixteen times in one paragraph that squeezed the table. The time is refused where it was
    typed, and a repeated problem is said once, naming the visits."""
    dialog = _book_plan_of_a_planned_participant(qtbot, window, services)
    qtbot.keyClicks(dialog.ui.all_time_edit, "25:00")
    qtbot.mouseClick(dialog.ui.apply_time_button, Qt.MouseButton.LeftButton)
    assert "'25:00' is not a time of day" in dialog.ui.error_label.text()
    assert all(dialog.time_edit(r).text() == "" for r in range(len(dialog.visits)))
    dialog.ui.all_time_edit.setText("9:30")
    qtbot.mouseClick(dialog.ui.apply_time_button, Qt.MouseButton.LeftButton)
    assert not dialog.ui.error_label.isVisible()  # the stale message goes
    assert all(dialog.time_edit(r).text() == "9:30" for r in range(len(dialog.visits)) if dialog.is_ticked(r))
    for row in (0, 1):
        dialog.time_edit(row).setText("25:00")
    save(qtbot, dialog)
    text = dialog.ui.error_label.text()
    assert text.count("is not a time of day") == 1, text
    assert dialog.visits[0].code in text and dialog.visits[1].code in text


def test_book_visits_keeps_its_size_and_place_while_it_is_used(qtbot, window, services):
    """Two walks: the dialog widened from ~1,000 to 1,275 px and jumped left at the first tick, and
    again when a typed date brought a longer note; the next clicks landed on other rows. It is
    sized once, when it opens, with room for the note any row may gain; after that a longer note
    is cut in its cell and whole in its tooltip."""
    window.resize(1280, 800)
    services.enrol("104-001", "JQD", conditioning_start=date(2027, 12, 30))  # notes from the start
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.ui.action_book_plan.trigger()
    dialog = wait_dialog(qtbot, window, BookPlanDialog)
    qtbot.waitExposed(dialog)
    qtbot.wait(50)
    geometry = dialog.geometry()
    table = dialog.ui.visits_table
    d2 = [v.code for v in dialog.visits].index("D2")
    dialog.set_ticked(d2, False)
    dialog.set_ticked(d2, True)
    field = dialog.date_edit([v.code for v in dialog.visits].index("SCR"))
    field.setDate(to_qdate(dialog.visits[0].latest + timedelta(days=9)))  # outside its window
    qtbot.wait(50)
    assert dialog.geometry() == geometry
    scr = [v.code for v in dialog.visits].index("SCR")
    note = table.item(scr, 6).text()
    assert "outside the window: give a reason" in note
    assert table.columnWidth(6) >= table.fontMetrics().horizontalAdvance(note)  # room kept for it
    assert "SCR" in dialog.ui.hint_label.text()  # "Check the notes of SCR"
    qtbot.keyClicks(dialog.reason_edit(scr), "participant travelling")
    assert "give a reason" not in table.item(scr, 6).text()  # given: the note says so no longer
    assert "outside the window" in table.item(scr, 6).text()
    assert "SCR" not in dialog.ui.hint_label.text()  # nothing left to check there
    header = table.horizontalHeader()
    assert header.sectionSize(5) >= header.fontMetrics().horizontalAdvance("Reason (outside the window)")
    dialog.ui.weeks_radio.setChecked(True)
    qtbot.wait(50)
    assert dialog.geometry() == geometry


def test_book_visits_keeps_what_was_typed_when_the_span_changes_and_books_with_alt_b(qtbot, window, services):
    dialog = _book_plan_of_a_planned_participant(qtbot, window, services)
    qtbot.keyClicks(dialog.ui.all_time_edit, "08:30")
    qtbot.mouseClick(dialog.ui.apply_time_button, Qt.MouseButton.LeftButton)
    d2 = [v.code for v in dialog.visits].index("D2")
    assert dialog.time_edit(d2).text() == "08:30"
    dialog.ui.weeks_radio.setChecked(True)  # another span: the rows both spans show keep their time
    rows = {v.code: r for r, v in enumerate(dialog.visits)}
    assert "D2" in rows and dialog.time_edit(rows["D2"]).text() == "08:30"
    dialog.ui.first_days_radio.setChecked(True)
    assert all(dialog.time_edit(r).text() == "08:30" for r in range(len(dialog.visits)))
    assert dialog.save_button.text().startswith("&Book")  # Alt+B books (it typed "b" into a date)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.date_edit(rows["D2"]), Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    wait_closed(qtbot, dialog)
    assert services.participant("104-001").visit("D2").scheduled_time == time(8, 30)


def test_book_visits_keeps_what_was_typed_in_rows_the_other_span_does_not_show(qtbot, window, services):
    """A walk: a date, time and reason typed on Day 2, and Day 4 unticked, were reset after going to
    the other span and back (Day 2 and Day 4 are not in it)."""
    dialog = _book_plan_of_a_planned_participant(qtbot, window, services)
    first = [v.code for v in dialog.visits]
    dialog.ui.weeks_spin.setValue(1)
    dialog.ui.weeks_radio.setChecked(True)
    only_first = [c for c in first if c not in {v.code for v in dialog.visits}]
    dialog.ui.first_days_radio.setChecked(True)
    assert only_first, (first, [v.code for v in dialog.visits])
    code = only_first[-1]
    row = [v.code for v in dialog.visits].index(code)
    dialog.time_edit(row).setText("10:30")
    dialog.set_ticked(row, False)
    dialog.ui.weeks_radio.setChecked(True)
    dialog.ui.first_days_radio.setChecked(True)
    row = [v.code for v in dialog.visits].index(code)
    assert dialog.time_edit(row).text() == "10:30" and not dialog.is_ticked(row)


def test_an_empty_list_of_the_day_at_a_glance_takes_one_line(qtbot, window, services):
    """A walk at 1024 px: an empty "Booked today (0)" kept a table's height while "Closing soon" and
    "Carried over" showed two rows each. An empty list says so in one line."""
    from .test_workflows import enrolled_in_follow_up

    enrolled_in_follow_up(services)  # nothing booked today; visits behind and to book
    window.resize(1024, 700)
    window.refresh(force=True)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    worklist = window.worklist
    qtbot.waitUntil(lambda: worklist.day_panel.isVisible() and worklist.day_panel.models["behind"].rowCount() > 0)
    panel = worklist.day_panel
    QApplication.processEvents()
    assert panel.models["booked_today"].rowCount() == 0
    assert not panel.tables["booked_today"].isVisible()
    box = panel.boxes["booked_today"]
    assert box.height() < 3 * box.fontMetrics().height() + 30, box.height()
    assert panel.tables["behind"].height() > box.height()


def test_a_short_list_of_the_day_at_a_glance_shows_every_row_beside_a_long_one(qtbot, window, services):
    """At 1024 x 768, "Carried over (3)" showed two rows and a scroll bar beside "To book (9)" and
    "Closing soon (2)" (a walk). A list of three or fewer shows every row, a longer one two at least;
    the rest of the height is shared by length, and the window still fits the screen."""
    from ln_scheduler.ui.views.day_glance import DayGlanceData

    for n in range(1, 4):
        services.enrol(f"104-00{n}", "ABC", conditioning_start=date(2027, 2, 12 + n))
    items = services.worklist(date(2027, 2, 1), date(2027, 3, 31), today=date(2027, 2, 10))
    assert len(items) >= 30
    window.resize(1024, 768 - 48)  # a 768 px screen less a title bar
    window.refresh(force=True)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    panel = window.worklist.day_panel
    qtbot.waitUntil(panel.isVisible)
    for counts in ((0, 3, 9, 2), (3, 3, 30, 3), (5, 6, 30, 4)):  # the walk's day, three short, all long
        cut = [sum(counts[:i]) for i in range(5)]
        panel.show_data(DayGlanceData(*(items[cut[i]:cut[i + 1]] for i in range(4))), date(2027, 2, 10), 14)
        QApplication.processEvents()
        for name, table in panel.tables.items():
            rows = panel.models[name].rowCount()
            if rows:
                whole = table.viewport().height() // table.verticalHeader().defaultSectionSize()
                assert whole >= (rows if rows <= 3 else 2), (counts, name, rows, table.viewport().height())
        assert window.minimumSizeHint().height() <= 768 - 48, "the window still fits a 1024 x 768 screen"
