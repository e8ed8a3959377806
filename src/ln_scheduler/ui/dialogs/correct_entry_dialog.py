"""Correct an entry made in error (a visit marked done or missed by mistake, a wrong screening,
conditioning, infusion or withdrawal date). The reason is required; nothing is deleted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ...domain.protocol import VisitKind
from ...domain.visit_status import VisitStatus
from ...services.records import ParticipantRecord, VisitRecord
from ..formatting import participant_caption, short_day_text
from ..forms.ui_correct_entry_dialog import Ui_CorrectEntryDialog
from .base import ServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services


@dataclass(frozen=True)
class Correction:
    """One entry that can be corrected, as the service names it."""

    field: str
    code: str | None
    occurrence: int
    text: str


def corrections_for(participant: ParticipantRecord, visit: VisitRecord | None) -> list[Correction]:
    """What can be undone for this participant (and the selected visit), most specific first."""
    found: list[Correction] = []
    if visit is not None:
        if visit.actual is not None:
            found.append(Correction("actual", visit.code, visit.occurrence,
                                    f"{visit.label} was not done on {short_day_text(visit.actual)}: reopen it"))
        if visit.status is VisitStatus.MISSED:
            found.append(Correction("missed", visit.code, visit.occurrence, f"{visit.label} was not missed: reopen it"))
        if visit.kind in (VisitKind.UNSCHEDULED, VisitKind.TERMINATION) and visit.status is not VisitStatus.CANCELLED:
            found.append(Correction("visit", visit.code, visit.occurrence,
                                    f"The whole {visit.label} was entered in error: cancel it"))
    p = participant
    if p.withdrawal_date is not None:
        found.append(Correction("withdrawal", None, 1,
                                f"The withdrawal on {short_day_text(p.withdrawal_date)} was wrong: undo it"))
    if p.infusion_actual is not None:
        found.append(Correction("infusion", None, 1,
                                f"The infusion date {short_day_text(p.infusion_actual)} was wrong: back to planned"))
    if p.conditioning_start_actual is not None:
        found.append(Correction("conditioning", None, 1, f"The conditioning start "
                                f"{short_day_text(p.conditioning_start_actual)} was wrong: back to planned"))
    if p.screening_date is not None:
        found.append(Correction("screening", None, 1,
                                f"The screening date {short_day_text(p.screening_date)} was wrong: reopen screening"))
    return found


class CorrectEntryDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, visit: VisitRecord | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_CorrectEntryDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        self.visit = visit
        self._fill()
        self.save_button.setText("Correct")

    def _fill(self) -> None:
        self.ui.target_label.setText(participant_caption(self.participant))
        self.choices = corrections_for(self.participant, self.visit)
        current = self.ui.field_combo.currentText()
        self.ui.field_combo.clear()
        for c in self.choices:
            self.ui.field_combo.addItem(c.text)
        if current:
            self.ui.field_combo.setCurrentText(current)
        if not self.choices:
            self.show_error("Nothing recorded for this participant can be corrected here.")
        self.save_button.setEnabled(bool(self.choices))

    @property
    def chosen(self) -> Correction | None:
        i = self.ui.field_combo.currentIndex()
        return self.choices[i] if 0 <= i < len(self.choices) else None

    def validate(self) -> str | None:
        if self.chosen is None:
            return "Choose the entry to correct."
        if not self.ui.reason_edit.text().strip():
            return "Give the reason for the correction (it goes in the audit trail)."
        return None

    def reload(self) -> None:
        self.participant = self.services.participant(self.participant.id)
        if self.visit is not None:
            self.visit = self.participant.visit(self.visit.code, self.visit.occurrence)
        self._fill()

    def save(self) -> ParticipantRecord:
        c = self.chosen
        assert c is not None
        version = self.participant.version
        if c.code is not None:
            version = self.participant.visit(c.code, c.occurrence).version
        return self.services.correct_entry(self.participant.id, c.code, c.occurrence, c.field,
                                           self.ui.reason_edit.text().strip(), expected_version=version)
