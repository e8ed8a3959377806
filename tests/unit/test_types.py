"""The code base type-checks: mypy with the project's `[tool.mypy]` (strict everywhere but the Qt edge,
ui/, which is checked basic) over src/, as part of the test command.

The cache lives in build/mypy-cache (ignored by git) so a rerun checks only what changed: about 50 s
cold on a busy 2-core machine, 2 s warm.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _mypy(*files: str) -> subprocess.CompletedProcess[str]:
    """mypy with the project's configuration (over src/, or over ``files`` and what they import)."""
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(ROOT / "build" / "mypy-cache"),
         "--config-file", str(ROOT / "pyproject.toml"), *files],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )


def test_mypy_reports_nothing():
    result = _mypy()
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_deliberate_type_error_and_an_untyped_def_are_reported(tmp_path):
    """The configuration is in force (strict outside ui/): a wrong argument to the domain and a
    function without annotations both fail."""
    probe = tmp_path / "probe.py"
    probe.write_text("from datetime import date\n\nfrom ln_scheduler.domain.study_days import study_day\n\n"
                     "print(study_day('2026-01-01', date(2026, 1, 1)))\n\n\ndef untyped(x):\n    return x\n",
                     encoding="utf-8")
    result = _mypy(str(probe))
    report = result.stdout + result.stderr
    assert result.returncode == 1, report
    assert 'probe.py:5: error: Argument 1 to "study_day" has incompatible type "str"; expected "date"' in report
    assert "probe.py:8: error: Function is missing a type annotation" in report
