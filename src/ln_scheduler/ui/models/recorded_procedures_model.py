"""A visit's procedures as recorded (read-only): done, not done and why, or not recorded yet."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from ...services.records import ProcedureRecord
from ..formatting import time_text
from ..translate_noop import QT_TRANSLATE_NOOP
from .record_table_model import RecordTableModel
from .roles import Role

PROCEDURE, RESULT, TIME, SAMPLE = range(4)


def result_text(r: ProcedureRecord) -> str:
    def _t(text: str) -> str:
        return QCoreApplication.translate("RecordedProceduresModel", text)

    if r.done is None:
        return _t(QT_TRANSLATE_NOOP("RecordedProceduresModel", "Not recorded yet"))
    if r.done:
        return _t(QT_TRANSLATE_NOOP("RecordedProceduresModel", "Done"))
    if r.not_done_reason:
        return _t(QT_TRANSLATE_NOOP("RecordedProceduresModel", "Not done: {reason}")).format(reason=r.not_done_reason)
    return _t(QT_TRANSLATE_NOOP("RecordedProceduresModel", "Not done"))


class RecordedProceduresModel(RecordTableModel[ProcedureRecord]):
    HEADERS = (
        QT_TRANSLATE_NOOP("RecordedProceduresModel", "Procedure"),
        QT_TRANSLATE_NOOP("RecordedProceduresModel", "Result"),
        QT_TRANSLATE_NOOP("RecordedProceduresModel", "Time"),
        QT_TRANSLATE_NOOP("RecordedProceduresModel", "Tube / result id"),
    )

    def row_key(self, record: ProcedureRecord) -> str:
        return record.code

    def cell(self, r: ProcedureRecord, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {PROCEDURE: f"{r.description} ({r.code})", RESULT: result_text(r), TIME: time_text(r.time),
                    SAMPLE: r.sample_id or ""}.get(column)
        if role == Role.SORT:
            return self._rows.index(r)
        return None
