"""Two workstations on one PostgreSQL database: what one saves appears in the other's window
without a restart, and a save that lost the race is explained, not lost."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ln_scheduler.ui.dialogs.book_visit_dialog import BookVisitDialog
from ln_scheduler.ui.main_window import MainWindow
from ln_scheduler.ui.qt_dates import to_qdate

from .conftest import SITE, open_test_services
from .test_workflows import enrolled_in_follow_up, save, saved_and_closed, select_participant, wait_dialog

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    from tests.db.conftest import PgServer  # the database tests' throw-away server databases

    server = PgServer()
    try:
        yield server.new_database()
    finally:
        server.close()


def test_two_workstations_refresh_and_conflict_on_postgresql(qtbot, settings, prompter, pg_url):
    here = open_test_services(pg_url, user="coordinator")
    there = open_test_services(pg_url, user="mkeller")
    window: Any = None
    try:
        here.update_site(SITE, "test site set-up")
        enrolled_in_follow_up(here)
        window = MainWindow(settings, prompter=prompter)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        window.show()
        window.set_services(here)
        assert "PostgreSQL" in window.database_label.text()
        select_participant(qtbot, window, "104-001")

        there.enrol("104-002", "ABC")  # another workstation
        with qtbot.waitSignal(window.refreshed, timeout=20000):
            window.refresh_in_background()
        assert window.participants.list_model.row_of_key("104-002") >= 0

        window.participants.select_visit("D14")
        window.ui.action_book_visit.trigger()
        dialog = wait_dialog(qtbot, window, BookVisitDialog)
        dialog.ui.date_edit.setDate(to_qdate(date(2027, 2, 15)))
        there.book_visit("104-001", "D14", date(2027, 2, 11))
        save(qtbot, dialog)
        assert "mkeller" in dialog.ui.error_label.text() and dialog.isVisible()
        assert dialog.ui.date_edit.date() == to_qdate(date(2027, 2, 15))
        saved_and_closed(qtbot, dialog)
        assert there.participant("104-001").visit("D14").scheduled == date(2027, 2, 15)
        qtbot.keyClick(window, Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: "Up to date" in window.sync_label.text())
    finally:
        if window is not None:
            window.services = None
        here.close()
        there.close()
