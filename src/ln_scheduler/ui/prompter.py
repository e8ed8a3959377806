"""The few questions the application asks with a blocking box (errors, confirmations, file
names), behind one small interface so tests replace it instead of clicking modal dialogs."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:  # QtPrintSupport loads only when something is printed
    from PySide6.QtPrintSupport import QPrinter


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
        name, _ = QFileDialog.getSaveFileName(self._parent, title, str(suggested), file_filter)
        return Path(name) if name else None

    def open_file(self, title: str, start: Path, file_filter: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self._parent, title, str(start), file_filter)
        return Path(name) if name else None

    def choose_printer(self, printer: QPrinter) -> bool:
        """The system print dialog (printer, copies, pages); False when cancelled."""
        from PySide6.QtPrintSupport import QPrintDialog

        dialog = QPrintDialog(printer, self._parent)
        return dialog.exec() == QDialog.DialogCode.Accepted
