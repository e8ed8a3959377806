#!/usr/bin/env bash
# Build the desktop bundle that a site's IT department installs:
#   dist/ln-scheduler/            the application folder (run dist/ln-scheduler/ln-scheduler)
#   dist/ln-scheduler-<version>-linux-x86_64.tar.gz   that folder + the .desktop file + icons + install.sh
# Usage: packaging/build.sh [--lock] [PYTHON]   (default: python3; needs Python 3.11+ and access to PyPI)
#   The versions installed are exactly those of packaging/constraints.txt (a reproducible bundle).
#   --lock: install the newest versions pyproject.toml allows instead, build and smoke-test with
#           them, then rewrite packaging/constraints.txt from that environment (commit it after the
#           test suite passed on those versions).
# Takes ~9 minutes on a busy 2-core machine (README, "Building the bundle").
set -euo pipefail
cd "$(dirname "$0")/.."
LOCK=0
if [[ ${1:-} == --lock ]]; then LOCK=1; shift; fi
PYTHON=${1:-python3}
BUILD=build/packaging
CONSTRAINTS=packaging/constraints.txt
rm -rf "$BUILD/venv" dist/ln-scheduler
"$PYTHON" -m venv "$BUILD/venv"
"$BUILD/venv/bin/pip" install --quiet --upgrade pip
if [[ $LOCK == 1 ]]; then pinned=(); else pinned=(--constraint "$CONSTRAINTS"); fi
# The window's translations, compiled before the package is installed so that the wheel (and
# so the bundle) carries src/ln_scheduler/resources/translations/*.qm; never ship a stale or
# unfinished .ts either. The build venv's PySide6 (pinned) provides lupdate and lrelease.
pyside=$("$BUILD/venv/bin/python" -c "import tomllib; print(next(d for d in tomllib.load(open('pyproject.toml', 'rb'))
    ['project']['dependencies'] if d.startswith('PySide6')))")
"$BUILD/venv/bin/pip" install --quiet "${pinned[@]}" "$pyside"
"$BUILD/venv/bin/python" translations/build.py --check
"$BUILD/venv/bin/python" translations/build.py --compile
# The application with the locked versions of everything it needs, plus the freezer.
"$BUILD/venv/bin/pip" install --quiet "${pinned[@]}" . "pyinstaller>=6.10,<7"
"$BUILD/venv/bin/python" forms/build.py --check  # never ship a stale compiled form
"$BUILD/venv/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath "$BUILD/work" packaging/ln_scheduler.spec
# Smoke test of the bundle (--version, plan --json, the window offscreen on a fresh database),
# each check with a time limit: see packaging/smoke_test.py.
"$PYTHON" packaging/smoke_test.py dist/ln-scheduler/ln-scheduler
if [[ $LOCK == 1 ]]; then
  { sed -n '/^#/p' "$CONSTRAINTS"
    "$BUILD/venv/bin/pip" freeze --exclude ln-scheduler --exclude pip --exclude setuptools; } > "$CONSTRAINTS.new"
  mv "$CONSTRAINTS.new" "$CONSTRAINTS"
  echo "rewrote $CONSTRAINTS from the build environment: run the test suite on it, then commit it"
fi
version=$("$BUILD/venv/bin/python" -c "import ln_scheduler; print(ln_scheduler.__version__)")
stage="$BUILD/ln-scheduler-$version"
rm -rf "$stage" && mkdir -p "$stage"
cp -r dist/ln-scheduler "$stage/app"
cp packaging/ln-scheduler.desktop packaging/install.sh "$stage/"
cp -r src/ln_scheduler/resources/icons "$stage/icons"
tar -C "$BUILD" -czf "dist/ln-scheduler-$version-linux-$(uname -m).tar.gz" "ln-scheduler-$version"
echo "built dist/ln-scheduler/ and dist/ln-scheduler-$version-linux-$(uname -m).tar.gz"
