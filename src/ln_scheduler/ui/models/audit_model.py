"""A participant's audit trail: who changed what, when, from what to what, and why."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ...services.records import AuditEntry
from .record_table_model import RecordTableModel
from .roles import Role

WHEN, USER, WORKSTATION, WHAT, FIELD, OLD, NEW, REASON = range(8)

_ACTION_TEXT = {"insert": "Created", "update": "Changed", "correct": "Corrected (entered in error)"}


class AuditModel(RecordTableModel[AuditEntry]):
    HEADERS = ("When", "User", "Workstation", "Record", "Field", "Old value", "New value", "Reason")
    SAMPLES = ("2027-01-26 10:30:00", "coordinator", "WORKSTATION-01", "Changed: visit 104-001/D14#1",
               "scheduled", "2027-01-26", "2027-01-26", "")
    TOOLTIPS = (
        "Local time of the change (stored in UTC)",
        "Operating-system account or database role that made the change",
        "Computer the change was made from",
        "Which record changed",
        "Which field changed",
        "Value before the change",
        "Value after the change",
        "Reason given for the change",
    )

    def row_key(self, record: AuditEntry) -> int:
        return record.seq

    def cell(self, e: AuditEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(e, column)
        if role == Role.SORT:
            return e.seq if column == WHEN else (self._display(e, column), e.seq)
        if role == Qt.ItemDataRole.ToolTipRole and column == WHEN:
            return f"{e.at.isoformat(timespec='seconds')} (UTC) — entry #{e.seq}"
        if role == Qt.ItemDataRole.ToolTipRole and column in (OLD, NEW, REASON):
            return self._display(e, column) or None
        return None

    def _display(self, e: AuditEntry, column: int) -> str:
        if column == WHEN:
            return e.at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        if column == USER:
            return e.user
        if column == WORKSTATION:
            return e.workstation
        if column == WHAT:
            return f"{_ACTION_TEXT.get(e.action, e.action.capitalize())}: {e.entity} {e.entity_key}"
        if column == FIELD:
            return e.field
        if column == OLD:
            return e.old or ""
        if column == NEW:
            return e.new or ""
        if column == REASON:
            return e.reason or ""
        return ""
