"""The window in Spanish: chosen in Preferences (else the environment, else the system's language),
with the application's own catalogue, Qt's (standard buttons) and Spanish dates; English stays
exactly as it was when English is chosen."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox

from ln_scheduler.i18n import interface_language
from ln_scheduler.ui.formatting import day_text, study_day_text, weekday_name
from ln_scheduler.ui.settings import Options
from ln_scheduler.ui.translations import choose_language, english_locale, install_language


@pytest.fixture
def spanish_settings(settings: Any) -> Iterator[Any]:
    """The preference set to Spanish and installed as the application installs it at start;
    English (and the locale the tests started with) back afterwards."""
    settings.set(Options.LANGUAGE, "es")
    installed = install_language(choose_language(settings.get(Options.LANGUAGE)))
    assert installed.application_catalogue and installed.qt_catalogue, "run: python translations/build.py"
    yield settings
    install_language("en")


@pytest.mark.parametrize(("preference", "environ", "system", "expected"), [
    ("es", {"LN_SCHEDULER_LANGUAGE": "en"}, ["en-US"], "es"),  # Preferences first
    ("ES", {}, [], "es"),
    ("fr", {}, ["es-MX"], "es"),  # a preference without a catalogue is ignored, not fatal
    ("", {"LN_SCHEDULER_LANGUAGE": "es"}, ["en-US"], "es"),  # then the environment (the tests pin en)
    ("", {"LN_SCHEDULER_LANGUAGE": "en", "LANG": "es_US.UTF-8"}, ["es-US"], "en"),
    ("", {"LANG": "es_US.UTF-8"}, ["fr-FR", "es-MX", "en-US"], "es"),  # then the first system language we have
    ("", {}, ["de-DE", "fr-FR"], "en"),  # else English
    ("", {}, ["C"], "en"),
])
def test_the_language_comes_from_preferences_then_environment_then_system(preference, environ, system, expected):
    assert choose_language(preference, environ, system) == expected


def test_the_window_starts_in_spanish(qtbot, spanish_settings, prompter, services):
    from ln_scheduler.ui.main_window import MainWindow

    window = MainWindow(spanish_settings, prompter=prompter)
    qtbot.addWidget(window)
    window.show()
    window.set_services(services)
    qtbot.waitUntil(lambda: window.views_ready)
    assert interface_language() == "es"  # the services' sentences follow the same language
    assert window.user_label.text().startswith("Usuario: ")
    model = window.worklist.ui.table.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[:3] == ["Fecha", "Cita", "Participante"]
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Save)
    assert [b.text() for b in buttons.buttons()] == ["Guardar", "Cancelar"]  # Qt's own catalogue
    window.close()


def test_the_menus_are_in_spanish(qtbot, spanish_settings, prompter):
    """The menus come from forms/main_window.ui (the forms area of the catalogue)."""
    from ln_scheduler.ui.main_window import MainWindow

    window = MainWindow(spanish_settings, prompter=prompter)
    qtbot.addWidget(window)
    titles = [window.ui.menu_file.title(), window.ui.menu_visit.title(), window.ui.menu_help.title()]
    assert [t.replace("&", "") for t in titles] == ["Archivo", "Visita", "Ayuda"]


def test_dates_and_study_days_read_in_spanish(spanish_settings):
    assert day_text(date(2027, 1, 26)) == "2027-01-26 mar"
    assert weekday_name(0) == "Lunes"
    assert study_day_text(7) == "Día 7"
    assert QLocale().toString(QDate(2027, 2, 1), "dddd d MMMM") == "lunes 1 febrero"


def test_the_booking_legend_follows_the_language(spanish_settings):
    from ln_scheduler.ui import formatting

    spanish = "✓\u00a0agendada · ?\u00a0propuesta (aún sin agendar) · ◆\u00a0día\u00a0de\u00a0dosis"
    assert formatting.booking_legend() == spanish
    install_language("en")
    assert formatting.booking_legend() == "✓\u00a0booked · ?\u00a0proposed (not booked yet) · ◆\u00a0dose\u00a0day"


def test_english_is_unchanged_after_spanish(spanish_settings):
    install_language("en")
    assert day_text(date(2027, 1, 26)) == "2027-01-26 Tue"
    assert weekday_name(6) == "Sunday"
    assert study_day_text(-5) == "Day -5"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.buttons()[0].text() == "Cancel"


@pytest.mark.parametrize(("system", "expected"), [("es_MX", "en_US"), ("en_GB", "en_GB"), ("C", "C")])
def test_an_english_window_on_a_spanish_computer_writes_english_dates(system, expected):
    assert english_locale(QLocale(system)).name() == expected


def test_preferences_offer_the_languages_and_save_the_choice(qtbot, settings):
    from ln_scheduler.ui.dialogs.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    combo = dialog.language.combo
    assert [combo.itemData(i) for i in range(combo.count())] == ["", "en", "es"]
    assert combo.itemText(0).startswith("System default (") and combo.itemText(2) == "Español (Spanish)"
    assert "next time" in dialog.language.note.text()
    combo.setCurrentIndex(2)
    dialog.save()
    assert settings.get(Options.LANGUAGE) == "es"
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.language.code() == "es"
    dialog.language.combo.setCurrentIndex(0)
    dialog.save()
    assert settings.get(Options.LANGUAGE) == ""
