"""The GUI's calendar worker: sends the calendar outbox to the CalDAV server in the background,
shortly after every save and on a timer, and keeps the status bar's calendar label current.

Why like this:

- A save never waits for the server: the services put the changed visits in the outbox in the
  save's own transaction; this worker only empties the outbox, later, in a thread.
- One sync at a time, in a pool of its own (one thread): a server that takes its time-out to
  answer must not hold a thread of the global pool, which the views read their data in.
- Saves in quick succession are one sync (a short delay, restarted by each save); a save during
  a sync asks for one more sync after it, so the last change is never left waiting for the timer.
- The outbox is sent in batches: the status bar counts down during a first publish of thousands
  of events, and closing the window stops after the batch being sent (the rest stays queued).
- A failed sync is retried after the services' back-off (``SyncReport.retry_after``), not on
  every tick; a save or File › Publish calendar now tries at once. The timer also picks up
  changes another workstation (or a closed session) left in the outbox.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from .give_way import give_way, new_task
from .tasks import Task

if TYPE_CHECKING:
    from ..services.app import Services

#: After a save, wait this long for more saves before syncing (a booking dialog saves several visits).
AFTER_SAVE_MS = 400
#: After the database opens, wait this long before the first sync (the worklist is read first).
AFTER_OPEN_MS = 1500
#: How often the worker looks at the outbox when nothing was saved here.
PERIOD_MS = 60_000
#: Events sent per call of the services (the status bar is updated, and a stop heard, between batches:
#: small, so closing the window waits for a few requests at most).
BATCH = 20
log = logging.getLogger("ln_scheduler.ui.calendar")


class CalendarPublisher(QObject):
    """Owned by the main window; ``set_services`` follows the open database."""

    status_changed = Signal(object)  # PublishingStatus, or None (no database)
    sync_finished = Signal(object)  # the PublishingStatus after a round of the worker (tests, "Publish now")
    _progressed = Signal(object, object)  # from the worker thread: (services, status between batches)

    def __init__(self, parent: QObject | None = None, *, period_ms: int = PERIOD_MS) -> None:
        super().__init__(parent)
        self._services: Services | None = None
        self._task: Task | None = None
        self._again = False
        self._force = False  # a person asked to publish now: the next sync ignores the back-off
        self._stopping = False
        self._cancel = threading.Event()
        self._retry_at = 0.0  # time.monotonic() before which the timer does not retry a failure
        self.status: Any = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.timeout.connect(self.sync_now)
        self._timer = QTimer(self)
        self._timer.setInterval(period_ms)
        self._timer.timeout.connect(self._tick)
        self._progressed.connect(self._show_progress)  # queued: emitted in the worker, run here

    @property
    def busy(self) -> bool:
        return self._task is not None

    def set_services(self, services: Services | None) -> None:
        """Follow the open database: its first sync shortly after it opens, then on the timer;
        nothing at all without a database or on a read-only connection (it cannot empty the outbox)."""
        if services is self._services:  # the same database shown again (the demo site loaded): sync soon
            self.changes_saved()
            return
        self._soon.stop()
        self._timer.stop()
        self._services = services
        self._again = False
        self._retry_at = 0.0
        self._set_status(None)
        if services is None or services.read_only:
            return
        self._timer.start()
        self._soon.start(AFTER_OPEN_MS)

    def changes_saved(self) -> None:
        """A dialog saved: sync shortly (more saves within the delay make it one sync)."""
        if self._services is not None and not self._stopping:
            self._soon.start(AFTER_SAVE_MS)

    def _tick(self) -> None:
        if time.monotonic() >= self._retry_at:
            self.sync_now()

    def sync_now(self, *, force: bool = False) -> None:
        """Send what waits in the outbox now (in the worker), then show the status. ``force``: a
        person asked (Publish now): changes waiting for their back-off go too."""
        services = self._services
        if services is None or self._stopping:
            return
        self._force = self._force or force
        if self._task is not None:
            self._again = True
            return
        self._soon.stop()
        cancel = self._cancel
        progressed = self._progressed
        force, self._force = self._force, False

        def work(_progress: Any) -> tuple[Any, Any]:
            return _send_outbox(services, cancel, lambda status: progressed.emit(services, status), force=force)

        task = Task(work, self)
        task.done.connect(lambda result, s=services: self._finished(s, result))
        task.error.connect(lambda exc, trace, s=services: self._failed(s, exc, trace))
        self._task = task
        task.start(self._pool)

    def stop(self, wait_ms: int = 5000) -> None:
        """The window closes: no new sync; a running one stops after its batch (what it did not
        send stays in the outbox for the next session or ``ln-scheduler calendar sync``)."""
        self._stopping = True
        self._soon.stop()
        self._timer.stop()
        self._cancel.set()
        self._pool.waitForDone(wait_ms)

    # --- results, on the UI thread --------------------------------------------------------------
    def _show_progress(self, services: Services, status: Any) -> None:
        if services is self._services:
            self._set_status(status)

    def _finished(self, services: Services, result: tuple[Any, Any]) -> None:
        self._end()
        if services is not self._services:  # another database was opened meanwhile: its turn now
            self._maybe_again()
            return
        status, report = result
        retry_after = getattr(report, "retry_after", None)
        if retry_after is not None:
            self._retry_at = time.monotonic() + retry_after
            if not self._stopping:
                self._soon.start(int(retry_after * 1000))
        else:
            self._retry_at = 0.0
        self._set_status(status)
        self.sync_finished.emit(status)
        self._maybe_again()

    def _failed(self, services: Services, exc: object, trace: str) -> None:
        """Not the server's refusal (the services report that in the status): the database could
        not be read or written. Logged; the status bar keeps what it said, the timer retries."""
        self._end()
        log.warning("calendar sync did not run: %s\n%s", exc, trace)
        if services is self._services:
            self.sync_finished.emit(self.status)
        self._maybe_again()

    def _end(self) -> None:
        task, self._task = self._task, None
        if task is not None:
            task.deleteLater()

    def _maybe_again(self) -> None:
        if self._again and not self._stopping:
            self._again = False
            QTimer.singleShot(0, self.sync_now)

    def _set_status(self, status: Any) -> None:
        self.status = status
        self.status_changed.emit(status)


def _send_outbox(services: Services, cancel: threading.Event, progressed: Any, *,
                 force: bool = False) -> tuple[Any, Any]:
    """In the worker: the calendar's status and, if it is published and anything waits, the outbox
    sent batch by batch until it is empty, the server fails, a batch sends nothing (what is left
    waits for its back-off) or the window closes. Returns (status, last SyncReport or None).
    ``force``: the first batch ignores the back-off (the services make every waiting change due)."""
    from ..services.calendar_publishing import PublishState

    status = services.calendar_status()
    report = None
    if status.state == PublishState.OFF or status.pending == 0:
        return status, report
    progressed(status)
    while not cancel.is_set():
        new_task()  # each batch may wait for the user as a task does (a first publish is hundreds)
        give_way()  # a click meanwhile has the interpreter first (building events is Python work)
        report = services.sync_calendar(limit=BATCH, force=force)
        force = False  # once is enough: the back-off is forgotten for every row
        if report.error is not None or report.pending == 0 or not (report.published or report.cancelled):
            break
        progressed(services.calendar_status())
    return services.calendar_status().as_seen_after(report), report
