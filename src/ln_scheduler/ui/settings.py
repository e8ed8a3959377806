"""Every preference of the desktop application, declared once with its type and default, and the
window state (geometry, splitters, column widths and order) kept apart from preferences.

Stored with QSettings (INI format, per user). The database URL is not here: it belongs to the
application's settings file that the CLI reads too (``ln_scheduler.store``), so the GUI and the
command line always open the same database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from .translate_noop import QT_TRANSLATE_NOOP

T = TypeVar("T", int, str, bool)

ORGANIZATION = "ln-scheduler"
APPLICATION = "ln-scheduler"


@dataclass(frozen=True)
class Option(Generic[T]):
    """One preference: where it is stored, its type, its default, and what it means."""

    key: str
    default: T
    description: str  # marked QT_TRANSLATE_NOOP("Options", ...): shown translated by description_text()
    choices: tuple[T, ...] = ()

    def description_text(self) -> str:
        """The description in the window's language (a tooltip in Preferences)."""
        return QCoreApplication.translate("Options", self.description)

    def coerce(self, raw: Any) -> T:
        """QSettings returns strings from INI files; turn them back into the declared type, and
        fall back to the default on anything unreadable (a hand-edited file must not crash us)."""
        kind = type(self.default)
        try:
            if kind is bool:
                value: Any = raw if isinstance(raw, bool) else str(raw).strip().lower() in ("1", "true", "yes")
            else:
                value = kind(raw)
        except (TypeError, ValueError):
            return self.default
        if self.choices and value not in self.choices:
            return self.default
        return value


class Options:
    """The catalogue. Add a preference here and nowhere else."""

    REFRESH_SECONDS = Option("sync/refresh_seconds", 60, QT_TRANSLATE_NOOP(
        "Options", "How often to reload from the database when it is shared (0 = only on focus)"))
    PAGE_SIZE = Option("print/page_size", "letter", QT_TRANSLATE_NOOP("Options", "Paper for worksheets and schedules"),
                       choices=("letter", "a4"))
    REMINDER_DAYS = Option("export/reminder_days", 1, QT_TRANSLATE_NOOP(
        "Options", "Calendar exports: reminder this many days before a visit (0 = none)"))
    LAST_DIRECTORY = Option("files/last_directory", "",
                            QT_TRANSLATE_NOOP("Options", "Folder last used to save a PDF or an export"))
    WORKLIST_RANGE = Option("worklist/range", "week", QT_TRANSLATE_NOOP("Options", "Worklist period shown at start"),
                            choices=("today", "week", "next_week", "range", "day"))
    TO_BOOK_DAYS = Option("today/to_book_days", 14, QT_TRANSLATE_NOOP(
        "Options", "Day at a glance: list unbooked visits whose window opens within this many days"))
    PACKET_DAYS = Option("packet/days", 28, QT_TRANSLATE_NOOP(
        "Options", "Worksheet packet: visits booked within this many days"))
    #: A language code (``es``), or empty: the system's language (see ``ui/translations.py``).
    LANGUAGE = Option("interface/language", "", QT_TRANSLATE_NOOP(
        "Options", "Language of the windows, the messages and the staff documents; applies at the next start"))


#: How Preferences names each paper size (``Options.PAGE_SIZE`` choices).
PAPER_LABELS = {"letter": QT_TRANSLATE_NOOP("Options", "Letter (US)"), "a4": QT_TRANSLATE_NOOP("Options", "A4")}


class AppSettings:
    """Typed access to the options and to saved window state."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings if qsettings is not None else QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION)

    @property
    def file_name(self) -> str:
        return self._q.fileName()

    def get(self, option: Option[T]) -> T:
        raw = self._q.value(option.key, None)
        return option.default if raw is None else option.coerce(raw)

    def set(self, option: Option[T], value: T) -> None:
        self._q.setValue(option.key, option.coerce(value))

    # --- window state ---------------------------------------------------------------------
    def save_state(self, name: str, state: QByteArray) -> None:
        """Geometry, splitter or header state, under ``window/<name>``."""
        self._q.setValue(f"window/{name}", state)

    def restore_state(self, name: str) -> QByteArray | None:
        value = self._q.value(f"window/{name}", None)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def sync(self) -> None:
        self._q.sync()
