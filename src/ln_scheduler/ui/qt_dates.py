"""The one date field of the application, and Python dates in and out of Qt.

Every date a person enters goes through :class:`DateField` (the forms promote their date fields
to it). Qt's ``QDateEdit`` edits section by section and "fixes" what it cannot read: the typo
2026-02-30 became 2026-02-03, 20261209 became 2026-02-02, and the wrong date was saved without a
word. A DateField accepts only what :func:`~ln_scheduler.domain.dates.parse_typed_date` reads as
a real date (ISO ``YYYY-MM-DD``, the site's format everywhere in the app, plus the shorthand it
documents: ``20261209``, ``t``/``today``, ``+7``/``-7``); anything else is shown as a problem (red
frame, tooltip, and the dialog's message line) and :class:`~.dialogs.base.ServiceDialog` keeps
Save disabled until it is fixed. When the field loses focus it shows the date it understood,
with its weekday, so a shorthand is never saved unseen. The calendar button (or Alt+Down / F4)
picks a date; Up/Down step a day.

While the person is still typing, only the field's own frame speaks: on the way to 2027-02-12 the
text is no date at all, then February 1st (``2027-02-1``), and the dialog's message, hint and
preview answering each key grew the dialog under the typist's hand. The field tells the dialog
(``validityChanged``, ``dateChanged``) at once for a date typed in full (every digit: one that does
not exist, 2026-02-30, is refused at once), otherwise once typing pauses (:data:`PAUSE_MS`), on
Enter, or on leaving the field; a save settles it first."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from ..domain.dates import (
    EARLIEST_SENSIBLE,
    LATEST_SENSIBLE,
    TYPED_DATE_HELP,
    days_far_past,
    parse_typed_date,
    typed_in_full,
)
from ..domain.errors import DomainError
from ..i18n import _
from .formatting import day_text

# ``date`` under another name for DateField's annotations, where its method ``date()`` (QDateEdit's
# API) hides the type.
Date = date


INVALID_STYLE = "QLineEdit { border: 2px solid #d93636; border-radius: 3px; }"

# How long typing pauses before a text that is not a date is announced (``validityChanged``): a
# date typed at any ordinary pace is whole before then.
PAUSE_MS = 1000


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
    ``dateChanged`` fires only for a real date, ``validityChanged`` whenever the text turns readable
    or unreadable, both when that is to be said: at once for a date typed in full or set, else
    once typing pauses, on Enter or on leaving the field. ``problem()`` says what is wrong with the
    text now (a save asks :meth:`settle` first)."""

    dateChanged = Signal(QDate)
    validityChanged = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._date = EARLIEST_SENSIBLE
        self._today = EARLIEST_SENSIBLE
        self._problem: str | None = None
        self._said: tuple[str | None, Date] = (None, EARLIEST_SENSIBLE)  # (problem, date) last signalled
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(PAUSE_MS)
        self._pause.timeout.connect(self._announce)
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
        # and as tall with the red frame as without: styled, a line edit is 2 px shorter, and what
        # was below it moved at the first key of a date typed over another (a walk)
        self.setFixedHeight(self.sizeHint().height())

    # --- QDateEdit's API, as the dialogs use it -------------------------------------------------
    def date(self) -> QDate:
        """The last real date entered (while ``problem()`` is set, Save is disabled anyway)."""
        return to_qdate(self._date)

    def setDate(self, value: QDate | Date) -> None:
        d = from_qdate(value) if isinstance(value, QDate) else value
        self.setText(day_text(d))
        self._understood(d, None, typing=False)

    def set_today(self, today: Date) -> None:
        """The site's today, for ``t`` and ``+7`` (the clock is injected, never read here)."""
        self._today = today

    # --- what the user typed --------------------------------------------------------------------
    def problem(self) -> str | None:
        """What is wrong with the typed text now (None: it is a date); a disabled field has none."""
        return self._problem if self.isEnabled() else None

    def value(self) -> Date:
        """The last real date entered, as typed so far (said or not yet)."""
        return self._date

    def settle(self) -> None:
        """Say now what the field holds, without waiting for the typing to pause (before a save)."""
        if self._pause.isActive():
            self._announce()

    def _typed(self, text: str) -> None:
        try:
            d = parse_typed_date(text, self._today)
        except DomainError as exc:  # 2026-02-30, typed in full, is said at once; 2026-02-3 may go on
            self._understood(self._date, str(exc), typing=not typed_in_full(text))
            return
        self._understood(d, None, typing=not typed_in_full(text))

    def _understood(self, d: Date, problem: str | None, *, typing: bool) -> None:
        """The text now reads as ``d`` or not at all (``problem``). The frame follows at once; the
        signals now, or once typing pauses (``typing``)."""
        self._date, self._problem = d, problem
        self.setStyleSheet(INVALID_STYLE if problem else "")
        self.setToolTip(problem or self._typing_help())
        if typing and self.hasFocus():
            self._pause.start()  # (again): said when the typing pauses
        else:
            self._announce()

    def _announce(self) -> None:
        """Say what changed since it was last said: ``validityChanged``, then ``dateChanged``. A real
        date after a text that was none is a change even when it is the same date: what the dialog
        showed for that text (a refusal, Save off) is worked out again."""
        self._pause.stop()
        said_problem, said_date = self._said
        self._said = (self._problem, self._date)
        if (said_problem is None) != (self._problem is None) or (self._problem and self._problem != said_problem):
            self.validityChanged.emit(self._problem is None)
        if self._problem is None and (self._date != said_date or said_problem is not None):
            self.dateChanged.emit(to_qdate(self._date))

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.settle()  # leaving the field: said now
        super().focusOutEvent(event)

    def _typing_help(self) -> str:
        """What may be typed (the domain's help, in the interface language) and how to pick a date."""
        return self.tr("Type {help}. Alt+Down or the calendar button picks a date.").format(help=_(TYPED_DATE_HELP))

    def _show_understood(self) -> None:
        """On leaving the field: the date understood, in full (``+7`` → ``2027-02-17 Wed``)."""
        if self._problem is None and self.text() != day_text(self._date):
            self.setText(day_text(self._date))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange and self._problem is not None:
            self._pause.stop()
            self.validityChanged.emit(self.problem() is None)  # a disabled field blocks nothing

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
            return
        if mods & Qt.KeyboardModifier.AltModifier and event.text().strip():
            event.ignore()  # Alt+letter is a shortcut, never typing: it put "b" into "2027-01-02b"
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods and self._problem is None:
            self.settle()
            self.setDate(self._date + timedelta(days=1 if key == Qt.Key.Key_Up else -1))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.settle()  # Enter: what the dialog says and saves is what the field holds
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
