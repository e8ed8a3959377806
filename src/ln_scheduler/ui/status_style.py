"""Colours for visit and participant statuses, for the light and the dark scheme.

Colour is never the only cue: every view also shows the status text (``VisitStatus.label``). The
colours are tints behind the text, chosen per scheme so the palette's text colour stays readable.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPen, QPixmap

from ..domain.participant_status import ParticipantStatus
from ..domain.visit_status import VisitStatus

# (light scheme, dark scheme) background tints
_VISIT_TINTS: dict[VisitStatus, tuple[str, str]] = {
    VisitStatus.UPCOMING: ("#eef1f5", "#2b3038"),
    VisitStatus.DUE: ("#d6e8ff", "#1d3d66"),
    VisitStatus.LATE: ("#ffe7b3", "#5c4210"),
    VisitStatus.OVERDUE: ("#ffc9c9", "#6b1f1f"),
    VisitStatus.DONE: ("#d3f2d9", "#1f4d2a"),
    VisitStatus.DONE_OUT_OF_WINDOW: ("#e9f2c4", "#4a5218"),
    VisitStatus.MISSED: ("#f3d0e6", "#5a1f47"),
    VisitStatus.CANCELLED: ("#e4e4e4", "#3a3a3a"),
}

# strong colours for chips and markers (same in both schemes, chosen to read on either)
_VISIT_MARKS: dict[VisitStatus, str] = {
    VisitStatus.UPCOMING: "#8a94a6",
    VisitStatus.DUE: "#2f7ae5",
    VisitStatus.LATE: "#e09b00",
    VisitStatus.OVERDUE: "#d93636",
    VisitStatus.DONE: "#2e9e4f",
    VisitStatus.DONE_OUT_OF_WINDOW: "#8aa52a",
    VisitStatus.MISSED: "#b23a8f",
    VisitStatus.CANCELLED: "#8c8c8c",
}

_PARTICIPANT_MARKS: dict[ParticipantStatus, str] = {
    ParticipantStatus.SCREENING: "#8a94a6",
    ParticipantStatus.SCHEDULED: "#2f7ae5",
    ParticipantStatus.CONDITIONING: "#e09b00",
    ParticipantStatus.FOLLOW_UP: "#2e9e4f",
    ParticipantStatus.COMPLETED: "#4b5563",
    ParticipantStatus.WITHDRAWN: "#8c8c8c",
}

# the current-window highlight and the closed-day grey
_CURRENT_WINDOW = ("#fff4c2", "#4d4415")
_CLOSED_DAY = ("#e6e6e6", "#2a2a2a")
_WINDOW_SHADE = ("#cfe3ff", "#24405f")


_dark: bool | None = None


def invalidate() -> None:
    """Forget the cached scheme (the main window calls this when the system scheme changes)."""
    global _dark
    _dark = None
    _tint_cache.clear()


def is_dark() -> bool:
    """True when the system (or the user) chose a dark scheme. Cached: the delegates ask on
    every cell they paint; ``invalidate`` is called when the scheme or palette changes."""
    global _dark
    if _dark is None:
        _dark = _scheme_is_dark()
    return _dark


def _scheme_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        return True
    if scheme == Qt.ColorScheme.Light:
        return False
    # Unknown scheme (some platforms): judge by the palette's window colour.
    return QGuiApplication.palette().window().color().lightness() < 128


_tint_cache: dict[tuple[str, str], QColor] = {}


def _pick(pair: tuple[str, str]) -> QColor:
    color = _tint_cache.get(pair)
    if color is None:
        color = QColor(pair[1] if is_dark() else pair[0])
        _tint_cache[pair] = color
    return color


def visit_tint(status: VisitStatus) -> QColor:
    return _pick(_VISIT_TINTS[status])


def visit_mark(status: VisitStatus) -> QColor:
    return _pick((_VISIT_MARKS[status], _VISIT_MARKS[status]))


def participant_mark(status: ParticipantStatus) -> QColor:
    mark = _PARTICIPANT_MARKS[status]
    return _pick((mark, mark))


def current_window_tint() -> QColor:
    return _pick(_CURRENT_WINDOW)


def closed_day_tint() -> QColor:
    return _pick(_CLOSED_DAY)


def window_shade() -> QColor:
    return _pick(_WINDOW_SHADE)


_icon_cache: dict[str, QIcon] = {}


def swatch_icon(color: QColor, size: int = 12) -> QIcon:
    """A small round marker with a light ring, cached per colour (tables ask for it on every
    repaint). The ring keeps a blue "due" dot visible on a selected row's blue highlight."""
    key = f"{color.name()}:{size}"
    icon = _icon_cache.get(key)
    if icon is None:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(255, 255, 255, 235), 1.5))
        painter.setBrush(color)
        painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
        painter.end()
        icon = QIcon(pixmap)
        _icon_cache[key] = icon
    return icon
