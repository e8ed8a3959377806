"""The part every list model shares: rows of records, fixed columns, and a refresh that keeps the
view's selection when the same rows come back (the timer refresh runs every minute).

Rows can be *prepared* (sorted, keyed, their free-text columns collected) in a worker thread
with ``prepare_rows`` and shown with ``show_prepared``: a site that fell behind has 15,000
worklist rows, and sorting them on the UI thread froze the window for a tenth of a second."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from ..give_way import no_pause
from .roles import Role

T = TypeVar("T")
Index = QModelIndex | QPersistentModelIndex
SortState = tuple[int, Qt.SortOrder] | None
_DISPLAY = Qt.ItemDataRole.DisplayRole


#: The rows a worker handles between two ``pause`` calls (a few milliseconds of Python): the UI
#: thread waits for the interpreter at most that long when a click lands in the middle.
STEP_ROWS = 1000


def in_steps(rows: Sequence[T], pause: Callable[[], None]) -> Iterator[Sequence[T]]:
    """``rows`` in slices of :data:`STEP_ROWS`, with ``pause()`` after each."""
    for start in range(0, len(rows), STEP_ROWS):
        yield rows[start:start + STEP_ROWS]
        pause()


@dataclass(frozen=True)
class PreparedRows(Generic[T]):
    """Rows sorted as the model sorts, with their keys and the texts of the columns fitted to
    their content: everything about new rows that can be worked out away from the UI thread."""

    rows: list[T]
    keys: list[Hashable]
    sort: SortState
    texts: dict[int, set[str]] = field(default_factory=dict)


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Subclasses set ``HEADERS`` (one per column constant) and implement ``cell``.

    ``HEADERS``, ``TOOLTIPS`` and the ``SAMPLES`` with words are marked
    ``QT_TRANSLATE_NOOP("<the class that sets them>", ...)`` and shown translated: each instance
    holds them in the window's language (``SAMPLES`` too, so Spanish columns are sized for Spanish).
    """

    HEADERS: tuple[str, ...] = ()
    TOOLTIPS: tuple[str, ...] = ()
    #: Typical cell text per column, for initial column widths (data-independent, so the first
    #: participant shown, perhaps one without dates yet, does not squeeze the columns).
    SAMPLES: tuple[str, ...] = ()
    #: Columns that show a status marker before their text (they need room for it).
    ICON_COLUMNS: tuple[int, ...] = ()
    #: Free-text columns sized to their widest cell (see ``views/column_fit.py``); the others are
    #: sized by their header and sample (fixed formats: dates, codes, statuses).
    CONTENT_COLUMNS: tuple[int, ...] = ()
    #: Columns that may be narrowed below their text when the table is short of room; their full
    #: text is then the cell's tooltip. Never dates.
    SQUEEZE_COLUMNS: tuple[int, ...] = ()
    #: Some rows are drawn bold (the current window, a re-booking): widths are measured bold.
    BOLD_ROWS = False
    #: The roles ``cell`` answers. Views ask for a dozen roles per cell on every repaint; the
    #: others are refused here, before any Python work (switching participants stays fast).
    ROLES: frozenset[int] = frozenset({
        Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.TextAlignmentRole,
        Role.SORT, Role.STATUS, Role.PINNED, Role.CURRENT, Role.SEARCH,
    })

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[T] = []
        self._keys: dict[Hashable, int] = {}
        self._sort: SortState = None
        self._texts: dict[int, set[str]] = {}
        self._shown: dict[int, tuple[str, ...]] = {}  # row -> display texts, filled as rows are painted
        self._columns = len(self.HEADERS)
        self._headers = self._translated("HEADERS")
        self._tooltips = self._translated("TOOLTIPS")
        self.SAMPLES = self._translated("SAMPLES")

    def _translated(self, name: str) -> tuple[str, ...]:
        """A class constant of texts in the window's language; the translation context is the
        class that sets the constant (what its ``QT_TRANSLATE_NOOP`` markers name)."""
        owner = next((k for k in type(self).__mro__ if name in vars(k)), type(self))
        return tuple(QCoreApplication.translate(owner.__name__, text) if text else text
                     for text in getattr(self, name))

    # --- content --------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace the rows. When the row identities are unchanged (a refresh that found
        nothing new) only ``dataChanged`` is emitted, so selection and scroll position stay."""
        self.show_prepared(self.prepare_rows(rows))

    def prepare_rows(self, rows: Iterable[T], pause: Callable[[], None] = no_pause) -> PreparedRows[T]:
        """Sort, key and collect texts: pure Python on the records, safe in a worker thread
        (``pause`` is called between steps of at most :data:`STEP_ROWS` rows: see ``ui.give_way``)."""
        sort = self._sort
        new = self._sorted(list(rows), sort, pause)
        keys: list[Hashable] = []
        for part in in_steps(new, pause):
            keys.extend([self.row_key(r) for r in part])
        texts: dict[int, set[str]] = {}
        for column in self.CONTENT_COLUMNS:
            texts[column] = set()
            for part in in_steps(new, pause):
                texts[column].update(self.texts_of(part, column))
        return PreparedRows(new, keys, sort, texts)

    def show_prepared(self, prepared: PreparedRows[T]) -> None:
        """Show rows from ``prepare_rows`` (sorted again if the sort changed meanwhile)."""
        if prepared.sort != self._sort:
            prepared = self.prepare_rows(prepared.rows)
        self._texts = prepared.texts
        self._shown = {}
        new, keys = prepared.rows, prepared.keys
        if len(keys) == len(self._keys) and keys == list(self._keys):
            self._rows = new
            if new:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, self.columnCount() - 1))
            return
        self.beginResetModel()
        self._rows = new
        self._keys = {k: i for i, k in enumerate(keys)}
        self.endResetModel()

    def rows(self) -> list[T]:
        return list(self._rows)

    def record(self, row: int) -> T:
        return self._rows[row]

    def row_key(self, record: T) -> Hashable:
        """A stable identity of a row; subclasses override (participant ID, visit id)."""
        return id(record)

    def row_of_key(self, key: Hashable) -> int:
        return self._keys.get(key, -1)

    # --- Qt interface ---------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole and section < len(self._tooltips):
            return self._tooltips[section] or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row, column = index.row(), index.column()
        if role == _DISPLAY:  # the most asked role, from a per-row cache: repaints stay cheap
            shown = self._shown.get(row)
            if shown is None:
                if not 0 <= row < len(self._rows):
                    return None
                record = self._rows[row]
                shown = self._shown[row] = tuple(self.cell(record, c, _DISPLAY) for c in range(self._columns))
            return shown[column] if 0 <= column < self._columns else None
        if role not in self.ROLES and role != Role.RECORD and role != Role.KEY:
            return None
        if not 0 <= row < len(self._rows) or not 0 <= column < self._columns or not index.isValid():
            return None
        record = self._rows[row]
        if role == Role.RECORD:
            return record
        if role == Role.KEY:
            return self.row_key(record)
        value = self.cell(record, column, role)
        if value is None and role == Qt.ItemDataRole.ToolTipRole and (
                column in self.SQUEEZE_COLUMNS or column == self._columns - 1):
            # squeezed columns and the last one (notes, reasons: it gets what is left, and "site
            # closed that day" was cut to "site cl…" with no way to read it) hold their whole text here
            return self.cell(record, column, Qt.ItemDataRole.DisplayRole) or None
        return value

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """Every role a delegate paints a cell with, in one call: Qt's item delegates ask for seven
        roles per cell at each repaint, and each call from Qt into Python waits for the interpreter
        while a worker reads (a participant switch during a refresh paints ~1,250 of them)."""
        for item in roleDataSpan:
            value = self.data(index, item.role())
            if value is None:
                item.clearData()
            else:
                item.setData(value)

    def cell(self, record: T, column: int, role: int) -> Any:
        raise NotImplementedError

    def column_texts(self, column: int) -> Iterable[str]:
        """The distinct texts of a content-fitted column, for fitting its width."""
        texts = self._texts.get(column)
        return texts if texts is not None else self.texts_of(self._rows, column)

    def texts_of(self, rows: Sequence[T], column: int) -> Iterable[str]:
        """Every text of a column of ``rows`` (subclasses with many rows read the record's field
        directly instead of formatting each cell). Runs in a worker thread: no Qt here."""
        return (self.cell(r, column, _DISPLAY) or "" for r in rows)

    def changed(self) -> None:
        """The rows' texts changed in place (the clock moved on): drop the cached texts."""
        self._shown = {}
        self._texts = {c: set(self.texts_of(self._rows, c)) for c in self.CONTENT_COLUMNS}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    # --- sorting in Python ----------------------------------------------------------------
    def sort_key(self, record: T, column: int) -> Any:
        return self.cell(record, column, Role.SORT)

    def pinned(self, record: T) -> bool:
        """Rows that stay on top in either sort order (the worklist's overdue visits)."""
        return False

    def _sorted(self, rows: list[T], sort: SortState, pause: Callable[[], None] = no_pause) -> list[T]:
        """``rows`` in the order of ``sort``, pinned rows first. The keys are worked out a step at a
        time (``pause`` between: a site that fell behind sorts 15,000 rows in a worker); the sort
        itself compares them in compiled code."""
        if sort is None:
            return rows
        column, order = sort
        keys: list[Any] = []
        pinned: list[bool] = []
        for part in in_steps(rows, pause):
            keys.extend([self.sort_key(r, column) for r in part])
            pinned.extend([self.pinned(r) for r in part])
        ordered = sorted(range(len(rows)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        pause()
        # stable: each group keeps the order within it
        return [rows[i] for i in ordered if pinned[i]] + [rows[i] for i in ordered if not pinned[i]]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """One Python sort with precomputed keys: a proxy's C++ sort calling back into Python
        for every comparison takes seconds on 15,000 rows."""
        if not 0 <= column < len(self.HEADERS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_keys = [self.row_key(r) for r in self._rows]
        self._rows = self._sorted(self._rows, self._sort)
        self._shown = {}
        self._keys = {self.row_key(r): i for i, r in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [
            self.index(self._keys[old_keys[i.row()]], i.column()) if 0 <= i.row() < len(old_keys) else QModelIndex()
            for i in old])
        self.layoutChanged.emit()


class RecordFilterProxy(QSortFilterProxyModel):
    """Filters in the proxy, sorts in the source model (see ``RecordTableModel.sort``)."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RecordTableModel):
            source.sort(column, order)
        else:
            super().sort(column, order)

    def multiData(self, index: Index, roleDataSpan: Any) -> None:
        """Qt's proxies answer ``multiData`` one role at a time; this passes the whole span to the
        source model's one call (``RecordTableModel.multiData``)."""
        source = self.sourceModel()
        if isinstance(source, RecordTableModel):
            source.multiData(self.mapToSource(index), roleDataSpan)
        else:
            super().multiData(index, roleDataSpan)

    def source_index_of_key(self, key: Hashable) -> QModelIndex:
        source = self.sourceModel()
        row = source.row_of_key(key) if isinstance(source, RecordTableModel) else -1
        return self.mapFromSource(source.index(row, 0)) if row >= 0 else QModelIndex()
