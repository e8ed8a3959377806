"""The site's own closure dates (on top of weekends and holidays), in date order."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from ..formatting import day_text
from ..translate_noop import QT_TRANSLATE_NOOP
from .record_table_model import RecordTableModel
from .roles import Role

DATE = 0


class ClosureDatesModel(RecordTableModel[date]):
    HEADERS = (
        QT_TRANSLATE_NOOP("ClosureDatesModel", "Closed on"),
    )

    def row_key(self, record: date) -> date:
        return record

    def cell(self, d: date, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return day_text(d)
        if role == Role.SORT:
            return d.toordinal()
        return None

    def add(self, d: date) -> bool:
        if d in self._rows:
            return False
        self.set_rows(sorted([*self._rows, d]))
        return True

    def remove(self, dates: list[date]) -> None:
        self.set_rows([d for d in self._rows if d not in set(dates)])
