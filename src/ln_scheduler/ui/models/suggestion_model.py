"""Suggested conditioning start dates with their planned infusion day."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from ..formatting import day_text
from ..translate_noop import QT_TRANSLATE_NOOP
from .record_table_model import RecordTableModel
from .roles import Role

START, INFUSION = range(2)


class SuggestionModel(RecordTableModel[tuple[date, date]]):
    """Rows are (conditioning start, planned infusion)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("SuggestionModel", "Conditioning starts (LD1)"),
        QT_TRANSLATE_NOOP("SuggestionModel", "Infusion (Day 1)"),
    )

    def row_key(self, record: tuple[date, date]) -> date:
        return record[0]

    def cell(self, record: tuple[date, date], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return day_text(record[column]) if column in (START, INFUSION) else None
        if role == Role.SORT:
            return record[column].toordinal()
        return None
