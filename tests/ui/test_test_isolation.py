"""The suite writes only to temporary folders: the uncaught-exception tracebacks that GUI tests
provoke on purpose once landed in the real user's log (``~/.local/state/ln-scheduler/log``)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ln_scheduler.ui import errors


def test_the_log_file_used_during_tests_is_under_the_temporary_folder():
    log = errors.log_file().resolve()
    assert log.is_relative_to(Path(tempfile.gettempdir()).resolve()), log
    assert not log.is_relative_to((Path.home() / ".local").resolve()), log
