"""What the GUI saves is private like what the CLI writes: a PDF saved from the visit dialog and the
.ics and .csv exports are created 0600 whatever the umask (they were 0644)."""

from __future__ import annotations

import os
import stat
import sys

import pytest
from PySide6.QtCore import Qt

from ln_scheduler.ui.dialogs.visit_dialog import VisitDialog
from ln_scheduler.ui.main_window import WORKLIST_TAB

from .test_workflows import enrolled_in_follow_up, select_participant, wait_dialog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="Windows keeps the profile folder's ACL")


def test_saved_pdfs_and_exports_are_private(qtbot, window, services, prompter, tmp_path):
    os.umask(0o022)
    enrolled_in_follow_up(services)
    window.refresh(force=True)
    select_participant(qtbot, window, "104-001")
    window.participants.select_visit("D14")
    window.ui.action_open_visit.trigger()
    dialog = wait_dialog(qtbot, window, VisitDialog)
    prompter.save_path = tmp_path / "d14.pdf"
    qtbot.mouseClick(dialog.ui.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.printing.last_saved == tmp_path / "d14.pdf", timeout=20000)
    dialog.reject()

    prompter.save_path = tmp_path / "104-001.ics"
    window.ui.action_export_participant_ics.trigger()
    qtbot.waitUntil(lambda: window.exporting.last_export is not None, timeout=20000)
    window.exporting.last_export = None
    window.show_tab(WORKLIST_TAB)
    prompter.save_path = tmp_path / "clinic.csv"
    qtbot.mouseClick(window.worklist.ui.export_csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.exporting.last_export is not None, timeout=20000)

    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir() if p.is_file()
             and p.suffix in (".pdf", ".ics", ".csv")}
    assert modes == {"d14.pdf": 0o600, "104-001.ics": 0o600, "clinic.csv": 0o600}
