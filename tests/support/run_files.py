"""Files made once per test run and shared by every process of it (the xdist workers, and the
processes they start): the audit key, and sites that take seconds to fill (the demo site).

The run's folder is made by the first process that loads ``tests/conftest.py`` (the controller,
under xdist) and named in ``LN_TEST_RUN_DIR``, which the workers it starts inherit; that process
removes it at exit. A site is made under a lock by the first process that asks for it, the
others wait for it and copy it: the three workers used to fill the same demo site three times
(~3 s of CPU each on two cores). Everything in it is sealed with the run's one audit key, so a
copy verifies in any process of the run, as a site database does on every workstation of a site.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

RUN_DIR_VARIABLE = "LN_TEST_RUN_DIR"


def run_folder() -> Path:
    """The run's shared folder (made, and removed at exit, by the first process of the run)."""
    existing = os.environ.get(RUN_DIR_VARIABLE)
    if existing and Path(existing).is_dir():
        return Path(existing)
    folder = tempfile.mkdtemp(prefix="ln-scheduler-run-")
    os.environ[RUN_DIR_VARIABLE] = folder
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return Path(folder)


def made_once(name: str, make: Callable[[Path], None]) -> Path:
    """``run_folder() / name``, made by ``make(folder)`` in a folder of its own the first time any
    process of the run asks (the others wait on a lock), then left as it is: copy it, never write
    to it. ``make`` fills the folder it is given; a ``make`` that fails leaves nothing behind, so
    the next process tries again (and fails the same way, with its own traceback)."""
    root = run_folder()
    done = root / name
    with open(root / f".{name}.lock", "w", encoding="ascii") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not done.is_dir():
                draft = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=root))
                try:
                    make(draft)
                    draft.rename(done)
                finally:
                    shutil.rmtree(draft, ignore_errors=True)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return done
