"""Keeping a shared database's views current: what the timer, regaining focus, F5, a new day at
the site and a save here do (see docs/architecture.md, "Start-up and refresh").

A refresh first reads the newest audit sequence number (the :class:`DataStamp`): unchanged means
nothing to read. Otherwise each view hands over a job (a token saying which request the answer
is for, and a read without Qt in it); the reads run in a worker thread and the answers are shown
on the UI thread, just after the user's click if one landed meanwhile (``ui/give_way.py``).

The window owns the views and the status bar; this object owns the timers, the stamp and the
order of reads, and says what happened through its signals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from .give_way import give_way, ms_until_user_idle, release

if TYPE_CHECKING:
    from ..services.app import Services
    from .tasks import TaskRunner

TokenT = TypeVar("TokenT")
DataT = TypeVar("DataT")


class DataStamp(NamedTuple):
    """What the views were last read at: the newest audit entry (every write adds one) and the
    site's date (a new day changes what is due and overdue with nothing written)."""

    seq: int
    day: date


class RefreshableView(Protocol[TokenT, DataT]):
    """A view the refresher keeps current (worklist, month calendar, participants)."""

    def set_today(self, today: date) -> None: ...

    def refresh(self) -> None:
        """Read again at once, on the UI thread."""

    def refresh_job(self, changed: frozenset[str] | None = None) -> tuple[TokenT, Callable[[], DataT]]:
        """A token naming what is asked, and a read for a worker thread (no Qt in it).
        ``changed``: only these participants changed (None: anything may have)."""

    def apply_refresh(self, token: TokenT, data: DataT) -> None:
        """Show what the read returned, unless the view moved on meanwhile (the token says)."""


class RefreshHost(Protocol):
    """What the refresher needs from the window: the open services, the site's date, the views
    built so far and a runner for the worker thread."""

    @property
    def services(self) -> Services | None: ...

    @property
    def runner(self) -> TaskRunner: ...

    def today(self) -> date: ...

    def refreshable_views(self) -> Sequence[RefreshableView[Any, Any]]: ...


class _ViewRead(Generic[TokenT, DataT]):
    """One view's part of a background refresh: read in the worker, shown on the UI thread."""

    def __init__(self, view: RefreshableView[TokenT, DataT], changed: frozenset[str] | None) -> None:
        self.view = view
        self.token, self._read = view.refresh_job(changed)
        self._data: tuple[DataT] | None = None

    def read(self) -> None:
        self._data = (self._read(),)

    def show(self) -> None:
        assert self._data is not None, "shown before it was read"  # notr: a programming error
        self.view.apply_refresh(self.token, self._data[0])


