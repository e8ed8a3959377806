"""The procedure catalogue with a tick box per procedure (unscheduled visits choose theirs)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ..translate_noop import QT_TRANSLATE_NOOP
from .record_table_model import Index, RecordTableModel
from .roles import Role

PICK, PROCEDURE = range(2)


class ProcedurePickModel(RecordTableModel[tuple[str, str]]):
    """Rows are (code, description); ``chosen()`` returns the ticked codes in catalogue order."""

    HEADERS = (
        QT_TRANSLATE_NOOP("ProcedurePickModel", "Done"),
        QT_TRANSLATE_NOOP("ProcedurePickModel", "Procedure"),
    )

    def __init__(self, catalogue: dict[str, str], ticked: tuple[str, ...] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self.set_rows(list(catalogue.items()))
        self._ticked = set(ticked)

    ROLES = RecordTableModel.ROLES | {Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.EditRole}

    def row_key(self, record: tuple[str, str]) -> str:
        return record[0]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() and index.column() == PICK else base

    def cell(self, record: tuple[str, str], column: int, role: int) -> Any:
        code, description = record
        if role == Qt.ItemDataRole.CheckStateRole and column == PICK:
            return Qt.CheckState.Checked if code in self._ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole and column == PROCEDURE:
            return f"{description} ({code})"
        if role == Role.SORT:
            return code
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != PICK or role != Qt.ItemDataRole.CheckStateRole:
            return False
        code = self._rows[index.row()][0]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._ticked.add(code)
        else:
            self._ticked.discard(code)
        self.dataChanged.emit(index, index)
        return True

    def chosen(self) -> list[str]:
        return [code for code, _ in self._rows if code in self._ticked]
