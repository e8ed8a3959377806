"""Book the plan: several of one participant's proposed dates booked in one step (by default
screening to Day 4, the days a new participant's first weeks hang on), each with an optional time,
moved where the user changes the date, confirmed once by Book (``Services.book_visits``: all
booked or none). Offered right after planning conditioning, and any time from the Participant
menu and the participant view."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTableWidgetItem, QWidget

from ...domain.protocol import VisitKind
from ...services.records import Booking, ParticipantRecord, VisitRecord
from ..formatting import day_text, parse_time_text, participant_caption, time_text, window_text
from ..forms.ui_book_plan_dialog import Ui_BookPlanDialog
from ..qt_dates import DateField, edit_date, setup_date_edit
from ..translate_noop import QT_TRANSLATE_NOOP
from .base import NOTE_STYLE, ServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services

BOOK, VISIT, WINDOW, DATE, TIME, REASON, NOTES = range(7)
REASON_FLOOR = 140  # the reason column never narrower (nor than its title): "only outside the window" stays readable
HEADERS = (QT_TRANSLATE_NOOP("BookPlanDialog", "Book"), QT_TRANSLATE_NOOP("BookPlanDialog", "Visit"),
           QT_TRANSLATE_NOOP("BookPlanDialog", "Window"), QT_TRANSLATE_NOOP("BookPlanDialog", "Date"),
           QT_TRANSLATE_NOOP("BookPlanDialog", "Time"),
           QT_TRANSLATE_NOOP("BookPlanDialog", "Reason (outside the window)"),
           QT_TRANSLATE_NOOP("BookPlanDialog", "Notes"))
#: The last study day of the default span: screening, conditioning and Days 1 to 4.
FIRST_DAYS_LAST_STUDY_DAY = 4
_NOT_IN_A_PLAN = (VisitKind.UNSCHEDULED, VisitKind.TERMINATION)


def first_days(participant: ParticipantRecord) -> list[VisitRecord]:
    """Screening to Day 4: the open visits of the plan up to study day 4, in date order."""
    return [v for v in _bookable(participant)
            if v.study_day is not None and v.study_day <= FIRST_DAYS_LAST_STUDY_DAY]


def opening_within(participant: ParticipantRecord, today: date, weeks: int) -> list[VisitRecord]:
    """Every open, unbooked visit whose window opens within ``weeks`` weeks of ``today`` (or is
    open already)."""
    last = today + timedelta(weeks=weeks)
    return [v for v in _bookable(participant) if not v.booked and v.earliest is not None and v.earliest <= last]


def _bookable(participant: ParticipantRecord) -> list[VisitRecord]:
    return [v for v in participant.visits
            if v.status.is_open and v.kind not in _NOT_IN_A_PLAN and v.scheduled is not None]


class BookPlanDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_BookPlanDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self._today = today
        self._calendar = services.site().calendar()
        self._rows: list[VisitRecord] = []
        table = self.ui.visits_table
        table.setColumnCount(len(HEADERS))
        table.setHorizontalHeaderLabels([QCoreApplication.translate("BookPlanDialog", h) for h in HEADERS])
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        for column in (BOOK, VISIT, WINDOW, DATE, TIME):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(REASON, QHeaderView.ResizeMode.Interactive)
        reason_title = QCoreApplication.translate("BookPlanDialog", HEADERS[REASON])
        header.resizeSection(REASON, max(190, header.fontMetrics().horizontalAdvance(reason_title) + 24))
        header.setSectionResizeMode(NOTES, QHeaderView.ResizeMode.Interactive)  # sized when shown
        self._notes_width = 0  # the Notes column's width, set once shown (_fit_notes)
        table.itemChanged.connect(lambda _item: self._update_hint())
        self.ui.hint_label.setStyleSheet(NOTE_STYLE)
        #: What was typed in each row (by visit), kept while the span changes: a row the other span
        #: does not show keeps its date, time, reason and tick for when it is shown again.
        self._typed: dict[tuple[str, int], tuple[bool, date, str, str]] = {}
        self.ui.first_days_radio.toggled.connect(lambda _on: self._fill(self._keep_typed()))
        self.ui.weeks_spin.valueChanged.connect(lambda _n: self._weeks_chosen())
        self.ui.apply_time_button.clicked.connect(self.apply_time_to_all)
        self.ui.all_time_edit.returnPressed.connect(self.apply_time_to_all)
        self.save_button.setText(self.tr("&Book"))
        self._show_participant()
        self._fill()

    # --- rows -----------------------------------------------------------------------------
    def _show_participant(self) -> None:
        self.ui.participant_label.setText(participant_caption(self.participant))

    def _weeks_chosen(self) -> None:
        if self.ui.weeks_radio.isChecked():
            self._fill(self._keep_typed())
        else:
            self.ui.weeks_radio.setChecked(True)  # toggling fills

    def span(self) -> list[VisitRecord]:
        if self.ui.first_days_radio.isChecked():
            return first_days(self.participant)
        return opening_within(self.participant, self._today, self.ui.weeks_spin.value())

    def _fill(self, kept: dict[tuple[str, int], tuple[bool, date, str, str]] | None = None) -> None:
        """One row per visit of the span: ticked unless booked already; the date its proposed
        one; ``kept``: what the user had entered (after a reload), by visit."""
        table = self.ui.visits_table
        table.blockSignals(True)
        self._rows = self.span()
        table.setRowCount(len(self._rows))
        for row, v in enumerate(self._rows):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            table.setItem(row, BOOK, tick)
            table.setItem(row, VISIT, _text_item(v.label))
            table.setItem(row, WINDOW, _text_item(window_text(v)))
            date_edit = DateField(table)  # the app's one date entry: only a real date is booked
            date_edit.validityChanged.connect(lambda _ok: self._dates_checked())
            fixed = v.kind in (VisitKind.CONDITIONING, VisitKind.INFUSION)
            date_edit.setEnabled(not fixed)  # they move with the conditioning start / the infusion
            if fixed:
                date_edit.setToolTip(self.tr("Fixed: it moves with the conditioning start or the recorded infusion"))
            time_edit = QLineEdit(table)
            time_edit.setPlaceholderText(self.tr("HH:MM"))
            reason_edit = QLineEdit(table)
            reason_edit.setPlaceholderText(self.tr("only outside the window"))
            ticked, on, at, why = (kept or {}).get(
                (v.code, v.occurrence), (not v.booked, v.scheduled or self._today, time_text(v.scheduled_time), ""))
            tick.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            setup_date_edit(date_edit, on, self._today)
            time_edit.setText(at)
            reason_edit.setText(why)
            date_edit.dateChanged.connect(lambda _d: self._update_hint())
            time_edit.textChanged.connect(lambda _t: self._update_hint())
            reason_edit.textChanged.connect(lambda _t: self._update_hint())
            table.setCellWidget(row, DATE, date_edit)
            table.setCellWidget(row, TIME, time_edit)
            table.setCellWidget(row, REASON, reason_edit)
            table.setItem(row, NOTES, _text_item(""))
        table.blockSignals(False)
        self._update_hint()

    def _keep_typed(self) -> dict[tuple[str, int], tuple[bool, date, str, str]]:
        """Everything typed so far, this span's rows as they are now."""
        self._typed.update(self._entered())
        return self._typed

    def _entered(self) -> dict[tuple[str, int], tuple[bool, date, str, str]]:
        return {(v.code, v.occurrence): (self.is_ticked(row), self.chosen_date(row), self.time_edit(row).text(),
                                         self.reason_edit(row).text())
                for row, v in enumerate(self._rows)}

    def is_ticked(self, row: int) -> bool:
        item = self.ui.visits_table.item(row, BOOK)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def set_ticked(self, row: int, ticked: bool) -> None:
        item = self.ui.visits_table.item(row, BOOK)
        if item is not None:  # every row of the table is given its tick box when it is filled
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)

    def chosen_date(self, row: int) -> date:
        return edit_date(self.date_edit(row))

    def date_edit(self, row: int) -> DateField:
        widget = self.ui.visits_table.cellWidget(row, DATE)
        assert isinstance(widget, DateField)
        return widget

    def time_edit(self, row: int) -> QLineEdit:
        widget = self.ui.visits_table.cellWidget(row, TIME)
        assert isinstance(widget, QLineEdit)
        return widget

    def reason_edit(self, row: int) -> QLineEdit:
        widget = self.ui.visits_table.cellWidget(row, REASON)
        assert isinstance(widget, QLineEdit)
        return widget

    @property
    def visits(self) -> list[VisitRecord]:
        """The rows shown, in order."""
        return list(self._rows)

    def apply_time_to_all(self) -> None:
        """The time typed below the table goes into every ticked row (empty: no time); a time that is
        not one is refused here, where it was typed (it went into every row, and the save then said
        so once per row)."""
        text = self.ui.all_time_edit.text().strip()
        try:
            parse_time_text(text)
        except ValueError as exc:
            self.show_error(str(exc))
            return
        self.clear_error()
        for row in range(len(self._rows)):
            if self.is_ticked(row):
                self.time_edit(row).setText(text)

    # --- checks ---------------------------------------------------------------------------
    def _outside(self, row: int) -> bool:
        window = self._rows[row].window
        return window is not None and self.chosen_date(row) not in window

    def _row_notes(self, row: int) -> list[str]:
        v = self._rows[row]
        notes = []
        if v.booked:
            if v.scheduled_time:
                notes.append(self.tr("booked {day} at {time}").format(day=day_text(v.scheduled),
                                                                      time=time_text(v.scheduled_time)))
            else:
                notes.append(self.tr("booked {day}").format(day=day_text(v.scheduled)))
        notes += self._row_warnings(row)
        if self._outside(row) and self.reason_edit(row).text().strip():
            notes.append(self.tr("outside the window (deviation, reason given)"))
        return notes

    def _row_warnings(self, row: int) -> list[str]:
        """The notes of a row that ask the coordinator to look (the banner names their visits)."""
        on = self.chosen_date(row)
        warnings = []
        if self._outside(row) and not self.reason_edit(row).text().strip():
            warnings.append(self._outside_note())
        closed = self._calendar.closure_reason(on)
        if closed:
            warnings.append(self.tr("site closed ({reason})").format(reason=closed))
        if on < self._today:
            warnings.append(self.tr("in the past"))
        return warnings

    def _outside_note(self) -> str:
        return self.tr("outside the window: give a reason (deviation)")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._notes_width:
            QTimer.singleShot(0, self._fit_notes)  # once its columns are laid out

    def _fit_notes(self) -> None:
        """Sized once, when shown: the Notes column as wide as its longest note, or as the note any
        row may gain ("outside the window: give a reason"): the banner says "check the notes of
        LD2, LD3", and at 1280 px they read "site close…". The dialog widens (within the screen),
        then the reason column gives up room down to its floor; past that the table scrolls. Never
        again after that: it widened at the first tick and when a typed date brought a longer note,
        and the next click landed on another row. A longer note later is whole in its tooltip."""
        if not self.isVisible() or self._notes_width:
            return
        table = self.ui.visits_table
        texts = [item.text() for row in range(table.rowCount()) if (item := table.item(row, NOTES)) is not None]
        metrics = table.fontMetrics()
        wanted = max(metrics.horizontalAdvance(t) for t in [*texts, self._outside_note()]) + 16
        header = table.horizontalHeader()
        free = table.viewport().width() - sum(header.sectionSize(c) for c in range(NOTES))
        short = wanted - free
        if short > 0:
            room = self.screen().availableGeometry().width() - self.frameGeometry().width()
            grow = max(0, min(short, room))
            if grow:
                self.resize(self.width() + grow, self.height())
            if short > grow:
                floor = max(REASON_FLOOR, header.sectionSizeHint(REASON))  # its title whole
                header.resizeSection(REASON, max(floor, header.sectionSize(REASON) - (short - grow)))
        self._notes_width = wanted
        self._stretch_notes()

    def _stretch_notes(self) -> None:
        """The Notes column fills the table's width, and never narrower than sized when shown."""
        table = self.ui.visits_table
        header = table.horizontalHeader()
        free = table.viewport().width() - sum(header.sectionSize(c) for c in range(NOTES))
        header.resizeSection(NOTES, max(self._notes_width, free))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._notes_width:
            self._stretch_notes()

    def _update_hint(self) -> None:
        table = self.ui.visits_table
        table.blockSignals(True)
        for row in range(len(self._rows)):
            item = table.item(row, NOTES)
            if item is not None:
                text = "; ".join(self._row_notes(row))
                item.setText(text)
                item.setToolTip(text)
        table.blockSignals(False)
        ticked = sum(1 for row in range(len(self._rows)) if self.is_ticked(row))
        if not self._rows:
            hint = self.tr("No open visits to book in this span: choose another one.")
        else:
            hint = self.tr("{ticked} of %n visits ticked: they are booked at once when you press Book.", "",
                           len(self._rows)).format(
                ticked=ticked)
            warn = [self._rows[r].code for r in range(len(self._rows)) if self.is_ticked(r) and self._row_warnings(r)
                    and not self._rows[r].booked]
            if warn:
                hint += self.tr(" Check the notes of {visits}.").format(visits=", ".join(warn))
        self.ui.hint_label.setText(hint)
        self.save_button.setText(self.tr("&Book 1 visit") if ticked == 1 else self.tr("&Book %n visits", "", ticked))
        self.save_button.setEnabled(ticked > 0 and self.date_problem() is None)

    def date_problem(self) -> str | None:
        """The first row whose date field holds no real date, named by its visit."""
        for row, v in enumerate(self._rows):
            problem = self.date_edit(row).problem()
            if problem:
                return self.tr("{visit}: {problem}").format(visit=v.label, problem=problem)
        return None

    def validate(self) -> str | None:
        problems = []
        bad_times: dict[str, list[str]] = {}  # the message -> the visits it is about: each said once
        for row, v in enumerate(self._rows):
            if not self.is_ticked(row):
                continue
            try:
                parse_time_text(self.time_edit(row).text())
            except ValueError as exc:
                bad_times.setdefault(str(exc), []).append(v.code)
            if self._outside(row) and not self.reason_edit(row).text().strip():
                problems.append(self.tr("{visit}: {date} is outside the window ({window}): give a reason, or choose "
                                        "a date inside it").format(visit=v.label,
                                                                   date=self.chosen_date(row).isoformat(),
                                                                   window=window_text(v)))
        if not any(self.is_ticked(row) for row in range(len(self._rows))):
            problems.append(self.tr("Tick at least one visit to book."))
        problems[:0] = [self.tr("{problem} ({visits})").format(problem=problem, visits=", ".join(codes))
                        for problem, codes in bad_times.items()]
        return "\n".join(problems) or None

    @property
    def packet_after(self) -> bool:
        """Open the worksheet packet of the booked visits once they are booked."""
        return self.ui.packet_after_check.isChecked()

    # --- save -----------------------------------------------------------------------------
    def bookings(self) -> list[Booking]:
        chosen = []
        for row, v in enumerate(self._rows):
            if not self.is_ticked(row):
                continue
            at: time | None = parse_time_text(self.time_edit(row).text())
            chosen.append(Booking(v.code, on=self.chosen_date(row), time=at,
                                  reason=self.reason_edit(row).text().strip() or None, occurrence=v.occurrence,
                                  expected_version=v.version))
        return chosen

    def reload(self) -> None:
        kept = self._entered()
        self.participant = self.services.participant(self.participant.id, today=self._today)
        self._show_participant()
        self._fill(kept)

    def save(self) -> ParticipantRecord:
        return self.services.book_visits(self.participant.id, self.bookings(),
                                         expected_version=self.participant.version)


def _text_item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item
