"""Add an unscheduled visit (flare, infection, CRS or AE follow-up) with its reason and the
procedures done."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHeaderView, QWidget

from ...services.records import ParticipantRecord, VisitRecord
from ..formatting import participant_caption
from ..forms.ui_unscheduled_visit_dialog import Ui_UnscheduledVisitDialog
from ..models.procedure_pick_model import PROCEDURE, ProcedurePickModel
from ..qt_dates import edit_date, setup_date_edit
from .base import ServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services

UNSCHEDULED = "UNS"


class UnscheduledVisitDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ui = Ui_UnscheduledVisitDialog()
        self.ui.setupUi(self)
        self._bind(self.ui)
        self.participant = participant
        protocol = services.protocol(participant.protocol_id, participant.protocol_version, participant.cohort)
        definition = protocol.visit(UNSCHEDULED)
        self.ui.participant_label.setText(participant_caption(participant))
        setup_date_edit(self.ui.date_edit, today, today)
        self.ui.reason_combo.addItems(list(definition.reasons))
        self.ui.reason_combo.setCurrentIndex(-1)
        self.ui.reason_combo.setEditText("")
        reason_edit = self.ui.reason_combo.lineEdit()
        assert reason_edit is not None  # the form makes the combo editable: it has its line edit
        reason_edit.setPlaceholderText(self.tr("choose or type the reason"))
        self.model = ProcedurePickModel(protocol.procedures, definition.procedures, self)
        table = self.ui.procedures_table
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(PROCEDURE, QHeaderView.ResizeMode.Stretch)
        self.save_button.setText(self.tr("Add visit"))

    @property
    def reason(self) -> str:
        return self.ui.reason_combo.currentText().strip()

    def validate(self) -> str | None:
        if not self.reason:
            return self.tr("Give the reason for the unscheduled visit.")
        if not self.model.chosen():
            return self.tr("Tick at least one procedure.")
        return None

    def reload(self) -> None:
        self.participant = self.services.participant(self.participant.id)

    def save(self) -> VisitRecord:
        return self.services.add_unscheduled_visit(self.participant.id, edit_date(self.ui.date_edit), self.reason,
                                                   self.model.chosen())
