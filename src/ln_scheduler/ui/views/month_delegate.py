"""Paints one day of the month calendar: the date, closed days greyed with the reason, the
highlighted visit window shaded, and one line per visit (booked ✓ or only proposed ?, participant,
visit, status in words, with a colour mark), "+N more" when the cell is full."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ...domain.site_calendar import WEEKDAY_NAMES
from ...domain.visit_status import VisitStatus
from ...services.records import WorklistItem
from .. import status_style
from ..formatting import BOOKED_MARK, DOSE_MARK, PROPOSED_MARK
from ..models.month_model import DayCell
from ..models.roles import Role
from ..translate_noop import QT_TRANSLATE_NOOP
from .interface_dates import short_month, weekday_name

PADDING = 4
MARK_WIDTH = 4
LEFT_CENTRED = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT_CENTRED = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

#: The word shown after each visit; empty for the ordinary state of a visit in the future.
#: English here, translated at use (``status_word``).
STATUS_WORDS = {
    VisitStatus.UPCOMING: "",
    VisitStatus.DUE: QT_TRANSLATE_NOOP("MonthDayDelegate", "due"),
    VisitStatus.LATE: QT_TRANSLATE_NOOP("MonthDayDelegate", "late"),
    VisitStatus.OVERDUE: QT_TRANSLATE_NOOP("MonthDayDelegate", "overdue"),
    VisitStatus.DONE: QT_TRANSLATE_NOOP("MonthDayDelegate", "done"),
    VisitStatus.DONE_OUT_OF_WINDOW: QT_TRANSLATE_NOOP("MonthDayDelegate", "done out of window"),
    VisitStatus.MISSED: QT_TRANSLATE_NOOP("MonthDayDelegate", "missed"),
    VisitStatus.CANCELLED: QT_TRANSLATE_NOOP("MonthDayDelegate", "cancelled"),
}


def status_word(status: VisitStatus) -> str:
    """The word after a visit of ``status`` in the window's language ("" for an upcoming one)."""
    word = STATUS_WORDS[status]
    return QCoreApplication.translate("MonthDayDelegate", word) if word else ""


def booking_mark(item: WorklistItem) -> str:
    """``✓`` for an open visit the site booked, ``?`` for one whose date is only proposed, nothing
    once the visit is done, missed or cancelled (its status word says what happened)."""
    v = item.visit
    if not v.status.is_open or v.scheduled is None:
        return ""
    return BOOKED_MARK if v.booked else PROPOSED_MARK


def visit_lines(item: WorklistItem, *, site_part: bool = True) -> list[str]:
    """``✓ 104-006 D3 due 13:00`` (booked or proposed, who and what, the time last), then shorter forms for a
    narrow cell, each keeping the status word: without the time (the day's list beside the grid
    has it), then without the site part of the participant ID (``006 D3 due``: every
    participant of a site shares it). ``site_part=False``: only forms without it (a cell where one
    line needs that form shows all its lines so, rather than mixing ``104-007`` and ``005``)."""
    v = item.visit
    word = status_word(v.status)
    site, dash, number = item.participant_id.partition("-")
    short_id = number if dash and site and number else item.participant_id

    mark = booking_mark(item)

    def forms(pid: str) -> list[str]:
        code = f"{v.code}{DOSE_MARK}" if v.dose_number is not None else v.code  # a dose day, at a glance
        line = (f"{mark} " if mark else "") + f"{pid} {code}" + (f" {word}" if word else "")
        return ([f"{line} {v.scheduled_time:%H:%M}"] if v.scheduled_time else []) + [line]

    if not site_part:
        return forms(short_id)
    lines = forms(item.participant_id)
    if short_id != item.participant_id:
        lines += forms(short_id)[-1:]
    return lines


def fitting_line(item: WorklistItem, metrics: QFontMetrics, width: int, *, site_part: bool = True) -> str:
    """The longest form of the visit's line that fits ``width``; the shortest elided if none does."""
    lines = visit_lines(item, site_part=site_part)
    for line in lines:
        if metrics.horizontalAdvance(line) <= width:
            return line
    return metrics.elidedText(lines[-1], Qt.TextElideMode.ElideRight, width)


def visit_count_text(words: str, count: int, metrics: QFontMetrics, room: int) -> str:
    """A day's number of visits for its header: ``words`` ("4 visits"), or "4" alone where they do
    not fit (at 1024 px the header read "4 vi…", and beside "10 today" only "…")."""
    return words if metrics.horizontalAdvance(words) <= room else str(count)


def closed_day_text(named: str, word: str, metrics: QFontMetrics, room: int) -> str:
    """A closed day's header: ``named`` ("closed: New Year's Day") where it fits, else ``word``
    ("closed"), else nothing: the day's grey says it, and its tooltip names it (the header read
    "6 today c…" at 1024 px: a walk)."""
    for text in (named, word):
        if text and metrics.horizontalAdvance(text) <= room:
            return text
    return ""


class MonthDayDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The line chosen for a visit at a cell width: a repaint (hover, selection, a refresh)
        # draws the same lines again without measuring them again.
        self._lines: dict[tuple[str, str, int, VisitStatus, object, bool, int, int, bool], str] = {}

    def _line(self, item: WorklistItem, metrics: QFontMetrics, width: int, site_part: bool = True) -> str:
        v = item.visit
        key = (item.participant_id, v.code, v.occurrence, v.status, v.scheduled_time, v.booked, width,
               metrics.height(), site_part)
        line = self._lines.get(key)
        if line is None:
            if len(self._lines) > 5000:
                self._lines.clear()
            line = self._lines[key] = fitting_line(item, metrics, width, site_part=site_part)
        return line

    def cell_lines(self, items: Sequence[WorklistItem], metrics: QFontMetrics, width: int) -> list[str]:
        """The lines of one day: full participant IDs where they all fit, else none of them (a
        cell reading ``104-007 D10`` above ``005 D1`` looks like two different sites)."""
        lines = [self._line(item, metrics, width) for item in items]
        if all(item.participant_id in line for line, item in zip(lines, items, strict=True)):
            return lines
        return [self._line(item, metrics, width, site_part=False) for item in items]

    def header_height(self, metrics: QFontMetrics) -> int:
        return metrics.height() + PADDING * 2

    def line_height(self, metrics: QFontMetrics) -> int:
        return metrics.height() + 2

    def visible_lines(self, rect: QRect, metrics: QFontMetrics, count: int) -> tuple[int, bool]:
        """How many visit lines fit, and whether a "+N more" line is needed."""
        room = max(0, (rect.height() - self.header_height(metrics) - PADDING) // self.line_height(metrics))
        if count <= room:
            return count, False
        return max(0, room - 1), True

    def line_at(self, rect: QRect, pos: QPoint, metrics: QFontMetrics, count: int) -> int | None:
        """Index of the visit under ``pos`` (a click), or None (the date, empty space, "+N more")."""
        shown, _more = self.visible_lines(rect, metrics, count)
        y = pos.y() - rect.top() - self.header_height(metrics)
        if y < 0:
            return None
        line = y // self.line_height(metrics)
        return line if line < shown else None

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        metrics = option.fontMetrics
        sample = f"? 000-000 M24 · {status_word(VisitStatus.OVERDUE)}"  # a width, never shown
        return QSize(metrics.horizontalAdvance(sample) + 2 * PADDING,
                     self.header_height(metrics) + 3 * self.line_height(metrics))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        rect: QRect = option.rect
        palette: QPalette = option.palette
        cell: DayCell = index.data(Role.CELL)
        d, closed, in_month, visits = cell.day, cell.closed_reason, cell.in_month, cell.visits
        selected = bool(option.state & QStyle.StateFlag.State_Selected)

        if cell.shaded:
            background = status_style.window_shade()
        elif closed:
            background = status_style.closed_day_tint()
        else:
            background = palette.color(QPalette.ColorRole.Base)
        painter.fillRect(rect, background)

        text_color = palette.color(QPalette.ColorRole.Text if in_month else QPalette.ColorRole.PlaceholderText)
        metrics = option.fontMetrics
        font = QFont(option.font)
        is_today = cell.is_today
        font.setBold(is_today)
        painter.setFont(font)
        painter.setPen(text_color)
        header = QRect(rect.left() + PADDING, rect.top() + PADDING, rect.width() - 2 * PADDING, metrics.height())
        day_text = f"{d.day}"
        if d.day == 1:
            day_text = self.tr("{month} {day}", "a month's first day in the grid: Feb 1").format(
                month=short_month(d), day=d.day)
        if is_today:
            day_text += "  " + self.tr("today")
        painter.drawText(header, LEFT_CENTRED, day_text)
        font.setBold(False)
        painter.setFont(font)
        room = header.width() - metrics.horizontalAdvance(day_text) - 8
        right = ""
        if closed:  # the holiday's name when it fits, else just "closed" (the tooltip names it), never cut
            named = self.tr("closed: {reason}").format(reason=closed)
            # a weekend says only "closed" (its reason is the weekday's name, in English or translated)
            weekend = d.weekday() >= 5 and closed in (WEEKDAY_NAMES[d.weekday()], weekday_name(d))
            right = closed_day_text("" if weekend else named, self.tr("closed"), metrics, room)
        elif visits:
            words = self.tr("1 visit") if len(visits) == 1 else self.tr("%n visits", "", len(visits))
            right = visit_count_text(words, len(visits), metrics, room)
        if right:  # a count alone is drawn whole, even over a long "today"
            shown_right = right if right.isdigit() else metrics.elidedText(right, Qt.TextElideMode.ElideRight, room)
            painter.drawText(header, RIGHT_CENTRED, shown_right)

        shown, more = self.visible_lines(rect, metrics, len(visits))
        y = rect.top() + self.header_height(metrics)
        line_h = self.line_height(metrics)
        texts = self.cell_lines(visits[:shown], metrics, rect.width() - 2 * PADDING - MARK_WIDTH - 3)
        # Each visit's line: as few calls into Qt as will do (a month repaints ~150 lines, and
        # while a refresh reads in a worker every call shares the interpreter with it).
        if shown:
            painter.setPen(palette.color(QPalette.ColorRole.Text))  # fillRect leaves the pen alone
        left, width = rect.left() + PADDING, rect.width() - 2 * PADDING
        text_left, text_width = left + MARK_WIDTH + 3, width - MARK_WIDTH - 3
        for item, text in zip(visits[:shown], texts, strict=True):
            status = item.visit.status
            painter.fillRect(left, y, width, line_h - 1, status_style.visit_tint(status))
            painter.fillRect(left, y, MARK_WIDTH, line_h - 1, status_style.visit_mark(status))
            painter.drawText(text_left, y, text_width, line_h - 1, LEFT_CENTRED, text)
            y += line_h
        if more:
            painter.setPen(text_color)
            painter.drawText(QRect(left, y, width, line_h), LEFT_CENTRED, self.tr("+%n more…", "", len(visits) - shown))

        grid = palette.color(QPalette.ColorRole.Mid)
        painter.setPen(QPen(grid, 1))
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if is_today:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 2))
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        if selected:
            pen = QPen(palette.color(QPalette.ColorRole.Highlight), 3)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(2, 2, -3, -3))
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine))
            painter.drawRect(rect.adjusted(4, 4, -5, -5))
        painter.restore()
