"""Help › About: what a site's IT department asks for when something needs checking: the version,
the database and protocol in use, the folders where settings, data and the log file are (each
selectable and with a button that opens it), and the licences of the application and of what it
ships (Qt and PySide6 under the LGPL, among others). Help › About Qt shows Qt's own notice."""

from __future__ import annotations

import sys
from html import escape
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from .translate_noop import QT_TRANSLATE_NOOP

NOTICES = "THIRD_PARTY_NOTICES"


def licence_file(name: str) -> Path | None:
    """Where ``LICENSE`` or ``THIRD_PARTY_NOTICES`` is, however the application was installed: a
    source checkout (the repository root), the bundle (``licenses/`` in the application folder,
    see packaging/ln_scheduler.spec) or a wheel (its ``.dist-info/licenses/``)."""
    candidates = [Path(__file__).resolve().parents[3] / name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "licenses" / name)
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        files = distribution("ln-scheduler").files or []
        candidates += [Path(str(f.locate())) for f in files if f.name == name]
    except PackageNotFoundError:
        pass
    return next((path for path in candidates if path.is_file()), None)


def licences_text() -> str:
    """The project's licence in a line, then the third-party notices in full."""
    head = QCoreApplication.translate(
        "AboutDialog", "LN Visit Scheduler {version} is licensed under the Apache License, Version 2.0\n"
        "(the file LICENSE; https://www.apache.org/licenses/LICENSE-2.0).\n\n").format(version=__version__)
    path = licence_file(NOTICES)
    if path is None:  # never expected: the bundle, the wheel and the checkout all carry it
        return head + QCoreApplication.translate("AboutDialog",
                                                 "The third-party notices file is missing from this installation.")
    return head + path.read_text(encoding="utf-8")


def folders() -> dict[str, Path]:
    """The folders a site's IT department may need: settings, data (default database, backups,
    audit key) and the log file's."""
    from ..services.locations import config_dir, data_dir
    from .errors import log_file

    return {FOLDER_NAMES[0]: config_dir(), FOLDER_NAMES[1]: data_dir(), FOLDER_NAMES[2]: log_file().parent}


#: The folders' names (keys of :func:`folders`), shown translated.
FOLDER_NAMES = (QT_TRANSLATE_NOOP("AboutDialog", "Settings"), QT_TRANSLATE_NOOP("AboutDialog", "Data"),
                QT_TRANSLATE_NOOP("AboutDialog", "Log files"))


def open_folder(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AboutDialog(QDialog):
    """Three tabs: About (versions, database, protocol), Folders, Licences; About Qt, Close."""

    def __init__(self, parent: QWidget | None, *, database: str, protocol: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About LN Visit Scheduler"))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._about_tab(database, protocol), self.tr("&About"))
        self.tabs.addTab(self._folders_tab(), self.tr("&Folders"))
        self.tabs.addTab(self._licences_tab(), self.tr("&Licences"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        about_qt = buttons.addButton(self.tr("About &Qt"), QDialogButtonBox.ButtonRole.HelpRole)
        about_qt.clicked.connect(lambda: QApplication.aboutQt())
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(640, 460)

    def _about_tab(self, database: str, protocol: str) -> QWidget:
        label = QLabel(self.tr(
            "<b>LN Visit Scheduler {version}</b><br>Visit scheduling for study NCT06377228 "
            "(TAK-007 in refractory lupus nephritis).<br><br>"
            "Database: {database}<br>Protocol: {protocol}<br>"
            "PySide6 {pyside}, Qt {qt}, Python {python}<br><br>"
            "Licensed under the Apache License 2.0; third-party licences under Licences.").format(
            version=__version__, database=escape(database), protocol=escape(protocol), pyside=PySide6.__version__,
            qt=qVersion(), python=sys.version.split()[0]))
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setMargin(8)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        return label

    def _folders_tab(self) -> QWidget:
        tab = QWidget()
        form = QFormLayout(tab)
        self.folder_fields: dict[str, QLineEdit] = {}
        for name, path in folders().items():
            field = QLineEdit(str(path), tab)
            field.setReadOnly(True)  # selectable and copyable, not editable
            shown = self.tr(name)
            field.setAccessibleName(self.tr("{name} folder").format(name=shown))
            button = QPushButton(self.tr("Open"), tab)
            button.setAccessibleName(self.tr("Open the {name} folder").format(name=shown.lower()))
            button.clicked.connect(lambda _=False, p=path: open_folder(p))
            row = QHBoxLayout()
            row.addWidget(field, 1)
            row.addWidget(button)
            label = QLabel(self.tr("{name}:").format(name=shown), tab)
            label.setBuddy(field)
            form.addRow(label, row)
            self.folder_fields[name] = field
        return tab

    def _licences_tab(self) -> QWidget:
        self.licences = QPlainTextEdit(licences_text())
        self.licences.setReadOnly(True)
        self.licences.setAccessibleName(self.tr("Licences"))
        self.licences.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        return self.licences


def add_about_qt_action(help_menu: QMenu) -> QAction:
    """Help › About Qt (the Qt notice the LGPL asks applications to show), after Help › About;
    on macOS Qt moves it into the application menu (its AboutQtRole)."""
    action = QAction(QCoreApplication.translate("AboutDialog", "About &Qt"), help_menu)
    action.setObjectName("action_about_qt")
    action.setMenuRole(QAction.MenuRole.AboutQtRole)
    action.triggered.connect(lambda: QApplication.aboutQt())
    help_menu.addAction(action)
    return action
