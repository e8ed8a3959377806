"""Python dates in and out of Qt date widgets, inside the range the domain accepts."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from ..domain.dates import EARLIEST_SENSIBLE, LATEST_SENSIBLE


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def setup_date_edit(edit: QDateEdit, value: date) -> None:
    """Sensible bounds (a typo such as 0207 cannot produce year 207) and the initial date."""
    edit.setDateRange(to_qdate(EARLIEST_SENSIBLE), to_qdate(LATEST_SENSIBLE))
    edit.setDate(to_qdate(value))


def edit_date(edit: QDateEdit) -> date:
    return from_qdate(edit.date())
