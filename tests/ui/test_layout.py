"""What the coordinator sees at a usual screen size (1440 x 900): every column of every table on
screen, dates never elided, the free text fitted to its content, the cell that matters most in
full; the column fitting itself checked without a window."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QTableView

from ln_scheduler.domain.visit_status import VisitStatus
from ln_scheduler.services.records import WorklistItem
from ln_scheduler.ui.main_window import PARTICIPANTS_TAB, WORKLIST_TAB
from ln_scheduler.ui.models import participant_list_model as pl
from ln_scheduler.ui.models import schedule_preview_model as preview
from ln_scheduler.ui.models import timeline_model as tl
from ln_scheduler.ui.models import worklist_model as wl
from ln_scheduler.ui.views.column_fit import _squeezed, fitter_of
from ln_scheduler.ui.views.month_delegate import fitting_line, visit_lines
from tests.support.sample_records import sample_participant

from .test_workflows import C1, enrolled_in_follow_up, select_participant

TEXT_MARGIN = 6  # Qt draws a cell's text inside 3 px on each side


def elided(table: QTableView, column: int) -> list[str]:
    """The texts of ``column`` that do not fit its width (Qt would draw them with "…")."""
    model = table.model()
    width = table.columnWidth(column)
    cut = []
    for row in range(model.rowCount()):
        index = model.index(row, column)
        text = index.data() or ""
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else table.font())
        icon = 22 if index.data(Qt.ItemDataRole.DecorationRole) is not None else 0
        if metrics.horizontalAdvance(text) + TEXT_MARGIN + icon > width:
            cut.append(text)
    return cut


def off_screen(table: QTableView) -> list[str]:
    """Headers of the visible columns that end beyond the table's visible width."""
    header = table.horizontalHeader()
    model = table.model()
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(header.count())
            if not header.isSectionHidden(c)
            and header.sectionPosition(c) + header.sectionSize(c) > table.viewport().width()]


def settle(qtbot: Any) -> None:
    qtbot.wait(1)  # one turn of the event loop: layouts and resize events


def test_at_1440_the_participant_list_and_the_whole_timeline_fit_side_by_side(qtbot, window, services):
    enrolled_in_follow_up(services)
    services.enrol("104-002", "MRK", conditioning_start=date(2027, 2, 23))
    services.withdraw("104-001", date(2027, 2, 8), "participant moved away and cannot attend visits")
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    settle(qtbot)
    people, timeline = window.participants.ui.participant_table, window.participants.ui.timeline_table
    assert off_screen(people) == [] and off_screen(timeline) == []
    for column in (pl.NEXT_DATE, pl.PARTICIPANT, pl.STATUS):
        assert elided(people, column) == [], people.model().headerData(column, Qt.Orientation.Horizontal)
    for column in (tl.TARGET, tl.WINDOW, tl.SCHEDULED, tl.STATUS, tl.VISIT):
        assert elided(timeline, column) == [], tl.TimelineModel.HEADERS[column]
    header = timeline.horizontalHeader()
    assert header.sectionPosition(tl.NOTES) + header.sectionSize(tl.NOTES) == timeline.viewport().width()


def test_the_worklist_fits_visit_names_and_gives_the_rest_to_notes(qtbot, window, services):
    services.enrol("104-001", "JQD", conditioning_start=date(2027, 2, 9))  # conditioning days this week
    window.refresh(force=True)
    window.show_tab(WORKLIST_TAB)
    with qtbot.waitSignal(window.worklist.filled, timeout=10000):  # read in a worker thread
        window.worklist.set_period("next_week")
    with qtbot.waitSignal(window.worklist.filled, timeout=10000):
        window.worklist.set_period("week")
    settle(qtbot)
    table = window.worklist.ui.table
    labels = [window.worklist.model.record(r).visit.label for r in range(window.worklist.model.rowCount())]
    assert any(label.startswith("Conditioning day") for label in labels)
    assert off_screen(table) == []
    for column in (wl.DATE, wl.VISIT, wl.WINDOW, wl.STATUS):
        assert elided(table, column) == [], wl.WorklistModel.HEADERS[column]
    assert table.columnWidth(wl.NOTES) > table.columnWidth(wl.VISIT)  # the rest, not a fixed width


