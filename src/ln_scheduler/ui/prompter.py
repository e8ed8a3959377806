"""The few questions the application asks with a blocking box (errors, confirmations, file
names), behind one small interface so tests replace it instead of clicking modal dialogs.

File choosers read names, never contents: Qt's file dialog opened every file it listed to guess
its type (the database and its -wal and -shm files too, when a PDF was saved beside them). On
Linux, closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
included: the next command-line run took itself for the database's last user and deleted the
-wal file the window was still writing into, and saves that said "Saved" were lost (a walk). So
the choosers here are Qt's own dialog with :class:`NamesOnlyIconProvider`, and the print dialog
offers no print-to-file (its file field lists folders the same way; the PDF buttons save, with
the app's private file permissions)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:  # QtPrintSupport loads only when something is printed
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter


class NamesOnlyIconProvider(QAbstractFileIconProvider):
    """A file's icon and type from its name alone: Qt's own provider reads the file's first bytes
    to tell its type (see the module docstring: that dropped the database's locks)."""

    def type(self, info: QFileInfo) -> str:
        if info.isDir():
            return QCoreApplication.translate("Prompter", "Folder")
        suffix = info.suffix()
        return (QCoreApplication.translate("Prompter", "{suffix} file").format(suffix=suffix.upper()) if suffix
                else QCoreApplication.translate("Prompter", "File"))

    def icon(self, what: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if isinstance(what, QFileInfo):  # (Qt's two overloads in one)
            what = (QAbstractFileIconProvider.IconType.Folder if what.isDir()
                    else QAbstractFileIconProvider.IconType.File)
        return super().icon(what)


@functools.cache
def names_only_icons() -> NamesOnlyIconProvider:
    """One provider for the process (not a QObject: nothing would own one made per dialog)."""
    return NamesOnlyIconProvider()


def file_dialog(parent: QWidget | None, title: str, start: Path, file_filter: str, mode: str) -> QFileDialog:
    """Qt's file dialog (``mode``: "save" or "open") that reads only the names of the files it lists."""
    dialog = QFileDialog(parent, title, str(start), file_filter)
    if not sys.platform.startswith("win"):  # POSIX locks (Linux, macOS): a native dialog reads contents too
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setIconProvider(names_only_icons())
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        if start.suffix:
            dialog.setDefaultSuffix(start.suffix.lstrip("."))
        dialog.selectFile(str(start))
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return dialog


def print_dialog(printer: QPrinter, parent: QWidget | None) -> QPrintDialog:
    """The system print dialog without print-to-file (see the module docstring)."""
    from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    return dialog


def _chosen(dialog: QFileDialog) -> Path | None:
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    files = dialog.selectedFiles()
    return Path(files[0]) if files and files[0] else None


class Prompter:
    """Blocking message boxes and file choosers, parented to the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._parent = parent

    def error(self, title: str, text: str, details: str | None = None) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self._parent)
        if details:
            box.setDetailedText(details)
        box.exec()

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self._parent, title, text)

    def confirm(self, title: str, text: str, yes_text: str | None = None) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton,
                          self._parent)
        yes = box.addButton(yes_text or QCoreApplication.translate("Prompter", "Continue"),
                            QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(yes)
        box.exec()
        return box.clickedButton() is yes

    def save_file(self, title: str, suggested: Path, file_filter: str) -> Path | None:
        return _chosen(file_dialog(self._parent, title, suggested, file_filter, "save"))

    def open_file(self, title: str, start: Path, file_filter: str) -> Path | None:
        return _chosen(file_dialog(self._parent, title, start, file_filter, "open"))

    def choose_printer(self, printer: QPrinter) -> bool:
        """The system print dialog (printer, copies, pages); False when cancelled."""
        return print_dialog(printer, self._parent).exec() == QDialog.DialogCode.Accepted
