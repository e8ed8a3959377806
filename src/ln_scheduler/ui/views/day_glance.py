"""The day at a glance, the worklist's "Day" mode: what a coordinator needs at 8 in the morning.

Four lists, each a worklist table: the visits booked today, in time order with their times; the
visits carried over (late: date passed, window open; overdue: window closed, nothing recorded),
apart from today's; the visits to book (window open or opening within N days, no appointment
yet; N a preference); and the windows closing within two days with nothing recorded. The lists
are cut from records in pure Python (``day_glance``), in the worklist's worker thread."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QTableView, QVBoxLayout, QWidget

from ...domain.visit_status import VisitStatus
from ...services.records import WorklistItem
from ..models import worklist_model as wl
from ..models.roles import Role
from .interface_dates import weekday_name
from .table_setup import setup_table

#: "Closing soon": the window closes today or within this many days.
CLOSING_DAYS = 2
SECTIONS = ("booked_today", "behind", "to_book", "closing_soon")
#: A list's share of the height grows with its rows up to this many.
MAX_STRETCH = 8
#: A list this short shows every row, however long the others are: at 1024 x 768 "Carried over (3)"
#: showed two rows and a scroll bar beside a long "To book" (a walk). A longer one shows two at least
#: and scrolls; three short lists of three and a long one still fit a 768 px screen with the window.
WHOLE_LIST_ROWS = 3
LONG_LIST_ROWS = 2


@dataclass(frozen=True)
class DayGlanceData:
    booked_today: list[WorklistItem]
    behind: list[WorklistItem]
    to_book: list[WorklistItem]
    closing_soon: list[WorklistItem]


def _who(i: WorklistItem) -> tuple[str, str, int]:
    return (i.participant_id, i.visit.code, i.visit.occurrence)


def day_glance(today: date, scheduled_today: Sequence[WorklistItem], behind: Sequence[WorklistItem],
               open_windows: Sequence[WorklistItem], to_book_days: int) -> DayGlanceData:
    """The four lists from what the services read: visits scheduled today, visits behind
    (late and overdue), and open visits whose window is open or opens by ``today + to_book_days``.
    A visit carried over is not listed again under "to book"; "closing soon" may repeat a visit
    of another list on purpose (it is a warning). No Qt: runs in a worker thread."""
    booked = sorted((i for i in scheduled_today if i.visit.booked and i.visit.scheduled == today),
                    key=lambda i: (i.visit.scheduled_time or time.max, _who(i)))
    carried = sorted(behind, key=lambda i: (i.visit.status is not VisitStatus.OVERDUE,
                                            i.visit.scheduled or i.visit.target or date.max, _who(i)))
    opens_by = today + timedelta(days=to_book_days)
    carried_keys = {_who(i) for i in carried}  # listed once: a late visit is carried over, not "to book"
    to_book = sorted((i for i in open_windows if not i.visit.booked and i.visit.earliest is not None
                      and i.visit.earliest <= opens_by and _who(i) not in carried_keys),
                     # by the date the list shows (proposed), as read; not by the window's opening
                     key=lambda i: (i.visit.scheduled or i.visit.target or date.max, _who(i)))
    closing = sorted((i for i in open_windows if i.visit.latest is not None
                      and today <= i.visit.latest <= today + timedelta(days=CLOSING_DAYS)),
                     key=lambda i: (i.visit.latest or date.max, _who(i)))
    return DayGlanceData(booked, carried, to_book, closing)


def _rows_height(table: QTableView, rows: int) -> int:
    """The height that shows ``rows`` rows of ``table`` whole, with its header and frame."""
    header = table.horizontalHeader().sizeHint().height()
    return header + rows * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth()


class DayGlancePanel(QWidget):
    """The four lists, one table each; the visit commands act on the row last selected in any."""

    visit_activated = Signal(object)  # WorklistItem
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._sections_layout = layout  # kept typed: QWidget.layout() is a QLayout, without setStretch
        self.boxes: dict[str, QGroupBox] = {}
        self.tables: dict[str, QTableView] = {}
        self.models: dict[str, wl.WorklistModel] = {}
        self._empty: dict[str, QLabel] = {}
        self._current: str = SECTIONS[0]
        for name in SECTIONS:
            box = QGroupBox(self)
            box_layout = QVBoxLayout(box)
            table = QTableView(box)
            model = wl.WorklistModel(table)
            table.setModel(model)
            setup_table(table)
            table.activated.connect(self._activated)
            table.selectionModel().selectionChanged.connect(lambda *_a, n=name: self._selected(n))
            box_layout.addWidget(table)
            empty = QLabel(box)  # an empty list in one line (its table kept a table's height)
            empty.setEnabled(False)  # greyed, as "nothing here" reads
            box_layout.addWidget(empty)
            layout.addWidget(box, 1)
            self.boxes[name], self.tables[name], self.models[name] = box, table, model
            self._empty[name] = empty
        self.show_data(DayGlanceData([], [], [], []), date.today(), 14)

    def show_data(self, data: DayGlanceData, today: date, to_book_days: int) -> None:
        titles = {
            "booked_today": self.tr("Booked today, {day}, in time order").format(
                day=f"{weekday_name(today)} {today.isoformat()}"),
            "behind": self.tr("Carried over: late (date passed, window open) and overdue (window closed, "
                              "nothing recorded)"),
            "to_book": self.tr("To book: window open or opening within %n days, no appointment yet", "",
                               to_book_days),
            "closing_soon": self.tr("Closing soon: window closes within %n days, nothing recorded", "",
                                    CLOSING_DAYS),
        }
        for n, name in enumerate(SECTIONS):
            rows: list[WorklistItem] = getattr(data, name)
            self.models[name].set_rows(rows)
            self.boxes[name].setTitle(f"{titles[name]} ({len(rows)})")
            # room by content: a short list does not take the height a long one needs; an empty one
            # is a line saying so
            self.tables[name].setVisible(bool(rows))
            self._empty[name].setVisible(not rows)
            self._empty[name].setText(self.tr("None.") if not rows else "")
            self._sections_layout.setStretch(n, min(len(rows), MAX_STRETCH))
            shown = len(rows) if len(rows) <= WHOLE_LIST_ROWS else LONG_LIST_ROWS
            self.tables[name].setMinimumHeight(_rows_height(self.tables[name], shown))
        if self.current_item() is None:  # the visit buttons act on a row: select the first one shown
            first = next((name for name in SECTIONS if self.models[name].rowCount()), None)
            if first is not None:
                self.tables[first].selectRow(0)

    def _selected(self, name: str) -> None:
        if self.tables[name].selectionModel().hasSelection():
            self._current = name
            for other, table in self.tables.items():
                if other != name:
                    table.selectionModel().blockSignals(True)
                    table.clearSelection()
                    table.selectionModel().blockSignals(False)
        self.selection_changed.emit()

    def current_item(self) -> WorklistItem | None:
        table = self.tables[self._current]
        rows = table.selectionModel().selectedRows()
        return self.models[self._current].data(rows[0], Role.RECORD) if rows else None

    def all_items(self) -> list[WorklistItem]:
        """Every visit listed, each once (batch worksheets and exports of the day)."""
        seen: dict[tuple[str, str, int], WorklistItem] = {}
        for name in SECTIONS:
            for item in self.models[name].rows():
                seen.setdefault(_who(item), item)
        return list(seen.values())

    def _activated(self, index: QModelIndex) -> None:
        item = index.model().data(index, Role.RECORD)
        if item is not None:
            self.visit_activated.emit(item)
