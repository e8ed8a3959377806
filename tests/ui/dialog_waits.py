"""Waiting for a dialog the main window opened to close.

``MainWindow.show_dialog`` deletes a dialog (``deleteLater``) as soon as it finishes. A wait that
polls ``dialog.isVisible()`` can run its next poll after the deferred delete did (a busy machine:
qtbot's wait turns the event loop several times between polls), and asking a deleted dialog
raised "Internal C++ object already deleted" instead of answering. A deleted dialog is closed too.
Its Python attributes (``last_error``) stay readable after the delete."""

from __future__ import annotations

from typing import Any

from shiboken6 import isValid


def is_closed(dialog: Any) -> bool:
    """Hidden, or already deleted (which only a closed dialog is, here)."""
    return not isValid(dialog) or not dialog.isVisible()


def wait_closed(qtbot: Any, dialog: Any) -> None:
    qtbot.waitUntil(lambda: is_closed(dialog))
