"""The user's own preferences (refresh interval, paper, export reminders), edited through the
typed catalogue in :mod:`ln_scheduler.ui.settings`; nothing here touches the database."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QWidget

from ..forms.ui_preferences_dialog import Ui_PreferencesDialog
from ..settings import AppSettings, Options
from .base import grow_with_messages

PAPER = (("letter", "Letter (US)"), ("a4", "A4"))


class PreferencesDialog(QDialog):
    saved = Signal(object)  # the AppSettings, after the change

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PreferencesDialog()
        self.ui.setupUi(self)
        self.ui.error_label.setVisible(False)
        grow_with_messages(self)
        self._settings = settings
        for key, text in PAPER:
            self.ui.page_size_combo.addItem(text, key)
        self.ui.refresh_spin.setValue(settings.get(Options.REFRESH_SECONDS))
        self.ui.page_size_combo.setCurrentIndex([k for k, _ in PAPER].index(settings.get(Options.PAGE_SIZE)))
        self.ui.reminder_spin.setValue(settings.get(Options.REMINDER_DAYS))
        self.ui.to_book_spin.setValue(settings.get(Options.TO_BOOK_DAYS))
        for widget, option in ((self.ui.refresh_spin, Options.REFRESH_SECONDS),
                               (self.ui.page_size_combo, Options.PAGE_SIZE),
                               (self.ui.reminder_spin, Options.REMINDER_DAYS),
                               (self.ui.to_book_spin, Options.TO_BOOK_DAYS)):
            widget.setToolTip(option.description)
        self.ui.button_box.accepted.connect(self.save)
        self.ui.button_box.rejected.connect(self.reject)

    def save(self) -> None:
        self._settings.set(Options.REFRESH_SECONDS, self.ui.refresh_spin.value())
        self._settings.set(Options.PAGE_SIZE, str(self.ui.page_size_combo.currentData()))
        self._settings.set(Options.REMINDER_DAYS, self.ui.reminder_spin.value())
        self._settings.set(Options.TO_BOOK_DAYS, self.ui.to_book_spin.value())
        self._settings.sync()
        self.saved.emit(self._settings)
        self.accept()
