"""Passing messages in the status bar, fitted to the room its permanent labels leave.

QStatusBar cuts a message that does not fit, mid-word and without a mark: at 1024 px "Opened
SQLite: /path for this session; to open it at every start, set [d" ended there. A message is now
shortened in its middle with "…" (its ends hold what matters: what happened, and the file's name),
and the whole text is the status bar's tooltip while it shows. It is fitted again whenever the bar
is laid out anew (a resize, a label that changes: "Up to date at 18:19" arrives just after the
"Opened …" message), for the rest of its time."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QStatusBar, QWidget

#: Pixels kept free beside the message (the bar's own margins and the rule before the first label).
MARGIN = 16
_FITTER = "fitted_status_message"


def message_room(bar: QStatusBar) -> int:
    """The width a passing message may take: the bar's, less its visible permanent widgets'."""
    layout = bar.layout()
    spacing = max(layout.spacing(), 0) if layout is not None else 0
    children = bar.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    taken = sum(w.width() + spacing for w in children if w.isVisible())
    return max(bar.width() - taken - MARGIN, 0)


class _Fitter(QObject):
    """The message shown in one status bar: its whole text, what is shown of it, until when."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.setObjectName(_FITTER)
        self.bar = bar
        self.text = ""
        self.shown = ""
        self.deadline: float | None = None  # time.monotonic() at which the message goes; None: stays
        bar.installEventFilter(self)

    def show(self, text: str, timeout_ms: int) -> None:
        self.text = text
        self.deadline = time.monotonic() + timeout_ms / 1000 if timeout_ms > 0 else None
        self.shown = self._fitted()
        self.bar.setToolTip(text if self.shown != text else "")
        self.bar.showMessage(self.shown, timeout_ms)

    def clear(self) -> None:
        self.text = self.shown = ""
        self.bar.clearMessage()
        self.bar.setToolTip("")

    def _fitted(self) -> str:
        return self.bar.fontMetrics().elidedText(self.text, Qt.TextElideMode.ElideMiddle, message_room(self.bar))

    def refit(self) -> None:
        """Fit the message again to the room the bar's new layout leaves, for the time it has left."""
        if not self.text or self.bar.currentMessage() != self.shown:
            if not self.bar.currentMessage():
                self.bar.setToolTip("")  # its time ran out, or another message replaced it
            return
        shown = self._fitted()
        if shown == self.shown:
            return
        left = 0 if self.deadline is None else int((self.deadline - time.monotonic()) * 1000)
        if self.deadline is not None and left <= 0:
            return
        self.shown = shown
        self.bar.setToolTip(self.text if shown != self.text else "")
        self.bar.showMessage(shown, left)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.text and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            QTimer.singleShot(0, self, self.refit)  # once the layout has given the labels their new widths
        return False


def show_fitted(bar: QStatusBar, text: str, timeout_ms: int = 0) -> None:
    """Show ``text`` (clear the message when empty), shortened in the middle to fit; the whole text
    is the tooltip while a shortened message shows."""
    fitter = bar.findChild(_Fitter, _FITTER) or _Fitter(bar)
    if text:
        fitter.show(text, timeout_ms)
    else:
        fitter.clear()
