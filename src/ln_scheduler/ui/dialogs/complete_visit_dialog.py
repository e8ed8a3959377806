"""Visit done: the date it was done and the procedure checklist, where each procedure is
explicitly recorded as done, or not done with a reason (nothing is pre-ticked: a record saved by
one Enter would claim procedures nobody checked); a date outside the window needs a reason too
(a protocol deviation).

On a dose day whose dose is not recorded yet (D1; D8 and D15 of SSC-1B) the save records the dose
too, and the calendar is re-planned from it: the hint says so, as the Record dose dialog does (the
visits it moves, the booked ones to rebook, a late dose), and no out-of-window reason is asked, the
dose day moving with the dose."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ...domain.errors import DomainError
from ...services.records import ParticipantRecord, VisitRecord
from ..errors import describe
from ..formatting import day_text, window_text
from ..forms.ui_complete_visit_dialog import Ui_CompleteVisitDialog
from ..models import procedure_checklist_model as checklist
from ..qt_dates import edit_date, setup_date_edit
from .base import ERROR_STYLE, NOTE_STYLE
from .visit_dialog_support import VisitServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services


class ClearCheckBoxes(QStyledItemDelegate):
    """Check boxes drawn with a dark frame: the style's pale grey frame on a white row made the
    Done / Not done boxes look disabled. (Fusion draws the frame from the palette's window colour.)"""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        if index.column() in checklist.CHECK_COLUMNS:
            option.palette.setColor(QPalette.ColorRole.Window, option.palette.color(QPalette.ColorRole.WindowText))


class CompleteVisitDialog(VisitServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, visit: VisitRecord, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, participant, visit, parent)
        self.ui = Ui_CompleteVisitDialog()
        self.ui.setupUi(self)
        self._bind_visit(self.ui)
        self._today = today
        self._dose = participant.dose_recorded_by(visit)  # the dose this save records, if any
        protocol = services.protocol(participant.protocol_id, participant.protocol_version, participant.cohort)
        self.model = checklist.ProcedureChecklistModel(self)
        self.model.set_rows(checklist.rows_for(visit.procedures, protocol.procedures, visit.procedure_records))
        table = self.ui.checklist_table
        table.setModel(self.model)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(checklist.PROCEDURE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(checklist.REASON, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(checklist.REASON, 200)
        # the time and the tube id have their room from the start: grown to a typed "09:05", the
        # Time column took it from the procedures and the Done / Not done boxes moved under the mouse
        metrics, titles = table.fontMetrics(), header.fontMetrics()
        for column, sample in ((checklist.TIME, "23:59"), (checklist.SAMPLE, "T-0000-0000")):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            table.setColumnWidth(column, max(metrics.horizontalAdvance(sample), titles.horizontalAdvance(title)) + 24)
        self.ui.all_done_button.clicked.connect(self.model.mark_remaining_done)
        default = visit.actual or (min(today, visit.scheduled) if visit.scheduled else today)
        setup_date_edit(self.ui.date_edit, default, today)
        self.ui.date_edit.dateChanged.connect(self._update_hint)
        self.ui.date_edit.dateChanged.connect(self.input_changed)
        self.model.dataChanged.connect(self.input_changed)
        table.setItemDelegate(ClearCheckBoxes(table))
        # The out-of-window banner has its room from the start (two lines): appearing, it pushed
        # the checklist down under the mouse, and a click meant for one procedure ticked the next.
        lines = self.ui.hint_label.fontMetrics().lineSpacing()
        self._hint_floor = 2 * lines + 14
        self.ui.hint_label.setMinimumHeight(self._hint_floor)
        self.ui.hint_label.setVisible(True)
        self.save_button.setText(self.tr("Record as done"))
        self._update_hint()

    @property
    def actual(self) -> date:
        return edit_date(self.ui.date_edit)

    def outside_window(self) -> bool:
        w = self.visit.window
        return self._dose is None and w is not None and self.actual not in w

    def _dose_hint(self, number: int) -> tuple[str, str, bool]:
        """What recording the dose on the date typed does, its style, and whether it may be saved
        (the dose rules refuse the date: too soon, before the previous dose...). Nothing is written."""
        try:
            preview = self.services.preview_dose(self.participant.id, number, self.actual)
        except DomainError as exc:
            return describe(exc).message, ERROR_STYLE, False
        moved = sum(1 for c in preview.changes if c.moves and c.code != self.visit.code)
        dose = self.tr("the infusion (dose 1)") if number == 1 else self.tr("dose {number}").format(number=number)
        if moved == 0:
            text = self.tr("Recording {code} done records {dose} on {date}; it moves no later visit.")
        elif moved == 1:
            text = self.tr("Recording {code} done records {dose} on {date} and moves 1 later visit.")
        else:
            text = self.tr("Recording {code} done records {dose} on {date} and moves %n later visits.", "", moved)
        text = text.format(code=self.visit.code, dose=dose, date=self.actual.isoformat())
        return "\n".join((text, *preview.warnings)), NOTE_STYLE if preview.warnings else "", True

    def _fit_hint(self) -> None:
        """The hint as tall as its text needs (never less than the two lines kept from the start): a
        dose recorded late with four booked visits to rebook needs eight; the checklist below scrolls."""
        label = self.ui.hint_label
        width = label.width() if label.isVisible() else self.width() - 24
        label.setMinimumHeight(0)  # measured free of the last fit (a fixed height is what it answers)
        label.setMaximumHeight(16777215)  # QWIDGETSIZE_MAX
        label.setFixedHeight(max(self._hint_floor, label.heightForWidth(max(width, 100))))  # the rest: the list

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if getattr(self, "_dose", None) is not None and hasattr(self, "_hint_floor"):  # (resized while set up)
            self._fit_hint()  # narrower, the same text needs more lines

    def _update_hint(self) -> None:
        if self._dose is not None:
            text, style, allowed = self._dose_hint(self._dose)
            self.ui.hint_label.setText(text)
            self.ui.hint_label.setStyleSheet(style)
            self._fit_hint()
            self.save_button.setEnabled(allowed and self.date_problem() is None)
            return
        future = self.actual > self._today
        self.save_button.setEnabled(not future and self.date_problem() is None)
        if future:  # said first, and alone: no reason makes it recordable
            self.ui.hint_label.setText(self.tr("{day} is after today ({today}): a visit is recorded done once it "
                                               "has happened.").format(day=day_text(self.actual),
                                                                       today=day_text(self._today)))
            self.ui.hint_label.setStyleSheet(ERROR_STYLE)
        elif self.outside_window():
            self.ui.hint_label.setText(self.tr("{date} is outside the window ({window}): it will be recorded as done "
                                               "out of window; give a reason.").format(
                date=self.actual.isoformat(), window=window_text(self.visit)))
            self.ui.hint_label.setStyleSheet(NOTE_STYLE)
        else:
            self.ui.hint_label.setText("")
            self.ui.hint_label.setStyleSheet("")

    def visit_reloaded(self) -> None:
        self._update_hint()

    def validate(self) -> str | None:
        if self.actual > self._today:
            return self.tr("A visit cannot be recorded as done on a date after today.")
        if self.outside_window() and not self.ui.reason_edit.text().strip():
            return self.tr("The date is outside the visit window: give a reason.")
        unrecorded = self.model.unrecorded()
        if unrecorded:
            n = len(unrecorded)
            if n == 1:
                text = self.tr("1 procedure not recorded yet ({procedures}): tick Done, or Not done with the reason, "
                               "for each (\"Mark remaining done\" if they were all done).")
            else:
                text = self.tr("%n procedures not recorded yet ({procedures}): tick Done, or Not done with the "
                               "reason, for each (\"Mark remaining done\" if they were all done).", "", n)
            return text.format(procedures=", ".join(unrecorded))
        missing = self.model.missing_reasons()
        if missing:
            return self.tr("Give a reason for each procedure not done: {procedures}.").format(
                procedures=", ".join(missing))
        return None

    def save(self) -> VisitRecord:
        return self.services.complete_visit(
            self.participant.id, self.visit.code, self.actual, self.model.outcomes(),
            occurrence=self.visit.occurrence, reason=self.ui.reason_edit.text().strip() or None,
            expected_version=self.visit.version)
