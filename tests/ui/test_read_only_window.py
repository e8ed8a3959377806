"""A monitor's account on the shared PostgreSQL database (made by the shipped roles script): the
window says "Read-only" beside the database, offers no way to change anything (menus, shortcuts,
buttons, the visit dialog a double-click opens), still reads, prints and exports, and a write
that slips through anyway is a clear dialog, not "Unexpected error"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction

from ln_scheduler.ui.commands import EDIT_ACTIONS
from ln_scheduler.ui.dialogs.visit_dialog import VisitDialog
from ln_scheduler.ui.main_window import MainWindow
from tests.support.pg_roles import RolesSite, roles_site

from .conftest import SITE, open_test_services
from .test_workflows import enrolled_in_follow_up, select_participant, wait_dialog

pytestmark = pytest.mark.postgres

#: Actions that only read, print, export or move around: the only ones a monitor may use.
READ_ACTIONS = frozenset({
    "about", "backup_database", "export_participant_csv", "export_participant_ics", "find", "open_database",
    "open_visit", "personal_calendar", "preferences", "preview_schedule", "preview_take_home", "preview_worksheet",
    "print_schedule",
    "print_take_home", "print_worksheet", "quit", "refresh", "save_schedule_pdf", "save_take_home_pdf",
    "save_worksheet_pdf", "shortcuts", "show_calendar", "show_participants", "show_today", "show_worklist",
    "verify_audit", "worksheet_packet",
})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RolesSite]:
    with roles_site(tmp_path_factory.mktemp("roles")) as made:
        coordinator = open_test_services(made.url(made.coordinator), user=made.coordinator)
        try:
            coordinator.update_site(SITE, "site set-up")
            enrolled_in_follow_up(coordinator)
        finally:
            coordinator.close()
        yield made


def _open_window(qtbot: Any, settings: Any, prompter: Any, url: str) -> MainWindow:
    window = MainWindow(settings, prompter=prompter, first_weekday=6)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.set_services(open_test_services(url))
    window.build_views()
    return window


def _select_visit(qtbot: Any, window: MainWindow, pid: str, code: str) -> None:
    """Select the participant, then the visit once every background read has been shown (a read
    still on its way would show the participant again after the click, as it would for a user
    clicking that fast: the test waits as a user would, until D14 is the visit selected)."""
    select_participant(qtbot, window, pid)
    qtbot.waitUntil(lambda: window.refresher.idle)

    def selected() -> bool:
        window.participants.select_visit(code)
        window.update_actions()
        visit = window.selected_visit()
        return visit is not None and visit.code == code

    qtbot.waitUntil(selected)


def _actions(window: MainWindow) -> dict[str, QAction]:
    return {name[len("action_"):]: getattr(window.ui, name) for name in vars(window.ui) if name.startswith("action_")}


def test_a_monitor_sees_read_only_and_no_enabled_edit_action(qtbot, settings, prompter, site: RolesSite,
                                                               tmp_path: Path):
    window = _open_window(qtbot, settings, prompter, site.url(site.monitor))
    try:
        label = window.read_only_label
        assert label.isVisible() and label.text() == "Read-only"
        assert site.monitor in label.toolTip()
        bar = window.statusBar().children()
        assert bar.index(label) == bar.index(window.database_label) + 1  # right beside the database it is about
        _select_visit(qtbot, window, "104-001", "D14")

        actions = _actions(window)
        assert set(EDIT_ACTIONS) <= set(actions)
        enabled_edits = sorted(n for n, a in actions.items() if a.isEnabled() and n not in READ_ACTIONS)
        assert enabled_edits == []
        assert actions["preview_schedule"].isEnabled() and actions["open_visit"].isEnabled()  # reading goes on
        pv, wv = window.participants.ui, window.worklist.ui
        for button in (pv.enrol_button, pv.plan_button, pv.book_plan_button, pv.conditioning_button, pv.infusion_button,
                       pv.unscheduled_button, pv.protocol_button, pv.withdraw_button, wv.book_button,
                       wv.done_button, wv.missed_button):
            assert not button.isEnabled(), button.objectName()

        window.ui.action_open_visit.trigger()  # what Enter and a double-click on a visit open
        dialog = wait_dialog(qtbot, window, VisitDialog)
        for name in ("book", "done", "missed", "correct"):
            assert not getattr(dialog.ui, f"{name}_button").isEnabled(), name
        assert dialog.ui.preview_button.isEnabled()
        dialog.reject()

        window.commands.run(lambda: window.services.miss_visit("104-001", "D14", "unwell"))  # a slip
        assert [title for title, _text in prompter.errors] == ["Read-only database"]
        assert "read-only" in prompter.errors[0][1]
    finally:
        services, window.services = window.services, None
        services.close()


def test_a_coordinator_sees_no_read_only_label_and_may_edit(qtbot, settings, prompter, site: RolesSite):
    window = _open_window(qtbot, settings, prompter, site.url(site.coordinator))
    try:
        assert not window.read_only_label.isVisible()
        _select_visit(qtbot, window, "104-001", "D14")
        assert window.ui.action_miss_visit.isEnabled() and window.ui.action_enrol.isEnabled()
    finally:
        services, window.services = window.services, None
        services.close()
