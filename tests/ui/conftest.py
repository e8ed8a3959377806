"""GUI test fixtures: isolated settings, a temporary SQLite site with a fixed clock, a prompter
that answers instead of a person, and the real main window on top.

No test sleeps: everything waits with ``qtbot.waitUntil`` on something a user would see."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from ln_scheduler.services.records import SiteInfo
from ln_scheduler.ui.settings import AppSettings
from tests.support.clock import FixedClock

#: The site's "now" in every GUI test: Wednesday 10 February 2027, 10:00 in New York.
NOW = datetime(2027, 2, 10, 15, 0, tzinfo=UTC)
TODAY = date(2027, 2, 10)
SITE = SiteInfo(name="Lakeside Kidney Research Unit", number="104", timezone="America/New_York",
                closure_rules=("weekends", "us-holidays"))


#: How long a GUI test waits for what a user would see before it fails: pytest-qt's 5 s default
#: failed tests on a loaded machine (two xdist workers beside other jobs: a dialog took 5+ s to
#: show). A wait ends as soon as its condition holds, so a longer limit costs nothing when green.
WAIT_MS = 30_000


class PatientQtBot(QtBot):
    """``qtbot`` with ``WAIT_MS`` as the default limit of every wait (an explicit ``timeout`` wins)."""

    def waitUntil(self, callback: Any, *, timeout: int = WAIT_MS) -> None:
        super().waitUntil(callback, timeout=timeout)

    def waitSignal(self, signal: Any, *, timeout: int = WAIT_MS, **kwargs: Any) -> Any:
        return super().waitSignal(signal, timeout=timeout, **kwargs)

    def waitSignals(self, signals: Any, *, timeout: int = WAIT_MS, **kwargs: Any) -> Any:
        return super().waitSignals(signals, timeout=timeout, **kwargs)

    def waitExposed(self, widget: Any, *, timeout: int = WAIT_MS) -> Any:
        return super().waitExposed(widget, timeout=timeout)

    def waitActive(self, widget: Any, *, timeout: int = WAIT_MS) -> Any:
        return super().waitActive(widget, timeout=timeout)


@pytest.fixture
def qtbot(qapp: Any, request: pytest.FixtureRequest) -> PatientQtBot:
    return PatientQtBot(request)


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path: Path) -> Iterator[None]:
    """Any QSettings the code creates on its own lands in this test's folder."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    yield


_MODIFIER_KEYS = ((Qt.KeyboardModifier.ShiftModifier, Qt.Key.Key_Shift),
                  (Qt.KeyboardModifier.ControlModifier, Qt.Key.Key_Control),
                  (Qt.KeyboardModifier.AltModifier, Qt.Key.Key_Alt),
                  (Qt.KeyboardModifier.MetaModifier, Qt.Key.Key_Meta))


@pytest.fixture(autouse=True)
def no_key_held_down_after(qapp: QApplication) -> Iterator[None]:
    """Each test starts with no modifier key held. A key chord whose release reaches no widget (the
    press closed the dialog that had the focus) leaves Qt believing Shift or Ctrl is still down,
    and the next test's clicks then extend or toggle a selection instead of making one: the
    tests would depend on their order. Released here as a user lifting their fingers would."""
    yield
    held = QGuiApplication.keyboardModifiers()
    if held == Qt.KeyboardModifier.NoModifier:
        return
    lifter = QWidget()
    for modifier, key in _MODIFIER_KEYS:
        if held & modifier:
            QTest.keyRelease(lifter, key)
    lifter.deleteLater()


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "gui.ini"), QSettings.Format.IniFormat))


