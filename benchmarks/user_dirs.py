"""Benchmarks run with their own per-user folders, never the real user's.

Why: opening a database writes beside the user's settings (the audit key and its checkpoints, the
log, the daily backup's settings); a benchmark on a developer's machine left 14 checkpoint files
and a site key in the real ``~/.config/ln-scheduler``. Call :func:`use_temporary_user_dirs` first
thing in ``main()``; the folder is removed when the process exits.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile


def use_temporary_user_dirs() -> str:
    """Point the XDG folders and the audit key of this process (and the processes it starts) into a
    new temporary folder; returns it."""
    root = tempfile.mkdtemp(prefix="ln-bench-home-")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state")):
        os.environ[var] = os.path.join(root, sub)
    os.environ["LN_SCHEDULER_AUDIT_KEY"] = os.path.join(root, "config", "ln-scheduler", "audit.key")
    os.environ.pop("LN_SCHEDULER_DB", None)
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root
