"""Background reads give way to the coordinator's clicks.

A worker thread and the UI thread share one interpreter: a participant switch that lands while a
refresh is reading took four times as long (140 ms instead of 30), each thread getting about half
of it. A user action marks the next fraction of a second as the user's (:func:`user_acted`); a
worker calls :func:`give_way` between its steps and, while that mark is fresh, sleeps (the
interpreter is then the UI thread's alone). A step already running is not interrupted, so the
gain depends on the steps being short; nothing waits longer than ``MAX_WAIT_S`` at one step, nor
than ``MAX_TASK_WAIT_S`` in all in one task (a refresh of a site that fell behind has a hundred
steps: a user clicking without pause must not hold it back for a minute).
"""

from __future__ import annotations

import threading
import time

#: How long after a user action the UI thread keeps the interpreter to itself.
USER_ACTION_S = 0.25
#: The longest a worker waits at one call (a user clicking without pause must not starve it).
MAX_WAIT_S = 0.5
#: The longest a worker's task (a refresh, a read, a batch to publish) waits in all.
MAX_TASK_WAIT_S = 2.0

_user_until = 0.0
_task_budget = threading.local()  # .left: what the current task on this thread may still wait


def user_acted() -> None:
    """The user just did something that the UI thread must answer quickly."""
    global _user_until
    _user_until = time.monotonic() + USER_ACTION_S


def release() -> None:
    """The window is closing: no user is left to give way to. A worker waiting at
    :func:`give_way` goes on within a sleep's length, so closing does not wait out the last click's
    quarter of a second."""
    global _user_until
    _user_until = 0.0


def ms_until_user_idle() -> int:
    """How long (ms) the user's last action still has the interpreter; 0 if it is over. The UI
    thread waits that long before showing what a background read brought (a model reset of
    thousands of rows is itself a tenth of a second of work)."""
    left = _user_until - time.monotonic()
    return max(0, int(left * 1000) + 1) if left > 0 else 0


def no_pause() -> None:
    """The ``pause`` of work that runs on the UI thread or for the user's own click."""


def new_task() -> None:
    """A worker thread begins a task: its waits count from nothing again (the task runner's
    threads are reused, and the publisher calls this for each batch)."""
    _task_budget.left = MAX_TASK_WAIT_S


def waits_left() -> float:
    """How long (s) the current task on this thread may still wait for the user in all."""
    return float(getattr(_task_budget, "left", MAX_TASK_WAIT_S))


def give_way() -> None:
    """In a worker, between steps: wait while the user's last action is fresh."""
    left = waits_left()
    begin = time.monotonic()
    deadline = begin + min(MAX_WAIT_S, left)
    while (now := time.monotonic()) < _user_until and now < deadline:
        time.sleep(0.002)
    _task_budget.left = max(0.0, left - (time.monotonic() - begin))
