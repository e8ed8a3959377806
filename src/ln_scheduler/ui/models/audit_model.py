"""A participant's audit trail: who changed what, when, from what to what, and why, in words
(``audit_wording``); the stored values, exactly as hashed, are in the tooltips."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import Qt

from ...services.records import AuditEntry
from ..audit_wording import action_text, change_text, record_text, stored_value_text
from ..translate_noop import QT_TRANSLATE_NOOP
from .record_table_model import RecordTableModel
from .roles import Role

WHEN, USER, WORKSTATION, WHAT, FIELD, OLD, NEW, REASON = range(8)


class AuditModel(RecordTableModel[AuditEntry]):
    HEADERS = (
        QT_TRANSLATE_NOOP("AuditModel", "When"),
        QT_TRANSLATE_NOOP("AuditModel", "User"),
        QT_TRANSLATE_NOOP("AuditModel", "Workstation"),
        QT_TRANSLATE_NOOP("AuditModel", "Record"),
        QT_TRANSLATE_NOOP("AuditModel", "Change"),
        QT_TRANSLATE_NOOP("AuditModel", "Old value"),
        QT_TRANSLATE_NOOP("AuditModel", "New value"),
        QT_TRANSLATE_NOOP("AuditModel", "Reason"),
    )
    SAMPLES = (
        "2027-01-26 10:30:00 EST",
        "",
        "",
        "",
        QT_TRANSLATE_NOOP("AuditModel", "Scheduled date"),
        "2027-01-26 Tue",
        "2027-01-26 Tue",
        "",
    )
    CONTENT_COLUMNS = (USER, WORKSTATION, WHAT, FIELD, OLD, NEW, REASON)
    SQUEEZE_COLUMNS = (WHAT, FIELD, OLD, NEW)  # the full text is in the tooltip
    TOOLTIPS = (
        QT_TRANSLATE_NOOP(
            "AuditModel", "Time of the change at the site, in its time zone (stored in UTC; the tooltip shows it)"),
        QT_TRANSLATE_NOOP("AuditModel", "Operating-system account or database role that made the change"),
        QT_TRANSLATE_NOOP("AuditModel", "Computer the change was made from"),
        QT_TRANSLATE_NOOP("AuditModel", "Which record changed"),
        QT_TRANSLATE_NOOP("AuditModel", "Which field changed, and how"),
        QT_TRANSLATE_NOOP("AuditModel", "Value before the change"),
        QT_TRANSLATE_NOOP("AuditModel", "Value after the change"),
        QT_TRANSLATE_NOOP("AuditModel", "Reason given for the change"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: dict[int, tuple[str, str, str, str, str]] = {}  # seq -> when, what, change, old, new
        self._zone: tzinfo = UTC

    def set_timezone(self, name: str) -> None:
        """Times are shown on the site's clock with its zone's abbreviation ("2027-02-10 10:00:00
        EST"): they were shown in the computer's zone, UTC on the site's server, without saying so."""
        try:
            zone: tzinfo = ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            zone = UTC
        if zone != self._zone:
            self._zone = zone
            self._words.clear()

    def row_key(self, record: AuditEntry) -> int:
        return record.seq

    def _wording(self, e: AuditEntry) -> tuple[str, str, str, str, str]:
        """Worded once per entry (entries never change; a refresh brings the same ones back)."""
        words = self._words.get(e.seq)
        if words is None:
            if len(self._words) > 50000:
                self._words.clear()
            words = self._words[e.seq] = (e.at.astimezone(self._zone).strftime("%Y-%m-%d %H:%M:%S %Z"), record_text(e),
                                          change_text(e), stored_value_text(e, e.old), stored_value_text(e, e.new))
        return words

    def texts_of(self, rows: Sequence[AuditEntry], column: int) -> Iterable[str]:
        return (self._display(e, column) for e in rows)

    def cell(self, e: AuditEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(e, column)
        if role == Role.SORT:
            return e.seq if column == WHEN else (self._display(e, column), e.seq)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(e, column)
        return None

    def _display(self, e: AuditEntry, column: int) -> str:
        if column == USER:
            return e.user
        if column == WORKSTATION:
            return e.workstation
        if column == REASON:
            return e.reason or ""
        words = self._wording(e)
        return {WHEN: words[0], WHAT: words[1], FIELD: words[2], OLD: words[3], NEW: words[4]}.get(column, "")

    def _tooltip(self, e: AuditEntry, column: int) -> str | None:
        if column == WHEN:
            return self.tr("{time} (UTC) — entry #{number}").format(time=e.at.isoformat(timespec="seconds"),
                                                                     number=e.seq)
        if column in (USER, WORKSTATION):
            return self.tr("{user} on {workstation}").format(user=e.user, workstation=e.workstation)
        if column == WHAT:
            return f"{action_text(e.action)}: {e.entity} {e.entity_key}"
        if column == FIELD:
            return self.tr("{label} (stored as field '{field}')").format(label=self._display(e, FIELD), field=e.field)
        if column in (OLD, NEW):
            shown = self._display(e, column)
            stored = e.old if column == OLD else e.new
            if stored is None:
                return shown or None
            return shown if shown == stored else self.tr("{shown}\n\nStored as: {stored}").format(shown=shown,
                                                                                                stored=stored)
        if column == REASON:
            return e.reason or None
        return None
