"""Which interpreter ``bootstrap.py`` makes the venv from: the distribution's optimised build of the
same Python version when there is one, never another version, and whatever ``LN_SCHEDULER_PYTHON``
names; a venv made from another interpreter is made again (``bootstrap.preferred_python``)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bootstrap(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bootstrap_python", ROOT / "bootstrap.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.delenv("LN_SCHEDULER_PYTHON", raising=False)
    return module


def fake_python(folder: Path, version: str) -> Path:
    """An executable that answers the version probe as a Python ``version`` with venv would."""
    path = folder / f"python{version}"
    path.write_text(f"#!/bin/sh\nexec {sys.executable} -c \"import sys; sys.exit(0 if '{version}' == "
                    f"'%d.%d' % sys.version_info[:2] else 1)\"\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def this_version() -> str:
    return f"{sys.version_info[0]}.{sys.version_info[1]}"


def test_the_distributions_build_of_the_same_version_is_preferred(bootstrap: ModuleType, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    distribution = fake_python(tmp_path, this_version())
    monkeypatch.setattr(bootstrap, "DISTRIBUTION_PYTHON", distribution)
    assert bootstrap.preferred_python() == str(distribution)


def test_another_version_is_never_swapped_in(bootstrap: ModuleType, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bootstrap, "DISTRIBUTION_PYTHON", fake_python(tmp_path, "3.9"))
    assert bootstrap.preferred_python() == bootstrap.this_interpreter()


def test_without_a_distribution_python_this_one_is_used(bootstrap: ModuleType, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bootstrap, "DISTRIBUTION_PYTHON", tmp_path / "missing" / "python3")
    assert bootstrap.preferred_python() == bootstrap.this_interpreter()


def test_ln_scheduler_python_chooses(bootstrap: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bootstrap, "DISTRIBUTION_PYTHON", fake_python(tmp_path, this_version()))
    (tmp_path / "opt").mkdir()
    chosen = fake_python(tmp_path / "opt", "3.13")
    monkeypatch.setenv("LN_SCHEDULER_PYTHON", str(chosen))
    assert bootstrap.preferred_python() == str(chosen)


def test_a_venv_made_from_another_interpreter_is_made_again(bootstrap: ModuleType, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("", encoding="utf-8")
    (venv / "pyvenv.cfg").write_text("home = /elsewhere/bin\nexecutable = /elsewhere/bin/python3.11\n",
                                     encoding="utf-8")
    made: list[bool] = []

    class Builder:
        def __init__(self, *, with_pip: bool, clear: bool) -> None:
            made.append(clear)

        def create(self, path: Path) -> None:
            (path / "pyvenv.cfg").write_text(f"executable = {bootstrap.this_interpreter()}\n", encoding="utf-8")

    monkeypatch.setattr(bootstrap, "VENV", venv)
    monkeypatch.setattr(bootstrap.venv, "EnvBuilder", Builder)
    monkeypatch.setattr(bootstrap.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0))
    bootstrap.ensure_venv("")
    assert made == [True]  # cleared and made with this interpreter
    made.clear()
    bootstrap.ensure_venv("")  # made with this one now: kept, pip not run again
    assert made == []


def test_run_from_inside_the_venv_it_is_kept(bootstrap: ModuleType, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A venv's python is a copy of its base: run from inside, the base is what counts."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("", encoding="utf-8")
    (venv / "pyvenv.cfg").write_text("executable = /elsewhere/bin/python3.11\n", encoding="utf-8")
    made: list[bool] = []

    class Builder:
        def __init__(self, *, with_pip: bool, clear: bool) -> None:
            made.append(clear)

        def create(self, path: Path) -> None:
            pass

    monkeypatch.setattr(bootstrap, "VENV", venv)
    monkeypatch.setattr(bootstrap.venv, "EnvBuilder", Builder)
    monkeypatch.setattr(bootstrap.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0))
    monkeypatch.setattr(sys, "executable", str(venv / "bin" / "python"))
    monkeypatch.setattr(sys, "_base_executable", "/elsewhere/bin/python3.11", raising=False)
    bootstrap.ensure_venv("")
    assert made == []


def test_ln_scheduler_python_may_name_a_program_on_the_path(bootstrap: ModuleType, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    program = fake_python(tmp_path, this_version())
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("LN_SCHEDULER_PYTHON", program.name)
    assert bootstrap.preferred_python() == str(program)
    monkeypatch.setenv("LN_SCHEDULER_PYTHON", "python-that-is-not-there")
    with pytest.raises(SystemExit):
        bootstrap.preferred_python()
