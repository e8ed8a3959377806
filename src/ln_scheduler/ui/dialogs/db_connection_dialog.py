"""Choose the database: a SQLite file on this computer, or a shared PostgreSQL server. The
dialog builds the URL (never with a password), can test it off the UI thread, and returns it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from PySide6.QtWidgets import QDialog, QWidget

from ..errors import describe
from ..forms.ui_db_connection_dialog import Ui_DatabaseConnectionDialog
from ..prompter import Prompter
from ..tasks import Progress, TaskRunner
from .base import ERROR_STYLE, grow_with_messages, show_message

SQLITE, POSTGRES = range(2)


def sqlite_url(path: str) -> str:
    return f"sqlite:///{Path(path).expanduser()}"


def postgres_url(host: str, port: int, database: str, user: str) -> str:
    who = f"{quote(user, safe='')}@" if user else ""
    where = host or "localhost"
    port_part = f":{port}" if port and port != 5432 else ""
    return f"postgresql://{who}{where}{port_part}/{quote(database, safe='')}"


class DatabaseConnectionDialog(QDialog):
    def __init__(self, current_url: str, default_sqlite: Path, prompter: Prompter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_DatabaseConnectionDialog()
        self.ui.setupUi(self)
        self._prompter = prompter
        self._runner = TaskRunner(self)
        self.ui.error_label.setVisible(False)
        self.ui.error_label.setStyleSheet(ERROR_STYLE)
        grow_with_messages(self)  # a refused connection's reason can take several lines
        self.ui.kind_combo.addItems([self.tr("SQLite file on this computer"),
                                     self.tr("PostgreSQL server (shared by several workstations)")])
        self.ui.kind_combo.currentIndexChanged.connect(self.ui.kind_stack.setCurrentIndex)
        for signal in (self.ui.kind_combo.currentIndexChanged, self.ui.path_edit.textChanged,
                       self.ui.host_edit.textChanged, self.ui.port_spin.valueChanged,
                       self.ui.database_edit.textChanged, self.ui.user_edit.textChanged):
            signal.connect(self._update_url)
        self.ui.browse_button.clicked.connect(self._browse)
        self.ui.test_button.clicked.connect(self.test_connection)
        self.ui.button_box.accepted.connect(self._accept_if_complete)
        self.ui.button_box.rejected.connect(self.reject)
        self._default_sqlite = default_sqlite
        self._fill(current_url)
        self._update_url()

    def _fill(self, url: str) -> None:
        from urllib.parse import unquote, urlsplit

        if url.startswith("postgres"):
            parts = urlsplit(url.replace("+psycopg", ""))
            self.ui.kind_combo.setCurrentIndex(POSTGRES)
            self.ui.host_edit.setText(parts.hostname or "")
            self.ui.port_spin.setValue(parts.port or 5432)
            self.ui.database_edit.setText(unquote(parts.path.lstrip("/")))
            self.ui.user_edit.setText(unquote(parts.username or ""))
            self.ui.path_edit.setText(str(self._default_sqlite))
        else:
            self.ui.kind_combo.setCurrentIndex(SQLITE)
            path = url.split(":///", 1)[1] if ":///" in url else str(self._default_sqlite)
            self.ui.path_edit.setText(path)
        self.ui.kind_stack.setCurrentIndex(self.ui.kind_combo.currentIndex())

    def url(self) -> str:
        if self.ui.kind_combo.currentIndex() == SQLITE:
            return sqlite_url(self.ui.path_edit.text().strip())
        return postgres_url(self.ui.host_edit.text().strip(), self.ui.port_spin.value(),
                            self.ui.database_edit.text().strip(), self.ui.user_edit.text().strip())

    def _update_url(self) -> None:
        self.ui.url_label.setText(self.url() if self._complete() is None else "")
        self.ui.status_label.clear()

    def _complete(self) -> str | None:
        if self.ui.kind_combo.currentIndex() == SQLITE:
            return None if self.ui.path_edit.text().strip() else self.tr("Choose the database file.")
        if not self.ui.database_edit.text().strip():
            return self.tr("Enter the database name.")
        return None

    def _browse(self) -> None:
        start = Path(self.ui.path_edit.text().strip() or self._default_sqlite)
        chosen = self._prompter.save_file(self.tr("Database file"), start,
                                          self.tr("SQLite database (*.sqlite3 *.db);;All files (*)"))
        if chosen is not None:
            self.ui.path_edit.setText(str(chosen))

    def test_connection(self) -> None:
        problem = self._complete()
        if problem:
            self.ui.status_label.setText(problem)
            return
        url = self.url()
        self.ui.status_label.setText(self.tr("Connecting…"))
        self.ui.test_button.setEnabled(False)

        def probe(_progress: Progress) -> str:
            from ...services.app import open_services

            with open_services(url, upgrade=False) as svc:
                return svc.url_display

        def done(display: object) -> None:
            self.ui.test_button.setEnabled(True)
            self.ui.status_label.setText(self.tr("✔ Connected: {database}").format(database=display))

        def failed(exc: BaseException, _trace: str) -> None:
            self.ui.test_button.setEnabled(True)
            self.ui.status_label.setText(f"✘ {describe(exc).message}")

        self._runner.run(probe, on_done=done, on_error=failed)

    def _accept_if_complete(self) -> None:
        problem = self._complete()
        if problem:
            show_message(self.ui.error_label, f"⚠ {problem}")
            return
        self.accept()
