"""Flow (a), a coordinator's first day, in the real main window with real keys and clicks: start
on an empty database ("Start empty"), enrol a participant, plan conditioning on the suggested
start, book screening to Day 4, save their worksheets as one PDF, export their .ics. Every key
chord, click and typed field counts as one action; the flow must take at most 15 (the aim was 12;
it takes 14, since each of the two file choosers needs its Enter).

Only what a user does is sent: keys go to the widget that has the keyboard focus (a typed field
that does not have it costs the Tab or click that would give it), menus are reached by their
shortcut keys, and the two file choosers are answered by the prompter seam of every GUI test; each
answer still counts as the one action (Enter on the suggested name) a real file chooser needs, and
any other question the prompter would have answered fails the test (it would be an uncounted action)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from icalendar import Calendar
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from ln_scheduler.ui.dialogs.book_plan_dialog import BookPlanDialog
from ln_scheduler.ui.dialogs.enrol_dialog import EnrolDialog
from ln_scheduler.ui.dialogs.first_start_dialog import FirstStartDialog
from ln_scheduler.ui.dialogs.packet_dialog import PacketDialog
from ln_scheduler.ui.dialogs.plan_conditioning_dialog import PlanConditioningDialog
from ln_scheduler.ui.dialogs.site_settings_dialog import SiteSettingsDialog
from ln_scheduler.ui.main_window import MainWindow

from .conftest import FakePrompter, new_database_window
from .dialog_waits import wait_closed

MAX_ACTIONS = 15  # the ceiling
ACTIONS_WHEN_WRITTEN = 14  # what the flow took when this test was written: more means a new step on the way
FIRST_DAYS = ("SCR", "LD1", "LD2", "LD3", "D1", "D2", "D3", "D4")
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@dataclass
class FileChooser(FakePrompter):
    """Answers each save-file question with a file in ``folder`` named after what is saved
    (the suggested name), so the PDF and the calendar file land in separate files."""

    folder: Path = Path()
    written: list[Path] = field(default_factory=list)
    hands: Actions | None = None

    def save_file(self, title: str, suggested: Path, file_filter: str) -> Path | None:
        self.saves.append((title, suggested))
        path = self.folder / suggested.name
        self.written.append(path)
        if self.hands is not None:  # a real file chooser opens on the suggested name: Enter saves
            self.hands.log.append(f"Enter: save as {suggested.name}")
        return path


class Actions:
    """A user's hands: each key chord, click or typed field is one action, sent where a user's
    would go (keys to the focused widget)."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.log: list[str] = []

    def _focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            what: str = "") -> None:
        self.log.append(what or f"key {key.name} {modifiers}")
        QTest.keyClick(self._focused(), key, modifiers)

    def type(self, widget: QWidget, text: str) -> None:
        """Type into ``widget``: one action, plus a Tab when the focus is on the widget before it."""
        if not widget.hasFocus():
            self.key(Qt.Key.Key_Tab, what=f"Tab to {widget.objectName()}")
            assert widget.hasFocus(), f"{widget.objectName()} is not the next field"
        self.log.append(f"type {text!r} into {widget.objectName()}")
        QTest.keyClicks(widget, text)

    def click(self, widget: QWidget, what: str = "") -> None:
        self.log.append(what or f"click {widget.objectName()}")
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton)

    @property
    def count(self) -> int:
        return len(self.log)


def active(qtbot: Any, window: MainWindow, cls: type) -> Any:
    """The dialog of type ``cls`` once it is open and has the keyboard focus."""
    qtbot.waitUntil(lambda: isinstance(window.active_dialog, cls) and window.active_dialog.isVisible())
    dialog = window.active_dialog
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog and QApplication.focusWidget() is not None)
    return dialog


