"""The PyInstaller spec as PyInstaller would run it on Linux, Windows and macOS (its build
objects replaced by recorders: the bundle itself is only built here for Linux). Checks what a
site's IT department meets: no console window behind the GUI on Windows, a Start-menu friendly
executable with the .ico, a macOS .app, and the licences shipped."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any, ClassVar

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "ln_scheduler.spec"


class Recorder:
    """Stands for Analysis, PYZ, EXE, COLLECT and BUNDLE: keeps its arguments."""

    made: ClassVar[list[Recorder]] = []

    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        self.scripts = self.pure = self.binaries = self.datas = []
        Recorder.made.append(self)


def package_resources(package: str, includes: list[str] | None = None, **_kwargs: Any) -> list[tuple[str, str]]:
    """collect_data_files for the package's resources as the installed package holds them (the
    compiled translations included: bootstrap.py and build.sh compile them first)."""
    if package != "ln_scheduler" or includes != ["resources/**/*"]:
        return []
    src = ROOT / "src"
    return [(str(p), str(p.parent.relative_to(src))) for p in (src / "ln_scheduler" / "resources").rglob("*")
            if p.is_file()]


def run_spec(platform: str, monkeypatch: pytest.MonkeyPatch, collect: Any = package_resources) -> list[Recorder]:
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = collect  # type: ignore[attr-defined]
    hooks.collect_submodules = lambda *a, **k: []  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    Recorder.made = []
    namespace = {"SPECPATH": str(SPEC.parent), "__file__": str(SPEC)}
    namespace.update({kind: (lambda *a, _k=kind, **kw: Recorder(_k, *a, **kw))
                      for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")})
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return Recorder.made


def executables(made: list[Recorder]) -> dict[str, dict[str, Any]]:
    return {r.kwargs["name"]: r.kwargs for r in made if r.kind == "EXE"}


def test_linux_has_one_executable_for_the_cli_and_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    made = run_spec("linux", monkeypatch)
    assert {n: e["console"] for n, e in executables(made).items()} == {"ln-scheduler": True}
    assert not [r for r in made if r.kind == "BUNDLE"]


def test_windows_has_a_windowed_gui_with_its_icon_and_a_console_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    exes = executables(run_spec("win32", monkeypatch))
    assert {n: e["console"] for n, e in exes.items()} == {"LN Visit Scheduler": False, "ln-scheduler": True}
    assert all(e["icon"].endswith("ln-scheduler.ico") and Path(e["icon"]).is_file() for e in exes.values())


def test_macos_wraps_the_windowed_executable_in_an_app(monkeypatch: pytest.MonkeyPatch) -> None:
    made = run_spec("darwin", monkeypatch)
    (collect,) = [r for r in made if r.kind == "COLLECT"]
    assert [a.kwargs["name"] for a in collect.args if isinstance(a, Recorder)] == ["LN Visit Scheduler", "ln-scheduler"]
    (bundle,) = [r for r in made if r.kind == "BUNDLE"]
    assert bundle.args == (collect,)
    assert bundle.kwargs["name"] == "LN Visit Scheduler.app"
    assert bundle.kwargs["bundle_identifier"] and bundle.kwargs["info_plist"]["CFBundleDisplayName"]
    assert executables(made)["LN Visit Scheduler"]["console"] is False


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_every_platform_ships_the_licences(platform: str, monkeypatch: pytest.MonkeyPatch) -> None:
    (analysis,) = [r for r in run_spec(platform, monkeypatch) if r.kind == "Analysis"]
    shipped = {(Path(src).name, dest) for src, dest in analysis.kwargs["datas"]}
    assert {("LICENSE", "licenses"), ("THIRD_PARTY_NOTICES", "licenses"), ("LGPL-3.0.txt", "licenses")} <= shipped


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_every_platform_ships_the_spanish_window(platform: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The application's catalogue and Qt's own (standard buttons, file dialogs), where each is
    looked for at run time (``ui/translations.py``)."""
    (analysis,) = [r for r in run_spec(platform, monkeypatch) if r.kind == "Analysis"]
    shipped = {(Path(src).name, dest) for src, dest in analysis.kwargs["datas"]}
    assert ("ln_scheduler_es.qm", "ln_scheduler/resources/translations") in shipped
    assert ("qtbase_es.qm", "PySide6/Qt/translations") in shipped


def test_a_bundle_without_its_compiled_translations_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def without_qm(*args: Any, **kwargs: Any) -> list[tuple[str, str]]:
        return [(src, dest) for src, dest in package_resources(*args, **kwargs) if not src.endswith(".qm")]

    with pytest.raises(SystemExit, match=r"ln_scheduler_es\.qm is not in the installed package"):
        run_spec("linux", monkeypatch, collect=without_qm)
