"""Screenshots of calendar publishing: the site settings' publishing section, and the status bar in
its three states (up to date, pending, failing), on the demo site published to a Radicale server
this script starts on 127.0.0.1 (Radicale is a test dependency: ``pip install -e .[test]``).

    python scripts/screenshots_calendar.py [--out docs/screenshots] [--size 1024x768]

Headless (offscreen, QWidget.grab()). The status bar is taken at the given window width (default
1024 px, the narrowest screen the application is made for) so text cut short there shows.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.support (the Radicale launcher the tests use)
NOW = datetime(2027, 3, 10, 14, 30, tzinfo=UTC)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1024x768", help="main window size, WxH")
    args = parser.parse_args()
    size = tuple(int(n) for n in args.size.lower().split("x"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="ln-calendar-shots-"))
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(folder / var.lower())
    os.environ["LN_SCHEDULER_AUDIT_KEY"] = str(folder / "audit.key")
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.support.file_keyring.FileKeyring"  # never the real keyring
    os.environ["LN_TEST_KEYRING_FILE"] = str(folder / "keyring.json")
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        return take(folder, args.out, size)  # type: ignore[arg-type]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def take(folder: Path, out: Path, size: tuple[int, int]) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ln_scheduler.services.app import open_services
    from ln_scheduler.services.demo import fill_demo_site
    from ln_scheduler.ui.app import create_application
    from ln_scheduler.ui.dialogs.site_settings_dialog import SiteSettingsDialog
    from ln_scheduler.ui.main_window import MainWindow
    from ln_scheduler.ui.settings import AppSettings
    from tests.support.radicale_server import PASSWORD, USER, RadicaleServer

    app = create_application(sys.argv[:1])
    server = RadicaleServer(folder / "radicale")
    server.start()
    services = open_services(f"sqlite:///{folder / 'demo.sqlite3'}", user="coordinator", workstation="CRU-PC1",
                             clock=lambda: NOW)
    try:
        fill_demo_site(services)
        window = MainWindow(AppSettings(QSettings(str(folder / "gui.ini"), QSettings.Format.IniFormat)),
                            first_weekday=6)
        window.resize(*size)
        window.show()
        window.set_services(services)

        def wait_for(done: Any, what: str, seconds: float = 120) -> None:
            deadline = time.monotonic() + seconds
            while not done():
                if time.monotonic() > deadline:
                    raise RuntimeError(f"gave up waiting for {what}")
                app.processEvents()
                time.sleep(0.01)

        def save(widget: Any, name: str) -> None:
            for _ in range(5):
                app.processEvents()
            path = out / name
            widget.grab().save(str(path))
            print(f"wrote {path}")

        label = window.calendar_label
        services.set_up_calendar(server.calendar_url, USER, PASSWORD)
        window.calendar.sync_now()
        wait_for(lambda: label.isVisible() and label.text() == "Calendar: up to date", "the first publish")
        save(window.statusBar(), "status-bar-calendar-up-to-date.png")

        dialog = SiteSettingsDialog(services, services.today(), window)
        dialog.show()
        wait_for(lambda: "keyring" in dialog.calendar_box.ui.password_edit.placeholderText(), "the keyring")
        save(dialog, "site-settings-calendar.png")
        dialog.close()

        window.calendar.stop()  # from here the states are set by hand, as the worker would show them
        visit = next(v for v in services.visits(date(2027, 3, 15), date(2027, 4, 30)) if v.status.is_open
                     and v.earliest is not None and v.earliest < v.scheduled <= v.latest)
        services.book_visit(visit.participant_id, visit.code, visit.scheduled, occurrence=visit.occurrence)
        window.calendar.status_changed.emit(services.calendar_status())
        save(window.statusBar(), "status-bar-calendar-pending.png")

        server.stop()
        services.sync_calendar()
        window.calendar.status_changed.emit(services.calendar_status())
        save(window.statusBar(), "status-bar-calendar-failing.png")
        print(f"failing: {label.text()!r}\n  tooltip: {label.toolTip()!r}")
        window.close()
        QApplication.processEvents()
    finally:
        services.close()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