@dataclass
class FakePrompter:
    """Records what the app would have asked, and answers as the test says."""

    confirm_answer: bool = True
    save_path: Path | None = None
    print_to: Path | None = None
    errors: list[tuple[str, str]] = field(default_factory=list)
    infos: list[tuple[str, str]] = field(default_factory=list)
    confirms: list[str] = field(default_factory=list)
    saves: list[tuple[str, Path]] = field(default_factory=list)  # (title, suggested path) of each save_file

    def error(self, title: str, text: str, details: str | None = None) -> None:
        self.errors.append((title, text))

    def info(self, title: str, text: str) -> None:
        self.infos.append((title, text))

    def confirm(self, title: str, text: str, yes_text: str = "Continue") -> bool:
        self.confirms.append(text)
        return self.confirm_answer

    def save_file(self, title: str, suggested: Path, file_filter: str) -> Path | None:
        self.saves.append((title, suggested))
        return self.save_path

    def open_file(self, title: str, start: Path, file_filter: str) -> Path | None:
        return self.save_path

    def choose_printer(self, printer: QPrinter) -> bool:
        if self.print_to is None:
            return False
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self.print_to))
        return True


@pytest.fixture
def prompter() -> FakePrompter:
    return FakePrompter()


@pytest.fixture
def clock() -> FixedClock:
    """The services' clock, which the window reads today from: advance it to move both."""
    return FixedClock(NOW)


def open_test_services(url: str, user: str = "coordinator", clock: FixedClock | None = None) -> Any:
    """Services as a workstation of the test site opens them, on ``clock`` (else a clock at ``NOW``)."""
    from ln_scheduler.services.app import open_services

    return open_services(url, user=user, workstation="TEST-PC", clock=clock or FixedClock(NOW))


def new_database_window(qtbot: Any, settings: Any, prompter: Any, path: Path) -> tuple[Any, Any]:
    """The main window just given a database created at ``path`` (empty), the first-start question
    asked as opening a new database asks it. Returns (window, services); the caller closes them."""
    from ln_scheduler.ui.app_database import _maybe_first_start
    from ln_scheduler.ui.main_window import MainWindow

    services = open_test_services(f"sqlite:///{path}")
    window = MainWindow(settings, prompter=prompter)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    qtbot.waitExposed(window)
    window.set_services(services)
    qtbot.waitUntil(lambda: window.views_ready)  # the menus' commands, built after the worklist
    _maybe_first_start(window)
    return window, services


def change_elsewhere(url: str, change: Any, user: str = "mkeller") -> None:
    """Another workstation (its own connection and user) makes ``change(services)`` and leaves."""
    other = open_test_services(url, user=user)
    try:
        change(other)
    finally:
        other.close()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'site.sqlite3'}"


@pytest.fixture(scope="session")
def site_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """The test site (:data:`SITE` set up at :data:`NOW`), made once per process from the migrated
    database; each test's site is a copy (``services``)."""
    from tests.support.sqlite_template import copy_sqlite

    path = tmp_path_factory.mktemp("ui-site") / "site.sqlite3"
    copy_sqlite(sqlite_template, path)
    with open_test_services(f"sqlite:///{path}") as svc:
        svc.update_site(SITE, "test site set-up")
    return path


@pytest.fixture
def services(db_url: str, clock: FixedClock, site_template: Path) -> Iterator[Any]:
    """The test site's services, on a copy of the process's test site (this workstation's audit
    checkpoint of it copied too: as if the set-up had been made here)."""
    from tests.support.site_copies import copy_checkpoint
    from tests.support.sqlite_template import copy_sqlite

    copy_sqlite(site_template, Path(db_url.removeprefix("sqlite:///")))
    copy_checkpoint(f"sqlite:///{site_template}", db_url)
    svc = open_test_services(db_url, clock=clock)
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot: Any, settings: AppSettings, prompter: FakePrompter, services: Any) -> Any:
    from ln_scheduler.ui.main_window import MainWindow

    w = MainWindow(settings, prompter=prompter, first_weekday=6)  # type: ignore[arg-type]
    qtbot.addWidget(w)
    w.resize(1440, 900)
    w.show()
    qtbot.waitExposed(w)
    with qtbot.waitSignal(w.first_read_ended):  # the worklist is read in a worker thread
        w.set_services(services)
    yield w
    w.calendar.stop()  # its worker may be reading the services the fixture closes next
    w.services = None  # the fixture closes the services
