"""A calendar's bytes: icalendar's content lines, folded here.

RFC 5545 folds content lines longer than 75 octets. icalendar folds them one character at a time
in Python (encoding each character to count its octets): with the procedure names in each event's
description, folding was half the time of an export or a first publish, and the export with
reminders and procedure names fell below half of icalendar's own speed for bare events (the
target in ``benchmarks/bench_ics.py``). :func:`fold_line` folds the encoded line in slices, with
icalendar's rules: at most 74 octets before each fold (the continuation's space makes 75), never
inside a multi-byte character, and never right after a backslash or a caret (a TEXT escape or an
RFC 6868 parameter escape stays whole on its line, for clients that unfold badly).
"""

from __future__ import annotations

from icalendar import Component

#: Octets of a content line before a fold (icalendar folds when the next character would make 75).
LINE_OCTETS = 74
_CONTINUATION = 0b1000_0000  # UTF-8 continuation bytes are 10xxxxxx
_ESCAPES = frozenset(b"\\^")


def fold_line(line: str) -> bytes:
    """``line`` in UTF-8, folded as RFC 5545 asks (CRLF and a space before each continuation)."""
    data = line.encode("utf-8")
    if len(data) <= LINE_OCTETS:
        return data
    parts: list[bytes] = []
    start, size = 0, len(data)
    while size - start > LINE_OCTETS:
        end = start + LINE_OCTETS
        while data[end] & 0b1100_0000 == _CONTINUATION:  # never split a character
            end -= 1
        if data[end - 1] in _ESCAPES and end - 1 > start:  # keep an escape with what it escapes
            end -= 1
        parts.append(data[start:end])
        start = end
    parts.append(data[start:])
    return b"\r\n ".join(parts)


def calendar_bytes(calendar: Component) -> bytes:
    """``calendar.to_ical()``: the same content lines, folded by :func:`fold_line`."""
    return b"\r\n".join(fold_line(line) for line in calendar.content_lines() if line) + b"\r\n"
