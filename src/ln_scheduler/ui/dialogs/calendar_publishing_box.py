"""Calendar publishing in site settings: the CalDAV calendar's address, the account, its password
(kept in this computer's OS keyring by the services, never in a file or the database), "Test
connection" and "Publish now". Its own widget and form (forms/calendar_publishing_box.ui), placed
in the site settings dialog by code, so the dialog's own form is untouched by it.

Nothing here waits for the server on the UI thread: the test and the set-up (which checks the
server before it stores anything) run as tasks, and "Publish now" asks the main window's calendar
worker. The answer shows under the buttons. The server and the keyring are reached only through
the services (check_calendar, set_up_calendar, calendar_status(with_password=True)): one place
decides what a workstation may do with the shared calendar, for the CLI and the GUI alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtWidgets import QWidget

from ..calendar_status import calendar_words
from ..errors import describe
from ..forms.ui_calendar_publishing_box import Ui_CalendarPublishingBox
from ..translate_noop import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from ...services.app import Services
    from ..calendar_publisher import CalendarPublisher
    from ..tasks import TaskRunner

NOT_PUBLISHING = QT_TRANSLATE_NOOP("CalendarPublishingBox", "Not published. Enter the address of a CalDAV calendar "
                                   "(Nextcloud, Radicale, SOGo, iCloud…).")
SAVE_FIRST = QT_TRANSLATE_NOOP("CalendarPublishingBox",
                               "Save to publish to this address (the server is checked first).")
SAVE_TO_STOP = QT_TRANSLATE_NOOP("CalendarPublishingBox",
                                 "Save to stop publishing (the events already on the server stay there).")


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
        from ...services.calendar_publishing import url_problem

        problem = url_problem(self.url())
        return None if problem is None else self.tr("Calendar address: {problem}.").format(problem=problem)

    def start_set_up(self, done: Callable[[], None], failed: Callable[[str], None]) -> None:
        """Store what is typed, in a worker: the services check the server, then keep the address and
        account in the database, the password in the keyring, and queue the whole calendar (the
        main window's worker publishes it; the same address and account, a password typed on a
        second workstation, queue nothing); an empty address stops publishing. ``done`` or
        ``failed(message)`` is called on the UI thread."""
        services, url, user, password = self.services, self.url(), self.user() or None, self.password() or None

        def work(_progress: object) -> Any:
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
        self._say(self.tr("Checking the calendar server…") if url else self.tr("Stopping publishing…"))
        self.runner.run(work, on_done=finished, on_error=refused)

    # --- the buttons ----------------------------------------------------------------------------
    def test_connection(self) -> None:
        """Log in with what is typed and find the calendar, in a worker; nothing is stored."""
        url, user, password = self.url(), self.user() or None, self.password() or None
        if not url:
            self._say(self.tr("⚠ Enter the calendar's address first."))
            return

        def answered(text: object) -> None:
            self.testing = False
            if shiboken6.isValid(self):
                self._update(f"✓ {text}")

        def refused(exc: BaseException, _trace: str) -> None:
            self.testing = False
            if shiboken6.isValid(self):
                self._update(self.tr("⚠ Cannot use this calendar: {reason}").format(reason=describe(exc).message))

        self.testing = True
        self._update(self.tr("Connecting…"))
        self.runner.run(lambda _p: self.services.check_calendar(url, user, password), on_done=answered,
                        on_error=refused)

    def publish_now(self) -> None:
        """Ask the main window's worker to send what waits now; the state below follows it."""
        if self.publisher is None or self.changed() or not self._saved_url:
            return
        self._say(self.tr("Publishing…"))
        self.publisher.sync_now(force=True)  # a person asked: changes waiting for their back-off go too

    # --- showing the state ----------------------------------------------------------------------
    def _look_for_password(self) -> None:
        """Say whether this computer's keyring holds the password (asked in a worker: a keyring may
        take a moment to unlock)."""
        services = self.services

        def work(_progress: object) -> bool | None:
            return services.calendar_status(with_password=True).has_password

        def answered(found: object) -> None:
            if shiboken6.isValid(self):
                self.ui.password_edit.setPlaceholderText(
                    self.tr("saved in this computer's keyring (type to replace it)") if found else
                    self.tr("none saved on this computer: type it to publish from here"))

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
            self._say(self.tr(SAVE_FIRST) if self.url() else self.tr(SAVE_TO_STOP))
        else:
            words = calendar_words(self.status) if self._saved_url else None
            self._say(self.tr(NOT_PUBLISHING) if words is None else f"{words.text}. {words.tooltip}")

    def _say(self, text: str) -> None:
        self.ui.state_label.setText(text)
