"""Check the dependency floors in pyproject.toml: install the LOWEST version each allows into a
fresh virtual environment and run the tests that exercise them.

    python3 scripts/check_lowest_versions.py [--keep] [PYTEST ARGS...]

Why: a floor nobody installs is a guess. ``icalendar>=6.0`` was one: with 6.x every .ics export
failed (``ImportError: vCategory``) while every test passed on the newest release. This script
pins every runtime dependency to its floor (``name==floor`` in a pip constraints file, so the
resolver can pick nothing else), installs the project and its test tools (newest releases: the
floors under test are the application's), prints what was installed and runs the unit tests
(schedule, exports, reports, the protocol loader), the migrations and the store's location
tests. Exit status: pytest's (0 when every floor holds), 2 when a dependency has no ``>=`` floor.

Needs network access to the package index (or a local mirror) and ~1.5 GB for the venv
(PySide6); ``--keep`` leaves it in build/lowest-versions for a look, otherwise it is removed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The tests that exercise the runtime dependencies without a PostgreSQL server: dates and
#: holidays (holidays, dateutil), .ics/.csv (icalendar), PDFs (reportlab), migrations (SQLAlchemy,
#: Alembic, psycopg: the migrations run on the PostgreSQL server too), settings and folders
#: (platformdirs, psutil), and the window's start-up (PySide6).
TESTS = ["tests/unit", "tests/db/test_migrations.py", "tests/db/test_store_location.py",
         "tests/e2e/test_gui_start.py"]
REQUIREMENT = re.compile(r"^\s*(?P<name>[A-Za-z0-9._-]+)(?P<extras>\[[^\]]*\])?\s*(?P<spec>[^;]*)")


def floors(pyproject: Path = ROOT / "pyproject.toml") -> dict[str, str]:
    """``{name: lowest allowed version}`` for every runtime dependency; ValueError if one has none."""
    result: dict[str, str] = {}
    for requirement in tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]:
        match = REQUIREMENT.match(requirement)
        if not match:
            raise ValueError(f"cannot read the requirement {requirement!r}")
        floor = re.search(r">=\s*([0-9][^,\s]*)", match["spec"])
        if not floor:
            raise ValueError(f"{match['name']} has no '>=' floor in pyproject.toml")
        result[match["name"]] = floor[1]
    return result


def venv_python(folder: Path) -> Path:
    return folder / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")


def main(argv: list[str]) -> int:
    keep = "--keep" in argv
    pytest_args = [a for a in argv if a != "--keep"]
    try:
        lowest = floors()
    except ValueError as exc:
        print(f"check_lowest_versions: {exc}", file=sys.stderr)
        return 2
    folder = ROOT / "build" / "lowest-versions" if keep else Path(tempfile.mkdtemp(prefix="ln-lowest-"))
    shutil.rmtree(folder, ignore_errors=True)
    try:
        venv.create(folder / "venv", with_pip=True)
        python = str(venv_python(folder / "venv"))
        constraints = folder / "floors.txt"
        constraints.write_text("".join(f"{name}=={version}\n" for name, version in lowest.items()), encoding="utf-8")
        print("floors under test:", ", ".join(f"{n}=={v}" for n, v in lowest.items()), flush=True)
        if subprocess.run([python, "-m", "pip", "install", "--quiet", "--constraint", str(constraints),
                           f"{ROOT}[test]"], check=False).returncode:
            print("check_lowest_versions: the floors cannot be installed together (pip's message above)",
                  file=sys.stderr)
            return 1
        installed = subprocess.run([python, "-m", "pip", "freeze"], capture_output=True, text=True, check=True).stdout
        wanted = {name.lower().replace("_", "-") for name in lowest}
        print("installed:", " ".join(line for line in installed.splitlines()
                                     if line.split("==")[0].lower().replace("_", "-") in wanted), flush=True)
        # The repository root, not src/, is on pytest's path: ``import ln_scheduler`` finds the
        # installed package, which runs on the floors.
        return subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS, *pytest_args],
                              cwd=ROOT, check=False).returncode
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
