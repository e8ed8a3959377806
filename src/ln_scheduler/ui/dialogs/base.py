"""What every service dialog shares: Save runs the service; an error keeps the dialog open with
the user's input and says why; a conflict (someone else saved first) reloads the record, keeps
what was typed, and says who changed it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from ...domain.errors import DomainError
from ...services.errors import ConflictError
from ..errors import ErrorText, conflict_text, describe

if TYPE_CHECKING:  # the services package imports SQLAlchemy: only for annotations here
    from ...services.app import Services

ERROR_STYLE = (
    "QLabel { background: rgba(217, 54, 54, 40); border-left: 4px solid #d93636; padding: 6px; }"
)
NOTE_STYLE = (
    "QLabel { background: rgba(224, 155, 0, 40); border-left: 4px solid #e09b00; padding: 6px; }"
)


class ServiceDialog(QDialog):
    """Subclasses build their form, then call ``_bind(ui)``; implement ``save`` (and ``validate``,
    ``reload`` where it applies)."""

    saved = Signal(object)  # what the service returned

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._error_label: QLabel | None = None
        self._button_box: QDialogButtonBox | None = None
        self.last_error: ErrorText | None = None

    # --- for subclasses -------------------------------------------------------------------
    def validate(self) -> str | None:
        """A message when the input cannot be saved as it is (checked before the service)."""
        return None

    def save(self) -> Any:
        raise NotImplementedError

    def reload(self) -> None:
        """Re-read the records this dialog edits (after a conflict), keeping the typed input."""

    # --- machinery ------------------------------------------------------------------------
    def _bind(self, ui: Any) -> None:
        self._error_label = ui.error_label
        self._error_label.setStyleSheet(ERROR_STYLE)
        self._error_label.setVisible(False)
        self._button_box = ui.button_box
        self._button_box.accepted.connect(self.try_save)
        self._button_box.rejected.connect(self.reject)

    @property
    def save_button(self) -> Any:
        assert self._button_box is not None
        for which in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Ok,
                      QDialogButtonBox.StandardButton.Open):
            button = self._button_box.button(which)
            if button is not None:
                return button
        return None

    def try_save(self) -> bool:
        """Validate, run the service, close on success; otherwise stay open and explain."""
        problem = self.validate()
        if problem:
            self.show_error(ErrorText("Check the input", problem))
            return False
        try:
            result = self.save()
        except ConflictError as exc:
            self._reload_quietly()
            self.show_error(conflict_text(exc))  # after the reload, which may clear messages
            return False
        except DomainError as exc:  # ServiceError, ScheduleError, ...: the message says why
            self.show_error(describe(exc))
            return False
        except Exception as exc:  # database gone, disk full: say so, keep the input
            self.show_error(describe(exc))
            return False
        self.clear_error()
        self.saved.emit(result)
        self.accept()
        return True

    def _reload_quietly(self) -> None:
        try:
            self.reload()
        except Exception as exc:  # the conflict message already tells what to do
            self.show_error(describe(exc))

    def show_error(self, text: ErrorText | str) -> None:
        self.last_error = text if isinstance(text, ErrorText) else ErrorText("", text)
        if self._error_label is not None:
            self._error_label.setText(f"⚠ {self.last_error.full}")
            self._error_label.setVisible(True)

    def clear_error(self) -> None:
        self.last_error = None
        if self._error_label is not None:
            self._error_label.clear()
            self._error_label.setVisible(False)
