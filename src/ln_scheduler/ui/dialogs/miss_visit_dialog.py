"""Mark a visit missed, with the reason (it stays on the calendar as a deviation)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ...services.records import ParticipantRecord, VisitRecord
from ..forms.ui_miss_visit_dialog import Ui_MissVisitDialog
from ..translate_noop import QT_TRANSLATE_NOOP
from .visit_dialog_support import VisitServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services

#: Offered in the interface language; the reason saved is the English one when one of these is
#: chosen unchanged (texts stored in the database are never translated: the audit trail reads the same
#: at every workstation).
COMMON_REASONS = (
    QT_TRANSLATE_NOOP("MissVisitDialog", "Participant did not attend"),
    QT_TRANSLATE_NOOP("MissVisitDialog", "Participant unwell, could not travel"),
    QT_TRANSLATE_NOOP("MissVisitDialog", "Participant declined this visit"),
    QT_TRANSLATE_NOOP("MissVisitDialog", "Site could not see the participant in the window"),
)


class MissVisitDialog(VisitServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, visit: VisitRecord,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, participant, visit, parent)
        self.ui = Ui_MissVisitDialog()
        self.ui.setupUi(self)
        self._bind_visit(self.ui)
        self.ui.reason_combo.addItems([self.tr(reason) for reason in COMMON_REASONS])
        self.ui.reason_combo.setCurrentIndex(-1)
        self.ui.reason_combo.setEditText("")
        reason_edit = self.ui.reason_combo.lineEdit()
        assert reason_edit is not None  # the form makes the combo editable: it has its line edit
        reason_edit.setPlaceholderText(self.tr("choose or type the reason"))
        self.save_button.setText(self.tr("Mark missed"))

    @property
    def reason(self) -> str:
        """What is typed, or the English text of a common reason shown translated."""
        typed = self.ui.reason_combo.currentText().strip()
        return next((reason for reason in COMMON_REASONS if self.tr(reason) == typed), typed)

    def validate(self) -> str | None:
        return None if self.reason else self.tr("Give the reason the visit was missed.")

    def save(self) -> VisitRecord:
        return self.services.miss_visit(self.participant.id, self.visit.code, self.reason,
                                        occurrence=self.visit.occurrence, expected_version=self.visit.version)
