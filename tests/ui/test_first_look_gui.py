"""Opening a SQLite site, the worklist shows its rows from a first look at the file
(``services/first_look.py``) before the services have loaded, and the services' rows that follow
are the same: nothing on screen changes, and the window acts only once the services are there."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from ln_scheduler.ui.app_database import open_database
from ln_scheduler.ui.main_window import MainWindow

from .conftest import FixedClock, open_test_services


def _shown(window: Any) -> list[tuple[str, str, str]]:
    model = window.worklist.model
    return [(i.participant_id, i.visit.code, i.visit.status.value) for i in model.rows()]


def test_the_worklist_shows_before_the_services_load_and_the_same_rows_stay(qtbot: Any, tmp_path, settings,
                                                                            prompter):
    path = tmp_path / "site.sqlite3"
    now = datetime.now(UTC)
    svc = open_test_services(f"sqlite:///{path}", clock=FixedClock(now))
    today = svc.today()
    svc.enrol("104-001", "JQD", conditioning_start=today - timedelta(days=20))  # conditioning overdue
    svc.enrol("104-002", "ABC", conditioning_start=today)  # due today
    expected = svc.worklist(today - timedelta(days=today.weekday()), today + timedelta(days=14), today=today)
    svc.close()
    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    first: list[tuple[Any, list[tuple[str, str, str]], bool]] = []

    def filled() -> None:
        if not first:
            first.append((window.services, _shown(window), window.views_ready or window.ui.menu_visit.isEnabled()))
            days.append(window.today())  # the site's date, not the workstation's (the month view used UTC's)
            window.worklist.ui.table.selectRow(2)  # the coordinator picks a row while the services load
            picked.append(window.selected_visit())

    picked: list[Any] = []
    days: list[Any] = []
    window.worklist_filled.connect(filled)
    ended: list[bool] = []
    window.first_read_ended.connect(lambda: ended.append(True))
    open_database(window, f"sqlite:///{path}")
    qtbot.waitUntil(lambda: bool(ended), timeout=30000)
    services_then, rows_then, acting_then = first[0]
    assert services_then is None, "the rows came before the services"
    assert not acting_then, "nothing is done with the first look's rows"
    assert {(pid, code) for pid, code, _status in rows_then} >= {("104-001", "LD1"), ("104-002", "LD1")}
    assert len(rows_then) <= len(expected) + 5
    assert _shown(window) == rows_then, "the services' rows are the ones shown"
    assert days == [datetime.now(ZoneInfo("America/New_York")).date()]  # the site's zone (New York)
    assert picked[0] is not None and window.selected_visit() == picked[0], "the row picked stays picked"
    assert window.services is not None
    assert not prompter.errors
    window.services.close()
    window.services = None


def test_a_look_that_cannot_read_leaves_the_window_to_the_services(qtbot: Any, tmp_path, settings, prompter,
                                                                   monkeypatch):
    """A look that fails half-way (a file locked or damaged where it reads) shows nothing and says
    nothing: the services open the file as before and say what is wrong, if anything is."""
    from ln_scheduler.services.first_look import FirstLook

    path = tmp_path / "site.sqlite3"
    now = datetime.now(UTC)
    svc = open_test_services(f"sqlite:///{path}", clock=FixedClock(now))
    svc.enrol("104-001", "JQD", conditioning_start=svc.today())
    svc.close()

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError("disk I/O error")

    monkeypatch.setattr(FirstLook, "worklist", broken)
    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    first: list[Any] = []
    window.worklist_filled.connect(lambda: first.append(window.services) if not first else None)
    ended: list[bool] = []
    window.first_read_ended.connect(lambda: ended.append(True))
    open_database(window, f"sqlite:///{path}")
    qtbot.waitUntil(lambda: bool(ended), timeout=30000)
    assert first and first[0] is not None, "the first rows shown are the services'"
    assert ("104-001", "LD1") in {(pid, code) for pid, code, _status in _shown(window)}
    assert "could not be read" not in window.worklist.ui.summary_label.text()
    assert not prompter.errors
    window.services.close()
    window.services = None


def test_before_the_services_load_the_window_counts_days_from_the_sites_date(qtbot, tmp_path, settings, prompter,
                                                                             monkeypatch):
    """At start the month calendar showed the workstation's (UTC) date as today, one day off the
    site's for a second (a walk); the first look knows the site's date."""
    from datetime import date

    from ln_scheduler.services.first_look import FirstLook

    path = tmp_path / "site.sqlite3"
    svc = open_test_services(f"sqlite:///{path}", clock=FixedClock(datetime.now(UTC)))
    svc.enrol("104-001", "JQD", conditioning_start=svc.today())
    svc.close()
    monkeypatch.setattr(FirstLook, "today", lambda _self: date(2027, 3, 10))  # whatever the site says
    window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    days: list[Any] = []
    window.worklist_filled.connect(lambda: days.append((window.services, window.today())) if not days else None)
    ended: list[bool] = []
    window.first_read_ended.connect(lambda: ended.append(True))
    open_database(window, f"sqlite:///{path}")
    qtbot.waitUntil(lambda: bool(ended), timeout=30000)
    assert days == [(None, date(2027, 3, 10))]
    window.services.close()
    window.services = None
