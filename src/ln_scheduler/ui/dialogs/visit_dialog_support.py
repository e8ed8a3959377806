"""What the visit dialogs (book, done, missed, correct) share: the participant and visit they
act on, re-read after a conflict so the version sent back is the current one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QWidget

from ...services.records import ParticipantRecord, VisitRecord
from ..formatting import visit_caption
from .base import AuditScope, ServiceDialog

if TYPE_CHECKING:
    from ...services.app import Services


class VisitServiceDialog(ServiceDialog):
    def __init__(self, services: Services, participant: ParticipantRecord, visit: VisitRecord,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.participant = participant
        self.visit = visit
        self._caption: QLabel | None = None

    def _bind_visit(self, ui: Any) -> None:
        self._bind(ui)
        self._caption = ui.visit_label
        self._show_caption()

    def _show_caption(self) -> None:
        if self._caption is not None:
            self._caption.setText(visit_caption(self.participant.id, self.participant.initials, self.visit))

    def reload(self) -> None:
        self.participant = self.services.participant(self.participant.id)
        self.visit = self.participant.visit(self.visit.code, self.visit.occurrence)
        self._show_caption()
        self.visit_reloaded()

    def audit_scope(self) -> AuditScope:
        """The visit's own audit key (``104-001/D14#1``): the services check the visit's version,
        so a conflict here is a change to this visit (or its procedures)."""
        pid, v = self.participant.id, self.visit
        return AuditScope(pid, f"{pid}/{v.code}#{v.occurrence}", self.tr("this visit"))

    def visit_reloaded(self) -> None:
        """Update hints that depend on the visit's dates (subclasses)."""
