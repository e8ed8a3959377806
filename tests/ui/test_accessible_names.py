"""Every control a keyboard or screen-reader user can reach has a name the screen reader says:
from a label whose buddy it is, its own text (buttons, check boxes), or an accessibleName set in
the form. Walks every Designer form (forms/*.ui: dialogs and views) and the main window as the
application builds it (views, tool bar, status bar, widgets made in code).

The name checked is the one Qt's accessibility layer hands to the screen reader
(``QAccessible.queryAccessibleInterface(widget).text(Name)``), so a buddy or a tooltip counts
only when Qt itself uses it."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]
FORMS = sorted((ROOT / "forms").glob("*.ui"))
#: Controls a user operates (enters text or a choice, presses, moves through a list).
CONTROLS = (QLineEdit, QAbstractSpinBox, QComboBox, QTextEdit, QPlainTextEdit, QAbstractButton,
            QAbstractItemView, QAbstractSlider, QTabBar)
BASES = {"QDialog": QDialog, "QWidget": QWidget, "QMainWindow": QMainWindow}


def unnamed_controls(top: QWidget) -> list[str]:
    """The focusable controls under ``top`` that a screen reader would announce without a name."""
    missing = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if isinstance(widget.parent(), QComboBox | QAbstractSpinBox):  # the editor inside a combo/spin box
            continue
        if _inside_combo_box(widget):  # a combo box's pop-up list: the combo box is named
            continue
        if isinstance(widget, QAbstractButton) and widget.parent() is not None and \
                type(widget.parent()).__name__ in ("QTabBar", "QToolBarExtension", "QScrollBar"):
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name).strip() if interface is not None else ""
        if not name:
            missing.append(f"{type(widget).__name__} {widget.objectName() or '(no object name)'}")
    return sorted(missing)


def _inside_combo_box(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def form_widget(ui_file: Path) -> tuple[QWidget, Any]:
    """The form built as its dialog or view class builds it (the compiled Ui_ class on its base)."""
    top_class = re.search(r'<widget class="(\w+)"', ui_file.read_text(encoding="utf-8"))[1]  # type: ignore[index]
    module = importlib.import_module(f"ln_scheduler.ui.forms.ui_{ui_file.stem}")
    ui_class = next(getattr(module, n) for n in dir(module) if n.startswith("Ui_"))
    widget = BASES[top_class]()
    ui = ui_class()
    ui.setupUi(widget)
    return widget, ui


@pytest.mark.parametrize("ui_file", FORMS, ids=[f.stem for f in FORMS])
def test_every_control_of_the_form_has_an_accessible_name(qtbot: Any, ui_file: Path) -> None:
    widget, _ui = form_widget(ui_file)
    qtbot.addWidget(widget)
    missing = unnamed_controls(widget)
    assert not missing, f"{ui_file.name}: no accessible name for " + ", ".join(missing)


def test_every_control_of_the_main_window_has_an_accessible_name(window: Any) -> None:
    missing = unnamed_controls(window)
    assert not missing, "main window: no accessible name for " + ", ".join(missing)


def test_the_walk_finds_an_unnamed_field(qtbot: Any) -> None:
    top = QWidget()
    qtbot.addWidget(top)
    QLineEdit(top).setObjectName("lonely")
    named = QLineEdit(top)
    named.setAccessibleName("Named")
    assert unnamed_controls(top) == ["QLineEdit lonely"]
