"""Calendar publishing in site settings: the CalDAV calendar's address, the account, its password
(kept in this computer's OS keyring by the services, never in a file or the database), "Test
connection" and "Publish now". Its own widget and form (forms/calendar_publishing_box.ui), placed
in the site settings dialog by code, so the dialog's own form is untouched by it.

Nothing here waits for the server on the UI thread: the test and the set-up (which checks the
server before it stores anything) run as tasks, and "Publish now" asks the main window's calendar
worker. The answer shows under the buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtWidgets import QWidget

from ..calendar_status import calendar_words
from ..errors import describe
from ..forms.ui_calendar_publishing_box import Ui_CalendarPublishingBox

if TYPE_CHECKING:
    from ...services.app import Services
    from ..calendar_publisher import CalendarPublisher
    from ..tasks import TaskRunner

NOT_PUBLISHING = "Not published. Enter the address of a CalDAV calendar (Nextcloud, Radicale, SOGo, iCloud…)."
SAVE_FIRST = "Save to publish to this address (the server is checked first)."
SAVE_TO_STOP = "Save to stop publishing (the events already on the server stay there)."


NO_CALENDAR_YET = "Connected. There is no calendar at this address yet: Save creates it."
CONNECTED = "Connected: the calendar is there and this account can use it."


def _check_server(url: str, user: str | None, password: str | None) -> str:
    """Log in and find the calendar, storing nothing (a password left empty: the keyring's).
    A missing calendar is not a failure: the set-up creates it (:data:`NO_CALENDAR_YET`)."""
    from ...publishing.caldav_server import CalDavCalendar, CalendarServerError, check_url
    from ...publishing.passwords import stored_password
    from ...services.errors import CalendarServerError as RefusedError
    from ...services.errors import ServiceError

    try:
        url = check_url(url)
    except ValueError as exc:
        raise ServiceError(str(exc)) from None
    if password is None:
        password = stored_password(url, user)
    try:
        with CalDavCalendar(url, user, password) as calendar:
            calendar.check(create=False, name="")
    except CalendarServerError as exc:
        if exc.kind == "not-a-calendar":
            return NO_CALENDAR_YET
        raise RefusedError(str(exc)) from None
    return CONNECTED


def _new_password_only(url: str, user: str | None, password: str) -> bool:
    """This workstation's password for the calendar already published: checked with the server,
    then kept in the keyring, without queueing the whole calendar again (the set-up would: at
    1,000 participants 23,000 uploads for a password typed on a second workstation). False when
    the calendar is gone from the server (then the set-up makes it again)."""
    from ...publishing.passwords import PasswordStoreError, store_password
    from ...services.errors import ServiceError

    if _check_server(url, user, password) != CONNECTED:
        return False
    try:
        store_password(url, user, password)
    except PasswordStoreError as exc:
        raise ServiceError(str(exc)) from None
    return True


class CalendarPublishingBox(QWidget):
    """``publisher``: the main window's calendar worker (None: no "Publish now"); ``runner``:
    where the test and the set-up run (the main window's task runner)."""

    def __init__(self, services: Services, runner: TaskRunner, publisher: CalendarPublisher | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CalendarPublishingBox()
        self.ui.setupUi(self)
        self.services = services
        self.runner = runner
        self.publisher = publisher
        self.testing = False
        self.setting_up = False
        self.status: Any = services.calendar_status()
        self._saved_url = self.status.url or ""
        self._saved_user = self.status.user or ""
        self.ui.url_edit.setText(self._saved_url)
        self.ui.user_edit.setText(self._saved_user)
        self.ui.test_button.clicked.connect(self.test_connection)
        self.ui.publish_button.clicked.connect(self.publish_now)
        self.ui.publish_button.setVisible(publisher is not None)
        for edit in (self.ui.url_edit, self.ui.user_edit, self.ui.password_edit):
            edit.textChanged.connect(lambda _text: self._update())  # never the text itself: a password
        if publisher is not None:
            publisher.status_changed.connect(self._show_status)
        self._update()
        if self._saved_url:
            self._look_for_password()

    # --- what the dialog asks -------------------------------------------------------------------
    def url(self) -> str:
        return self.ui.url_edit.text().strip()

    def user(self) -> str:
        return self.ui.user_edit.text().strip()

    def password(self) -> str:
        return self.ui.password_edit.text()

    def changed(self) -> bool:
        return not self._same_account() or bool(self.password())

    def _same_account(self) -> bool:
        """The address and user as saved (a trailing "/" is the services' spelling, not a change)."""
        return self.url().rstrip("/") == self._saved_url.rstrip("/") and self.user() == self._saved_user

    def url_problem(self) -> str | None:
        """What is wrong with a changed address, said before anything is saved (the services'
        own check: http(s) only, https to another machine, no account in the URL)."""
        if not self.changed() or not self.url():
            return None
        from ...publishing.caldav_server import check_url

        try:
            check_url(self.url())
        except ValueError as exc:
            return f"Calendar address: {exc}."
        return None

    def start_set_up(self, done: Callable[[], None], failed: Callable[[str], None]) -> None:
        """Store what is typed, in a worker: the services check the server, then keep the address and
        account in the database, the password in the keyring, and queue the whole calendar (the
        main window's worker publishes it); an empty address stops publishing. ``done`` or
        ``failed(message)`` is called on the UI thread."""
        services, url, user, password = self.services, self.url(), self.user() or None, self.password() or None
        same_account = bool(url) and self._same_account()
        saved_url = self._saved_url

        def work(_progress: object) -> Any:
            if same_account and password and _new_password_only(saved_url, user, password):
                return services.calendar_status()
            if url:
                return services.set_up_calendar(url, user, password)
            services.turn_off_calendar()
            return services.calendar_status()

        def finished(status: object) -> None:
            self.setting_up = False
            if shiboken6.isValid(self):
                self._saved_url, self._saved_user, self.status = getattr(status, "url", None) or url, user or "", status
                self.ui.password_edit.clear()
                self._update()
            done()

        def refused(exc: BaseException, _trace: str) -> None:
            self.setting_up = False
            if shiboken6.isValid(self):
                self._update()
            failed(describe(exc).message)

        self.setting_up = True
        self._update()
        self._say("Checking the calendar server…" if url else "Stopping publishing…")
        self.runner.run(work, on_done=finished, on_error=refused)

    # --- the buttons ----------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Log in with what is typed and find the calendar, in a worker; nothing is stored."""
        url, user, password = self.url(), self.user() or None, self.password() or None
        if not url:
            self._say("⚠ Enter the calendar's address first.")
            return

        def answered(text: object) -> None:
            self.testing = False
            if shiboken6.isValid(self):
                self._update(f"✓ {text}")

        def refused(exc: BaseException, _trace: str) -> None:
            self.testing = False
            if shiboken6.isValid(self):
                self._update(f"⚠ Cannot use this calendar: {describe(exc).message}")

        self.testing = True
        self._update("Connecting…")
        self.runner.run(lambda _p: _check_server(url, user, password), on_done=answered, on_error=refused)

    def publish_now(self) -> None:
        """Ask the main window's worker to send what waits now; the state below follows it."""
        if self.publisher is None or self.changed() or not self._saved_url:
            return
        self._say("Publishing…")
        self.publisher.sync_now()

    # --- showing the state ----------------------------------------------------------------------
    def _look_for_password(self) -> None:
        """Say whether this computer's keyring holds the password (asked in a worker: a keyring may
        take a moment to unlock)."""
        url, user = self._saved_url, self._saved_user or None

        def work(_progress: object) -> bool:
            from ...publishing.passwords import stored_password

            return stored_password(url, user) is not None

        def answered(found: object) -> None:
            if shiboken6.isValid(self):
                self.ui.password_edit.setPlaceholderText(
                    "saved in this computer's keyring (type to replace it)" if found else
                    "none saved on this computer: type it to publish from here")

        self.runner.run(work, on_done=answered, on_error=lambda _exc, _trace: None)

    def _show_status(self, status: Any) -> None:
        if status is not None:
            self.status = status
            self._update()

    def _update(self, message: str | None = None) -> None:
        """Buttons enabled for what can be done now, and one line of state (``message`` first)."""
        busy = self.testing or self.setting_up
        for edit in (self.ui.url_edit, self.ui.user_edit, self.ui.password_edit):
            edit.setReadOnly(self.setting_up)
        self.ui.test_button.setEnabled(not busy and bool(self.url()))
        self.ui.publish_button.setEnabled(not busy and bool(self._saved_url) and not self.changed())
        if message is not None:
            self._say(message)
        elif busy:
            return
        elif self.changed():
            self._say(SAVE_FIRST if self.url() else SAVE_TO_STOP)
        else:
            words = calendar_words(self.status) if self._saved_url else None
            self._say(NOT_PUBLISHING if words is None else f"{words.text}. {words.tooltip}")

    def _say(self, text: str) -> None:
        self.ui.state_label.setText(text)
