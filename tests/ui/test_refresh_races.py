"""Refreshes that cross the coordinator's own clicks, and first reads that fail: whatever the order,
every view ends up showing what is in the database, and the window stays usable."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication

from ln_scheduler.services.errors import DatabaseUnavailableError
from ln_scheduler.ui.main_window import CALENDAR_TAB, PARTICIPANTS_TAB
from ln_scheduler.ui.models.roles import Role

from .conftest import change_elsewhere
from .test_workflows import enrolled_in_follow_up, select_participant


def _settle(qtbot: Any, window: Any) -> None:
    """Let the month's read-ahead finish, as when a coordinator looks at a month for a moment."""
    months = window.month.months_read_ahead
    qtbot.waitUntil(lambda: len(months) >= 2 and all(f.done() for f in months.values()))


def test_paging_to_the_next_month_during_a_refresh_shows_that_months_new_visits(qtbot, window, services, db_url):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    window.show_tab(CALENDAR_TAB)
    window.month.go_to_today()  # February 2027; March is read ahead
    _settle(qtbot, window)
    change_elsewhere(db_url, lambda other: other.enrol("104-002", "ABC", conditioning_start=date(2027, 3, 2)))

    with qtbot.waitSignal(window.refreshed, timeout=20000):
        window.refresh_in_background()
        window.month.step(1)  # March, from what was read ahead before the change
    assert (window.month.model.year, window.month.model.month) == (2027, 3)
    march = {i.participant_id for i in window.month.model.all_items()}
    assert "104-002" in march, "the new participant's conditioning days in March are shown"


def test_choosing_another_participant_during_a_refresh_still_updates_the_list(qtbot, window, services, db_url):
    enrolled_in_follow_up(services, "104-001")
    enrolled_in_follow_up(services, "104-003")
    window.refresh(force=True)
    window.show_tab(PARTICIPANTS_TAB)
    select_participant(qtbot, window, "104-001")
    change_elsewhere(db_url, lambda other: other.enrol("104-002", "ABC"))

    with qtbot.waitSignal(window.refreshed, timeout=20000):
        window.refresh_in_background()
        select_participant(qtbot, window, "104-003")
    listed = [window.participants.list_model.record(r).id for r in range(window.participants.list_model.rowCount())]
    assert listed == ["104-001", "104-002", "104-003"]
    assert window.participants.record.id == "104-003"
    selected = window.participants.ui.participant_table.selectionModel().selectedRows()
    assert [i.data(Role.RECORD).id for i in selected] == ["104-003"], "the list keeps the participant shown"


def test_a_closure_added_on_another_workstation_greys_the_day_in_the_month(qtbot, window, services, db_url):
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    window.show_tab(CALENDAR_TAB)
    window.month.go_to_today()
    closed = date(2027, 2, 17)  # a Wednesday

    def close_the_day(other: Any) -> None:
        site = other.site()
        other.update_site(replace(site, closed_dates=(*site.closed_dates, closed)), "water main repair")

    change_elsewhere(db_url, close_the_day)
    with qtbot.waitSignal(window.refreshed, timeout=20000):
        window.refresh_in_background()
    assert window.month.model.index_of(closed).data(Role.CLOSED_REASON)


def test_a_failing_first_read_leaves_a_usable_window_that_recovers(qtbot, settings, prompter, services, monkeypatch):
    from ln_scheduler.ui.main_window import MainWindow

    enrolled_in_follow_up(services)
    real = services.worklist
    calls = {"n": 0}

    def fails_once(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 1:
            raise DatabaseUnavailableError("the database is locked by another program")
        return real(*args, **kwargs)

    monkeypatch.setattr(services, "worklist", fails_once)
    window = MainWindow(settings, prompter=prompter, first_weekday=6)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.first_read_ended):  # start-up hears that the first read ended
        window.set_services(services)
    assert "could not be read" in window.worklist.ui.summary_label.text()
    assert "⚠" in window.sync_label.text()
    qtbot.waitUntil(lambda: window.views_ready)  # the rest of the window is built
    assert window.ui.action_enrol.isEnabled()

    with qtbot.waitSignal(window.refreshed, timeout=20000):
        window.refresh_in_background()  # what the timer does a minute later
    assert window.worklist.all_items(), "the worklist is read once the database answers"
    assert "Up to date" in window.sync_label.text()
    window.services = None


