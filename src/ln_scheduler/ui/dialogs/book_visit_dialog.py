"""Book or move a visit: a date inside the window (any date outside it needs a reason, and is
recorded as a deviation), optionally a time; closed days are pointed out."""

from __future__ import annotations

from datetime import date, time
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ...services.records import ParticipantRecord, VisitRecord
from ..formatting import day_text, parse_time_text, time_text, window_text
from ..forms.ui_book_visit_dialog import Ui_BookVisitDialog
from ..qt_dates import edit_date, setup_date_edit
from .base import NOTE_STYLE
from .visit_dialog_support import VisitServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services


class BookVisitDialog(VisitServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, visit: VisitRecord, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, participant, visit, parent)
        self.ui = Ui_BookVisitDialog()
        self.ui.setupUi(self)
        self._bind_visit(self.ui)
        self._calendar = services.site().calendar()
        self._today = today
        setup_date_edit(self.ui.date_edit, visit.scheduled or visit.target or today, today)
        # a plain field read as typed (parse_time_text), as Book visits' time column: a time spin box
        # typed over after Ctrl+A kept the hour and took the minutes ("10:30" booked 09:30)
        if visit.scheduled_time is not None:
            self.ui.time_check.setChecked(True)
            self.ui.time_edit.setText(visit.scheduled_time.strftime("%H:%M"))
        else:
            self.ui.time_edit.setText("09:00")
        self.ui.time_check.toggled.connect(self._time_ticked)
        self.ui.date_edit.dateChanged.connect(self._update_hint)
        self.ui.date_edit.validityChanged.connect(self._update_hint)  # no hint about a date not typed yet
        self.save_button.setText(self.tr("Book"))
        self._keep_the_layout_still()
        self._update_hint()

    def _keep_the_layout_still(self) -> None:
        """Room for what the date typed may bring: "Reason (required):" is wider than "Reason:" and
        pushed the fields to the right, and a note of three or four lines grew the dialog and every
        label in it, as the coordinator typed (what the mouse was over moved). (While a date is half
        typed the field's own message shows, once: the dialog keeps the height it grew to.)"""
        label = self.ui.reason_label
        label.setMinimumWidth(label.fontMetrics().horizontalAdvance(self.tr("&Reason (required):").replace("&", ""))
                              + 4)
        hint = self.ui.hint_label
        hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        hint.setMinimumHeight(4 * hint.fontMetrics().lineSpacing() + 22)  # + the note's padding and border
        # height the dialog gains (the field's message while a date is half typed) goes below the
        # fields, above the buttons: given to the labels, it pushed every field down
        self.ui.main_layout.insertStretch(self.ui.main_layout.indexOf(self.ui.button_box), 1)

    @property
    def chosen_date(self) -> date:
        return edit_date(self.ui.date_edit)

    def _time_ticked(self, ticked: bool) -> None:
        if ticked:  # typing goes straight into the time, replacing it
            self.ui.time_edit.setFocus()
            self.ui.time_edit.selectAll()

    @property
    def chosen_time(self) -> time | None:
        """The time typed (None: no time, or "At a time" not ticked); ValueError with a message for a
        person when what is typed is not a time of day."""
        if not self.ui.time_check.isChecked():
            return None
        return parse_time_text(self.ui.time_edit.text())

    def outside_window(self) -> bool:
        w = self.visit.window
        return w is not None and self.chosen_date not in w

    def _current_booking(self) -> str:
        """Where the visit stands now: after a conflict this is the other person's booking, which
        the date field (holding what the user typed) no longer shows."""
        v = self.visit
        if v.scheduled is None:
            return self.tr("Not scheduled yet.")
        day = day_text(v.scheduled)
        if v.booked and v.scheduled_time is not None:
            return self.tr("Now booked for {day} at {time}.").format(day=day, time=time_text(v.scheduled_time))
        if v.booked:
            return self.tr("Now booked for {day}.").format(day=day)
        if v.scheduled_time is not None:
            return self.tr("Suggested date {day} at {time}, not booked yet.").format(
                day=day, time=time_text(v.scheduled_time))
        return self.tr("Suggested date {day}, not booked yet.").format(day=day)

    def _update_hint(self) -> None:
        d = self.chosen_date
        notes = [self._current_booking()]
        if self.ui.date_edit.problem() is not None:  # the last date understood is not what the field shows
            notes.append(self.tr("What is typed is not a date yet: the window and the site's closed days are "
                                 "checked once it is."))
            self.ui.hint_label.setText(" ".join(notes))
            self.ui.hint_label.setStyleSheet("")
            return
        if self.visit.window is None:
            notes.append(self.tr("This visit has no window yet."))
        elif self.outside_window():
            notes.append(self.tr("{date} is outside the window ({window}): give a reason; it will be recorded as a "
                                 "protocol deviation.").format(date=d.isoformat(), window=window_text(self.visit)))
        else:
            notes.append(self.tr("{day} is inside the window ({window}).").format(day=day_text(d),
                                                                                 window=window_text(self.visit)))
        closed = self._calendar.closure_reason(d)
        if closed:
            notes.append(self.tr("The site is closed that day ({reason}).").format(reason=closed))
        if d < self._today:
            notes.append(self.tr("This date is in the past."))
        self.ui.hint_label.setText(" ".join(notes))
        warn = self.outside_window() or bool(closed)
        self.ui.hint_label.setStyleSheet(NOTE_STYLE if warn else "")
        self.ui.reason_label.setText(self.tr("&Reason (required):") if self.outside_window() else self.tr("&Reason:"))

    def visit_reloaded(self) -> None:
        self._update_hint()

    def validate(self) -> str | None:
        try:
            at = self.chosen_time
        except ValueError as exc:
            return str(exc)
        if at is None and self.ui.time_check.isChecked():
            return self.tr("Type the appointment time (HH:MM), or untick \u201cAt a time\u201d.")
        if self.outside_window() and not self.ui.reason_edit.text().strip():
            return self.tr("This date is outside the visit window: give a reason, or choose a date inside the window.")
        return None

    def save(self) -> VisitRecord:
        return self.services.book_visit(
            self.participant.id, self.visit.code, self.chosen_date, time=self.chosen_time,
            reason=self.ui.reason_edit.text().strip() or None, occurrence=self.visit.occurrence,
            expected_version=self.visit.version)
