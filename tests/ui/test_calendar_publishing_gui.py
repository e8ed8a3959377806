"""Calendar publishing in the real main window, against a real CalDAV server (Radicale from PyPI on
127.0.0.1, tests/support/radicale_server.py): set up from site settings with the keyboard, the
status bar's three states, a server that is down or never answers (saving still works, the bar
says failing and why, the change arrives once the server is back), a refusing server at set-up."""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ln_scheduler.ui.dialogs.book_visit_dialog import BookVisitDialog
from ln_scheduler.ui.dialogs.site_settings_dialog import SiteSettingsDialog
from ln_scheduler.ui.qt_dates import to_qdate
from tests.support.radicale_server import PASSWORD, USER, RadicaleServer, read_events

from .test_date_entry import activated
from .test_workflows import enrolled_in_follow_up, save, saved_and_closed, select_participant, wait_dialog

ALT = Qt.KeyboardModifier.AltModifier
UP_TO_DATE = "Calendar: up to date"


@pytest.fixture(scope="module")
def radicale_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RadicaleServer]:
    server = RadicaleServer(tmp_path_factory.mktemp("radicale"))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def radicale(radicale_server: RadicaleServer) -> RadicaleServer:
    """A new calendar on the module's server (which the test cannot stop)."""
    return radicale_server.calendar()


@pytest.fixture
def own_radicale(tmp_path: Path) -> Iterator[RadicaleServer]:
    """A server of the test's own: it stops and starts it."""
    server = RadicaleServer(tmp_path / "radicale")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(window: Any, services: Any) -> Iterator[Any]:
    """The window of a site with one participant in follow-up; its calendar worker is stopped
    before the services close."""
    enrolled_in_follow_up(services)
    yield window
    window.calendar.stop()


def calendar_text(window: Any) -> str:
    label = window.calendar_label
    return label.text() if label.isVisible() else ""


def published(qtbot: Any, window: Any, services: Any, radicale: RadicaleServer) -> None:
    """Publishing set up (through the services, as site settings does) and the first publish done."""
    services.set_up_calendar(radicale.calendar_url, USER, PASSWORD)
    window.calendar.sync_now()
    qtbot.waitUntil(lambda: calendar_text(window) == UP_TO_DATE, timeout=30000)


