"""Long work (batches of worksheets, exports, loading the demo site, opening the database) off the
UI thread, with progress, so the window never freezes.

A task is a plain function ``fn(progress) -> result``; ``progress(done, total, text)`` may be
called from the worker thread; results and errors come back on the UI thread through signals.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from .give_way import new_task

Progress = Callable[[int, int, str], None]
TaskFn = Callable[[Progress], Any]


class TaskSignals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object, str)  # the exception, its formatted traceback (for the log)


class _Runnable(QRunnable):
    def __init__(self, fn: TaskFn, signals: TaskSignals) -> None:
        super().__init__()
        self._fn = fn
        self.signals = signals
        self.cancelled = False
        self.setAutoDelete(True)

    def run(self) -> None:
        def progress(done: int, total: int, text: str = "") -> None:
            if self.cancelled:
                raise TaskCancelled()
            self.signals.progressed.emit(done, total, text)

        new_task()  # this pool's threads are reused: the task's waits for the user start afresh
        try:
            result = self._fn(progress)
        except TaskCancelled:
            self.signals.failed.emit(TaskCancelled(), "")
        except BaseException as exc:  # handed to the UI thread, never lost
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.finished.emit(result)


class TaskCancelled(Exception):
    """The user pressed Cancel on the progress dialog."""


class Task(QObject):
    """One background job; keep a reference until ``done`` fires (the runner does)."""

    done = Signal(object)  # result
    error = Signal(object, str)  # exception, traceback text

    def __init__(self, fn: TaskFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = TaskSignals()
        self._runnable = _Runnable(fn, self._signals)
        self._signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self._signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.progressed = self._signals.progressed
        self.running = False

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        (pool or QThreadPool.globalInstance()).start(self._runnable)

    def cancel(self) -> None:
        self._runnable.cancelled = True

    def _on_finished(self, result: object) -> None:
        self.running = False
        self.done.emit(result)

    def _on_failed(self, exc: object, trace: str) -> None:
        self.running = False
        self.error.emit(exc, trace)


class TaskRunner(QObject):
    """Starts tasks with an optional progress dialog and keeps them alive until they end."""

    def __init__(self, parent_widget: QWidget | None = None) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._tasks: set[Task] = set()

    @property
    def busy(self) -> bool:
        return any(t.running for t in self._tasks)

    def run(self, fn: TaskFn, *, on_done: Callable[[Any], None],
            on_error: Callable[[BaseException, str], None], title: str | None = None) -> Task:
        """Run ``fn`` in the thread pool. With ``title``, a progress dialog (cancellable) shows
        after half a second, so quick tasks do not flash a window."""
        task = Task(fn, self)
        self._tasks.add(task)
        dialog: QProgressDialog | None = None
        if title:
            dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, self._parent_widget)
            dialog.setWindowTitle(title)
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(500)
            dialog.setAutoClose(False)
            dialog.setAutoReset(False)
            dialog.canceled.connect(task.cancel)

            def show_progress(done: int, total: int, text: str) -> None:
                dialog.setMaximum(max(total, 0))
                dialog.setValue(min(done, total) if total else 0)
                if text:
                    dialog.setLabelText(text)

            task.progressed.connect(show_progress)

        def finish(result: object) -> None:
            self._end(task, dialog)
            on_done(result)

        def fail(exc: object, trace: str) -> None:
            self._end(task, dialog)
            if isinstance(exc, TaskCancelled):
                return
            on_error(exc if isinstance(exc, BaseException) else RuntimeError(str(exc)), trace)

        task.done.connect(finish)
        task.error.connect(fail)
        task.start()
        return task

    def _end(self, task: Task, dialog: QProgressDialog | None) -> None:
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
        self._tasks.discard(task)
        task.deleteLater()
