"""Record a later dose (dose 2, 3 ... of a multi-dose cohort): given on a date, or not given with a
reason. Like the infusion, nothing is saved before the dialog has shown every visit the choice moves
(a late dose moves the visits anchored on it and on the doses after it) or cancels (a dose not
given cancels its visits and every later dose's), and which booked appointments must be re-booked.
The preview shown is handed to the save: if the participant changed in between, the save is a
conflict (reloaded, explained) rather than writing something nobody saw."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from ...domain.errors import DomainError
from ...services.records import DoseRecord, ParticipantRecord, SchedulePreview, VisitChange
from ..errors import ErrorText, describe
from ..formatting import participant_caption, sentences
from ..forms.ui_record_dose_dialog import Ui_RecordDoseDialog
from ..qt_dates import edit_date, setup_date_edit
from ..views.table_setup import setup_table
from .base import NOTE_STYLE, ServiceDialog, moved_apart_text, rebook_text
from .change_protocol_dialog import ProtocolChangePreviewModel

if TYPE_CHECKING:
    from ...services.app import Services


def doses_to_record(participant: ParticipantRecord) -> list[DoseRecord]:
    """The later doses still open: not recorded given or not given (a dose after one not given is
    not given either, so it is not offered)."""
    return [d for d in participant.doses if d.number > 1 and d.given is None]


class RecordDoseDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, today: date,
                 parent: QWidget | None = None, *, number: int | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_RecordDoseDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self._today = today
        self.preview: SchedulePreview | None = None
        self.model = ProtocolChangePreviewModel(self)  # windows old → new; cancelled visits keep their day
        table = self.ui.preview_table
        table.setModel(self.model)
        setup_table(table)
        self.ui.warnings_label.setStyleSheet(NOTE_STYLE)
        setup_date_edit(self.ui.date_edit, today, today)
        self._show_participant()
        if number is not None:
            self.ui.dose_combo.setCurrentIndex(max(0, self.ui.dose_combo.findData(number)))
        self._dose_chosen()
        self.ui.dose_combo.currentIndexChanged.connect(lambda _i: self._dose_chosen())
        self.ui.date_edit.dateChanged.connect(self.refresh_preview)
        self.ui.given_radio.toggled.connect(self._mode_changed)
        self.ui.reason_edit.textEdited.connect(lambda _t: self.input_changed())

    # --- input ----------------------------------------------------------------------------
    def _show_participant(self) -> None:
        p = self.participant
        self.ui.participant_label.setText(participant_caption(p))
        self.ui.doses_label.setText(self._rules_text())
        combo = self.ui.dose_combo
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for d in doses_to_record(p):
            if d.planned:
                text = self.tr("Dose {number} of {count} ({anchor}, planned {date})").format(
                    number=d.number, count=len(p.doses), anchor=d.anchor_label, date=d.planned.isoformat())
            else:
                text = self.tr("Dose {number} of {count} ({anchor})").format(number=d.number, count=len(p.doses),
                                                                             anchor=d.anchor_label)
            combo.addItem(text, d.number)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    def _rules_text(self) -> str:
        """The cohort's dose rules, said before the date is chosen (the header lists the doses)."""
        try:
            protocol = self.services.protocol(self.participant.protocol_id, self.participant.protocol_version,
                                              self.participant.cohort)
        except DomainError:
            return ""
        rules = [self.tr("dose {number} is planned {planned} days after dose {previous}, at least {minimum} days "
                         "after it, and warned when more than {late} days late").format(
                     number=r.number, planned=r.planned_days_after_previous, previous=r.number - 1,
                     minimum=r.min_days_after_previous, late=r.delay_warning_days) for r in protocol.doses]
        return self.tr("Cohort {cohort}: {rules}. A dose not given makes every later dose not given too: their "
                       "visits are cancelled.").format(cohort=protocol.cohort_code,
                                                       rules="; ".join(rules)) if rules else ""

    @property
    def number(self) -> int | None:
        return self.ui.dose_combo.currentData()

    @property
    def given(self) -> bool:
        return self.ui.given_radio.isChecked()

    @property
    def dose_date(self) -> date:
        return edit_date(self.ui.date_edit)

    @property
    def reason(self) -> str:
        return self.ui.reason_edit.text().strip()

    def _dose_chosen(self) -> None:
        """A dose chosen: its planned date is the starting point (or today, if that is earlier:
        a dose is recorded once given)."""
        number = self.number
        if number is not None:
            planned = self.participant.dose(number).planned
            self.ui.date_edit.blockSignals(True)
            self.ui.date_edit.setDate(min(planned, self._today) if planned else self._today)
            self.ui.date_edit.blockSignals(False)
        self._mode_changed()

    def _mode_changed(self) -> None:
        self.save_button.setText(self.tr("Record dose") if self.given else self.tr("Record not given"))
        # what is typed next goes where the choice needs it: after Alt+N the reason typed went to the
        # radio button and was lost (the date field likewise after Alt+G); once the buttons' own
        # toggles have enabled the field
        QTimer.singleShot(0, (self.ui.date_edit if self.given else self.ui.reason_edit).setFocus)
        self.refresh_preview()

    # --- preview --------------------------------------------------------------------------
    def refresh_preview(self) -> None:
        """Ask the services what this choice would move or cancel (nothing is written)."""
        self.clear_error()
        number = self.number
        if number is None:
            self._no_preview(self.tr("Every later dose of this participant is recorded already."))
            return
        try:
            if self.given:
                self.preview = self.services.preview_dose(self.participant.id, number, self.dose_date)
            else:
                self.preview = self.services.preview_dose_not_given(self.participant.id, number)
        except DomainError as exc:
            self._no_preview(describe(exc))
            return
        changes = [c for c in self.preview.changes if c.moves]
        self.model.set_rows(changes)
        self.ui.summary_label.setText(self._summary(number, changes))
        warnings = list(self.preview.warnings)
        if self.given and self.dose_date > self._today:
            warnings.append(self.tr("This date is in the future: record the dose once it has been given."))
        self.ui.warnings_label.setText(sentences(warnings))
        self.ui.warnings_label.setVisible(bool(warnings))
        self.save_button.setEnabled(True)

    def _summary(self, number: int, changes: list[VisitChange]) -> str:
        assert self.preview is not None
        cancelled = sum(1 for c in changes if c.removed)
        moved = len(changes) - cancelled
        if self.given:
            apart = moved_apart_text(changes)
            if moved == 1:
                text = (self.tr("Recording dose {number} on {date} changes the window of 1 visit; its date stays.")
                        if apart else self.tr("Recording dose {number} on {date} moves 1 visit."))
            elif moved:
                text = (self.tr("Recording dose {number} on {date} changes %n visits.", "", moved) + apart
                        if apart else self.tr("Recording dose {number} on {date} moves %n visits.", "", moved))
            else:
                text = self.tr("Recording dose {number} on {date} moves no visit (it is the planned date).")
            text = text.format(number=number, date=self.dose_date.isoformat())
        else:
            later = len(self.participant.doses) - number
            if later == 1:
                also = self.tr(" and the 1 dose after it")
            else:
                also = self.tr(" and the %n doses after it", "", later) if later else ""
            if cancelled == 1:
                text = self.tr("Recording dose {number}{also} as not given cancels 1 visit")
            else:
                text = self.tr("Recording dose {number}{also} as not given cancels %n visits", "", cancelled)
            text = text.format(number=number, also=also)
            text += (self.tr(" and moves %n", "", moved) if moved else "") + "."
        rebooks = len(self.preview.rebooks)
        if rebooks:
            text += " " + rebook_text(rebooks)
        return text

    def _no_preview(self, message: ErrorText | str) -> None:
        self.preview = None
        self.model.set_rows([])
        self.ui.summary_label.setText("")
        self.ui.warnings_label.setVisible(False)
        self.show_error(message)
        self.save_button.setEnabled(False)

    # --- save -----------------------------------------------------------------------------
    def validate(self) -> str | None:
        if self.number is None:
            return self.tr("There is no later dose left to record for this participant.")
        if self.given and self.dose_date > self._today:
            return self.tr("The dose date is after today: record it once it has been given.")
        if not self.given and not self.reason:
            return self.tr("Give the reason the dose was not given (it goes in the audit trail).")
        if self.preview is None:
            return self.tr("The preview could not be computed for this choice; change it.")
        return None

    def reload(self) -> None:
        self.participant = self.services.participant(self.participant.id)
        self._show_participant()
        self.refresh_preview()

    def save(self) -> ParticipantRecord:
        number = self.number
        assert number is not None
        if self.given:
            return self.services.record_dose(self.participant.id, number, self.dose_date,
                                             expected_version=self.participant.version, preview=self.preview)
        return self.services.record_dose_not_given(self.participant.id, number, self.reason,
                                                   expected_version=self.participant.version, preview=self.preview)
