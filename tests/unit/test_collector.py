"""The collector pauses that keep garbage-collection passes out of start-up and of the worker
threads' big reads: overlapping pauses must leave the collector as it was, never off for good."""

from __future__ import annotations

import gc
import threading

import pytest

from ln_scheduler.services.collector import collector_paused, pause_collector, resume_collector


@pytest.fixture(autouse=True)
def _collector_on():
    gc.enable()
    yield
    gc.enable()


def test_a_pause_turns_the_collector_off_and_back_on() -> None:
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_overlapping_pauses_end_only_with_the_last_one() -> None:
    pause_collector()  # start-up (the GUI) ...
    with collector_paused():  # ... while a worker reads
        assert not gc.isenabled()
    assert not gc.isenabled(), "the worker's pause ended while start-up's still runs"
    resume_collector()
    assert gc.isenabled()


def test_a_pause_begun_with_the_collector_off_leaves_it_off() -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_a_failing_block_still_resumes() -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError("the database went away")
    assert gc.isenabled()


def test_pauses_from_many_threads_leave_the_collector_on() -> None:
    start = threading.Barrier(8)

    def read() -> None:
        start.wait()
        for _ in range(200):
            with collector_paused():
                pass

    threads = [threading.Thread(target=read) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.isenabled()
