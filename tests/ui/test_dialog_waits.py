"""The tests' wait for a dialog to close answers for a dialog deleted before its first poll (what a
busy machine does to ``show_dialog``'s ``deleteLater``: a flaky "already deleted" failure, seen in
tests/ui/test_window_details.py under two workers)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog

from .dialog_waits import is_closed, wait_closed


def _deleted(qtbot) -> QDialog:  # type: ignore[no-untyped-def]
    dialog = QDialog()
    dialog.last_error = None  # type: ignore[attr-defined]
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.accept()
    dialog.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # deleted before the wait polls
    return dialog


def test_a_dialog_deleted_before_the_first_poll_counts_as_closed(qtbot):
    dialog = _deleted(qtbot)
    with pytest.raises(RuntimeError, match="already deleted"):
        dialog.isVisible()  # what the old wait asked
    wait_closed(qtbot, dialog)
    assert dialog.last_error is None  # a Python attribute: still readable


def test_a_visible_dialog_is_not_closed_and_a_hidden_one_is(qtbot):
    dialog = QDialog()
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not is_closed(dialog)
    dialog.hide()
    assert is_closed(dialog)
    dialog.deleteLater()
