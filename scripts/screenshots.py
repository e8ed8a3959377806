"""Regenerate the GUI screenshots in docs/screenshots/ from the demo site.

    python scripts/screenshots.py [--out docs/screenshots] [--dark]

Headless (Qt's offscreen platform, QWidget.grab()), on a temporary database filled with the demo
site and a fixed clock, so the pictures change only when the GUI does: the worklist, the month
calendar with a visit's window shaded, a participant's timeline and audit trail, the "visit done"
dialog part-way through its checklist, the infusion-preview and the withdraw-preview dialogs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
#: The demo site's "now": a Wednesday morning at the site (New York).
NOW = datetime(2027, 3, 10, 14, 30, tzinfo=UTC)
SIZE: tuple[int, int] = (1440, 900)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--dark", action="store_true", help="also take the worklist in a dark palette")
    parser.add_argument("--size", default="1440x900", help="main window size, WxH (e.g. 1280x800, 1024x768)")
    args = parser.parse_args()
    global SIZE
    SIZE = tuple(int(n) for n in args.size.lower().split("x"))  # type: ignore[assignment]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    args.out.mkdir(parents=True, exist_ok=True)
    # A fixed folder: the status bar shows the database's path, and the pictures must change only
    # when the GUI does (the clock is fixed too: NOW).
    folder = Path(tempfile.gettempdir()) / "ln-scheduler-screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")
    try:
        return take(folder, args.out, args.dark)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def take(folder: Path, out: Path, dark: bool) -> int:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from ln_scheduler.services.app import open_services
    from ln_scheduler.services.demo import fill_demo_site
    from ln_scheduler.ui.app import create_application
    from ln_scheduler.ui.dialogs.complete_visit_dialog import CompleteVisitDialog
    from ln_scheduler.ui.dialogs.record_infusion_dialog import RecordInfusionDialog
    from ln_scheduler.ui.main_window import CALENDAR_TAB, PARTICIPANTS_TAB, WORKLIST_TAB, MainWindow
    from ln_scheduler.ui.models import procedure_checklist_model as checklist
    from ln_scheduler.ui.models.roles import Role
    from ln_scheduler.ui.qt_dates import to_qdate
    from ln_scheduler.ui.settings import AppSettings

    app = create_application(sys.argv[:1])
    services = open_services(f"sqlite:///{folder / 'demo.sqlite3'}", user="coordinator", workstation="CRU-PC1",
                             clock=lambda: NOW)
    fill_demo_site(services)
    today = services.today()

    window = MainWindow(AppSettings(QSettings(str(folder / "gui.ini"), QSettings.Format.IniFormat)),
                        first_weekday=6)  # a US site: weeks start on Sunday
    window.resize(*SIZE)
    window.show()
    window.set_services(services)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    def save(widget: object, name: str) -> None:
        settle()
        path = out / name
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        print(f"wrote {path}")

    window.show_tab(WORKLIST_TAB)
    filled: list[bool] = []
    window.worklist.filled.connect(lambda: filled.append(True))
    window.worklist.set_period("week")  # read in a worker thread: wait for it
    while not filled:
        app.processEvents()
    items = window.worklist.all_items()
    first_due = next((n for n, i in enumerate(items) if i.visit.status.value == "due"), 0)
    window.worklist.ui.table.selectRow(first_due)
    save(window, "main-worklist.png")
    if dark:  # the same worklist in a dark palette, before the data below changes it
        from PySide6.QtGui import QColor, QPalette

        from ln_scheduler.ui import status_style

        light = QPalette(QApplication.palette())
        palette = QPalette()
        for role, color in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e8e8e8"),
                            (QPalette.ColorRole.Base, "#1f1f1f"), (QPalette.ColorRole.AlternateBase, "#262626"),
                            (QPalette.ColorRole.Text, "#e8e8e8"), (QPalette.ColorRole.Button, "#333333"),
                            (QPalette.ColorRole.ButtonText, "#e8e8e8"), (QPalette.ColorRole.Highlight, "#2f7ae5"),
                            (QPalette.ColorRole.HighlightedText, "#ffffff"),
                            (QPalette.ColorRole.PlaceholderText, "#8a8a8a"), (QPalette.ColorRole.Mid, "#555555")):
            palette.setColor(role, QColor(color))
        QApplication.setPalette(palette)
        status_style.invalidate()
        save(window, "main-worklist-dark.png")
        QApplication.setPalette(light)
        status_style.invalidate()

    window.show_tab(CALENDAR_TAB)
    window.month.go_to_today()
    busy = max((today + timedelta(days=n) for n in range(1, 10)), key=lambda d: len(window.month.model.items_on(d)))
    window.month.select_date(busy)
    proxy = window.month.day_proxy
    windowed = [r for r in range(proxy.rowCount())
                if (lambda item: item.visit.earliest != item.visit.latest)(proxy.index(r, 0).data(Role.RECORD))]
    window.month.ui.day_table.selectRow(windowed[0] if windowed else 0)  # its window is shaded
    save(window, "month-calendar.png")

    window.show_tab(PARTICIPANTS_TAB)
    follow_up = [p for p in services.participants() if p.status.value == "follow-up"]
    chosen = sorted(follow_up, key=lambda p: p.infusion or today)[len(follow_up) // 2]
    window.participants.select_participant(chosen.id)
    save(window, "participant-timeline.png")

    withdrawn = next(p for p in services.participants() if p.status.value == "withdrawn")
    window.participants.select_participant(withdrawn.id)
    window.participants.ui.detail_tabs.setCurrentIndex(1)  # the audit trail, with the reasons
    save(window, "audit-trail.png")
    window.participants.ui.detail_tabs.setCurrentIndex(0)

    # "Visit done" part-way: two procedures ticked done, the PK sample not done with its reason,
    # the rest still to record (nothing is pre-ticked).
    due = items[first_due]
    record = services.participant(due.participant_id)
    done_dialog = CompleteVisitDialog(services, record, record.visit(due.visit.code, due.visit.occurrence), today,
                                      window)
    done_dialog.resize(900, 560)
    done_dialog.show()
    rows = done_dialog.model.rows()
    for n, row in enumerate(rows):
        column = checklist.NOT_DONE if row.code == "PK" else checklist.DONE
        if row.code == "PK" or n < 2:
            done_dialog.model.setData(done_dialog.model.index(n, column), Qt.CheckState.Checked.value,
                                      Qt.ItemDataRole.CheckStateRole)
        if row.code == "PK":
            done_dialog.model.setData(done_dialog.model.index(n, checklist.REASON), "sample haemolysed")
    save(done_dialog, "visit-done.png")
    done_dialog.close()

    # One more participant whose infusion slipped two days, with Day 7 already booked: the
    # preview then shows every date that moves and the appointment to re-book.
    c1 = today - timedelta(days=9)
    taken = {p.id for p in services.participants()}  # the demo site grows: an ID it does not use
    pid = next(f"104-{n:03d}" for n in range(90, 1000) if f"104-{n:03d}" not in taken)
    services.enrol(pid, "RWT", conditioning_start=c1)
    services.record_conditioning(pid, c1, days_done=3)
    services.book_visit(pid, "D7", services.participant(pid).visit("D7").scheduled)
    window.refresh(force=True)
    window.participants.select_participant(pid)
    settle()
    dialog = RecordInfusionDialog(services, services.participant(pid), today, window)
    dialog.resize(1100, 640)
    dialog.show()
    dialog.ui.date_edit.setDate(to_qdate(services.participant(pid).infusion_planned + timedelta(days=2)))
    dialog.ui.preview_table.setFocus()
    save(dialog, "infusion-preview.png")
    dialog.close()

    # Withdrawing a participant with an overdue visit: every visit the save records missed, cancels or adds.
    from ln_scheduler.ui.dialogs.withdraw_dialog import WithdrawDialog

    late = next((i.participant_id for i in services.overdue()), chosen.id)  # with visits to record missed
    leaving = WithdrawDialog(services, services.participant(late), today, window)
    leaving.show()
    leaving.ui.reason_edit.setPlainText("moved out of state")
    save(leaving, "withdraw-preview.png")
    leaving.close()
    take_day_and_booking(app, window, services, save, today)

    window.services = None
    services.close()
    return 0


def take_day_and_booking(app: Any, window: Any, services: Any, save: Callable[[Any, str], None],
                         today: date) -> None:
    """The day at a glance, the Book visits dialog of a newly planned participant (a time
    applied to all), and that participant's worksheet packet."""
    from ln_scheduler.services.records import Booking
    from ln_scheduler.ui.dialogs.book_plan_dialog import BookPlanDialog
    from ln_scheduler.ui.dialogs.packet_dialog import PacketDialog
    from ln_scheduler.ui.main_window import WORKLIST_TAB

    window.show_tab(WORKLIST_TAB)
    filled: list[bool] = []
    window.worklist.filled.connect(lambda: filled.append(True))
    window.worklist.set_period("day")
    while not filled:
        app.processEvents()
    save(window, "day-at-a-glance.png")
    window.worklist.set_period("week")

    start = today + timedelta(days=14)
    enrolled = {p.id for p in services.participants()}
    planned = next(f"104-{n:03d}" for n in range(90, 1000) if f"104-{n:03d}" not in enrolled)
    services.enrol(planned, "KLM", conditioning_start=start + timedelta(days=(1 - start.weekday()) % 7))  # Tue
    book = BookPlanDialog(services, services.participant(planned), today, window)
    book.resize(980, 520)
    book.show()
    book.ui.all_time_edit.setText("09:00")
    book.apply_time_to_all()
    save(book, "book-visits.png")
    book.close()

    services.book_visits(planned, [Booking(v.code, time=time(9, 0)) for v in book.visits])
    packet = PacketDialog(services.participant(planned), today, [], window.settings, window)
    packet.resize(560, 520)
    packet.show()
    save(packet, "worksheet-packet.png")
    packet.close()


if __name__ == "__main__":
    raise SystemExit(main())
