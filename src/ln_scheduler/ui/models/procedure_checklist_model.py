"""The procedure checklist of the "visit done" dialog: done or not done per procedure, with the
time, the tube or result id and, for anything not done, the reason (required).

Every procedure starts *not recorded* (a first entry) and the coordinator ticks Done or Not done
for each: a form that starts all done lets one Enter record procedures nobody checked, which is
not a record a monitor can trust. The dialog refuses to save while any stays not recorded."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import time
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ...services.records import ProcedureOutcome, ProcedureRecord
from ..formatting import parse_time_text
from ..translate_noop import QT_TRANSLATE_NOOP
from .record_table_model import Index, RecordTableModel
from .roles import Role

PROCEDURE, DONE, NOT_DONE, TIME, SAMPLE, REASON = range(6)
CHECK_COLUMNS = (DONE, NOT_DONE)


@dataclass(frozen=True)
class ChecklistRow:
    code: str
    description: str
    done: bool | None = None  # None: not recorded yet
    time: time | None = None
    sample_id: str = ""
    not_done_reason: str = ""


def rows_for(codes: tuple[str, ...], names: dict[str, str],
             recorded: tuple[ProcedureRecord, ...] = ()) -> list[ChecklistRow]:
    """One row per procedure of the visit, prefilled from what was recorded before (a correction
    starts from the saved answers; a first entry from nothing recorded)."""
    previous = {r.code: r for r in recorded}
    rows = []
    for code in codes:
        r = previous.get(code)
        rows.append(ChecklistRow(
            code=code,
            description=names.get(code, code),
            done=r.done if r else None,
            time=r.time if r else None,
            sample_id=(r.sample_id or "") if r else "",
            not_done_reason=(r.not_done_reason or "") if r else "",
        ))
    return rows


class ProcedureChecklistModel(RecordTableModel[ChecklistRow]):
    HEADERS = (
        QT_TRANSLATE_NOOP("ProcedureChecklistModel", "Procedure"),
        QT_TRANSLATE_NOOP("ProcedureChecklistModel", "Done"),
        QT_TRANSLATE_NOOP("ProcedureChecklistModel", "Not done"),
        QT_TRANSLATE_NOOP("ProcedureChecklistModel", "Time"),
        QT_TRANSLATE_NOOP("ProcedureChecklistModel", "Tube / result id"),
        QT_TRANSLATE_NOOP("ProcedureChecklistModel", "Reason if not done"),
    )
    TOOLTIPS = (
        "",
        QT_TRANSLATE_NOOP("ProcedureChecklistModel", "Tick when the procedure was done"),
        QT_TRANSLATE_NOOP("ProcedureChecklistModel", "Tick when it was not done, and give the reason"),
        QT_TRANSLATE_NOOP("ProcedureChecklistModel", "Time of the procedure (HH:MM), optional"),
        QT_TRANSLATE_NOOP("ProcedureChecklistModel", "Tube id or result reference, optional"),
        QT_TRANSLATE_NOOP("ProcedureChecklistModel", "Required for every procedure not done"),
    )

    ROLES = RecordTableModel.ROLES | {Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.EditRole}

    def row_key(self, record: ChecklistRow) -> str:
        return record.code

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        if index.column() in CHECK_COLUMNS:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (TIME, SAMPLE):
            return base | Qt.ItemFlag.ItemIsEditable
        if index.column() == REASON:
            row = self._rows[index.row()]
            return base | Qt.ItemFlag.ItemIsEditable if row.done is False else base
        return base

    def cell(self, r: ChecklistRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.CheckStateRole and column in CHECK_COLUMNS:
            ticked = r.done is (column == DONE)
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column in CHECK_COLUMNS:
                return ""
            if column == PROCEDURE:
                return f"{r.description} ({r.code})"
            if column == TIME:
                return r.time.strftime("%H:%M") if r.time else ""
            if column == SAMPLE:
                return r.sample_id
            if column == REASON:
                return r.not_done_reason if r.done is False else ""
        if role == Role.SORT:
            return self._rows.index(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == REASON and r.done is False and not r.not_done_reason:
                return self.tr("A reason is required for a procedure not done")
            if column in (PROCEDURE, *CHECK_COLUMNS) and r.done is None:
                return self.tr("Not recorded yet: tick Done or Not done")
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row = self._rows[index.row()]
        column = index.column()
        if column in CHECK_COLUMNS and role == Qt.ItemDataRole.CheckStateRole:
            ticked = Qt.CheckState(value) == Qt.CheckState.Checked
            meaning = column == DONE  # ticking one box clears the other; unticking leaves it unrecorded
            done = meaning if ticked else (None if row.done is meaning else row.done)
            self._rows[index.row()] = replace(row, done=done)
            self._shown.pop(index.row(), None)
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
        elif column == REASON and row.done is False:
            new = replace(row, not_done_reason=text)
        else:
            return False
        self._rows[index.row()] = new
        self._shown.pop(index.row(), None)
        self.dataChanged.emit(index, index)
        return True

    def mark_remaining_done(self) -> None:
        """What the coordinator asks for explicitly: every procedure not recorded yet is done;
        those already marked not done keep their reason."""
        self._rows = [replace(r, done=True) if r.done is None else r for r in self._rows]
        self._shown = {}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, REASON))

    def unrecorded(self) -> list[str]:
        """Codes of the procedures marked neither done nor not done (the dialog refuses to save)."""
        return [r.code for r in self._rows if r.done is None]

    def missing_reasons(self) -> list[str]:
        """Procedures marked not done without a reason (the dialog refuses to save)."""
        return [r.description for r in self._rows if r.done is False and not r.not_done_reason]

    def outcomes(self) -> dict[str, ProcedureOutcome]:
        """What the services record; only complete once ``unrecorded`` is empty."""
        return {
            r.code: ProcedureOutcome(
                done=bool(r.done),
                not_done_reason=None if r.done else r.not_done_reason or None,
                time=r.time,
                sample_id=r.sample_id or None,
            )
            for r in self._rows
            if r.done is not None
        }
