"""The procedure checklist of the "visit done" dialog: done or not done per procedure, with the
time, the tube or result id and, for anything not done, the reason (required)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ...services.records import ProcedureOutcome, ProcedureRecord
from ..formatting import parse_time_text
from .record_table_model import Index, RecordTableModel
from .roles import Role

DONE, PROCEDURE, TIME, SAMPLE, REASON = range(5)


@dataclass(frozen=True)
class ChecklistRow:
    code: str
    description: str
    done: bool = True
    time: time | None = None
    sample_id: str = ""
    not_done_reason: str = ""


def rows_for(codes: tuple[str, ...], names: dict[str, str],
             recorded: tuple[ProcedureRecord, ...] = ()) -> list[ChecklistRow]:
    """One row per procedure of the visit, prefilled from what was recorded before (a correction
    starts from the saved answers, a first entry from "all done")."""
    previous = {r.code: r for r in recorded}
    rows = []
    for code in codes:
        r = previous.get(code)
        rows.append(ChecklistRow(
            code=code,
            description=names.get(code, code),
            done=True if r is None or r.done is None else r.done,
            time=r.time if r else None,
            sample_id=(r.sample_id or "") if r else "",
            not_done_reason=(r.not_done_reason or "") if r else "",
        ))
    return rows


class ProcedureChecklistModel(RecordTableModel[ChecklistRow]):
    HEADERS = ("Done", "Procedure", "Time", "Tube / result id", "Reason if not done")
    TOOLTIPS = (
        "Tick when done; untick and give a reason when not done",
        "",
        "Time of the procedure (HH:MM), optional",
        "Tube id or result reference, optional",
        "Required for every procedure not done",
    )

    ROLES = RecordTableModel.ROLES | {Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.EditRole}

    def row_key(self, record: ChecklistRow) -> str:
        return record.code

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        if index.column() == DONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (TIME, SAMPLE):
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == REASON:
            row = self._rows[index.row()]
            return base | Qt.ItemFlag.ItemIsEditable if not row.done else base
        return base

    def cell(self, r: ChecklistRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column == DONE:
            return Qt.CheckState.Checked if r.done else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == DONE:
                return "Done" if r.done else "Not done"
            if column == PROCEDURE:
                return f"{r.description} ({r.code})"
            if column == TIME:
                return r.time.strftime("%H:%M") if r.time else ""
            if column == SAMPLE:
                return r.sample_id
            if column == REASON:
                return r.not_done_reason if not r.done else ""
        if role == Role.SORT:
            return self._rows.index(r)
        if role == Qt.ItemDataRole.ToolTipRole and column == REASON and not r.done and not r.not_done_reason:
            return "A reason is required for a procedure not done"
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row = self._rows[index.row()]
        column = index.column()
        if column == DONE and role == Qt.ItemDataRole.CheckStateRole:
            done = Qt.CheckState(value) == Qt.CheckState.Checked
            self._rows[index.row()] = replace(row, done=done)
            self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), REASON))
            return True
        if role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value or "").strip()
        if column == TIME:
            try:
                new = replace(row, time=parse_time_text(text))
            except ValueError:
                return False  # the cell keeps its previous value; the tooltip says the format
        elif column == SAMPLE:
            new = replace(row, sample_id=text)
        elif column == REASON and not row.done:
            new = replace(row, not_done_reason=text)
        else:
            return False
        self._rows[index.row()] = new
        self.dataChanged.emit(index, index)
        return True

    def set_all_done(self, done: bool) -> None:
        self._rows = [replace(r, done=done) for r in self._rows]
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, REASON))

    def missing_reasons(self) -> list[str]:
        """Procedures marked not done without a reason (the dialog refuses to save)."""
        return [r.description for r in self._rows if not r.done and not r.not_done_reason]

    def outcomes(self) -> dict[str, ProcedureOutcome]:
        return {
            r.code: ProcedureOutcome(
                done=r.done,
                not_done_reason=None if r.done else r.not_done_reason or None,
                time=r.time,
                sample_id=r.sample_id or None,
            )
            for r in self._rows
        }
