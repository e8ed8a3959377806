"""The compiled forms in src/ln_scheduler/ui/forms/ are exactly what forms/*.ui compile to: an
edit in Designer without ``python forms/build.py`` would otherwise ship a stale window."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _build_module():
    spec = importlib.util.spec_from_file_location("forms_build", ROOT / "forms" / "build.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_form_is_compiled_and_current():
    build = _build_module()
    assert build.targets(), "no forms found"
    assert build.stale() == [], "run: python forms/build.py"


def test_the_check_notices_an_edited_form(tmp_path, monkeypatch):
    build = _build_module()
    ui = next(iter(build.targets()))
    edited = tmp_path / ui.name
    edited.write_text(ui.read_text(encoding="utf-8").replace("</ui>", "<!-- edited --></ui>"), encoding="utf-8")
    original = build.compile_form(ui)
    assert build.compile_form(edited) == original  # a comment does not change the output...
    text = ui.read_text(encoding="utf-8")
    widened = text.replace('<ui version="4.0">', '<ui version="4.0">\n <author>x</author>', 1)
    edited.write_text(widened.replace("<string>", "<string>Changed ", 1), encoding="utf-8")
    assert build.compile_form(edited) != original  # ...a changed text does
