"""The user's own preferences (refresh interval, paper, export reminders, the language of the
application), edited through the typed catalogue in :mod:`ln_scheduler.ui.settings`; nothing here
touches the database. The texts are in the app translation area (settings.py, translations.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QDialog, QWidget

from ..forms.ui_preferences_dialog import Ui_PreferencesDialog
from ..settings import PAPER_LABELS, AppSettings, Options
from ..translations import LanguageChoice
from .base import grow_with_messages


class PreferencesDialog(QDialog):
    saved = Signal(object)  # the AppSettings, after the change

    def __init__(self, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PreferencesDialog()
        self.ui.setupUi(self)
        self.ui.error_label.setVisible(False)
        grow_with_messages(self)
        self._settings = settings
        for key, text in PAPER_LABELS.items():
            self.ui.page_size_combo.addItem(QCoreApplication.translate("Options", text), key)
        self.ui.refresh_spin.setValue(settings.get(Options.REFRESH_SECONDS))
        self.ui.page_size_combo.setCurrentIndex(list(PAPER_LABELS).index(settings.get(Options.PAGE_SIZE)))
        self.language = LanguageChoice(settings.get(Options.LANGUAGE), self)
        self.ui.form_layout.addRow(self.language.label, self.language)
        self.ui.reminder_spin.setValue(settings.get(Options.REMINDER_DAYS))
        self.ui.to_book_spin.setValue(settings.get(Options.TO_BOOK_DAYS))
        for widget, option in ((self.ui.refresh_spin, Options.REFRESH_SECONDS),
                               (self.ui.page_size_combo, Options.PAGE_SIZE),
                               (self.ui.reminder_spin, Options.REMINDER_DAYS),
                               (self.ui.to_book_spin, Options.TO_BOOK_DAYS)):
            widget.setToolTip(option.description_text())
        self.ui.button_box.accepted.connect(self.save)
        self.ui.button_box.rejected.connect(self.reject)

    def save(self) -> None:
        self._settings.set(Options.REFRESH_SECONDS, self.ui.refresh_spin.value())
        self._settings.set(Options.PAGE_SIZE, str(self.ui.page_size_combo.currentData()))
        self._settings.set(Options.REMINDER_DAYS, self.ui.reminder_spin.value())
        self._settings.set(Options.TO_BOOK_DAYS, self.ui.to_book_spin.value())
        self._settings.set(Options.LANGUAGE, self.language.code())
        self._settings.sync()
        self.saved.emit(self._settings)
        self.accept()