class Refresher(QObject):
    """The refresh machinery of one window.

    ``refreshed``: the views show what was just read. ``synced``: the views are up to date (read
    now, or nothing changed). ``failed(exception, user_asked)``: reading failed (a lost connection
    must not end the session; the timer tries again)."""

    refreshed = Signal()
    synced = Signal()
    failed = Signal(object, bool)

    def __init__(self, host: RefreshHost, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host
        self._stamp: DataStamp | None = None
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh_in_background)
        # A new day at the site changes what is due and overdue even when nothing is written (and
        # whatever the refresh interval, 0 included): re-read just after the site's midnight.
        self._new_day_timer = QTimer(self)
        self._new_day_timer.setSingleShot(True)
        self._new_day_timer.timeout.connect(self._new_day)
        # Refresh results held back while the user acts (see ui/give_way.py); a timer owned by the
        # refresher and a reference kept here, so nothing can drop them and leave a refresh unfinished.
        self._pending_apply: Callable[[], None] | None = None
        self._apply_timer = QTimer(self)
        self._apply_timer.setSingleShot(True)
        self._apply_timer.timeout.connect(self._apply_pending)
        self._refreshing = False
        self._refresh_again = False
        self._closed = False

    # --- state the window and the tests read ------------------------------------------------
    @property
    def timer(self) -> QTimer:
        """The refresh interval's timer (Preferences › refresh every … seconds)."""
        return self._timer

    @property
    def new_day_timer(self) -> QTimer:
        """Fires just after the site's midnight."""
        return self._new_day_timer

    @property
    def idle(self) -> bool:
        """No refresh reading, and none waiting to be shown."""
        return not self._refreshing and self._pending_apply is None

    # --- timers -------------------------------------------------------------------------------
    def set_interval(self, seconds: int) -> None:
        """Refresh every ``seconds`` (0: only on focus, F5 and saves) while a database is open,
        and once just after each midnight at the site."""
        if self._host.services is not None and seconds > 0:
            self._timer.start(seconds * 1000)
        else:
            self._timer.stop()
        self._arm_new_day_timer()

    def stop(self) -> None:
        """No more timed refreshes (a damaged database that will not heal)."""
        self._timer.stop()

    def close(self) -> None:
        """The window is closing: no more refreshes of any kind. A read under way stops at its
        next step and its answer is dropped, and workers stop waiting for the user's click
        (``give_way.release``): closing then waits for one step, not for the click's time."""
        self._closed = True
        self.stop()
        self._new_day_timer.stop()
        self._apply_timer.stop()
        self._pending_apply = None
        self._refresh_again = False
        release()

    def _arm_new_day_timer(self) -> None:
        services = self._host.services
        if services is None:
            self._new_day_timer.stop()
            return
        from zoneinfo import ZoneInfo

        try:
            zone = ZoneInfo(services.site().timezone)
        except Exception:  # no site settings readable now: the workstation's zone will do
            zone = None
        site_now = services.now().astimezone(zone)
        midnight = datetime.combine(site_now.date() + timedelta(days=1), datetime.min.time(), site_now.tzinfo)
        seconds = (midnight - site_now).total_seconds() + 5
        self._new_day_timer.start(int(min(max(seconds, 1), 24 * 3600) * 1000))

    def _new_day(self) -> None:
        self.refresh_in_background()
        self._arm_new_day_timer()

    # --- the stamp ----------------------------------------------------------------------------
    def forget(self) -> None:
        """Nothing read yet (another database, or its first reads failed): read everything next."""
        self._stamp = None

    def note_read(self) -> None:
        """The views were just read whole (the database was shown): remember the stamp now."""
        self._stamp = self._data_stamp()

    def _data_stamp(self) -> DataStamp | None:
        """The newest audit entry: every write adds one, so an unchanged stamp means nothing to
        reload (one indexed query per timer tick instead of reloading every view)."""
        services = self._host.services
        if services is None:
            return None
        newest = services.audit(limit=1)
        return DataStamp(newest[-1].seq if newest else 0, self._host.today())

    def _participants_changed(self, stamp: DataStamp | None) -> frozenset[str] | None:
        """Who changed since the views were last read (None: read everything: the date moved,
        the whole site changed, or nothing was read yet)."""
        old, services = self._stamp, self._host.services
        if services is None or old is None or stamp is None or old.day != stamp.day:
            return None
        return services.participants_changed(old.seq, stamp.seq)

    # --- refresh ------------------------------------------------------------------------------
    def refresh(self, *, force: bool = False, user_asked: bool = False) -> None:
        """Reload what changed in the database on the UI thread (a no-op when nothing did,
        unless ``force``)."""
        if self._host.services is None:
            return
        try:
            stamp = self._data_stamp()
            if stamp == self._stamp and not force:
                self.synced.emit()
                return
            today = self._host.today()
            for view in self._host.refreshable_views():
                view.set_today(today)
                view.refresh()
            self._stamp = stamp
        except Exception as exc:  # a lost connection must not end the session
            self.failed.emit(exc, user_asked)
            return
        self.synced.emit()
        self.refreshed.emit()

    def refresh_in_background(self, *, force: bool = False, user_asked: bool = False) -> None:
        """What the timer, regaining focus and F5 do: if the database changed (or ``force``),
        read every view's data in a worker thread and show it when it arrives; the window stays
        responsive even on a large shared site. ``user_asked``: a failure opens a dialog."""
        if self._host.services is None or self._closed:
            return
        if self._refreshing:
            self._refresh_again = True  # a change arrived while reading: read once more after
            return
        try:
            stamp = self._data_stamp()
        except Exception as exc:  # a lost connection must not end the session
            self.failed.emit(exc, user_asked)
            return
        if stamp == self._stamp and not force:
            self.synced.emit()
            return
        try:
            changed = None if force else self._participants_changed(stamp)
        except Exception as exc:
            self.failed.emit(exc, user_asked)
            return
        today = self._host.today()
        views = self._host.refreshable_views()
        for view in views:
            view.set_today(today)
        jobs = [_ViewRead(view, changed) for view in views]
        self._refreshing = True

        def work(_progress: object) -> None:
            for job in jobs:
                give_way()  # a click meanwhile has the interpreter first
                if self._closed:
                    return
                job.read()

        def done(_result: object, *, deferred: bool = False) -> None:
            if self._closed:
                return
            wait = 0 if deferred else ms_until_user_idle()
            if wait:  # the user is busy this instant: show what was read just after (once)
                self._pending_apply = lambda: done(None, deferred=True)
                self._apply_timer.start(wait)
                return
            self._refreshing = False
            for job in jobs:
                job.show()
            self._stamp = stamp
            self.synced.emit()
            self.refreshed.emit()
            self._maybe_refresh_again()

        def failed(exc: BaseException, _trace: str) -> None:
            self._refreshing = False
            self.failed.emit(exc, user_asked)
            self._maybe_refresh_again()

        self._host.runner.run(work, on_done=done, on_error=failed)

    def _apply_pending(self) -> None:
        apply, self._pending_apply = self._pending_apply, None
        if apply is not None:
            apply()

    def _maybe_refresh_again(self) -> None:
        if self._refresh_again:
            self._refresh_again = False
            QTimer.singleShot(0, self.refresh_in_background)