def test_without_a_database_the_worklist_says_so(qtbot, window):
    window.set_services(None)
    assert "No database open" in window.worklist.ui.summary_label.text()
    assert window.worklist.all_items() == []


def test_a_new_day_is_noticed_at_the_sites_midnight_even_without_a_refresh_interval(qtbot, window, settings, clock):
    from ln_scheduler.ui.settings import Options

    settings.set(Options.REFRESH_SECONDS, 0)
    window.apply_preferences()
    assert not window.refresher.timer.isActive()
    # The fixture's clock: 2027-02-10 15:00 UTC = 10:00 in New York; midnight there is 14 h away.
    remaining = window.refresher.new_day_timer.remainingTime() / 1000
    assert 14 * 3600 - 60 < remaining < 14 * 3600 + 60
    clock.advance(hours=14)  # midnight in New York, for the services and the window alike
    with qtbot.waitSignal(window.refreshed, timeout=20000):
        window.refresher.new_day_timer.timeout.emit()
    assert window.worklist.today == date(2027, 2, 11)
    assert window.refresher.new_day_timer.isActive(), "armed again for the next midnight"


def test_participant_actions_that_cannot_apply_at_this_stage_are_greyed(qtbot, window, services):
    from ln_scheduler.ui.main_window import PARTICIPANTS_TAB

    services.enrol("104-001", "JQD")  # screening
    enrolled_in_follow_up(services, "104-002")  # infused
    window.refresh(force=True)
    window.show_tab(PARTICIPANTS_TAB)
    ui = window.ui

    select_participant(qtbot, window, "104-001")
    assert ui.action_plan_conditioning.isEnabled() and ui.action_record_conditioning.isEnabled()
    assert not ui.action_record_infusion.isEnabled()
    assert ui.action_withdraw.isEnabled()

    select_participant(qtbot, window, "104-002")
    assert not ui.action_plan_conditioning.isEnabled()
    assert not ui.action_record_conditioning.isEnabled()
    assert not ui.action_record_infusion.isEnabled()
    assert ui.action_withdraw.isEnabled() and ui.action_unscheduled_visit.isEnabled()

    services.withdraw("104-002", date(2027, 2, 9), "moved away")
    window.refresh(force=True)
    select_participant(qtbot, window, "104-002")
    assert not ui.action_withdraw.isEnabled()
    assert not ui.action_unscheduled_visit.isEnabled()  # offered, filled in, then refused: seen in a walk
    assert ui.action_print_schedule.isEnabled(), "a withdrawn participant's schedule can still be printed"


def test_the_period_shown_is_the_bold_button(qtbot, window):
    buttons = window.worklist.period_buttons()
    window.worklist.set_period("next_week")
    assert [p for p, b in buttons.items() if b.font().bold()] == ["next_week"]
    window.worklist.set_period("today")
    assert [p for p, b in buttons.items() if b.font().bold()] == ["today"]


def test_a_refresh_held_back_by_the_users_clicks_still_arrives(qtbot, window, services, db_url):
    from ln_scheduler.ui.give_way import user_acted

    enrolled_in_follow_up(services)
    window.refresh(force=True)
    change_elsewhere(db_url, lambda other: other.enrol("104-002", "ABC"))
    with qtbot.waitSignal(window.refreshed, timeout=20000):
        user_acted()  # a click: the worker waits, then the results wait for the click's time
        window.refresh_in_background()
        user_acted()
    listed = [window.participants.list_model.record(r).id for r in range(window.participants.list_model.rowCount())]
    assert listed == ["104-001", "104-002"]
    assert window.refresher.idle


