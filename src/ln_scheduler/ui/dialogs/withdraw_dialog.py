"""Withdraw a participant: the date and reason; the dialog says what follows (an early
termination visit is added and the later visits not done are cancelled) before anything is saved."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ...services.records import ParticipantRecord
from ..formatting import participant_caption
from ..forms.ui_withdraw_dialog import Ui_WithdrawDialog
from ..qt_dates import edit_date, setup_date_edit
from .base import NOTE_STYLE, ServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services


class WithdrawDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_WithdrawDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self._today = today
        self.ui.participant_label.setText(participant_caption(participant))
        self.ui.consequences_label.setStyleSheet(NOTE_STYLE)
        setup_date_edit(self.ui.date_edit, today, today)
        self.ui.date_edit.dateChanged.connect(self._update_consequences)
        self.save_button.setText("Withdraw")
        self._update_consequences()

    def cancelled_visits(self) -> list[str]:
        """Visits still to do after the withdrawal date: the service cancels these."""
        when = edit_date(self.ui.date_edit)
        return [v.label for v in self.participant.visits
                if v.status.is_open and (v.scheduled or v.target or date.max) > when]

    def _update_consequences(self) -> None:
        later = self.cancelled_visits()
        text = "An Early termination visit will be added (window: the withdrawal date to 30 days after)."
        if later:
            text += f" {len(later)} later visit{'s' if len(later) != 1 else ''} not done will be cancelled: " \
                    + ", ".join(later) + "."
        self.ui.consequences_label.setText(text)

    def validate(self) -> str | None:
        if edit_date(self.ui.date_edit) > self._today:
            return "The withdrawal date cannot be after today."
        if not self.ui.reason_edit.toPlainText().strip():
            return "Give the reason for the withdrawal."
        return None

    def reload(self) -> None:
        self.participant = self.services.participant(self.participant.id)
        self._update_consequences()

    def save(self) -> ParticipantRecord:
        return self.services.withdraw(self.participant.id, edit_date(self.ui.date_edit),
                                      self.ui.reason_edit.toPlainText().strip(),
                                      expected_version=self.participant.version)
