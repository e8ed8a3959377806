"""Column widths that follow the content, so a table shows every column at a usual screen size.

The rules, for every table of the app:
  - each column is as wide as its header, its widest *sample* (the model's ``SAMPLES``: a date
    written out, so dates are never elided whatever rows are shown) and, for the free-text
    columns a model lists in ``CONTENT_COLUMNS``, its widest cell right now;
  - the last visible column stretches over what is left (notes, reasons: text that may be long);
  - when that does not fit, the columns a model lists in ``SQUEEZE_COLUMNS`` (free text whose
    full wording is in the cell's tooltip) give up width first, widest first, down to their
    header or sample; dates and the other columns keep theirs;
  - a column the user resized by hand keeps the user's width (remembered with the header state);
    double-clicking its header handle gives it back to the automatic width.

Measuring is done in Python on the model's texts (the widest dozen by length), not through Qt's
``ResizeToContents``, which asks every row for a dozen roles on every refresh.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle, QTableView

#: Room around a cell's text (Qt's item margins, 7 px in its own size hint, plus a little air).
CELL_PADDING = 10
#: Room around a header's text; the sorted column also gets room for the sort indicator.
HEADER_PADDING = 14
#: Extra room in columns that draw a status marker before their text.
ICON_WIDTH = 22
#: A free-text column never takes more than this on its own; its tooltip holds the rest.
MAX_CONTENT_WIDTH = 420
#: The stretched last column keeps at least this much (or its header's width) and, when the
#: model measures its content (an audit entry's reason), up to this share of the table for it.
MIN_LAST_WIDTH = 48  # 60 cost the timeline's visit names 11 px at 1440 for an empty Notes column
LAST_SHARE = 0.25
#: How many of the longest texts of a column are measured (proportional fonts: the longest by
#: characters is nearly always the widest; a dozen leaves a wide margin).
MEASURED_TEXTS = 12
#: Weekday names in samples stand for the widest of the seven (``2027-01-26 Tue`` is narrower
#: than ``2027-03-10 Wed``: a sample must hold every date).
_WEEKDAY = re.compile(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def source_model(table: QTableView) -> QAbstractItemModel:
    model = table.model()
    source = getattr(model, "sourceModel", None)
    return (source() if callable(source) else None) or model


class ColumnFitter(QObject):
    """Keeps one table's column widths fitted (see the module docstring). Created by
    ``setup_table``; reach it as ``fitter_of(table)``."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self._table = table
        self._header = table.horizontalHeader()
        self._source = source_model(table)
        self.user_sized: set[int] = set()
        self._content: dict[int, int] = {}
        self._text_widths: dict[str, int] = {}
        self._fitting = False
        self._paused = False
        font = QFont(table.font())
        font.setBold(bool(getattr(self._source, "BOLD_ROWS", False)))  # size for the bold rows too
        self._metrics = QFontMetrics(font)
        self._header_metrics = QFontMetrics(self._header.font())
        # The last column is stretched here, not by Qt: Qt's stretched section never shrinks
        # below the width it had when stretching began, which pushed it off-screen.
        self._header.setStretchLastSection(False)
        self._source.modelReset.connect(self.refit)
        self._source.rowsInserted.connect(self.refit)
        self._source.dataChanged.connect(self.refit)
        self._header.sectionResized.connect(self._section_resized)
        self._header.sectionMoved.connect(lambda *_: self.distribute())
        self._header.sortIndicatorChanged.connect(lambda *_: self.distribute())
        self._header.sectionHandleDoubleClicked.connect(self._back_to_automatic)
        table.viewport().installEventFilter(self)

    # --- what each column wants -----------------------------------------------------------
    def _attr(self, name: str) -> tuple[Any, ...]:  # the model's SAMPLES, WIDTHS...: each its own shape
        return tuple(getattr(self._source, name, ()))

    def _text_width(self, text: str) -> int:
        width = self._text_widths.get(text)
        if width is None:
            width = self._text_widths[text] = self._metrics.horizontalAdvance(text)
        return width

    def _sample_width(self, sample: str) -> int:
        if not _WEEKDAY.search(sample):
            return self._text_width(sample)
        return max(self._text_width(_WEEKDAY.sub(day, sample)) for day in WEEKDAYS)

    def _widest(self, texts: Iterable[str]) -> int:
        unique = {t for t in texts if t}
        longest = sorted(unique, key=len, reverse=True)[:MEASURED_TEXTS]
        return max((self._text_width(t) for t in longest), default=0)

    def header_width(self, column: int) -> int:
        """The header's text; Qt's own hint (with the sort arrow) for the column sorted by."""
        title = str(self._source.headerData(column, Qt.Orientation.Horizontal) or "")
        width = self._header_metrics.horizontalAdvance(title) + HEADER_PADDING
        header = self._header
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
            width = max(width, header.sectionSizeHint(column))
        return width

    def floor(self, column: int) -> int:
        """The header's width, the sample's, and the status marker: never less."""
        samples = self._attr("SAMPLES")
        sample = samples[column] if column < len(samples) else ""
        icon = ICON_WIDTH if column in self._attr("ICON_COLUMNS") else 0
        return max(self.header_width(column), self._sample_width(sample) + CELL_PADDING + icon if sample else 0)

    def wanted(self, column: int) -> int:
        content = self._content.get(column, 0)
        if content:
            content = min(content + CELL_PADDING, MAX_CONTENT_WIDTH)
            content += ICON_WIDTH if column in self._attr("ICON_COLUMNS") else 0
        return max(self.floor(column), content)

    # --- fitting --------------------------------------------------------------------------
    def refit(self, *_args: object) -> None:
        """The rows changed: measure the free-text columns again, then share out the width."""
        texts = getattr(self._source, "column_texts", None)
        if texts is not None:
            self._content = {c: self._widest(texts(c)) for c in self._attr("CONTENT_COLUMNS")}
        if len(self._text_widths) > 20000:  # a long session: do not grow without bound
            self._text_widths.clear()
        self.distribute()

    def visible_columns(self) -> list[int]:
        header = self._header
        return [header.logicalIndex(v) for v in range(header.count())
                if not header.isSectionHidden(header.logicalIndex(v))]

    def widths(self, available: int) -> dict[int, int]:
        """The width of every visible column within ``available`` pixels: the wanted widths,
        the squeezable columns squeezed when they do not fit, the last column the rest."""
        visible = self.visible_columns()
        if not visible:
            return {}
        last = visible[-1]
        auto = [c for c in visible if c != last and c not in self.user_sized]
        fixed = sum(self._header.sectionSize(c) for c in visible if c != last and c in self.user_sized)
        result = {c: self.wanted(c) for c in auto}
        last_min = max(MIN_LAST_WIDTH, self.floor(last))
        if last in self._attr("CONTENT_COLUMNS"):
            last_min = max(last_min, min(self.wanted(last), int(available * LAST_SHARE)))
        room = available - fixed - last_min
        squeeze = [c for c in auto if c in self._attr("SQUEEZE_COLUMNS")]
        excess = sum(result.values()) - room
        if excess > 0 and squeeze:
            result.update(_squeezed({c: result[c] for c in squeeze}, {c: self.floor(c) for c in squeeze}, excess))
        rest = available - fixed - sum(result.values())
        result[last] = max(rest, last_min)
        return result

    def natural_width(self) -> int:
        """The width that shows every visible column in full, with the table's frame and room
        for a vertical scroll bar (for a splitter's default)."""
        sizes = [self._header.sectionSize(c) if c in self.user_sized else self.wanted(c)
                 for c in self.visible_columns()]
        table = self._table
        return sum(sizes) + 2 * table.frameWidth() + table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)

    def distribute(self) -> None:
        """Apply the widths for the table's current width (also after a resize or a column
        shown, hidden or moved)."""
        if self._paused:
            return
        widths = self.widths(self._table.viewport().width())
        self._fitting = True
        try:
            for column, width in widths.items():
                if self._header.sectionSize(column) != width:
                    self._header.resizeSection(column, width)
        finally:
            self._fitting = False

    # --- the user's own widths ------------------------------------------------------------
    def _section_resized(self, column: int, old: int, new: int) -> None:
        if self._fitting or old == 0 or new == 0:  # ours, or a column hidden / shown
            return
        visible = self.visible_columns()
        if visible and column == visible[-1]:  # the stretched column follows the others
            return
        self.user_sized.add(column)

    def _back_to_automatic(self, column: int) -> None:
        self.user_sized.discard(column)
        self.refit()

    def set_user_sized(self, columns: Iterable[int]) -> None:
        self.user_sized = {c for c in columns if 0 <= c < self._header.count()}

    @contextmanager
    def paused(self) -> Iterator[None]:
        """No fitting while a saved header state is restored (Qt relayouts the table during
        ``restoreState``, before the hand-set widths are known to be the user's)."""
        self._paused = True
        try:
            yield
        finally:
            self._paused = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.distribute()
        return False


def _squeezed(widths: dict[int, int], floors: dict[int, int], excess: int) -> dict[int, int]:
    """Take ``excess`` pixels from the widest columns first (a common ceiling), none below its
    floor: the narrow ones keep their text, the widest lose only what must go."""
    low, high = 0, max(widths.values())
    while low < high:  # the highest ceiling that frees enough
        ceiling = (low + high + 1) // 2
        freed = sum(w - max(min(w, ceiling), floors[c]) for c, w in widths.items())
        if freed >= excess:
            low = ceiling
        else:
            high = ceiling - 1
    return {c: max(min(w, low), floors[c]) for c, w in widths.items()}


def fitter_of(table: QTableView) -> ColumnFitter | None:
    found = table.findChild(ColumnFitter)
    return found if isinstance(found, ColumnFitter) else None
