#!/usr/bin/env python3
"""One command to install and start LN Visit Scheduler, or to install and run its tests.

    python3 bootstrap.py            # install into .venv and start the app (SQLite, nothing to configure)
    python3 bootstrap.py test       # install with test dependencies and run the everyday test suite
    python3 bootstrap.py test -- -k schedule   # extra arguments go to pytest
    python3 bootstrap.py test -- -m reliability   # the long reliability runs (CI runs them too)
    python3 bootstrap.py test -- -m 'postgres_twin and not reliability'   # the PostgreSQL twins (CI too)

Needs only Python 3.11+ with venv. On Debian/Ubuntu it installs the few system libraries the Qt
wheels need (as root, or through passwordless sudo); elsewhere it says what to install. The venv is
made from the distribution's /usr/bin/python3 when that is the same Python version as the one
running this script (its optimised build runs the app and the tests about a quarter faster than
pyenv's); ``LN_SCHEDULER_PYTHON=/path/to/python`` chooses another.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("LN_SCHEDULER_VENV", ROOT / ".venv"))

# Shared objects the PySide6 wheels load, and the Debian package that provides each.
QT_LIBS = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}
# Needed only for a real X11 window (not for the offscreen tests).
X11_LIBS = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}
# Programs the test suite uses to look at what users get: PDF fonts and renders, a calendar client,
# the menu entry checked as desktop environments read it.
TEST_PROGRAMS = {"pdffonts": "poppler-utils", "pdftoppm": "poppler-utils", "calcurse": "calcurse",
                 "desktop-file-validate": "desktop-file-utils"}
# Libraries the tests load: libical checks the .ics exports as Evolution and calendar servers do.
TEST_LIBS = {"libical.so.3": "libical3"}


def say(message: str) -> None:
    print(f"[bootstrap] {message}", flush=True)


def die(message: str) -> None:
    print(f"[bootstrap] ERROR: {message}", file=sys.stderr, flush=True)
    raise SystemExit(1)


def _have_library(name: str) -> bool:
    try:
        out = subprocess.run(["/sbin/ldconfig", "-p"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return True  # cannot tell (not Linux): let the Qt import speak for itself
    return name in out


def _apt_install(packages: list[str], why: str) -> None:
    if not packages:
        return
    listed = " ".join(sorted(set(packages)))
    if not shutil.which("apt-get"):
        die(f"{why} are missing: install the packages that provide them ({listed} on Debian/Ubuntu) and re-run")
    prefix: list[str] = []
    if os.geteuid() != 0:
        if shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
            prefix = ["sudo", "-n"]
        else:
            die(f"{why} are missing. Install them with:  sudo apt-get install {listed}  and re-run")
    say(f"installing {why}: {listed}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run([*prefix, "apt-get", "install", "-y", "-qq", *sorted(set(packages))], env=env,
                      stdout=subprocess.DEVNULL, check=False).returncode != 0:
        subprocess.run([*prefix, "apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL, check=False)
        if subprocess.run([*prefix, "apt-get", "install", "-y", "-qq", *sorted(set(packages))], env=env,
                          stdout=subprocess.DEVNULL, check=False).returncode != 0:
            die(f"could not install {listed}; install them by hand and re-run")


def ensure_system_packages(*, gui: bool, tests: bool) -> None:
    if not sys.platform.startswith("linux"):
        return
    libs = dict(QT_LIBS)
    if gui and os.environ.get("QT_QPA_PLATFORM", "") != "offscreen":
        libs.update(X11_LIBS)
    missing = [pkg for lib, pkg in libs.items() if not _have_library(lib)]
    _apt_install(missing, "system libraries for Qt")
    if tests:
        _apt_install([pkg for prog, pkg in TEST_PROGRAMS.items() if not shutil.which(prog)]
                     + [pkg for lib, pkg in TEST_LIBS.items() if not _have_library(lib)], "test tools")


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


# The distribution's own interpreter. Debian, Ubuntu and Fedora build CPython with profile-guided
# optimisation and link-time optimisation; pyenv and a plain source build do neither unless asked
# (``--enable-optimizations``). On this team's machines the same 3.11 runs the app's Python work
# about a quarter faster from /usr/bin (the one-thread benchmark 1.6-1.7 s against 2.1-2.6 s; the
# everyday suite 121 s against 162 s, same machine, same hour).
DISTRIBUTION_PYTHON = Path("/usr/bin/python3")


def _same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def this_interpreter() -> str:
    """The interpreter running this script; run from inside a venv, the one the venv was made from
    (a venv's python may be a copy, never the same file as its base)."""
    return getattr(sys, "_base_executable", None) or sys.executable


def preferred_python() -> str:
    """The interpreter the venv is made from: ``LN_SCHEDULER_PYTHON`` if set; else the
    distribution's interpreter when it is the same Python version as this one (3.11 from /usr/bin
    rather than pyenv's 3.11) and can make a venv; else this one. A different version is never
    swapped in: whoever runs bootstrap with Python 3.13 gets a 3.13 venv."""
    chosen = os.environ.get("LN_SCHEDULER_PYTHON")
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            die(f"LN_SCHEDULER_PYTHON={chosen} names no program found here (give its path, or a name on PATH)")
        return str(found)
    here = this_interpreter()
    if os.name == "nt" or not DISTRIBUTION_PYTHON.exists() or _same_file(DISTRIBUTION_PYTHON, here):
        return here
    wanted = f"{sys.version_info[0]}.{sys.version_info[1]}"
    probe = ("import sys, venv, ensurepip; "
             f"sys.exit(0 if '%d.%d' % sys.version_info[:2] == {wanted!r} else 1)")
    try:
        probed = subprocess.run([str(DISTRIBUTION_PYTHON), "-c", probe], capture_output=True, timeout=30)
        usable = probed.returncode == 0
    except (OSError, subprocess.SubprocessError):
        usable = False
    return str(DISTRIBUTION_PYTHON) if usable else here


def run_under_preferred_python(argv: list[str]) -> None:
    """Go on under :func:`preferred_python` if this is another interpreter (it replaces this
    process; a second hand-over is never made)."""
    if os.environ.get("LN_SCHEDULER_BOOTSTRAP_PYTHON"):
        return
    chosen = preferred_python()
    if _same_file(chosen, this_interpreter()):
        return
    env = {**os.environ, "LN_SCHEDULER_BOOTSTRAP_PYTHON": chosen}
    os.execve(chosen, [chosen, str(Path(__file__).resolve()), *argv], env)


def _venv_base_python() -> str | None:
    """The interpreter the venv was made from (``executable`` in its pyvenv.cfg), if it says."""
    try:
        lines = (VENV / "pyvenv.cfg").read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    for line in lines:
        key, _, value = line.partition("=")
        if key.strip() == "executable":
            return value.strip()
    return None


def _install_stamp() -> Path:
    return VENV / "ln-scheduler-installed.txt"


def _install_fingerprint() -> str:
    """What an install depends on: the project's metadata (dependencies, extras, entry points), the
    checkout it points to (an editable install) and the Python that runs it. The sources themselves
    do not count: an editable install reads them where they are."""
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes())
    digest.update(f"{ROOT}|{sys.version}".encode())
    return digest.hexdigest()