def closed(dialog: Any) -> bool:
    """The dialog closed (and may already be deleted: the window deletes a closed dialog)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def dated_uids(services: Any) -> set[str]:
    return {v.uid for v in services.visits() if (v.actual or v.scheduled)}


def book_d14(qtbot: Any, window: Any, on: date) -> None:
    """Book D14 of 104-001 through the real dialog (the window around it stays usable)."""
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit("D14")
    window.ui.action_book_visit.trigger()
    dialog = wait_dialog(qtbot, window, BookVisitDialog)
    dialog.ui.date_edit.setDate(to_qdate(on))
    saved_and_closed(qtbot, dialog)


# --- set-up -------------------------------------------------------------------------------------
def test_nothing_about_a_calendar_shows_while_none_is_published(qtbot, site):
    with qtbot.waitSignal(site.calendar.sync_finished, timeout=10000):
        site.ui.action_publish_calendar.trigger()
    assert calendar_text(site) == ""
    assert not site.calendar_label.isVisible()


def test_a_coordinator_sets_up_publishing_in_site_settings_from_the_keyboard(qtbot, site, services, radicale):
    site.ui.action_site_settings.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, site, SiteSettingsDialog))
    box = dialog.calendar_box.ui
    assert "Not published" in box.state_label.text()
    for key, field, text in ((Qt.Key.Key_L, box.url_edit, radicale.calendar_url), (Qt.Key.Key_M, box.user_edit, USER),
                             (Qt.Key.Key_P, box.password_edit, PASSWORD)):
        qtbot.keyClick(dialog, key, ALT)
        qtbot.waitUntil(field.hasFocus)
        qtbot.keyClicks(field, text)
    assert "Save to publish" in box.state_label.text()
    qtbot.keyClick(dialog, Qt.Key.Key_C, ALT)  # Test connection: nothing stored
    qtbot.waitUntil(lambda: box.state_label.text().startswith("✓ Connected"), timeout=20000)
    assert services.calendar_status().state == "off"
    qtbot.keyClick(box.password_edit, Qt.Key.Key_Return)  # Enter saves
    qtbot.waitUntil(lambda: closed(dialog), timeout=20000)
    qtbot.waitUntil(lambda: calendar_text(site) == UP_TO_DATE, timeout=30000)
    assert set(read_events(radicale.calendar_url)) == dated_uids(services)
    keyring = Path(os.environ["LN_TEST_KEYRING_FILE"]).read_text(encoding="utf-8")
    assert PASSWORD in keyring  # the password is in the (test) keyring, never in the database
    assert PASSWORD.encode() not in services.sqlite_path.read_bytes()
    assert radicale.calendar_url in site.calendar_label.toolTip()


def test_the_password_is_not_asked_again_and_publish_now_sends_what_waits(qtbot, site, services, radicale):
    published(qtbot, site, services, radicale)
    services.book_visit("104-001", "D14", date(2027, 2, 12))  # saved elsewhere, not through this window
    site.ui.action_site_settings.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, site, SiteSettingsDialog))
    box = dialog.calendar_box.ui
    qtbot.waitUntil(lambda: "saved in this computer's keyring" in box.password_edit.placeholderText())
    assert box.url_edit.text() == radicale.calendar_url and box.user_edit.text() == USER
    qtbot.keyClick(dialog, Qt.Key.Key_B, ALT)  # Publish now
    qtbot.waitUntil(lambda: box.state_label.text().startswith(UP_TO_DATE), timeout=20000)
    d14 = services.participant("104-001").visit("D14")
    assert read_events(radicale.calendar_url)[d14.uid]["DTSTART"] == ":20270212"


def test_publish_now_sends_a_change_that_waits_for_its_back_off(qtbot, site, services, radicale):
    """The user fixed what the server refused and pressed Publish now: it goes at once, not in an hour."""
    from datetime import UTC, datetime, timedelta

    from sqlalchemy.orm import Session

    from ln_scheduler.store import calendar_outbox

    published(qtbot, site, services, radicale)
    services.book_visit("104-001", "D14", date(2027, 2, 12))
    now = datetime.now(UTC)
    with Session(services.context.write_engine) as session:  # the server refused it a moment ago
        for item in calendar_outbox.claim(session, "ws", now, 10):
            calendar_outbox.failed(session, item, "ws", "refused", now + timedelta(hours=1))
        session.commit()
    site.ui.action_site_settings.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, site, SiteSettingsDialog))
    box = dialog.calendar_box.ui
    qtbot.keyClick(dialog, Qt.Key.Key_B, ALT)  # Publish now
    qtbot.waitUntil(lambda: box.state_label.text().startswith(UP_TO_DATE), timeout=20000)
    d14 = services.participant("104-001").visit("D14")
    assert read_events(radicale.calendar_url)[d14.uid]["DTSTART"] == ":20270212"


def test_a_workstation_without_the_password_says_so_in_its_own_status_bar_only(qtbot, site, services, radicale):
    published(qtbot, site, services, radicale)
    Path(os.environ["LN_TEST_KEYRING_FILE"]).unlink()  # this computer has no password saved
    services.book_visit("104-001", "D14", date(2027, 2, 12))
    site.calendar.sync_now()
    qtbot.waitUntil(lambda: "failing" in calendar_text(site), timeout=20000)
    assert calendar_text(site) == "⚠ Calendar: failing (no password saved here)"
    shared = services.calendar_status()  # what every other workstation's status bar reads
    assert shared.state == "pending" and shared.last_error is None


def test_a_second_workstation_enters_only_its_password_and_nothing_is_published_again(
        qtbot, site, services, radicale):
    published(qtbot, site, services, radicale)
    Path(os.environ["LN_TEST_KEYRING_FILE"]).unlink()  # this computer has no password saved
    site.ui.action_site_settings.trigger()
    dialog = wait_dialog(qtbot, site, SiteSettingsDialog)
    box = dialog.calendar_box.ui
    qtbot.waitUntil(lambda: "none saved on this computer" in box.password_edit.placeholderText())
    box.password_edit.setText("wrong")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.last_error is not None, timeout=20000)
    assert "refused the login" in dialog.ui.error_label.text() and dialog.isVisible()
    box.password_edit.setText(PASSWORD)
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: closed(dialog), timeout=20000)
    assert PASSWORD in Path(os.environ["LN_TEST_KEYRING_FILE"]).read_text(encoding="utf-8")
    assert services.calendar_status().pending == 0  # the calendar was not queued again


def test_a_login_the_server_refuses_keeps_the_dialog_open_and_saves_nothing_of_the_calendar(
        qtbot, site, services, radicale):
    site.ui.action_site_settings.trigger()
    dialog = activated(qtbot, wait_dialog(qtbot, site, SiteSettingsDialog))
    box = dialog.calendar_box.ui
    box.url_edit.setText(radicale.calendar_url)
    box.user_edit.setText(USER)
    box.password_edit.setText("wrong")
    qtbot.mouseClick(box.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.state_label.text().startswith("⚠"), timeout=20000)
    assert "refused the login" in box.state_label.text()
    dialog.ui.number_edit.setText("105")
    dialog.ui.reason_edit.setText("site renumbered")
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.last_error is not None, timeout=20000)
    assert dialog.isVisible()
    assert "calendar is not set up" in dialog.ui.error_label.text()
    assert "refused the login" in dialog.ui.error_label.text()
    assert services.site().number == "105"  # the site's own change is kept
    assert services.calendar_status().state == "off"
    box.password_edit.setText(PASSWORD)  # corrected: Save again sets the calendar up
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: closed(dialog), timeout=20000)
    qtbot.waitUntil(lambda: calendar_text(site) == UP_TO_DATE, timeout=30000)


def test_an_address_that_is_not_a_calendar_is_refused_before_anything_is_saved(qtbot, site, services):
    site.ui.action_site_settings.trigger()
    dialog = wait_dialog(qtbot, site, SiteSettingsDialog)
    dialog.calendar_box.ui.url_edit.setText("http://cloud.example.org/dav/")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert "https://" in dialog.ui.error_label.text()
    assert services.calendar_status().state == "off"


def test_an_empty_address_stops_publishing_and_the_bar_says_nothing(qtbot, site, services, radicale):
    published(qtbot, site, services, radicale)
    site.ui.action_site_settings.trigger()
    dialog = wait_dialog(qtbot, site, SiteSettingsDialog)
    dialog.calendar_box.ui.url_edit.clear()
    assert "stop publishing" in dialog.calendar_box.ui.state_label.text()
    save(qtbot, dialog)
    qtbot.waitUntil(lambda: closed(dialog), timeout=20000)
    qtbot.waitUntil(lambda: not site.calendar_label.isVisible(), timeout=20000)
    assert services.calendar_status().state == "off"


# --- kept in step ---------------------------------------------------------------------------------
def test_a_save_shows_pending_then_up_to_date_and_the_server_has_the_new_date(qtbot, site, services, radicale):
    published(qtbot, site, services, radicale)
    shown: list[str] = []
    site.calendar.status_changed.connect(lambda _status: shown.append(calendar_text(site)))
    book_d14(qtbot, site, date(2027, 2, 12))
    qtbot.waitUntil(lambda: bool(shown) and shown[-1] == UP_TO_DATE, timeout=30000)
    assert "Calendar: 1 pending" in shown
    d14 = services.participant("104-001").visit("D14")
    event = read_events(radicale.calendar_url)[d14.uid]
    assert event["DTSTART"] == ":20270212" and int(event["SEQUENCE"]) == d14.sequence


def test_changes_left_by_an_earlier_session_go_out_when_the_database_opens(qtbot, site, services, radicale,
                                                                            monkeypatch):
    from ln_scheduler.ui import calendar_publisher

    monkeypatch.setattr(calendar_publisher, "AFTER_OPEN_MS", 50)  # the first sync comes 1.5 s after opening
    published(qtbot, site, services, radicale)
    site.calendar.set_services(None)  # as when the app closed; meanwhile another workstation saved
    services.book_visit("104-001", "D14", date(2027, 2, 12))
    assert services.calendar_status().pending == 1
    site.calendar.set_services(services)  # as the window does when it opens the database
    qtbot.waitUntil(lambda: calendar_text(site) == UP_TO_DATE, timeout=30000)
    d14 = services.participant("104-001").visit("D14")
    assert read_events(radicale.calendar_url)[d14.uid]["DTSTART"] == ":20270212"


def test_with_the_server_down_a_save_still_works_and_the_change_arrives_once_it_is_back(
        qtbot, site, services, own_radicale):
    radicale = own_radicale
    published(qtbot, site, services, radicale)
    radicale.stop()
    book_d14(qtbot, site, date(2027, 2, 12))  # the dialog saved and closed: nothing waited for the server
    assert services.participant("104-001").visit("D14").scheduled == date(2027, 2, 12)
    qtbot.waitUntil(lambda: calendar_text(site).startswith("⚠ Calendar: failing"), timeout=30000)
    assert "(server unreachable)" in calendar_text(site)
    assert "#d93636" in site.calendar_label.styleSheet()
    assert services.calendar_status().pending == 1
    radicale.start()
    site.ui.action_publish_calendar.trigger()  # File › Publish calendar now
    qtbot.waitUntil(lambda: calendar_text(site) == UP_TO_DATE, timeout=30000)
    assert "#d93636" not in site.calendar_label.styleSheet()
    d14 = services.participant("104-001").visit("D14")
    assert read_events(radicale.calendar_url)[d14.uid]["DTSTART"] == ":20270212"


class SilentServer:
    """Accepts connections on the port and never answers: a server that hangs."""

    def __init__(self, port: int) -> None:
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen()
        self.accepted: list[socket.socket] = []
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            self.accepted.append(connection)

    def close(self) -> None:
        with contextlib.suppress(OSError):  # wakes the thread blocked in accept() (a close alone does not, on Linux)
            self.listener.shutdown(socket.SHUT_RDWR)
        for connection in [self.listener, *self.accepted]:
            connection.close()
        self.thread.join(5)
        assert not self.thread.is_alive()


def test_a_server_that_never_answers_blocks_neither_a_save_nor_the_window(qtbot, site, services, own_radicale):
    radicale = own_radicale
    published(qtbot, site, services, radicale)
    radicale.stop()
    silent = SilentServer(radicale.port)
    try:
        services.book_visit("104-001", "D7", date(2027, 2, 5))  # booked: waits in the outbox
        site.calendar.sync_now()
        qtbot.waitUntil(lambda: bool(silent.accepted), timeout=10000)  # the worker is waiting for an answer
        assert site.calendar.busy
        book_d14(qtbot, site, date(2027, 2, 12))  # saved and closed meanwhile
        assert site.calendar.busy  # ...while the worker still waited for the server
        assert services.participant("104-001").visit("D14").scheduled == date(2027, 2, 12)
        assert QApplication.activeModalWidget() is None
    finally:
        silent.close()  # the connection drops: the worker gives up at once
    qtbot.waitUntil(lambda: calendar_text(site).startswith("⚠ Calendar: failing"), timeout=30000)
    assert services.calendar_status().pending == 2


def test_every_failing_reason_fits_the_status_bar_uncut_at_1024_pixels(qtbot, site):
    from ln_scheduler.services.calendar_publishing import PublishingStatus, PublishState
    from ln_scheduler.ui.calendar_status import SHORT_REASONS

    site.resize(1024, 768)
    for phrase, words in SHORT_REASONS:
        site.calendar.status_changed.emit(PublishingStatus(
            PublishState.FAILING, "https://cloud.example.org/dav/", "site", None, 12,
            f"the calendar server {phrase} (details)", None))
        assert calendar_text(site) == f"⚠ Calendar: failing ({words})"  # not cut ("…")
        site.statusBar().layout().activate()
        assert site.calendar_label.geometry().right() <= site.statusBar().width()
