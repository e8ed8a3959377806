"""The licences a site's IT department and legal review look for: the project's (Apache-2.0),
in the package metadata with URLs, and a notice for every third-party component shipped,
included in the wheel's metadata and the bundle."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
NOTICES = (ROOT / "THIRD_PARTY_NOTICES").read_text(encoding="utf-8")


def test_the_project_is_apache_2_licensed_with_urls_in_its_metadata() -> None:
    assert PROJECT["license"] == "Apache-2.0"
    assert "Apache License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert {"LICENSE", "THIRD_PARTY_NOTICES"} <= set(PROJECT["license-files"])
    assert PROJECT["urls"] and all(url.startswith("https://") for url in PROJECT["urls"].values())


def test_every_runtime_dependency_has_a_notice() -> None:
    names = [re.match(r"[A-Za-z0-9._-]+", dep)[0] for dep in PROJECT["dependencies"]]  # type: ignore[index]
    missing = [n for n in names if n.replace("python-", "").lower() not in NOTICES.lower()]
    assert missing == []


def test_the_lgpl_parts_carry_their_licence_text_and_a_source_offer() -> None:
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (ROOT / "packaging" / "licenses" / "LGPL-3.0.txt").read_text()
    assert "GNU GENERAL PUBLIC LICENSE" in (ROOT / "packaging" / "licenses" / "GPL-3.0.txt").read_text()
    assert "Written offer" in NOTICES and "download.qt.io" in NOTICES

