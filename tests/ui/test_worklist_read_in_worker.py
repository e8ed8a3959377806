"""Opening a database reads its worklist in a worker thread: a site that fell behind lists
15,000 overdue visits, and reading them on the UI thread froze the window for more than a second
as it opened. Meanwhile the worklist says it is reading; then its rows are shown."""

from __future__ import annotations

import threading
from typing import Any

from ln_scheduler.ui.main_window import MainWindow

from .test_workflows import enrolled_in_follow_up


def _record_threads(monkeypatch: Any, services: Any) -> list[bool]:
    """Whether each worklist read of ``services`` ran on the UI thread."""
    on_ui_thread: list[bool] = []
    real = services.worklist

    def worklist(*args: Any, **kwargs: Any) -> Any:
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "worklist", worklist)
    return on_ui_thread


def test_opening_a_database_reads_the_worklist_in_a_worker_then_shows_its_rows(qtbot, settings, prompter,
                                                                                 services, monkeypatch):
    enrolled_in_follow_up(services)
    on_ui_thread = _record_threads(monkeypatch, services)
    window = MainWindow(settings, prompter=prompter, first_weekday=6)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.worklist  # built, as after the first paint  # noqa: B018
    with qtbot.waitSignal(window.worklist_filled):
        window.set_services(services)
        assert "Reading the worklist" in window.worklist.ui.summary_label.text()
        assert not window.worklist.all_items()
        assert True not in on_ui_thread, "set_services read the worklist on the UI thread"
    assert window.worklist.all_items(), "the rows arrive from the worker"
    assert "Reading" not in window.worklist.ui.summary_label.text()
    assert on_ui_thread and True not in on_ui_thread
    qtbot.waitUntil(lambda: window.views_ready)  # the rest of the window follows the first rows
    window.services = None


def test_another_database_never_shows_the_previous_ones_rows_while_it_is_read(qtbot, window, services,
                                                                             tmp_path, monkeypatch):
    from .conftest import open_test_services

    enrolled_in_follow_up(services)
    window.refresh(force=True)
    assert window.worklist.all_items()
    assert window.participants.record is not None  # 104-001, shown beside the list
    other = open_test_services(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    on_ui_thread = _record_threads(monkeypatch, other)
    window.services = None  # the fixture closes the first services
    with qtbot.waitSignal(window.worklist_filled):
        window.set_services(other)
        assert window.worklist.all_items() == []
        assert "Reading the worklist" in window.worklist.ui.summary_label.text()
    assert window.worklist.all_items() == []  # the new database has no participants
    assert "visits to do" in window.worklist.ui.summary_label.text()
    assert on_ui_thread and True not in on_ui_thread
    # the participant shown was the first database's: forgotten, not looked for in this one
    assert window.participants.record is None
    assert "⚠" not in window.sync_label.text()
    window.services = None
    other.close()
