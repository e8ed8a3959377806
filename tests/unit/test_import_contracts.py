"""The architecture holds as import contracts (pyproject.toml, ``[tool.importlinter]``): the layers,
Qt only in ui/, a pure domain and language package, ui/ reaching the store and the calendar server only
through the services, only publishing/ talking CalDAV, and no import cycle anywhere in the package.
``lint-imports`` checks them as a developer runs it; every import counts, the lazy (function-level) and
``TYPE_CHECKING`` ones included.

A deliberate violation, planted in a copy of the package, must break the contract that forbids it:
otherwise a contract that names a module wrongly (or a configuration import-linter no longer reads)
would pass for ever.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "pyproject.toml"


def _lint_imports(src: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with the project's contracts over the package found in ``src``."""
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert lint_imports, "import-linter is part of the test dependencies (pip install -e .[test])"
    env = {**os.environ, "PYTHONPATH": str(src), "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run([lint_imports, "--no-cache", str(CONFIG)], cwd=src.parent, env=env,
                          capture_output=True, text=True, check=False)


def _words(text: str) -> str:
    """The report with its line wrapping undone."""
    return " ".join(text.split())


def test_the_import_contracts_hold():
    result = _lint_imports(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(("planted", "broken"), [
    # Qt reached from the pure core, through ui/: the layers, Qt-only-in-ui and domain-purity contracts.
    ("import ln_scheduler.ui.app\n",
     ["Qt only in ui/ BROKEN", "nothing of ours but i18n BROKEN", "i18n | private_files BROKEN",
      "ln_scheduler.domain.study_days -> ln_scheduler.ui.app"]),
    # A TYPE_CHECKING import counts: the domain naming a store class is a dependency on the store.
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..store.models import Visit\n",
     ["i18n | private_files BROKEN", "ln_scheduler.domain.study_days -> ln_scheduler.store.models"]),
    # A function-level import closing a cycle (schedule imports study_days).
    ("def _late():\n    from . import schedule\n",
     ["No import cycle in the package BROKEN", "No cycles are allowed in ln_scheduler.domain."]),
], ids=["qt-in-domain", "type-checking-import", "lazy-cycle"])
def test_a_deliberate_violation_breaks_its_contract(tmp_path, planted, broken):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "src" / "ln_scheduler", src / "ln_scheduler",
                    ignore=shutil.ignore_patterns("__pycache__", "resources"))
    with (src / "ln_scheduler" / "domain" / "study_days.py").open("a", encoding="utf-8") as f:
        f.write("\n" + planted)
    result = _lint_imports(src)
    report = _words(result.stdout + result.stderr)
    assert result.returncode != 0, report
    for words in broken:
        assert words in report, report
