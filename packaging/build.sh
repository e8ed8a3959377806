#!/usr/bin/env bash
# Build the desktop bundle that a site's IT department installs:
#   dist/ln-scheduler/            the application folder (run dist/ln-scheduler/ln-scheduler)
#   dist/ln-scheduler-<version>-linux-x86_64.tar.gz   that folder + the .desktop file + icons + install.sh
# Usage: packaging/build.sh [PYTHON]   (default: python3; needs Python 3.11+ and network access to PyPI)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${1:-python3}
BUILD=build/packaging
rm -rf "$BUILD/venv" dist/ln-scheduler
"$PYTHON" -m venv "$BUILD/venv"
"$BUILD/venv/bin/pip" install --quiet --upgrade pip
# The application exactly as pyproject pins it (PySide6 < 6.12), plus the freezer.
"$BUILD/venv/bin/pip" install --quiet . "pyinstaller>=6.10,<7"
"$BUILD/venv/bin/python" forms/build.py --check  # never ship a stale compiled form
"$BUILD/venv/bin/pyinstaller" --noconfirm --clean --distpath dist --workpath "$BUILD/work" packaging/ln_scheduler.spec
# Smoke test of the bundle (--version, plan --json, the window offscreen on a fresh database),
# each check with a time limit: see packaging/smoke_test.py.
"$PYTHON" packaging/smoke_test.py dist/ln-scheduler/ln-scheduler
version=$("$BUILD/venv/bin/python" -c "import ln_scheduler; print(ln_scheduler.__version__)")
stage="$BUILD/ln-scheduler-$version"
rm -rf "$stage" && mkdir -p "$stage"
cp -r dist/ln-scheduler "$stage/app"
cp packaging/ln-scheduler.desktop packaging/install.sh "$stage/"
cp -r src/ln_scheduler/resources/icons "$stage/icons"
tar -C "$BUILD" -czf "dist/ln-scheduler-$version-linux-$(uname -m).tar.gz" "ln-scheduler-$version"
echo "built dist/ln-scheduler/ and dist/ln-scheduler-$version-linux-$(uname -m).tar.gz"
