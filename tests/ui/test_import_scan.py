"""PySide6 reads the source of every module imported after it (for ``__feature__``); the
packages that cannot use Qt are answered without reading (ui/import_scan.py, issue 16)."""

from __future__ import annotations

import inspect
import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - installs the scan
import pytest

from ln_scheduler.ui import import_scan


def test_only_packages_that_cannot_use_qt_are_spared() -> None:
    assert not import_scan.uses_qt_possibly("sqlalchemy.orm.session")
    assert not import_scan.uses_qt_possibly("ln_scheduler.services.app")
    assert not import_scan.uses_qt_possibly("ln_scheduler.store.models")
    assert import_scan.uses_qt_possibly("ln_scheduler.ui.main_window")
    assert import_scan.uses_qt_possibly("ln_scheduler.ui")
    assert import_scan.uses_qt_possibly("ln_scheduler")  # the package itself: read, as before
    assert import_scan.uses_qt_possibly("PySide6.QtWidgets")
    assert import_scan.uses_qt_possibly("somebody_elses_widgets")


def test_a_spared_module_is_not_read_and_the_others_still_are(monkeypatch: pytest.MonkeyPatch) -> None:
    feature = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)  # restored afterwards
    read: list[str] = []

    def getsource(module: ModuleType) -> str:
        read.append(module.__name__)
        return "from PySide6.QtCore import QObject\n"

    monkeypatch.setattr(inspect, "getsource", getsource)
    assert import_scan.skip_source_scan()
    assert import_scan.skip_source_scan()  # a second call does not wrap twice
    assert feature._mod_uses_pyside(ModuleType("sqlalchemy.spared_probe")) is False
    assert read == []
    assert feature._mod_uses_pyside(ModuleType("ln_scheduler.ui.read_probe")) is True
    assert read == ["ln_scheduler.ui.read_probe"]


def test_a_pyside6_without_the_scan_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "shibokensupport.feature", ModuleType("shibokensupport.feature"))
    assert import_scan.skip_source_scan() is False