def test_the_infusion_preview_shows_what_happens_in_full(qtbot, window, services):
    from ln_scheduler.ui.dialogs.record_infusion_dialog import RecordInfusionDialog

    services.enrol("104-001", "JQD", conditioning_start=C1)
    services.record_conditioning("104-001", C1, days_done=3)
    services.book_visit("104-001", "D7", date(2027, 2, 5))
    dialog = RecordInfusionDialog(services, services.participant("104-001"), date(2027, 2, 10), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(1100, dialog.height())  # its size on a 1,280 px screen (the tests' is 800 px)
    from ln_scheduler.ui.qt_dates import to_qdate

    dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 3)))
    settle(qtbot)
    table = dialog.ui.preview_table
    assert any("outside the new window" in (table.model().index(r, preview.ACTION).data() or "")
               for r in range(table.model().rowCount()))
    assert off_screen(table) == []
    for column in (preview.ACTION, preview.TARGET, preview.WINDOW, preview.SCHEDULED):
        assert elided(table, column) == [], preview.SchedulePreviewModel.HEADERS[column]


def test_the_audit_reason_is_on_screen_and_values_in_full_in_tooltips(qtbot, window, services):
    from ln_scheduler.ui.models import audit_model as am

    enrolled_in_follow_up(services)
    services.withdraw("104-001", date(2027, 2, 8), "participant moved away and cannot attend visits")
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.ui.detail_tabs.setCurrentIndex(1)
    settle(qtbot)
    table = window.participants.ui.audit_table
    assert off_screen(table) == []
    assert table.columnWidth(am.REASON) >= 150
    assert table.isColumnHidden(am.WORKSTATION)  # who and where: in the User column's tooltip
    model = table.model()
    for row in range(model.rowCount()):
        for column in (am.OLD, am.NEW, am.REASON):
            text = model.index(row, column).data()
            if text and text in elided(table, column):
                assert text in model.index(row, column).data(Qt.ItemDataRole.ToolTipRole)


