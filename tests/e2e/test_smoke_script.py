"""``packaging/smoke_test.py``, the check a site's IT department (and build.sh) runs on a built
bundle, run here on the installed package: it must pass on a sound build, with exit 0.

Runner: real processes (the script starts the command as a site's IT department would)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "packaging" / "smoke_test.py"


def test_the_smoke_test_passes_on_the_installed_package() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), sys.executable, "-m", "ln_scheduler.cli"],
                          capture_output=True, text=True, timeout=400, check=False, env=dict(os.environ))
    assert proc.returncode == 0, proc.stderr
    assert [line.split(":")[0] for line in proc.stdout.splitlines()] == ["smoke test ok"] * 5


def test_the_smoke_test_fails_on_a_command_that_fails() -> None:
    proc = subprocess.run([sys.executable, str(SCRIPT), sys.executable, "-c", "import sys; sys.exit(3)"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 1
    assert "--version: exit status 3" in proc.stderr
