"""``bootstrap.py``, the README's two commands: pip runs only when the install would change (the
everyday test command spent 5-10 s in a pip run that found everything in place), and the tests run
with bytecode cached in the venv."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bootstrap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    spec = importlib.util.spec_from_file_location("bootstrap_under_test", ROOT / "bootstrap.py")
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").write_text("", encoding="utf-8")  # exists: no venv is created
    monkeypatch.setattr(module, "VENV", venv)
    monkeypatch.delenv("LN_SCHEDULER_REINSTALL", raising=False)
    module.pip_runs = []  # type: ignore[attr-defined]
    module.pip_status = 0  # type: ignore[attr-defined]

    def fake_run(cmd: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        module.pip_runs.append(cmd[-1])  # type: ignore[attr-defined]
        return subprocess.CompletedProcess(cmd, module.pip_status)  # type: ignore[attr-defined]

    monkeypatch.setattr(module.subprocess, "run", fake_run)
    return module


def test_pip_runs_once_then_only_when_the_project_or_the_extras_change(bootstrap, monkeypatch):
    bootstrap.ensure_venv("test")
    bootstrap.ensure_venv("test")
    bootstrap.ensure_venv("")  # the app alone: already installed with the tests' extras
    assert bootstrap.pip_runs == [f"{ROOT}[test]"]

    monkeypatch.setattr(bootstrap, "_install_fingerprint", lambda: "pyproject-changed")
    bootstrap.ensure_venv("")
    assert bootstrap.pip_runs[-1] == str(ROOT)
    bootstrap.ensure_venv("test")  # that install had no test extras
    assert bootstrap.pip_runs[-1] == f"{ROOT}[test]" and len(bootstrap.pip_runs) == 3
    bootstrap.ensure_venv("")
    assert len(bootstrap.pip_runs) == 3


def test_reinstall_is_forced_by_the_variable_and_a_failed_pip_is_tried_again(bootstrap, monkeypatch):
    bootstrap.ensure_venv("test")
    monkeypatch.setenv("LN_SCHEDULER_REINSTALL", "1")
    bootstrap.ensure_venv("test")
    assert len(bootstrap.pip_runs) == 2
    monkeypatch.delenv("LN_SCHEDULER_REINSTALL")

    bootstrap.pip_status = 1
    monkeypatch.setattr(bootstrap, "_install_fingerprint", lambda: "new-dependency")
    with pytest.raises(SystemExit):
        bootstrap.ensure_venv("test")
    bootstrap.pip_status = 0
    bootstrap.ensure_venv("test")  # the failed install left no stamp saying it was done
    assert len(bootstrap.pip_runs) == 4


def test_the_tests_cache_bytecode_in_the_venv_never_beside_the_sources(bootstrap, monkeypatch):
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.delenv("PYTHONPYCACHEPREFIX", raising=False)
    env = bootstrap.test_environment()
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert Path(env["PYTHONPYCACHEPREFIX"]) == bootstrap.VENV / "pycache"
    monkeypatch.setenv("PYTHONPYCACHEPREFIX", "/elsewhere")  # a developer's own choice wins
    assert bootstrap.test_environment()["PYTHONPYCACHEPREFIX"] == "/elsewhere"
