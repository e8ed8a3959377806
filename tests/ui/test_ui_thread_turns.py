"""The window stays quick while a worker thread reads: each of a repaint's calls into Python
must not wait Python's default 5 ms for the worker to hand over the interpreter."""

from __future__ import annotations

import sys


def test_once_started_the_application_lets_the_ui_thread_in_quickly(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ln_scheduler.ui.app import settle_after_startup

    default = sys.getswitchinterval()
    try:
        settle_after_startup()
        assert sys.getswitchinterval() <= 0.0005
    finally:
        sys.setswitchinterval(default)
