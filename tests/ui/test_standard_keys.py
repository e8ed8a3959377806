"""Keys a user brings from every other application: the platform's standard ones where Qt knows
one, and none that a system takes for itself (Cmd+M minimises a window on macOS)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence

from ln_scheduler.ui.standard_keys import STANDARD_KEYS


def test_common_commands_use_the_platforms_standard_keys(window: Any) -> None:
    for name, key in STANDARD_KEYS.items():
        bindings = QKeySequence.keyBindings(key)
        if bindings:  # this platform has a standard key for it
            assert getattr(window.ui, f"action_{name}").shortcuts() == bindings, name


def test_no_shortcut_is_taken_twice_or_by_the_system(window: Any) -> None:
    keys = [s.toString() for a in window.findChildren(QAction) for s in a.shortcuts()]
    assert len(keys) == len(set(keys)), sorted(keys)
    assert "Ctrl+M" not in keys  # Cmd+M on macOS: minimise
    assert window.ui.action_miss_visit.shortcut().toString() == "Ctrl+Shift+M"
