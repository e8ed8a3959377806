"""What people type, cleaned in one place: participant IDs and visit codes as the database keeps
them, and the free text every write stores (reasons, notes, sample IDs, closure and site names).

Free text rules (README "Free text"): at most :data:`MAX_FREE_TEXT` characters (fewer where the
column is shorter), valid Unicode, and no control characters except tab and line feed (the GUI's
reason boxes are multi-line). Anything else is refused, not silently cleaned: a reason is a record
of what someone wrote, and a terminal escape or a 100 kB paste stored in it would be printed back
raw by every report, export and ``audit`` listing. Plain Python: the GUI imports this early.
"""

from __future__ import annotations

import unicodedata

from ..i18n import _
from .errors import ServiceError

#: The longest free text kept (a reason, a note): two pages of typing, far more than any real one.
MAX_FREE_TEXT = 2000
#: Control characters a free text may hold.
ALLOWED_CONTROLS = frozenset("\t\n")


def participant_key(pid: str) -> str:
    """A study ID as stored: surrounding blanks dropped (IDs are compared exactly after that)."""
    return pid.strip()


def visit_code(code: str) -> str:
    """A visit code as stored: blanks dropped, upper case (``'m2 '`` is M2)."""
    return code.strip().upper()


def escaped(text: str) -> str:
    """``text`` with every control character (and unpaired surrogate) shown as an escape, so one
    line stays one line and a terminal shows the characters instead of obeying them."""
    if text.isprintable() or not any(_is_control(ch) or _is_surrogate(ch) for ch in text):
        return text  # the common case, without building a copy
    out = []
    for ch in text:
        if ch == "\\" or not (_is_control(ch) or _is_surrogate(ch)):
            out.append(ch)
        elif ch in "\n\t\r":
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}[ch])
        else:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
    return "".join(out)


def check_free_text(value: str, what: str, limit: int = MAX_FREE_TEXT) -> str:
    """``value`` if it may be stored as free text, else a ServiceError naming ``what`` and the fault."""
    if len(value) > limit:
        raise ServiceError(_("{what} is too long ({length:,} characters; at most {limit:,}): shorten it").format(
            what=what, length=len(value), limit=limit))
    for i, ch in enumerate(value):
        if _is_surrogate(ch):
            raise ServiceError(_("{what} is not valid text (character {position} is not Unicode): retype it").format(
                what=what, position=i + 1))
        if _is_control(ch) and ch not in ALLOWED_CONTROLS:
            raise ServiceError(_("{what} contains a control character ({character} at character {position}): only "
                                 "letters, digits, punctuation, spaces, tabs and line breaks are kept").format(
                what=what, character=escaped(ch), position=i + 1))
    return value


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def _is_surrogate(ch: str) -> bool:
    return "\ud800" <= ch <= "\udfff"
