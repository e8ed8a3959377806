"""The status bar's words for the published calendar: three states that cannot be confused (with
each other or with the database's own "Up to date at 10:02"), a why of a few words when failing,
nothing when no calendar is published. No window: pure wording."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ln_scheduler.publishing.caldav_server import CalendarServerError, server_error
from ln_scheduler.services.calendar_publishing import PublishingStatus, PublishState
from ln_scheduler.ui.calendar_status import calendar_words, short_reason

URL = "https://cloud.example.org/remote.php/dav/calendars/site104/ln-visits/"
SYNCED = datetime(2027, 2, 10, 14, 2, tzinfo=UTC)


def status(state: PublishState, pending: int = 0, error: str | None = None) -> PublishingStatus:
    return PublishingStatus(state, URL if state != PublishState.OFF else None, "site104", SYNCED, pending, error,
                            SYNCED if error else None)


def test_no_calendar_published_says_nothing():
    assert calendar_words(None) is None
    assert calendar_words(status(PublishState.OFF)) is None


def test_up_to_date_and_pending_name_the_calendar_and_are_not_alarming():
    up = calendar_words(status(PublishState.UP_TO_DATE))
    pending = calendar_words(status(PublishState.PENDING, pending=3))
    assert (up.text, up.failing) == ("Calendar: up to date", False)
    assert (pending.text, pending.failing) == ("Calendar: 3 pending", False)
    assert URL in up.tooltip and URL in pending.tooltip


def test_failing_says_why_in_a_few_words_and_the_whole_sentence_in_the_tooltip():
    error = f"the calendar server at {URL} cannot be reached (Connection refused)"
    words = calendar_words(status(PublishState.FAILING, pending=2, error=error))
    assert words.failing
    assert words.text == "⚠ Calendar: failing (server unreachable)"
    assert "2 change(s) wait" in words.tooltip
    assert words.tooltip.startswith("The calendar server at") and "Connection refused" in words.tooltip
    assert "saving is not affected" in words.tooltip
    assert all(len(line) <= 100 for line in words.tooltip.splitlines())  # wrapped, not one wide line


class AuthorizationError(Exception):
    pass


@pytest.mark.parametrize(("raised", "words"), [
    (ConnectionRefusedError("[Errno 111] Connection refused"), "server unreachable"),
    (OSError("certificate verify failed: self-signed certificate"), "certificate refused"),
    (CalendarServerError(f"there is no calendar at {URL}", "not-a-calendar"), "not a calendar"),
])
def test_the_services_own_sentences_get_their_few_words(raised, words):
    """Pins the coupling to the services' wording: a reworded sentence fails here, not silently."""
    assert short_reason(str(server_error(raised, URL))) == words


def test_a_refused_login_and_a_missing_password_are_told_apart():
    from caldav.lib import error

    assert short_reason(str(server_error(error.AuthorizationError("401"), URL))) == "login refused"
    assert short_reason(f"no password for site104 at {URL} on this workstation: set it up again") == \
        "no password saved here"


def test_an_unknown_reason_is_cut_short_not_dropped():
    assert short_reason("the moon is in the wrong phase today, try tomorrow") == "the moon is in the wrong phase…"
    assert short_reason("quota exceeded") == "quota exceeded"
