"""PySide6 wraps ``__import__`` for ``from __feature__ import ...``, which the application never
writes; the application gives the interpreter's own back before the window's modules and the
database layer are imported (ui/import_scan.py), and leaves an import it does not recognise alone."""

from __future__ import annotations

import builtins
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - installs the wrapper
import pytest

from ln_scheduler.ui import import_scan


@pytest.fixture
def restored_import(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the test does to ``__import__``, this process gets it back afterwards."""
    monkeypatch.setattr(builtins, "__import__", builtins.__import__)


@pytest.mark.usefixtures("restored_import")
def test_the_interpreters_own_import_is_given_back_and_imports_still_work(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(builtins, "__import__", builtins.__feature_import__)  # type: ignore[attr-defined]
    assert import_scan.skip_feature_import()
    assert builtins.__import__ is builtins.__orig_import__  # type: ignore[attr-defined]
    assert import_scan.skip_feature_import()  # a second call finds it done
    import colorsys  # an import statement run after the change: a module not imported before

    from PySide6.QtCore import QObject  # Qt itself still imports

    assert colorsys.rgb_to_hsv(1, 0, 0) == (0, 1, 1)
    assert QObject().objectName() == ""


@pytest.mark.usefixtures("restored_import")
def test_an_import_wrapped_by_someone_else_is_left_alone(monkeypatch: pytest.MonkeyPatch):
    def theirs(*args: object, **kwargs: object) -> ModuleType:
        return builtins.__orig_import__(*args, **kwargs)  # type: ignore[attr-defined,no-any-return]

    monkeypatch.setattr(builtins, "__import__", theirs)
    assert not import_scan.skip_feature_import()
    assert builtins.__import__ is theirs


@pytest.mark.usefixtures("restored_import")
def test_a_pyside6_without_the_wrapper_is_left_alone(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delattr(builtins, "__orig_import__")
    before = builtins.__import__
    assert not import_scan.skip_feature_import()
    assert builtins.__import__ is before
