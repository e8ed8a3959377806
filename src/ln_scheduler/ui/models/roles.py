"""Named item-data roles shared by the models, so views, proxies and tests say what they ask for."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class Role(IntEnum):
    RECORD = Qt.ItemDataRole.UserRole + 1  # the row's record (VisitRecord, WorklistItem, ...)
    SORT = Qt.ItemDataRole.UserRole + 2  # a key that sorts correctly (dates, numbers, not text)
    STATUS = Qt.ItemDataRole.UserRole + 3  # the row's VisitStatus / ParticipantStatus
    PINNED = Qt.ItemDataRole.UserRole + 4  # worklist: overdue rows stay on top whatever the sort
    CURRENT = Qt.ItemDataRole.UserRole + 5  # timeline: today is inside this open visit's window
    DATE = Qt.ItemDataRole.UserRole + 6  # month calendar: the cell's date
    VISITS = Qt.ItemDataRole.UserRole + 7  # month calendar: the WorklistItems of that day
    CLOSED_REASON = Qt.ItemDataRole.UserRole + 8  # month calendar: why the site is closed, or None
    IN_MONTH = Qt.ItemDataRole.UserRole + 9  # month calendar: the day belongs to the shown month
    SHADED = Qt.ItemDataRole.UserRole + 10  # month calendar: inside the highlighted visit window
    IS_TODAY = Qt.ItemDataRole.UserRole + 11
    KEY = Qt.ItemDataRole.UserRole + 12  # a stable identity for the row (to keep the selection)
    CELL = Qt.ItemDataRole.UserRole + 13  # month calendar: everything about a day in one call
    SEARCH = Qt.ItemDataRole.UserRole + 14  # the text a search box matches (participant ID)