def back_in(qtbot: Any, window: MainWindow) -> None:
    """A closed dialog gives the keyboard back to the main window: what a window manager does,
    which the offscreen platform leaves to the test (not a user action)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window and QApplication.focusWidget() is not None)


def closed(qtbot: Any, dialog: Any) -> None:
    """The dialog saved and closed (it is deleted soon after it closes)."""
    wait_closed(qtbot, dialog)
    assert not isValid(dialog) or getattr(dialog, "last_error", None) is None, dialog.last_error


def test_a_first_day_from_an_empty_database_to_booked_printed_and_exported(qtbot, settings, tmp_path):
    hands = Actions(qtbot)
    prompter = FileChooser(folder=tmp_path, hands=hands)
    window, services = new_database_window(qtbot, settings, prompter, tmp_path / "new-site.sqlite3")

    # 1. The first-start question: start empty (the default), then the site settings as they come.
    first = active(qtbot, window, FirstStartDialog)
    assert first.ui.empty_radio.isChecked()
    hands.key(Qt.Key.Key_Return, what="Enter: start empty")
    site = active(qtbot, window, SiteSettingsDialog)
    hands.key(Qt.Key.Key_Return, what="Enter: save the site settings")
    closed(qtbot, site)

    # 2. Enrol: Ctrl+N, ID, initials, Enter. The new participant is selected.
    back_in(qtbot, window)
    hands.key(Qt.Key.Key_N, CTRL, "Ctrl+N: new participant")
    enrol = active(qtbot, window, EnrolDialog)
    hands.type(enrol.ui.participant_id_edit, "104-001")
    hands.type(enrol.ui.initials_edit, "JQD")
    hands.key(Qt.Key.Key_Return, what="Enter: enrol")
    closed(qtbot, enrol)
    qtbot.waitUntil(lambda: window.participants.record is not None and window.participants.record.id == "104-001")

    # 3. Plan conditioning on the first suggested start; the booking of screening to Day 4 follows.
    back_in(qtbot, window)
    hands.key(Qt.Key.Key_P, CTRL | SHIFT, "Ctrl+Shift+P: plan conditioning")
    plan = active(qtbot, window, PlanConditioningDialog)
    suggested = plan.model.record(0)[0]
    hands.key(Qt.Key.Key_Return, what="Enter: plan (first suggestion, book Days -> 4 after)")
    closed(qtbot, plan)

    # 4. Book screening to Day 4 on their proposed dates: one confirmation.
    book = active(qtbot, window, BookPlanDialog)
    assert [v.code for v in book.visits] == list(FIRST_DAYS)
    hands.key(Qt.Key.Key_Return, what="Enter: book 8 visits (then their packet)")
    closed(qtbot, book)
    record = services.participant("104-001")
    assert record.conditioning_start_planned == suggested
    assert all(record.visit(code).booked for code in FIRST_DAYS)

    # 5. Their worksheets as one PDF: the packet of the visits just booked opens after booking.
    packet = active(qtbot, window, PacketDialog)
    assert [v.code for v in packet.chosen()] == list(FIRST_DAYS)
    hands.key(Qt.Key.Key_Return, what="Enter: save as PDF")
    qtbot.waitUntil(lambda: window.printing.last_saved is not None, timeout=60000)
    pdf = window.printing.last_saved
    assert window.active_dialog is not packet, "the packet dialog closes once its PDF is asked for"

    # 6. The participant's calendar file.
    back_in(qtbot, window)
    hands.key(Qt.Key.Key_E, CTRL | SHIFT, "Ctrl+Shift+E: export .ics")
    qtbot.waitUntil(lambda: window.exporting.last_export is not None, timeout=60000)
    ics, _events = window.exporting.last_export

    assert (prompter.confirms, prompter.infos, prompter.errors) == ([], [], []), "an uncounted question"
    assert len(prompter.saves) == 2, prompter.saves
    assert hands.count <= MAX_ACTIONS, hands.log
    assert hands.count == ACTIONS_WHEN_WRITTEN, hands.log
    print(f"flow (a): {hands.count} actions: " + "; ".join(hands.log))

    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages]
    title = re.compile(r"VISIT (.+?)(?: NOMINAL)? STUDY DAY")
    titles = [m.group(1) for text in pages if "Page 1 of" in text and (m := title.search(text))]
    names = {v.code: v.name for v in record.visits}
    assert titles == [names[code] for code in FIRST_DAYS], titles  # one worksheet per booked visit, in order
    assert all("PARTICIPANT ID 104-001" in text for text in pages)

    calendar = Calendar.from_ical(ics.read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    booked = {f"104-001 · {names[code]}" for code in FIRST_DAYS}
    assert booked <= set(events)
    assert {s for s, e in events.items() if str(e["STATUS"]) == "CONFIRMED"} == booked
    assert all(str(e["STATUS"]) == "TENTATIVE" for s, e in events.items() if s not in booked)
    window.services = None
    services.close()
