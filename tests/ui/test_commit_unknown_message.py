"""A write whose COMMIT lost its answer is shown as "saved or not? check first", never with the
"Nothing was saved ... try again" advice of an unreachable database (a retry could record the
change twice). Plain: ``describe`` needs no window."""

from __future__ import annotations

from ln_scheduler.services.errors import CommitUnknownError, DatabaseUnavailableError
from ln_scheduler.ui.errors import describe


def test_an_unknown_commit_is_not_called_nothing_saved():
    text = describe(CommitUnknownError("the connection to the database failed while participant 104-001 was being "
                                       "saved (server closed the connection): UNKNOWN whether it was saved"))
    assert text.title == "Saved or not? Check first"
    assert "Nothing was saved" not in f"{text.message} {text.advice}"
    assert "before entering it again" in (text.advice or "")


def test_an_unreachable_database_still_says_nothing_was_saved():
    assert "Nothing was saved" in (describe(DatabaseUnavailableError("busy")).advice or "")
