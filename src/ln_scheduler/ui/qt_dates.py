"""The one date field of the application, and Python dates in and out of Qt.

Every date a person enters goes through :class:`DateField` (the forms promote their date fields
to it). Qt's ``QDateEdit`` edits section by section and "fixes" what it cannot read: the typo
2026-02-30 became 2026-02-03, 20261209 became 2026-02-02, and the wrong date was saved without a
word. A DateField accepts only what :func:`~ln_scheduler.domain.dates.parse_typed_date` reads as
a real date (ISO ``YYYY-MM-DD``, the site's format everywhere in the app, plus the shorthand it
documents: ``20261209``, ``t``/``today``, ``+7``/``-7``); anything else is shown as a problem (red
frame, tooltip, and the dialog's message line) and :class:`~.dialogs.base.ServiceDialog` keeps
Save disabled until it is fixed. When the field loses focus it shows the date it understood, with
its weekday, so a shorthand is never saved unseen. The calendar button (or Alt+Down / F4) picks a
date; Up/Down step a day."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from ..domain.dates import EARLIEST_SENSIBLE, LATEST_SENSIBLE, TYPED_DATE_HELP, days_far_past, parse_typed_date
from ..domain.errors import DomainError
from ..i18n import _
from .formatting import day_text

# ``date`` under another name for DateField's annotations, where its method ``date()`` (QDateEdit's
# API) hides the type.
Date = date


INVALID_STYLE = "QLineEdit { border: 2px solid #d93636; border-radius: 3px; }"


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def far_past_question(what: str, d: date, today: date, days: int) -> str | None:
    """The confirmation to ask when ``d`` is more than ``days`` days before ``today``, else None."""
    ago = days_far_past(d, today, days)
    if ago is None:
        return None
    return QCoreApplication.translate(
        "DateField", "The {what} {date} is {ago} days ago (more than {days}). Is that the date you mean?").format(
        what=what, date=day_text(d), ago=ago, days=days)


def _calendar_icon() -> QIcon:
    """A small drawn calendar (no icon theme is guaranteed on the sites' Linux and Windows PCs)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#555555"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(2, 3, 12, 3, QColor("#d93636"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.fillRect(x, y, 2, 2, QColor("#555555"))
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """A line edit for one date (see the module docstring). ``date()``/``setDate()`` and the
    ``dateChanged`` signal work like QDateEdit's, so code written for one reads the other;
    ``dateChanged`` fires only for a real date, ``validityChanged`` whenever the typed text turns
    readable or unreadable, and ``problem()`` says what is wrong with it."""

    dateChanged = Signal(QDate)
    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = EARLIEST_SENSIBLE
        self._today = EARLIEST_SENSIBLE
        self._problem: str | None = None
        self._calendar: QCalendarWidget | None = None
        self.setToolTip(self._typing_help())
        self.setPlaceholderText(self.tr("YYYY-MM-DD"))
        pick = self.addAction(_calendar_icon(), QLineEdit.ActionPosition.TrailingPosition)
        pick.setToolTip(self.tr("Pick the date on a calendar (Alt+Down)"))
        pick.triggered.connect(self.show_calendar)
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._show_understood)
        # as wide as a date with its weekday and the calendar button, like the QDateEdit it replaces
        # (a line edit would stretch across a toolbar)
        self.setFixedWidth(self.fontMetrics().horizontalAdvance("2027-01-26 Wed.") + 48)

    # --- QDateEdit's API, as the dialogs use it -------------------------------------------------
    def date(self) -> QDate:
        """The last real date entered (while ``problem()`` is set, Save is disabled anyway)."""
        return to_qdate(self._date)

    def setDate(self, value: QDate | Date) -> None:
        d = from_qdate(value) if isinstance(value, QDate) else value
        self.setText(day_text(d))
        self._accept(d)

    def set_today(self, today: Date) -> None:
        """The site's today, for ``t`` and ``+7`` (the clock is injected, never read here)."""
        self._today = today

    # --- what the user typed --------------------------------------------------------------------
    def problem(self) -> str | None:
        """What is wrong with the typed text (None: it is a date); a disabled field has none."""
        return self._problem if self.isEnabled() else None

    def value(self) -> Date:
        return self._date

    def _typed(self, text: str) -> None:
        try:
            d = parse_typed_date(text, self._today)
        except DomainError as exc:
            self._set_problem(str(exc))
            return
        self._accept(d)

    def _accept(self, d: Date) -> None:
        changed = d != self._date
        self._date = d
        self._set_problem(None)
        if changed:
            self.dateChanged.emit(to_qdate(d))

    def _typing_help(self) -> str:
        """What may be typed (the domain's help, in the interface language) and how to pick a date."""
        return self.tr("Type {help}. Alt+Down or the calendar button picks a date.").format(help=_(TYPED_DATE_HELP))

    def _set_problem(self, problem: str | None) -> None:
        was = self._problem
        self._problem = problem
        self.setStyleSheet(INVALID_STYLE if problem else "")
        self.setToolTip(problem or self._typing_help())
        if (was is None) != (problem is None) or (problem and problem != was):
            self.validityChanged.emit(problem is None)

    def _show_understood(self) -> None:
        """On leaving the field: the date understood, in full (``+7`` → ``2027-02-17 Wed``)."""
        if self._problem is None and self.text() != day_text(self._date):
            self.setText(day_text(self._date))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange and self._problem is not None:
            self.validityChanged.emit(self.problem() is None)  # a disabled field blocks nothing

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods and self._problem is None:
            self.setDate(self._date + timedelta(days=1 if key == Qt.Key.Key_Up else -1))
            return
        super().keyPressEvent(event)

    # --- the calendar ---------------------------------------------------------------------------
    def show_calendar(self) -> QCalendarWidget:
        if self._calendar is None:
            calendar = QCalendarWidget(self)
            calendar.setWindowFlags(Qt.WindowType.Popup)
            calendar.setDateRange(to_qdate(EARLIEST_SENSIBLE), to_qdate(LATEST_SENSIBLE))
            calendar.setGridVisible(True)
            calendar.clicked.connect(self._picked)
            calendar.activated.connect(self._picked)
            self._calendar = calendar
        self._calendar.setSelectedDate(to_qdate(self._date))
        self._calendar.adjustSize()
        self._calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self._calendar.show()
        self._calendar.setFocus()
        return self._calendar

    def _picked(self, picked: QDate) -> None:
        assert self._calendar is not None
        self._calendar.hide()
        self.setDate(picked)
        self.setFocus()


def setup_date_edit(edit: DateField, value: date, today: date) -> None:
    """The initial date and the site's today (for ``t`` and ``+N``)."""
    edit.set_today(today)
    edit.setDate(value)


def edit_date(edit: DateField) -> date:
    return edit.value()
