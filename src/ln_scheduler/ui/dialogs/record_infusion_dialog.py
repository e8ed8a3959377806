"""Record the infusion: before anything is saved, the dialog shows every visit that moves with the
new Day 1, and which booked appointments fall outside their new window."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ...domain.errors import DomainError
from ...services.records import ParticipantRecord, SchedulePreview
from ..errors import describe
from ..formatting import participant_caption, sentences
from ..forms.ui_record_infusion_dialog import Ui_RecordInfusionDialog
from ..models.schedule_preview_model import SchedulePreviewModel
from ..qt_dates import edit_date, setup_date_edit
from ..views.table_setup import setup_table
from .base import NOTE_STYLE, ServiceDialog, moved_apart_text, rebook_text

if TYPE_CHECKING:
    from ...services.app import Services


class RecordInfusionDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_RecordInfusionDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self._today = today
        self.preview: SchedulePreview | None = None
        self.model = SchedulePreviewModel(self)
        table = self.ui.preview_table
        table.setModel(self.model)
        setup_table(table)  # every column fitted to its content, the visit name squeezed first
        self.ui.warnings_label.setStyleSheet(NOTE_STYLE)
        self.ui.participant_label.setText(participant_caption(participant))
        setup_date_edit(self.ui.date_edit, participant.infusion_planned or today, today)
        self.ui.date_edit.dateChanged.connect(self.refresh_preview)
        self.save_button.setText(self.tr("Record infusion"))
        self.refresh_preview()

    @property
    def infusion_date(self) -> date:
        return edit_date(self.ui.date_edit)

    def refresh_preview(self) -> None:
        """Ask the services what this date would move (nothing is written)."""
        self.clear_error()
        when = self.infusion_date
        try:
            self.preview = self.services.preview_infusion(self.participant.id, when)
        except DomainError as exc:
            self.preview = None
            self.model.set_rows([])
            self.ui.summary_label.setText("")
            self.ui.warnings_label.setVisible(False)
            self.show_error(describe(exc))
            self.save_button.setEnabled(False)
            return
        changes = [c for c in self.preview.changes if c.moves]
        self.model.set_rows(changes)
        rebooks = len(self.preview.rebooks)
        apart = moved_apart_text(changes)
        if len(changes) == 1:
            summary = (self.tr("Recording the infusion on {date} changes the window of 1 visit; its date stays.")
                       if apart else self.tr("Recording the infusion on {date} moves 1 visit."))
        elif changes:
            summary = (self.tr("Recording the infusion on {date} changes %n visits.", "", len(changes)) + apart
                       if apart else self.tr("Recording the infusion on {date} moves %n visits.", "", len(changes)))
        else:
            summary = self.tr("Recording the infusion on {date} moves no visit (it is the planned date).")
        summary = summary.format(date=when.isoformat())
        if rebooks:
            summary += " " + rebook_text(rebooks)
        self.ui.summary_label.setText(summary)
        warnings = list(self.preview.warnings)
        if when > self._today:
            warnings.append(self.tr("This date is in the future: record the infusion once it has been given."))
        self.ui.warnings_label.setText(sentences(warnings))
        self.ui.warnings_label.setVisible(bool(warnings))
        self.save_button.setEnabled(True)

    def validate(self) -> str | None:
        if self.infusion_date > self._today:
            return self.tr("The infusion date is after today: record it once it has been given.")
        if self.preview is None:
            return self.tr("The preview could not be computed for this date; choose another date.")
        return None

    def confirmations(self) -> list[str]:
        """Recording this before screening is recorded is allowed (the screening visit may be
        entered afterwards) but usually a slip: ask."""
        return [] if self.participant.screening_date else [self.screening_question()]

    def reload(self) -> None:
        self.participant = self.services.participant(self.participant.id)
        self.ui.participant_label.setText(participant_caption(self.participant))
        self.refresh_preview()

    def save(self) -> ParticipantRecord:
        return self.services.record_infusion(self.participant.id, self.infusion_date,
                                             expected_version=self.participant.version)
