"""One visit: its dates, status and recorded procedures, with every action on it (book, done,
missed, correct) and its worksheet (preview, print, PDF). The main window carries out the actions
and calls ``show_record`` again afterwards, so this dialog is always current."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHeaderView, QWidget

from ...services.records import ParticipantRecord, ProcedureRecord, VisitRecord
from ..formatting import (
    booking_text,
    booking_word,
    day_text,
    study_day_text,
    time_text,
    visit_caption,
    visit_flags_text,
    window_text,
)
from ..forms.ui_visit_dialog import Ui_VisitDialog
from ..models.recorded_procedures_model import PROCEDURE, RecordedProceduresModel
from .base import grow_with_messages
from .correct_entry_dialog import corrections_for

ACTIONS = ("book", "done", "missed", "correct", "preview", "print", "pdf")


class VisitDialog(QDialog):
    action_requested = Signal(str)  # one of ACTIONS

    def __init__(self, participant: ParticipantRecord, visit: VisitRecord, today: date,
                 parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self._read_only = read_only  # a read-only database: the visit is shown, never changed from here
        self.ui = Ui_VisitDialog()
        self.ui.setupUi(self)
        self.ui.error_label.setVisible(False)
        grow_with_messages(self)
        self.ui.button_box.rejected.connect(self.reject)
        self.model = RecordedProceduresModel(self)
        self.ui.procedures_table.setModel(self.model)
        self.ui.procedures_table.verticalHeader().hide()
        header = self.ui.procedures_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PROCEDURE, QHeaderView.ResizeMode.Stretch)
        for name in ACTIONS:
            button = getattr(self.ui, f"{name}_button")
            button.clicked.connect(lambda _=False, n=name: self.action_requested.emit(n))
        self._today = today
        self.show_record(participant, visit)

    def show_record(self, participant: ParticipantRecord, visit: VisitRecord) -> None:
        self.participant, self.visit = participant, visit
        v = visit
        self.setWindowTitle(f"{participant.id} — {v.label}")
        self.ui.visit_label.setText(visit_caption(participant.id, participant.initials, v))
        self.ui.status_value.setText(v.status.label)
        self.ui.study_day_value.setText(study_day_text(v.study_day))
        self.ui.target_value.setText(day_text(v.target))
        self.ui.window_value.setText(window_text(v))
        if booking_word(v):
            scheduled = booking_text(v)
        elif v.scheduled_time:
            scheduled = self.tr("{day} at {time}").format(day=day_text(v.scheduled), time=time_text(v.scheduled_time))
        else:
            scheduled = day_text(v.scheduled)
        if v.proposed:
            scheduled += self.tr(" (not booked yet)")
        self.ui.scheduled_value.setText(scheduled)
        self.ui.actual_value.setText(day_text(v.actual) if v.actual else "—")
        self.ui.notes_value.setText(visit_flags_text(v) or "—")
        records = v.procedure_records or tuple(ProcedureRecord(c, c) for c in v.procedures)
        self.model.set_rows(list(records))
        is_open = v.status.is_open and not self._read_only
        self.ui.book_button.setEnabled(is_open)
        self.ui.done_button.setEnabled(is_open)
        self.ui.missed_button.setEnabled(is_open)
        self.ui.correct_button.setEnabled(not self._read_only and bool(corrections_for(participant, v)))
