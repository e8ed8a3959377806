"""Qt's ``QT_TRANSLATE_NOOP``, typed as what it is: a marker that gives the source text back.

PySide6's stub declares ``QT_TRANSLATE_NOOP(context: object, message: object) -> object`` (it
returns whatever it is given), so every marked constant (a table model's ``HEADERS``, a message
kept for later) would be an ``object`` to the type checker, and each place that translates or
shows it would need a cast or an ignore. This is the same function under the same name (the name
is what lupdate and tests/ui/test_translatable_strings.py look for), declared ``(str, str) -> str``.
Import it from here, not from ``PySide6.QtCore``. When the import is the last line before a
translators' ``#:`` comment, write it in parentheses with a trailing comma: lupdate takes a bare
``QT_TRANSLATE_NOOP`` at the end of a line for the start of a call and drops the comment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6 import QtCore

#: Called with a context and a source text; returns the source text (translated where it is shown).
QT_TRANSLATE_NOOP = cast(Callable[[str, str], str], QtCore.QT_TRANSLATE_NOOP)
