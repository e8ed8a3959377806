"""The platform's own keys for the commands every application has (New, Open, Print, Find,
Refresh, Preferences, Quit, Help...): QKeySequence.StandardKey gives what each system expects
(Refresh is F5 on Windows and Linux, Cmd+R on macOS; Preferences Cmd+, on macOS). The Designer
form keeps a fallback for a platform with no standard binding (Quit and Preferences on Windows).
The study's own commands keep their keys from the form, none of which clashes with a system one
(Missed is Ctrl+Shift+M: Cmd+M minimises a window on macOS)."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

Key = QKeySequence.StandardKey

#: Action (object name without ``action_``) -> the standard key it is.
STANDARD_KEYS: dict[str, QKeySequence.StandardKey] = {
    "enrol": Key.New,
    "open_visit": Key.Open,
    "print_worksheet": Key.Print,
    "save_worksheet_pdf": Key.SaveAs,
    "find": Key.Find,
    "refresh": Key.Refresh,
    "preferences": Key.Preferences,
    "quit": Key.Quit,
    "shortcuts": Key.HelpContents,
}


def apply_standard_keys(actions: dict[str, QAction]) -> None:
    """Give each action in :data:`STANDARD_KEYS` the platform's bindings (the first one is shown
    in menus and in the F1 list); where the platform has none, the form's key stays."""
    for name, key in STANDARD_KEYS.items():
        bindings = QKeySequence.keyBindings(key)
        if bindings and name in actions:
            actions[name].setShortcuts(bindings)
