"""How every table of the app behaves: row selection, columns fitted to their content with the
last one stretched (``column_fit``), and column widths, order and visibility remembered between
sessions."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from ..settings import AppSettings
from .column_fit import ColumnFitter, fitter_of

#: Part of the settings keys of saved headers: raise it when the column layout changes in a way
#: an old saved state would spoil (version 2: widths fitted to content, last column stretched).
HEADER_STATE_VERSION = 2


def setup_table(table: QTableView) -> ColumnFitter:
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setSectionsMovable(True)
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda pos: _column_menu(table, pos))
    fitter = ColumnFitter(table)
    fitter.refit()
    return fitter


def _column_menu(table: QTableView, pos: QPoint) -> None:
    """Right-click on a table header: show or hide columns (remembered with the header state)."""
    header = table.horizontalHeader()
    model = table.model()
    menu = QMenu(table)

    def toggle(column: int, on: bool) -> None:
        header.setSectionHidden(column, not on)
        fitter = fitter_of(table)
        if fitter is not None:
            fitter.distribute()

    for column in range(header.count()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        action = QAction(title, menu)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))
        visible = header.count() - header.hiddenSectionCount()
        action.setEnabled(header.isSectionHidden(column) or visible > 1)
        action.toggled.connect(lambda on, c=column: toggle(c, on))
        menu.addAction(action)
    menu.exec(header.mapToGlobal(pos))


def _keys(name: str) -> tuple[str, str]:
    return f"{name}/header.v{HEADER_STATE_VERSION}", f"{name}/user_sized.v{HEADER_STATE_VERSION}"


def restore_header(settings: AppSettings, name: str, table: QTableView,
                   hidden_by_default: tuple[int, ...] = ()) -> None:
    """The saved order, visibility and hand-set widths; every other column is fitted."""
    header_key, sized_key = _keys(name)
    header = table.horizontalHeader()
    fitter = fitter_of(table)
    state = settings.restore_state(header_key)
    if state is not None and fitter is not None:
        with fitter.paused():
            restored = header.restoreState(state)
    else:
        restored = state is not None and header.restoreState(state)
    if restored:
        header.setStretchLastSection(False)  # the fitter stretches the last column itself
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        sized = settings.restore_state(sized_key)
        if fitter is not None and sized is not None:
            text = bytes(sized.data()).decode("ascii", "replace")
            fitter.set_user_sized(int(c) for c in text.split(",") if c.strip().isdigit())
    else:
        for column in hidden_by_default:
            table.setColumnHidden(column, True)
    if fitter is not None:
        fitter.refit()


def save_header(settings: AppSettings, name: str, table: QTableView) -> None:
    header_key, sized_key = _keys(name)
    settings.save_state(header_key, table.horizontalHeader().saveState())
    fitter = fitter_of(table)
    sized = ",".join(str(c) for c in sorted(fitter.user_sized)) if fitter is not None else ""
    settings.save_state(sized_key, QByteArray((sized or "-").encode("ascii")))
