"""First start: a new database was created; load the demo site to try things out, or start
empty. The choice is made once (remembered in the settings)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from ..forms.ui_first_start_dialog import Ui_FirstStartDialog
from .base import grow_with_messages


class FirstStartDialog(QDialog):
    def __init__(self, database: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstStartDialog()
        self.ui.setupUi(self)
        self.ui.error_label.setVisible(False)
        grow_with_messages(self)
        self.ui.database_label.setText(self.tr("Database: {database}").format(database=database))
        self.ui.button_box.accepted.connect(self.accept)
        self.ui.button_box.rejected.connect(self.reject)

    @property
    def load_demo(self) -> bool:
        return self.ui.demo_radio.isChecked()
