"""Rows of buttons that wrap onto a second line rather than make the window wider than the screen.

Why: the worklist's row of visit and printing buttons (973 px in English, more in Spanish) and the
participant view's two rows of actions set the main window's minimum width, which on a 1024 x 768
screen put its right edge, close button and "Withdraw…" off the screen. A button row laid out in a
:class:`FlowLayout` is as narrow as its widest button and as tall as its buttons need at the width it
gets (Qt's "Flow Layout" example, without the vertical spacing quirks).

:func:`wrap_row` swaps a Designer ``QHBoxLayout`` for one in place, so the ``.ui`` forms stay plain.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QBoxLayout, QLayout, QLayoutItem, QStyle, QWidget


class FlowLayout(QLayout):
    """Items left to right, wrapping to the next line when the width runs out."""

    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing

    # --- QLayout --------------------------------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """All on one line, as the row was."""
        width = sum(i.sizeHint().width() for i in self._visible()) + self._gap() * max(0, len(self._visible()) - 1)
        height = max((i.sizeHint().height() for i in self._visible()), default=0)
        return QSize(width, height) + self._margin_size()

    def minimumSize(self) -> QSize:
        """The widest item: the row never asks for more width than that."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        return size + self._margin_size()

    # --- layout ---------------------------------------------------------------------------
    def _visible(self) -> list[QLayoutItem]:
        return [i for i in self._items if (w := i.widget()) is None or not w.isHidden()]

    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        return max(0, parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing))

    def _margin_size(self) -> QSize:
        m: QMargins = self.contentsMargins()
        return QSize(m.left() + m.right(), m.top() + m.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items (``move``) or only measure; returns the height they take. Items are
        centred on their line's height, as in a row (a label beside taller buttons)."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self._gap()
        lines: list[list[QLayoutItem]] = [[]]
        x = area.x()
        for item in self._visible():
            width = item.sizeHint().width()
            if lines[-1] and x + width > area.right() + 1:  # wrap, unless first on its line
                lines.append([])
                x = area.x()
            lines[-1].append(item)
            x += width + gap
        y = area.y()
        for line in (line for line in lines if line):
            height = max(i.sizeHint().height() for i in line)
            if move:
                x = area.x()
                for item in line:
                    hint = item.sizeHint()
                    item.setGeometry(QRect(QPoint(x, y + (height - hint.height()) // 2), hint))
                    x += hint.width() + gap
            y += height + gap
        return max(0, y - gap - rect.y()) + m.bottom() if any(lines) else m.top() + m.bottom()


def wrap_row(row: QBoxLayout) -> FlowLayout:
    """Put ``row``'s widgets, in order, into a :class:`FlowLayout` where ``row`` was (its spacers
    dropped: the flow packs to the left), and return it."""
    parent = row.parentWidget()
    owner = _owner_of(row, parent.layout() if parent is not None else None)
    flow = FlowLayout(spacing=row.spacing())
    flow.setContentsMargins(row.contentsMargins())
    widgets = [item.widget() for i in range(row.count()) if (item := row.itemAt(i)) is not None]
    for widget in widgets:
        if widget is not None:
            row.removeWidget(widget)
            flow.addWidget(widget)
    if owner is not None:
        index = owner.indexOf(row)
        owner.removeItem(row)
        owner.insertLayout(index, flow)
    row.deleteLater()
    return flow


def _owner_of(row: QLayout, top: QLayout | None) -> QBoxLayout | None:
    """The box layout that holds ``row`` (searched from the widget's top layout down)."""
    if top is None:
        return None
    for i in range(top.count()):
        child = top.itemAt(i)
        layout = child.layout() if child is not None else None
        if layout is row and isinstance(top, QBoxLayout):
            return top
        if layout is not None:
            found = _owner_of(row, layout)
            if found is not None:
                return found
    return None

