"""The language of the window: chosen once at start, then Qt's translators, Qt's default locale
and the services' language (``ln_scheduler.i18n``) all follow it.

Which language: the Preferences choice if there is one; else ``LN_SCHEDULER_LANGUAGE`` when set
(the tests pin English with it); else the first of the system's UI languages we have a catalogue
for (``QLocale.system().uiLanguages()``); else English, the language every text is written in.

Two translators: the application's (``resources/translations/ln_scheduler_<lang>.qm``, compiled
from ``translations/<lang>/*.ts`` by ``translations/build.py``) and Qt's own (``qtbase_<lang>.qm``:
the standard buttons "Cancel", "Yes", the file dialog). A missing .qm is logged and the window
stays in English for those texts: never a reason not to start.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from ..i18n import (
    SOURCE_LANGUAGE,
    UnknownLanguage,
    available_languages,
    language,
    language_from_environment,
    parse_language,
    use_language,
)
from ..i18n.interface import LANGUAGE_VARIABLE

log = logging.getLogger(__name__)

#: The translators installed now (kept referenced: Qt does not own them) and the locale to go
#: back to when the source language is chosen again (tests switch back and forth).
_installed: list[QTranslator] = []
_original_locale: QLocale | None = None


@dataclass(frozen=True)
class LanguageInstalled:
    """What :func:`install_language` did: the language, and whether each catalogue was found."""

    code: str
    application_catalogue: bool
    qt_catalogue: bool


def choose_language(preference: str, environ: Mapping[str, str] | None = None,
                    system_languages: Iterable[str] | None = None) -> str:
    """The code of the window's language (see the module docstring for the order)."""
    if preference:
        try:
            return parse_language(preference)
        except UnknownLanguage:
            log.warning("the preferred language %r has no catalogue: ignored", preference)
    env = os.environ if environ is None else environ
    if env.get(LANGUAGE_VARIABLE, "").strip():
        return language_from_environment(env)
    for tag in QLocale.system().uiLanguages() if system_languages is None else system_languages:
        try:
            return parse_language(tag)
        except UnknownLanguage:
            continue
    return SOURCE_LANGUAGE


def english_locale(system: QLocale) -> QLocale:
    """The widgets' locale for an English window: the system's when it is an English one (or C:
    English output stays exactly as before the window was translatable), else US English (a
    Spanish computer with English chosen in Preferences must not show Spanish dates)."""
    if system.language() in (QLocale.Language.English, QLocale.Language.C):
        return system
    return QLocale(language(SOURCE_LANGUAGE).locale)


def application_catalogue(code: str) -> Path:
    """Where the compiled catalogue of the window's own texts for ``code`` is (it may be absent)."""
    return Path(str(resources.files("ln_scheduler").joinpath("resources", "translations",
                                                             f"ln_scheduler_{code}.qm")))


def qt_translation_folders() -> list[Path]:
    """Where Qt's own catalogues are: Qt's translations path, then the PySide6 wheel's folder
    (the same in a normal install; the second survives a frozen bundle whose Qt prefix moved)."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               Path(PySide6.__file__).parent / "Qt" / "translations"]
    return [f for i, f in enumerate(folders) if f not in folders[:i]]


def _load(path: Path) -> QTranslator | None:
    translator = QTranslator()
    if path.is_file() and translator.load(str(path)):
        return translator
    return None


def install_language(code: str) -> LanguageInstalled:
    """Make ``code`` (a known language) the language of the window and of the services' sentences.

    Replaces whatever an earlier call installed, so it may be called again (tests do). Call it
    before any window is built: widgets translate their texts when they are created."""
    global _original_locale
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    use_language(code)
    if _original_locale is None:
        _original_locale = QLocale()
    if code == SOURCE_LANGUAGE:
        # English texts need no catalogue
        QLocale.setDefault(english_locale(_original_locale))
        return LanguageInstalled(code, True, True)
    QLocale.setDefault(QLocale(language(code).locale))
    own = _load(application_catalogue(code))
    qt = next((t for folder in qt_translation_folders() if (t := _load(folder / f"qtbase_{code}.qm"))), None)
    for loaded, what in ((own, application_catalogue(code)), (qt, f"qtbase_{code}.qm")):
        if loaded is None:
            log.warning("no translations found for %s (%s): those texts stay in English", code, what)
        elif app is not None:
            app.installTranslator(loaded)
            _installed.append(loaded)
    return LanguageInstalled(code, own is not None, qt is not None)


class LanguageChoice(QWidget):
    """Preferences' "Language" row: System default, then every language we have, and a line saying
    the choice applies at the next start (widgets translate their texts as they are built, so a
    switch in a running window would leave half of it in the old language)."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox(self)
        system = language(choose_language(""))
        self.combo.addItem(self.tr("System default ({language})").format(language=system.label), "")
        for lang in available_languages():
            self.combo.addItem(lang.label, lang.code)
        index = self.combo.findData(current)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.setToolTip(self.tr("The language of the windows, the messages and the staff documents"))
        self.note = QLabel(self.tr("Applies the next time the application starts."), self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.note)
        self.label = QLabel(self.tr("&Language:"), parent)
        self.label.setBuddy(self.combo)

    def code(self) -> str:
        """The chosen language's code; empty for the system default."""
        return str(self.combo.currentData() or "")