def test_closing_the_window_while_a_refresh_gives_way_to_a_click_ends_that_refresh(qtbot, window, services, db_url,
                                                                                   monkeypatch):
    """A coordinator who switches participant and closes the window at once: the refresh that was
    waiting for the click's time reads nothing more (closing waited it out: a quarter of a second),
    and no worker is left waiting for a user who has gone."""
    from ln_scheduler.ui.give_way import ms_until_user_idle, user_acted

    enrolled_in_follow_up(services)
    window.refresh(force=True)
    change_elsewhere(db_url, lambda other: other.enrol("104-002", "ABC"))
    reads: list[object] = []
    real = services.worklist
    monkeypatch.setattr(services, "worklist", lambda *a, **k: reads.append(a) or real(*a, **k))
    user_acted()  # the click: the refresh's worker waits at its first step
    window.refresh_in_background()
    window.close()
    assert reads == [], "the refresh went on reading the database the window was closing"
    assert ms_until_user_idle() == 0


def test_a_search_says_what_it_leaves_shown_where_the_counts_are(qtbot, window, services):
    """With an ID typed in the search, the period's counts stood unchanged above an empty table
    (seen walking the window): the summary now says what the search shows."""
    from PySide6.QtCore import Qt

    enrolled_in_follow_up(services, "104-001")
    enrolled_in_follow_up(services, "104-002")
    window.refresh(force=True)
    worklist = window.worklist
    worklist.set_period("week")
    qtbot.waitUntil(lambda: worklist.proxy.rowCount() >= 2)
    before = worklist.ui.summary_label.text()
    assert "search" not in before
    qtbot.mouseClick(worklist.ui.search_edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(worklist.ui.search_edit, "104-099")
    assert worklist.proxy.rowCount() == 0
    assert "search “104-099”: no visit shown" in worklist.ui.summary_label.text()
    worklist.ui.search_edit.clear()
    qtbot.keyClicks(worklist.ui.search_edit, "104-002")
    shown = worklist.proxy.rowCount()
    assert shown > 0 and f"search “104-002”: {shown} shown" in worklist.ui.summary_label.text()
    worklist.ui.search_edit.clear()
    assert worklist.ui.summary_label.text() == before


def test_choosing_a_period_moves_no_button_under_the_mouse(qtbot, window):
    """The chosen period's button turns bold, and bold text is wider: each button after it moved
    3-5 px along, the date fields too (a walk at 1024 px)."""
    view = window.worklist
    buttons = view.period_buttons()
    qtbot.wait(10)

    def places() -> dict[str, tuple[int, int]]:
        QApplication.processEvents()
        return {p: (b.mapTo(view, QPoint(0, 0)).x(), b.width()) for p, b in buttons.items()}

    before = places()
    for period in ("today", "day", "next_week", "week"):
        view.set_period(period)
        assert places() == before, period


def test_a_visit_already_done_offers_no_booking_done_or_missed(qtbot, window, services):
    """Book / move opened for a visit recorded done and suggested a date for it, and only Book
    refused: "already recorded as done" (a walk). Done and Missed alike."""
    enrolled_in_follow_up(services)
    services.complete_visit("104-001", "D7", date(2027, 2, 6), {})
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    ui = window.ui
    window.participants.select_visit("D14")  # open
    assert ui.action_book_visit.isEnabled() and ui.action_complete_visit.isEnabled()
    window.participants.select_visit("D7")  # done
    assert window.selected_visit().status.is_done
    for action in (ui.action_book_visit, ui.action_complete_visit, ui.action_miss_visit):
        assert not action.isEnabled(), action.text()
    assert ui.action_open_visit.isEnabled() and ui.action_print_worksheet.isEnabled()
