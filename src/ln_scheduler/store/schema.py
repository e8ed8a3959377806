"""Facts about the stored schema that a reader needs without SQLAlchemy: the visit states and the
newest revision. The first look at a SQLite file (``services/first_look.py``) reads the worklist with
the standard library's ``sqlite3`` before SQLAlchemy has loaded, and must know both; the models and
the migrations take them from here, so there is one spelling of each."""

from __future__ import annotations

#: Visit ``state``: what was recorded. "open" still needs doing; the others are outcomes.
STATE_OPEN = "open"
STATE_DONE = "done"
STATE_MISSED = "missed"
STATE_CANCELLED = "cancelled"
VISIT_STATES = (STATE_OPEN, STATE_DONE, STATE_MISSED, STATE_CANCELLED)

#: The newest revision in ``migrations/versions`` (a test keeps it equal to Alembic's head). Known
#: without importing Alembic (~0.25 s), so opening an up-to-date database costs one SELECT.
HEAD_REVISION = "0007"
