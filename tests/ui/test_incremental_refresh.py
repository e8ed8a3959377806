"""A refresh after another workstation's change re-reads only the participants who changed (the
audit trail names them), yet shows exactly what a full read would: the window stays responsive on
a site with thousands of visits behind, and nothing shown is stale."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .conftest import NOW, TODAY, change_elsewhere
from .test_workflows import enrolled_in_follow_up

PEOPLE = ("104-001", "104-002", "104-003")


def _rows(window: Any) -> list[tuple[Any, ...]]:
    return sorted((i.participant_id, i.visit.code, i.visit.occurrence, i.visit.scheduled, i.visit.status)
                  for i in window.worklist.all_items())


def _refresh(qtbot: Any, window: Any) -> None:
    with qtbot.waitSignal(window.refreshed, timeout=20000):
        window.refresh_in_background()


def _reads(window: Any, monkeypatch: Any) -> list[Any]:
    """The participant filter of every read of the visits behind from now on (None: the whole
    site); the period shown is always read whole (a week: a few dozen visits)."""
    calls: list[Any] = []
    real = window.services.worklist

    def spy(*args: Any, **kwargs: Any) -> Any:
        if kwargs.get("include_overdue", True):
            calls.append(kwargs.get("participant_ids"))
        return real(*args, **kwargs)

    monkeypatch.setattr(window.services, "worklist", spy)
    return calls


def test_only_the_changed_participants_are_read_and_the_list_matches_a_full_read(
        qtbot, window, services, db_url, monkeypatch):  # type: ignore[no-untyped-def]
    for pid in PEOPLE:
        enrolled_in_follow_up(services, pid)
    window.refresh(force=True)
    before = _rows(window)
    assert ("104-002", "D2", 1) in {r[:3] for r in before}  # overdue: pinned on the list
    reads = _reads(window, monkeypatch)

    def elsewhere(other: Any) -> None:  # records 104-002's Day 2 and books 104-003's Day 14 this week
        other.complete_visit("104-002", "D2", date(2027, 2, 1))
        other.book_visit("104-003", "D14", TODAY + timedelta(days=1))

    change_elsewhere(db_url, elsewhere)
    _refresh(qtbot, window)

    assert reads == [frozenset({"104-002", "104-003"})]
    after = _rows(window)
    assert ("104-002", "D2", 1) not in {r[:3] for r in after}
    assert ("104-003", "D14", 1, TODAY + timedelta(days=1)) in {r[:4] for r in after}
    assert [r for r in after if r[0] == "104-001"] == [r for r in before if r[0] == "104-001"]
    # the services' clock, on the site's wall clock (New York), as every time the window shows
    assert window.sync_label.text() == f"Up to date at {NOW.astimezone(ZoneInfo('America/New_York')):%H:%M}"
    window.refresh(force=True)  # everything read again on the UI thread
    assert _rows(window) == after


def test_a_site_wide_change_or_a_new_day_reads_everything(qtbot, window, services, clock, monkeypatch):  # type: ignore[no-untyped-def]
    for pid in PEOPLE:
        enrolled_in_follow_up(services, pid)
    window.refresh(force=True)
    reads = _reads(window, monkeypatch)
    site = services.site()
    services.update_site(replace(site, closed_dates=(*site.closed_dates, TODAY + timedelta(days=2))),
                         "site closed for a move")
    _refresh(qtbot, window)
    assert reads and all(r is None for r in reads)
    shown = _rows(window)
    flagged = {(i.participant_id, i.visit.code) for i in window.worklist.all_items() if i.visit.closed_day}
    assert flagged == {(pid, "D14") for pid in PEOPLE}, "every Day 14 booked on the day now closed says so"
    window.refresh(force=True)
    assert _rows(window) == shown

    reads.clear()
    services.complete_visit("104-001", "D2", date(2027, 2, 1))
    clock.advance(days=1)  # midnight passed between two refreshes (for the services and the window)
    _refresh(qtbot, window)
    assert reads and all(r is None for r in reads)
    assert ("104-001", "D2") not in {(i.participant_id, i.visit.code) for i in window.worklist.all_items()}
