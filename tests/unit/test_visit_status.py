from datetime import date, timedelta

import pytest

from ln_scheduler.domain.schedule import Window
from ln_scheduler.domain.visit_status import VisitStatus, visit_status

W = Window.around(date(2027, 2, 13), 2, 2)  # D14: Feb 11 .. Feb 15
ONE = timedelta(days=1)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (W.earliest - ONE, VisitStatus.UPCOMING),
        (W.earliest, VisitStatus.DUE),  # first day of the window
        (W.target, VisitStatus.DUE),
        (W.target + ONE, VisitStatus.LATE),
        (W.latest, VisitStatus.LATE),  # last day of the window
        (W.latest + ONE, VisitStatus.OVERDUE),
    ],
)
def test_status_follows_today_through_the_window(today, expected):
    assert visit_status(W, today) is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (W.earliest, VisitStatus.DONE),
        (W.latest, VisitStatus.DONE),
        (W.earliest - ONE, VisitStatus.DONE_OUT_OF_WINDOW),
        (W.latest + ONE, VisitStatus.DONE_OUT_OF_WINDOW),
    ],
)
def test_done_inside_or_outside_the_window(actual, expected):
    assert visit_status(W, W.latest + timedelta(days=30), actual) is expected


@pytest.mark.parametrize(
    ("scheduled", "today", "expected"),
    [
        (W.earliest, W.earliest, VisitStatus.DUE),  # the appointment is today
        (W.earliest, W.earliest + ONE, VisitStatus.LATE),  # booked yesterday, nothing recorded: late
        (W.latest, W.target + ONE, VisitStatus.DUE),  # booked after the target: not late before its day
        (W.latest, W.latest, VisitStatus.DUE),
        (W.latest, W.latest + ONE, VisitStatus.OVERDUE),
        (W.earliest, W.earliest - ONE, VisitStatus.UPCOMING),
    ],
)
def test_late_means_the_scheduled_day_passed_with_nothing_recorded(scheduled, today, expected):
    assert visit_status(W, today, scheduled=scheduled) is expected


def test_missed_and_cancelled_win_over_the_clock():
    late = W.latest + timedelta(days=10)
    assert visit_status(W, late, missed=True) is VisitStatus.MISSED
    assert visit_status(W, W.earliest - ONE, cancelled=True) is VisitStatus.CANCELLED


@pytest.mark.parametrize("actual", [date(2027, 2, 11), date(2027, 2, 15), date(2027, 3, 1)])
def test_cancelled_wins_over_a_date_done(actual):
    """A visit entered in error keeps its date done and is cancelled: it never reads as done."""
    assert visit_status(W, date(2027, 3, 5), actual, cancelled=True) is VisitStatus.CANCELLED


def test_open_statuses_are_the_ones_still_to_do():
    assert {s for s in VisitStatus if s.is_open} == {
        VisitStatus.UPCOMING, VisitStatus.DUE, VisitStatus.LATE, VisitStatus.OVERDUE,
    }


@pytest.mark.parametrize(
    ("actual", "missed", "cancelled", "expected"),
    [
        (None, False, False, VisitStatus.UPCOMING),  # not planned yet: no clock to read it by
        (None, True, False, VisitStatus.MISSED),
        (date(2027, 2, 13), False, False, VisitStatus.DONE),  # an unscheduled visit: no window to be out of
        (date(2027, 2, 13), False, True, VisitStatus.CANCELLED),  # entered in error, kept with its date
        (None, False, True, VisitStatus.CANCELLED),
    ],
)
def test_a_visit_without_a_window_reads_by_what_was_recorded(actual, missed, cancelled, expected):
    for today in (date(2027, 2, 12), date(2027, 2, 13), date(2028, 2, 13)):
        assert visit_status(None, today, actual, missed=missed, cancelled=cancelled) is expected