def _installed_extras() -> set[str] | None:
    """The extras the venv was last installed with for this fingerprint, else None (install)."""
    try:
        fingerprint, _, extras = _install_stamp().read_text(encoding="utf-8").strip().partition(" ")
    except OSError:
        return None
    return {e for e in extras.split(",") if e} if fingerprint == _install_fingerprint() else None


def ensure_venv(extras: str) -> Path:
    """The venv with ln-scheduler (and ``extras``) installed. pip runs only when something it would
    change changed (pyproject.toml, the checkout's place, Python, extras not installed yet): a pip
    run that finds everything in place still costs 5-10 s, a tenth of the everyday test run.
    ``LN_SCHEDULER_REINSTALL=1`` (or deleting ``.venv/ln-scheduler-installed.txt``) forces it."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script must speak on an old Python too
        die(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]})")
    py = venv_python()
    base, here = _venv_base_python(), this_interpreter()
    if py.exists() and base is not None and not _same_file(base, here):
        say(f"the virtual environment {VENV} was made with {base}; making it again with {here}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    elif not py.exists():
        say(f"creating virtual environment {VENV} with {here}")
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    wanted = {e for e in extras.split(",") if e}
    installed = _installed_extras()
    if installed is not None and wanted <= installed and not os.environ.get("LN_SCHEDULER_REINSTALL"):
        return py
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    say(f"installing ln-scheduler{'[' + extras + ']' if extras else ''} (first run downloads Qt: a few minutes)")
    cmd = [str(py), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target]
    if subprocess.run(cmd, check=False).returncode != 0:
        _install_stamp().unlink(missing_ok=True)
        die("pip could not install the application; see the messages above")
    keep = sorted(wanted | (installed or set()))
    _install_stamp().write_text(f"{_install_fingerprint()} {','.join(keep)}\n", encoding="utf-8")
    return py


def test_environment() -> dict[str, str]:
    """The environment of the test run: bytecode cached, in the venv (never beside the sources).
    With ``PYTHONDONTWRITEBYTECODE`` set (as on this team's machines), every xdist worker and every
    CLI process a test starts compiled the package and re-wrote every test module's assertions from
    source: ~4.5 s of CPU per worker at collection and ~0.08 s per CLI process."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("PYTHONPYCACHEPREFIX", str(VENV / "pycache"))
    return env


def compile_translations(py: Path) -> None:
    """Compile the window's translations (translations/*/*.ts -> .qm files the app loads at start):
    the .qm files are built, never committed, so a fresh checkout has none until this runs."""
    if subprocess.run([str(py), str(ROOT / "translations" / "build.py"), "--compile"], check=False,
                      stdout=subprocess.DEVNULL).returncode != 0:
        die("could not compile the translations (translations/build.py --compile); see the messages above")


# The everyday suite: on every core and one more worker (pytest-xdist; one file per worker at a
# time, so a module's shared site is built once): the tests wait on PostgreSQL, the processes they
# start and the disk about a tenth of the time, which a third worker fills on two cores (3 min 26 s
# -> 3 min 3 s here). Without the full-size reliability runs (marker ``reliability``) and without
# the PostgreSQL runs of the tests that run on SQLite too (marker ``postgres_twin``,
# tests/support/engine_twins.py: close to half the time, for what changes only with SQL, the store
# or a migration); CI runs both sets as well (.ci/run). The tests that exist only for PostgreSQL
# stay. Arguments after ``--`` come later and win: ``-m reliability``, ``-m ""`` (all), ``-n 0``.
WORKERS = str((os.cpu_count() or 1) + 1)
PYTEST_EVERYDAY = ["-n", WORKERS, "--dist", "loadfile", "-m", "not reliability and not postgres_twin"]


def main(argv: list[str]) -> int:
    run_under_preferred_python(argv)
    mode = argv[0] if argv and not argv[0].startswith("-") else "run"
    rest = argv[1:] if argv and not argv[0].startswith("-") else argv
    if rest[:1] == ["--"]:
        rest = rest[1:]
    if mode == "run":
        ensure_system_packages(gui=True, tests=False)
        py = ensure_venv("")
        compile_translations(py)
        return subprocess.call([str(py), "-m", "ln_scheduler.cli", *rest])
    if mode == "test":
        ensure_system_packages(gui=False, tests=True)
        py = ensure_venv("test")
        compile_translations(py)
        os.chdir(ROOT)
        return subprocess.call([str(py), "-m", "pytest", *PYTEST_EVERYDAY, *rest], env=test_environment())
    die(f"unknown mode '{mode}': use 'run' (default) or 'test'")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