def test_a_column_the_user_resized_keeps_its_width_until_double_clicked(qtbot, window, services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    timeline = window.participants.ui.timeline_table
    timeline.setColumnWidth(tl.WINDOW, 260)
    fitter = fitter_of(timeline)
    assert fitter is not None
    fitter.refit()
    assert timeline.columnWidth(tl.WINDOW) == 260
    timeline.horizontalHeader().sectionHandleDoubleClicked.emit(tl.WINDOW)
    assert timeline.columnWidth(tl.WINDOW) == fitter.wanted(tl.WINDOW) < 260


def test_the_participant_list_is_as_wide_as_its_columns_until_the_user_moves_the_splitter(qtbot, window,
                                                                                           services):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    window.resize(1600, 900)  # room for both: the timeline's columns come first (visit names whole)
    window.show_tab(PARTICIPANTS_TAB)
    settle(qtbot)
    view = window.participants
    fitter = fitter_of(view.ui.participant_table)
    assert fitter is not None
    margins = view.ui.list_layout.contentsMargins()
    wanted = fitter.natural_width() + margins.left() + margins.right()
    assert view.ui.splitter.sizes()[0] == wanted
    window.resize(1800, 900)
    settle(qtbot)
    assert view.ui.splitter.sizes()[0] == wanted  # the timeline took the extra width
    view.ui.splitter.moveSplitter(300, 1)  # as a drag does
    window.resize(1440, 900)
    settle(qtbot)
    assert view.ui.splitter.sizes()[0] == 300  # the user's choice stays


def test_squeezing_takes_from_the_widest_columns_first_and_never_below_their_floor():
    widths = {0: 400, 1: 150, 2: 100}
    floors = {0: 80, 1: 80, 2: 100}
    assert _squeezed(widths, floors, 100) == {0: 300, 1: 150, 2: 100}
    assert _squeezed(widths, floors, 300) == {0: 125, 1: 125, 2: 100}
    assert _squeezed(widths, floors, 10_000) == floors


def test_a_month_cell_drops_the_time_then_the_site_number_before_cutting_the_status(qapp):
    record = sample_participant(today=date(2027, 2, 10), done_through=date(2027, 2, 5))
    visit = next(v for v in record.visits if v.status is VisitStatus.LATE or v.status is VisitStatus.DUE)
    from dataclasses import replace
    from datetime import time

    item = WorklistItem("104-009", "SYO", replace(visit, status=VisitStatus.OVERDUE, scheduled_time=time(13, 0),
                                                  booked=True))
    lines = visit_lines(item)
    assert lines == [f"✓ 104-009 {visit.code} overdue 13:00", f"✓ 104-009 {visit.code} overdue",
                     f"✓ 009 {visit.code} overdue"]
    metrics = QFontMetrics(QFont())
    assert fitting_line(item, metrics, 10_000) == lines[0]
    assert fitting_line(item, metrics, metrics.horizontalAdvance(lines[1])) == lines[1]
    assert fitting_line(item, metrics, metrics.horizontalAdvance(lines[2]) + 1) == lines[2]


def test_the_enrol_dialog_shows_its_hints_in_full(qtbot, window, services):
    from ln_scheduler.ui.dialogs.enrol_dialog import EnrolDialog

    dialog = EnrolDialog(services, date(2027, 2, 10), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for edit in (dialog.ui.participant_id_edit, dialog.ui.initials_edit):
        assert edit.width() >= edit.fontMetrics().horizontalAdvance(edit.placeholderText()) + 12
    assert "2 to 4 letters" in dialog.ui.initials_edit.placeholderText()  # as the check says


def test_a_month_cell_shows_all_its_participant_ids_the_same_way(qapp):
    from dataclasses import replace

    from ln_scheduler.ui.views.month_delegate import MonthDayDelegate

    record = sample_participant(today=date(2027, 2, 10), done_through=date(2027, 2, 5))
    visit = next(v for v in record.visits if v.status is VisitStatus.LATE or v.status is VisitStatus.DUE)
    due = WorklistItem("104-007", "LVE", replace(visit, code="D10", status=VisitStatus.DUE, scheduled_time=None,
                                                 booked=True))
    overdue = WorklistItem("104-005", "KPN", replace(visit, code="D1", status=VisitStatus.OVERDUE,
                                                      scheduled_time=None, booked=False))
    metrics = QFontMetrics(QFont())
    width = metrics.horizontalAdvance("✓ 104-007 D10 due") + 1  # "? 104-005 D1 overdue" does not fit
    assert fitting_line(due, metrics, width) == "✓ 104-007 D10 due"
    assert fitting_line(overdue, metrics, width) == "? 005 D1 overdue"
    lines = MonthDayDelegate().cell_lines([due, overdue], metrics, width)
    assert lines == ["✓ 007 D10 due", "? 005 D1 overdue"], "not 104-007 above 005 in one cell"
    wide = metrics.horizontalAdvance("? 104-005 D1 overdue") + 1
    assert MonthDayDelegate().cell_lines([due, overdue], metrics, wide) == ["✓ 104-007 D10 due",
                                                                           "? 104-005 D1 overdue"]


def test_a_long_status_message_is_shortened_with_a_mark_and_whole_in_the_tooltip_at_1024(qtbot, window):
    """At 1024 px "Opened SQLite: /path for this session; to open it at every start, set [d" was
    cut mid-word by the status bar, with no sign that anything was missing."""
    from PySide6.QtWidgets import QApplication

    from ln_scheduler.ui.status_message import message_room

    window.resize(1024, 768)
    QApplication.processEvents()
    bar = window.statusBar()
    long = ("Opened SQLite: /home/coordinator/Studies/NCT06377228/site-104/ln_scheduler.sqlite3 for this "
            "session; to open it at every start, set [database] url in /home/coordinator/.config/settings.toml")
    window.show_message(long, 15000)
    shown = bar.currentMessage()
    assert "…" in shown and shown.startswith("Opened SQLite: /home") and shown.endswith("settings.toml")
    assert bar.fontMetrics().horizontalAdvance(shown) <= message_room(bar) < bar.width()
    assert bar.toolTip() == long
    window.show_message("Saved /tmp/a.pdf", 8000)  # one that fits: whole, and no tooltip
    assert (bar.currentMessage(), bar.toolTip()) == ("Saved /tmp/a.pdf", "")
    window.show_message("")
    assert (bar.currentMessage(), bar.toolTip()) == ("", "")


def test_the_book_dialog_does_not_move_under_the_mouse_as_the_date_changes(qtbot, window, services):
    """Seen in a walk: typing a date outside the window turned "Reason:" into "Reason (required):",
    which pushed the date field 29 px to the right, and a longer note grew the dialog and every label
    in it: what the mouse was over moved."""
    from ln_scheduler.ui.dialogs.book_visit_dialog import BookVisitDialog

    from .test_date_entry import activated, retype
    from .test_workflows import wait_dialog

    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit("M2")
    window.ui.action_book_visit.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, window, BookVisitDialog))
    settle(qtbot)

    def places() -> tuple[object, ...]:
        return (dialog.height(), dialog.ui.date_edit.geometry(), dialog.ui.visit_label.geometry(),
                dialog.ui.hint_label.geometry(), dialog.save_button.mapTo(dialog, dialog.save_button.rect().topLeft()))

    def field_places() -> tuple[object, ...]:
        return tuple(w.geometry() for w in (dialog.ui.visit_label, dialog.ui.date_edit, dialog.ui.reason_edit))

    fields = field_places()
    retype(qtbot, dialog.ui.date_edit, "2027-04-02")  # the first date typed: half typed, it is no date yet,
    qtbot.keyClick(dialog.ui.date_edit, Qt.Key.Key_Tab)  # and the field's message grows the dialog once,
    settle(qtbot)  # below the fields
    assert field_places() == fields
    before = places()
    for typed in ("2027-05-29", "2027-03-27", "2027-04-07"):  # outside, on a Saturday; inside; the last day
        retype(qtbot, dialog.ui.date_edit, typed)
        qtbot.keyClick(dialog.ui.date_edit, Qt.Key.Key_Tab)
        settle(qtbot)
        assert places() == before, typed


