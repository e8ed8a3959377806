"""A file chooser that lists the database's folder must leave the database's locks alone.

A walk lost saved work: Qt's file dialog (and the print dialog's file field) read every file it
listed to guess its type, the database and its -wal and -shm files too. On Linux, closing any
descriptor of a file drops every POSIX lock the process holds on it, SQLite's included; the next
command-line run then took itself for the last user of the database and deleted the -wal file the
window was still writing into: later saves said "Saved" and were gone. The app's choosers read
file names only, and its print dialog has no print-to-file (the PDF buttons save, privately)."""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from ln_scheduler.ui.prompter import file_dialog, print_dialog

from .conftest import open_test_services

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/locks (Linux)")


def held_locks(folder: Path) -> int:
    """The POSIX locks this process holds on the database files in ``folder``."""
    inodes = {p.stat().st_ino for p in folder.iterdir() if p.name.startswith("site.sqlite3")}
    count = 0
    for line in Path("/proc/locks").read_text().splitlines():
        fields = line.split()
        pid, inode = fields[4], int(fields[5].rsplit(":", 1)[-1])
        count += pid == str(os.getpid()) and inode in inodes
    return count


def test_choosing_a_file_in_the_database_folder_keeps_the_databases_locks(qtbot, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    services = open_test_services(f"sqlite:///{folder / 'site.sqlite3'}")
    try:
        services.enrol("104-001", "JQD", conditioning_start=date(2027, 2, 22))
        services.participants()  # a pooled connection holds its locks, as the window's does
        before = held_locks(folder)
        assert before > 0
        for accept_mode in ("save", "open"):
            dialog = file_dialog(None, "Choose", folder / "schedule.pdf", "All files (*)", accept_mode)  # listed
            qtbot.addWidget(dialog)
            dialog.show()
            end = time.monotonic() + 1.5  # long enough to list the folder and draw its rows
            while time.monotonic() < end:
                QApplication.processEvents()
                time.sleep(0.02)
            dialog.close()
            assert held_locks(folder) == before, accept_mode
    finally:
        services.close()


def test_the_print_dialog_offers_no_print_to_file(qtbot):
    """Its file field and browse button list folders as Qt's file dialog does; the PDF buttons save."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrinter

    dialog = print_dialog(QPrinter(), None)
    qtbot.addWidget(dialog)
    assert not dialog.testOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile)
