"""libical's own checks of an .ics file (RFC 5545 property rules and, with a METHOD, RFC 5546
iTIP rules), called through ctypes: libical is what Evolution, KDE and many calendar servers
parse with. ``bootstrap.py test`` installs it (Debian package libical3)."""

from __future__ import annotations

import ctypes
import ctypes.util
import re

import pytest


def _libical() -> ctypes.CDLL:
    name = ctypes.util.find_library("ical")
    if name is None:
        pytest.fail("libical is not installed (bootstrap.py test installs libical3)")
    lib = ctypes.CDLL(name)
    lib.icalparser_parse_string.restype = ctypes.c_void_p
    lib.icalparser_parse_string.argtypes = [ctypes.c_char_p]
    lib.icalrestriction_check.restype = ctypes.c_int
    lib.icalrestriction_check.argtypes = [ctypes.c_void_p]
    lib.icalcomponent_as_ical_string.restype = ctypes.c_char_p
    lib.icalcomponent_as_ical_string.argtypes = [ctypes.c_void_p]
    lib.icalcomponent_free.argtypes = [ctypes.c_void_p]
    return lib


def libical_problems(data: bytes) -> list[str]:
    """The X-LIC-ERROR lines libical adds when parsing and restriction-checking ``data``."""
    lib = _libical()
    component = lib.icalparser_parse_string(data)
    assert component, "libical could not parse the file"
    try:
        valid = lib.icalrestriction_check(component)
        text = lib.icalcomponent_as_ical_string(component).decode("utf-8").replace("\r\n ", "")
    finally:
        lib.icalcomponent_free(component)
    problems = [line for line in text.splitlines() if line.startswith("X-LIC-ERROR")]
    return problems or ([] if valid else ["icalrestriction_check: invalid"])


def test_the_check_sees_publish_without_organizer() -> None:
    itip = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n"
            b"UID:1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260102\r\nSUMMARY:x\r\nEND:VEVENT\r\n"
            b"END:VCALENDAR\r\n")
    assert any(re.search("INVALID-ITIP", p) for p in libical_problems(itip))
