"""A visit's status, derived from its window, what was recorded and today's date.

The status's *value* (``"done out of window"``) is data: stored, exported, compared, always English.
Its :attr:`VisitStatus.label` is for a person and is translated when read, into the interface
language (``ln_scheduler.i18n``, plain Python: the core stays free of Qt and the database); in
English it is the value capitalised, as it always was. Nothing stores a label."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from ..i18n import N_, _
from .schedule import Window


class VisitStatus(StrEnum):
    UPCOMING = "upcoming"  # window not open yet
    DUE = "due"  # window open, its day (the scheduled date, else the target) not passed
    LATE = "late"  # its day passed with nothing recorded, window still open
    OVERDUE = "overdue"  # window passed, nothing recorded
    DONE = "done"
    DONE_OUT_OF_WINDOW = "done out of window"
    MISSED = "missed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        """``Done out of window`` / ``Realizada fuera de ventana``: the interface language, at access."""
        return _(_LABELS[self])

    @property
    def is_done(self) -> bool:
        """Recorded done, in its window or not."""
        return self in (VisitStatus.DONE, VisitStatus.DONE_OUT_OF_WINDOW)

    @property
    def is_open(self) -> bool:
        """Still needs doing (appears on the worklist)."""
        return self in (VisitStatus.UPCOMING, VisitStatus.DUE, VisitStatus.LATE, VisitStatus.OVERDUE)


#: Visits a participant still has to come to: what the take-home schedule lists and the personal
#: calendar carries. Overdue visits are left out: their window has closed, so no date on paper or
#: on a phone would be right for them (the study team calls the participant instead).
COMING = (VisitStatus.UPCOMING, VisitStatus.DUE, VisitStatus.LATE)

#: Each status's label, marked for the catalogue (English: the value capitalised).
_LABELS = {
    VisitStatus.UPCOMING: N_("Upcoming"),
    VisitStatus.DUE: N_("Due"),
    VisitStatus.LATE: N_("Late"),
    VisitStatus.OVERDUE: N_("Overdue"),
    VisitStatus.DONE: N_("Done"),
    VisitStatus.DONE_OUT_OF_WINDOW: N_("Done out of window"),
    VisitStatus.MISSED: N_("Missed"),
    VisitStatus.CANCELLED: N_("Cancelled"),
}


def visit_status(window: Window | None, today: date, actual: date | None = None, *, missed: bool = False,
                 cancelled: bool = False, scheduled: date | None = None) -> VisitStatus:
    """Status as a coordinator reads it. A recorded outcome wins over the clock.

    "Late" means the visit's day passed with nothing recorded while its window is still open. Its
    day is the scheduled date (the booked or proposed appointment), else the target: a visit
    booked for Tuesday and not recorded on Wednesday showed "Due" because the target was Friday,
    and one moved off a closed target day to the next open day showed "Late" before its
    appointment.

    Cancelled wins over a date done: an unscheduled or early-termination visit entered in error is
    kept with its date, cancelled (``services.corrections``), and must never read as done.

    Without a window (``None``: an unscheduled visit, or one not planned yet) only what was
    recorded counts: done is done (there is no window to be out of), and nothing recorded is
    upcoming whatever the date. The one order of outcomes, for dated and undated visits alike."""
    if cancelled:
        return VisitStatus.CANCELLED
    if actual is not None:
        return VisitStatus.DONE if window is None or actual in window else VisitStatus.DONE_OUT_OF_WINDOW
    if missed:
        return VisitStatus.MISSED
    if window is None:
        return VisitStatus.UPCOMING
    if today < window.earliest:
        return VisitStatus.UPCOMING
    if today <= (scheduled or window.target):
        return VisitStatus.DUE
    if today <= window.latest:
        return VisitStatus.LATE
    return VisitStatus.OVERDUE