def test_the_enrol_dialog_warns_of_a_conditioning_start_that_puts_fixed_days_on_closed_days(qtbot, window, services):
    """Seen in a walk: conditioning typed as 2026-12-31 put LD2 on New Year's Day and LD3 on a Saturday,
    and the dialog said only "Use Plan conditioning later...". The closed fixed days are named before
    Enrol, as Plan conditioning names them; a start that keeps them open says nothing of it."""
    from ln_scheduler.domain.conditioning import suggest_conditioning_starts
    from ln_scheduler.ui.dialogs.base import NOTE_STYLE
    from ln_scheduler.ui.dialogs.enrol_dialog import EnrolDialog
    from ln_scheduler.ui.qt_dates import to_qdate

    dialog = EnrolDialog(services, date(2027, 2, 10), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.ui.conditioning_check.setChecked(True)
    top = dialog.ui.button_box.mapTo(dialog, dialog.ui.button_box.rect().topLeft()).y()
    dialog.ui.conditioning_date_edit.setDate(to_qdate(date(2027, 2, 18)))  # Thu: LD3 on Saturday 02-20
    hint = dialog.ui.hint_label
    assert "2027-02-20" in hint.text() and "closed" in hint.text()
    assert hint.styleSheet() == NOTE_STYLE
    protocol = services.enrolment_protocol().for_cohort("LN")
    good = suggest_conditioning_starts(protocol, services.site().calendar(), date(2027, 2, 18), 1)[0]
    dialog.ui.conditioning_date_edit.setDate(to_qdate(good))
    assert "closed" not in hint.text() and hint.styleSheet() != NOTE_STYLE
    QApplication.processEvents()
    assert dialog.ui.button_box.mapTo(dialog, dialog.ui.button_box.rect().topLeft()).y() == top  # nothing moved


def test_enrolling_with_a_conditioning_start_already_past_does_not_offer_to_plan_it(qtbot, window, services):
    """A walk: a conditioning start days ago still said "Use Plan conditioning later to see start dates",
    advice for a start still to choose."""
    from ln_scheduler.ui.dialogs.enrol_dialog import EnrolDialog
    from ln_scheduler.ui.qt_dates import to_qdate

    dialog = EnrolDialog(services, date(2027, 2, 10), window)
    qtbot.addWidget(dialog)
    dialog.ui.conditioning_check.setChecked(True)
    dialog.ui.conditioning_date_edit.setDate(to_qdate(date(2027, 2, 22)))
    assert "Use Plan conditioning later" in dialog.ui.hint_label.text()  # still to come: the advice holds
    for started in (date(2027, 2, 10), date(2027, 2, 3)):
        dialog.ui.conditioning_date_edit.setDate(to_qdate(started))
        hint = dialog.ui.hint_label.text()
        assert "Plan conditioning" not in hint, started
        assert "Infusion (Day 1) planned for" in hint


def test_a_narrow_month_cell_gives_its_visit_count_as_a_number_not_cut(qapp):
    """At 1024 px the day headers read "4 vi…" and, beside "10 today", "…"."""
    from ln_scheduler.ui.views.month_delegate import visit_count_text

    metrics = QFontMetrics(QFont())
    assert visit_count_text("4 visits", 4, metrics, metrics.horizontalAdvance("4 visits")) == "4 visits"
    assert visit_count_text("4 visits", 4, metrics, metrics.horizontalAdvance("4 visits") - 1) == "4"
    assert visit_count_text("12 visits", 12, metrics, 3) == "12"  # a number is never cut: it draws over the room


def test_the_message_of_a_database_opened_for_one_session_is_whole_at_1280(qtbot, tmp_path, settings, prompter,
                                                                          monkeypatch):
    """At 1280 px the start-up message read "…for this session; to…tart, set [database] url in…" (a walk):
    it repeated the database the status bar names beside it, and the whole path of the settings file."""
    from ln_scheduler.ui.app_database import open_database
    from ln_scheduler.ui.main_window import MainWindow

    from .conftest import open_test_services

    home = tmp_path / "home" / "coordinator"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("LN_SCHEDULER_CONFIG_DIR", str(home / ".config" / "ln-scheduler"))
    path = home / "Studies" / "NCT06377228" / "site-104" / "ln_scheduler.sqlite3"
    path.parent.mkdir(parents=True)
    open_test_services(f"sqlite:///{path}").close()
    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    open_database(window, f"sqlite:///{path}")
    qtbot.waitUntil(lambda: "settings.toml" in window.statusBar().currentMessage(), timeout=30000)
    message = window.statusBar().currentMessage()
    assert message == ("Opened for this session; to open it at every start, set [database] url in "
                       "~/.config/ln-scheduler/settings.toml")
    assert window.statusBar().toolTip() == ""  # whole: no tooltip needed
    window.services.close()
    window.services = None


def test_opening_the_default_database_again_says_nothing_of_this_session(qtbot, tmp_path, settings, prompter,
                                                                        monkeypatch):
    """File › Open database on the database that opens at every start said "Opened for this session;
    to open it at every start, set [database] url in …" (a walk): it already does."""
    from ln_scheduler.services.locations import default_sqlite_path
    from ln_scheduler.ui.app_database import open_database
    from ln_scheduler.ui.main_window import MainWindow

    from .conftest import open_test_services

    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    messages: list[str] = []
    monkeypatch.setattr(window, "show_message", lambda text, timeout_ms=0: messages.append(text))
    path = default_sqlite_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    open_test_services(f"sqlite:///{path}").close()
    open_database(window, f"sqlite:///{path}")
    qtbot.waitUntil(lambda: window.services is not None, timeout=30000)
    qtbot.wait(20)
    assert not [m for m in messages if "every start" in m], messages
    window.services.close()
    window.services = None


def test_a_closed_days_header_is_whole_or_left_to_its_grey(qapp):
    """At 1024 px a closed day beside "today" read "6 today c…" (a walk)."""
    from ln_scheduler.ui.views.month_delegate import closed_day_text

    metrics = QFontMetrics(QFont())
    named, word = "closed: New Year's Day", "closed"
    assert closed_day_text(named, word, metrics, 10_000) == named
    assert closed_day_text(named, word, metrics, metrics.horizontalAdvance(word)) == word
    assert closed_day_text("", word, metrics, 10_000) == word  # a weekend says only "closed"
    assert closed_day_text(named, word, metrics, metrics.horizontalAdvance(word) - 1) == ""


def test_the_database_shown_is_known_however_its_address_is_typed(tmp_path):
    """What decides whether the start-up message is said: the services' own identity of a database."""
    from .conftest import open_test_services

    path = tmp_path / "site.sqlite3"
    (tmp_path / "link").symlink_to(tmp_path)
    services = open_test_services(f"sqlite:///{path}")
    try:
        assert services.is_database(f"sqlite:///{path}")
        assert services.is_database(str(path))  # a bare path, as people type it
        assert services.is_database(str(tmp_path / "link" / "site.sqlite3"))
        assert not services.is_database(str(tmp_path / "other.sqlite3"))
        assert not services.is_database("postgresql://localhost/site")
        assert not services.is_database("")  # not a database URL
    finally:
        services.close()
