"""The Linux menu entry (packaging/ln-scheduler.desktop) as desktop environments read it: valid
for ``desktop-file-validate`` with not even a hint (one main category, so the application is
listed once; no ``%U``, since it opens no files or URLs given on its command line)."""

from __future__ import annotations

import configparser
import shutil
import subprocess
from pathlib import Path

import pytest

DESKTOP = Path(__file__).resolve().parents[2] / "packaging" / "ln-scheduler.desktop"
#: Main categories of the freedesktop.org menu specification (an entry should name one).
MAIN_CATEGORIES = {"AudioVideo", "Audio", "Video", "Development", "Education", "Game", "Graphics", "Network",
                   "Office", "Science", "Settings", "System", "Utility"}


def entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-utils not installed (bootstrap.py test installs it)")
def test_desktop_file_validate_reports_nothing() -> None:
    proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stdout + proc.stderr) == (0, "")


def test_one_main_category_and_no_field_codes() -> None:
    categories = [c for c in entry()["Categories"].split(";") if c]
    assert len(MAIN_CATEGORIES.intersection(categories)) == 1, categories
    assert "%" not in entry()["Exec"]
