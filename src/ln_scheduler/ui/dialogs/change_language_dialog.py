"""Change the language of what a participant takes home (the take-home schedule, the personal
calendar): the current one shown, the new one chosen, a reason required (audited). No preview:
no visit moves. Allowed for a withdrawn participant too (letters still go out in their language)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ...i18n import available_languages, language
from ...services.records import ParticipantRecord
from ..formatting import participant_caption
from ..forms.ui_change_language_dialog import Ui_ChangeLanguageDialog
from .base import ServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services


class ChangeLanguageDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_ChangeLanguageDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self.ui.participant_label.setText(participant_caption(participant))
        self.ui.current_value_label.setText(language(participant.language).label)
        for lang in available_languages():  # every language but the current one
            if lang.code != participant.language:
                self.ui.language_combo.addItem(lang.label, lang.code)
        self.save_button.setText(self.tr("Change language"))
        self.save_button.setEnabled(self.ui.language_combo.count() > 0)

    @property
    def language(self) -> str | None:
        return self.ui.language_combo.currentData()

    def validate(self) -> str | None:
        if self.language is None:
            return self.tr("There is no other language to choose.")
        if not self.ui.reason_edit.text().strip():
            return self.tr("Give the reason for the change (it goes in the audit trail).")
        return None

    def reload(self) -> None:
        self.participant = self.services.participant(self.participant.id)
        self.ui.current_value_label.setText(language(self.participant.language).label)

    def save(self) -> ParticipantRecord:
        assert self.language is not None  # validate() said so
        return self.services.change_language(self.participant.id, self.language, self.ui.reason_edit.text().strip(),
                                             expected_version=self.participant.version)
