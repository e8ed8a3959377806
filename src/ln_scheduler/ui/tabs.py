"""The main window's tabs, by name (the Designer form's order): commands and the window say
which view they mean, never a bare index."""

from __future__ import annotations

from enum import IntEnum


class Tab(IntEnum):
    WORKLIST = 0
    CALENDAR = 1
    PARTICIPANTS = 2
