"""The participant list, with a proxy that filters by status and cohort and searches by participant ID."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from ...domain.participant_status import ParticipantStatus
from ...domain.visit_status import VisitStatus
from ...services.records import ParticipantSummary
from .. import status_style
from ..formatting import day_text
from ..translate_noop import QT_TRANSLATE_NOOP
from .record_table_model import RecordFilterProxy, RecordTableModel
from .roles import Role

PARTICIPANT, INITIALS, COHORT, STATUS, CONDITIONING, INFUSION, NEXT_VISIT, NEXT_DATE = range(8)


class ParticipantListModel(RecordTableModel[ParticipantSummary]):
    HEADERS = (
        QT_TRANSLATE_NOOP("ParticipantListModel", "Participant"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Initials"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Cohort"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Status"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Conditioning"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Infusion"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Next visit"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Next date"),
    )
    ICON_COLUMNS = (STATUS,)
    SAMPLES = (
        "",
        "",
        QT_TRANSLATE_NOOP("ParticipantListModel", "SSC-1B"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Conditioning"),
        "2027-01-26 Tue",
        "2027-01-26 Tue",
        "",
        "2027-01-26 Tue",
    )
    CONTENT_COLUMNS = (PARTICIPANT, INITIALS, COHORT, NEXT_VISIT)
    TOOLTIPS = (
        QT_TRANSLATE_NOOP("ParticipantListModel", "Study participant ID"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Initials (no names are stored)"),
        QT_TRANSLATE_NOOP(
            "ParticipantListModel", "The participant's cohort (LN; SSC-1A, SSC-1B: "
            "systemic sclerosis, one or three doses)"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Where the participant is in the study"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "First conditioning day (actual once recorded, else planned)"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Infusion day, Day 1 (actual once recorded, else planned)"),
        QT_TRANSLATE_NOOP(
            "ParticipantListModel", "The next visit still to do; \u201coverdue\u201d: its "
            "window closed with nothing recorded"),
        QT_TRANSLATE_NOOP("ParticipantListModel", "Its scheduled date"),
    )
    #: The filter entry for participants with an overdue visit (beside the statuses).
    OVERDUE = "overdue"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = date.min

    def set_today(self, today: date) -> None:
        if today != self._today:
            self._today = today
            self.changed()

    def overdue(self, p: ParticipantSummary) -> bool:
        """The next visit's window closed with nothing recorded: the list said nothing of it."""
        return p.next_visit_latest is not None and p.next_visit_latest < self._today

    def row_key(self, record: ParticipantSummary) -> str:
        return record.id

    def texts_of(self, rows: Sequence[ParticipantSummary], column: int) -> Iterable[str]:
        """The fields themselves (a thousand rows: no cell formatting to fit a width)."""
        if column == PARTICIPANT:
            return (p.id for p in rows)
        if column == INITIALS:
            return (p.initials for p in rows)
        if column == COHORT:
            return {p.cohort for p in rows}
        if column == NEXT_VISIT:
            return {self._display(p, NEXT_VISIT) for p in rows}
        return super().texts_of(rows, column)

    def cell(self, p: ParticipantSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(p, column)
        if role == Role.SORT:
            return self._sort_key(p, column)
        if role == Role.STATUS:
            return p.status
        if role == Qt.ItemDataRole.DecorationRole and column == STATUS:
            return status_style.swatch_icon(status_style.participant_mark(p.status))
        if column in (NEXT_VISIT, NEXT_DATE) and self.overdue(p):  # text and colour, never colour alone
            if role == Qt.ItemDataRole.BackgroundRole:
                return status_style.visit_tint(VisitStatus.OVERDUE)
            if role == Qt.ItemDataRole.ToolTipRole:
                assert p.next_visit_latest is not None
                return self.tr("{visit} is overdue: its window closed on {date} with nothing recorded. Record it "
                               "as done or missed.").format(visit=p.next_visit, date=day_text(p.next_visit_latest))
        return None

    def _display(self, p: ParticipantSummary, column: int) -> str:
        """One cell's text, only that one formatted: the list asks it of 1,000 rows to sort by
        ID and to fit the Next visit column (a dict of every column per call, three dates
        formatted, took 40 ms of opening the list)."""
        if column == PARTICIPANT:
            return p.id
        if column == INITIALS:
            return p.initials
        if column == COHORT:
            return p.cohort
        if column == STATUS:
            return p.status.label
        if column == CONDITIONING:
            return day_text(p.conditioning_start) if p.conditioning_start else ""
        if column == INFUSION:
            return day_text(p.infusion) if p.infusion else ""
        if column == NEXT_VISIT:
            return self.tr("{visit} overdue").format(visit=p.next_visit) if self.overdue(p) else p.next_visit or ""
        if column == NEXT_DATE:
            return day_text(p.next_visit_date) if p.next_visit_date else ""
        return ""

    def _sort_key(self, p: ParticipantSummary, column: int) -> Any:
        def ordinal(d: date | None) -> int:
            return d.toordinal() if d else date.max.toordinal()

        if column == CONDITIONING:
            return ordinal(p.conditioning_start)
        if column == INFUSION:
            return ordinal(p.infusion)
        if column == NEXT_DATE:
            return ordinal(p.next_visit_date)
        if column == STATUS:
            return list(ParticipantStatus).index(p.status)
        return self._display(p, column)


class ParticipantFilterProxy(RecordFilterProxy):
    """Status and cohort filters (None = all) and an ID search that ignores case and spacing."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._status: ParticipantStatus | str | None = None
        self._cohort: str | None = None
        self._search = ""

    def set_cohort(self, cohort: str | None) -> None:
        """Only the participants of this cohort (None: every cohort)."""
        self.beginFilterChange()
        self._cohort = cohort
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: ParticipantStatus | str | None) -> None:
        """A participant status, ``ParticipantListModel.OVERDUE`` (those with an overdue visit) or None."""
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._search = "".join(text.split()).lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        record: ParticipantSummary = self.sourceModel().record(source_row)  # type: ignore[attr-defined]
        if self._status == ParticipantListModel.OVERDUE:
            if not self.sourceModel().overdue(record):  # type: ignore[attr-defined]
                return False
        elif self._status is not None and record.status is not self._status:
            return False
        if self._cohort is not None and record.cohort != self._cohort:
            return False
        return not self._search or self._search in record.id.lower()
