"""Every take-home string the code marks is translated in every shipped language: a missing or
empty entry would print one English sentence on a Spanish participant's schedule."""

from __future__ import annotations

from pathlib import Path

from tests.support.catalogues import TAKE_HOME_KEYWORDS, marked_strings, missing_entries


def test_every_marked_take_home_string_is_in_every_catalogue():
    assert missing_entries("take_home", TAKE_HOME_KEYWORDS) == []


def test_the_extractor_finds_the_take_home_strings():
    """Guards the guard: the keywords still find the schedule's words (a rename of the method
    would otherwise make the test above pass on nothing)."""
    found = {(m.context, m.message) for m in marked_strings(TAKE_HOME_KEYWORDS)}
    assert (None, "Your dose days") in found
    assert ("dose", "second") in found
    assert (None, "Page {number} of {total}") in found


def test_a_string_missing_from_a_catalogue_is_named(tmp_path: Path):
    source = tmp_path / "pkg"
    source.mkdir()
    (source / "mod.py").write_text('texts.gettext("A sentence nobody translated")\n'
                                   'texts.gettext("Your dose days")\n', encoding="utf-8")
    assert missing_entries("take_home", TAKE_HOME_KEYWORDS, source) == [
        "es: 'A sentence nobody translated' (mod.py:1)"]
