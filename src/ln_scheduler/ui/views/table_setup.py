"""How every table of the app behaves: row selection, sensible widths, and column widths and
order remembered between sessions."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from ..settings import AppSettings


def setup_table(table: QTableView, *, stretch_column: int | None = None) -> None:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionsMovable(True)
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch_column is not None:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda pos: _column_menu(table, pos))


def _column_menu(table: QTableView, pos: QPoint) -> None:
    """Right-click on a table header: show or hide columns (remembered with the header state)."""
    header = table.horizontalHeader()
    model = table.model()
    menu = QMenu(table)
    for column in range(header.count()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        action = QAction(title, menu)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))
        visible = header.count() - header.hiddenSectionCount()
        action.setEnabled(header.isSectionHidden(column) or visible > 1)
        action.toggled.connect(lambda on, c=column: header.setSectionHidden(c, not on))
        menu.addAction(action)
    menu.exec(header.mapToGlobal(pos))


def size_columns(table: QTableView) -> None:
    """Initial widths from the model's sample texts (a saved header state replaces them)."""
    model = table.model()
    source = getattr(model, "sourceModel", lambda: model)() or model
    samples: tuple[str, ...] = getattr(source, "SAMPLES", ())
    icons: tuple[int, ...] = getattr(source, "ICON_COLUMNS", ())
    bold = QFont(table.font())
    bold.setBold(True)  # rows can be bold (the current window): size for that
    metrics = QFontMetrics(bold)
    header = table.horizontalHeader()
    for column, sample in enumerate(samples):
        if header.sectionResizeMode(column) != QHeaderView.ResizeMode.Interactive or not sample:
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        width = max(metrics.horizontalAdvance(sample) + 18, metrics.horizontalAdvance(title) + 26)
        header.resizeSection(column, width + (22 if column in icons else 0))


def restore_header(settings: AppSettings, name: str, table: QTableView,
                   hidden_by_default: tuple[int, ...] = ()) -> None:
    state = settings.restore_state(f"{name}/header")
    if state is not None and table.horizontalHeader().restoreState(state):
        return
    size_columns(table)
    for column in hidden_by_default:
        table.setColumnHidden(column, True)


def save_header(settings: AppSettings, name: str, table: QTableView) -> None:
    settings.save_state(f"{name}/header", table.horizontalHeader().saveState())
