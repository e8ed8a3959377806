# Build the Windows bundle: dist\ln-scheduler\ with "LN Visit Scheduler.exe" (the window, no
# console) and ln-scheduler.exe (the command line), then smoke-test it.
# Usage (PowerShell, Python 3.11 x64 from python.org on PATH as `py -3.11`):
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$build = "build\packaging"
if (Test-Path "$build\venv") { Remove-Item -Recurse -Force "$build\venv" }
if (Test-Path "dist\ln-scheduler") { Remove-Item -Recurse -Force "dist\ln-scheduler" }
py -3.11 -m venv "$build\venv"
& "$build\venv\Scripts\python.exe" -m pip install --quiet --upgrade pip
# The window's translations, compiled before the package is installed so the bundle carries the .qm
# files (see packaging/build.sh): PySide6 first (lupdate, lrelease), then check and compile.
$pyside = & "$build\venv\Scripts\python.exe" -c "import tomllib; print(next(d for d in tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'] if d.startswith('PySide6')))"
& "$build\venv\Scripts\python.exe" -m pip install --quiet --constraint packaging\constraints.txt $pyside
if ($LASTEXITCODE) { throw "pip install PySide6 failed" }
& "$build\venv\Scripts\python.exe" translations\build.py --check
if ($LASTEXITCODE) { throw "the translations are stale or unfinished" }
& "$build\venv\Scripts\python.exe" translations\build.py --compile
if ($LASTEXITCODE) { throw "the translations did not compile" }
& "$build\venv\Scripts\python.exe" -m pip install --quiet --constraint packaging\constraints.txt . "pyinstaller>=6.10,<7"
if ($LASTEXITCODE) { throw "pip install failed" }
& "$build\venv\Scripts\python.exe" forms\build.py --check
& "$build\venv\Scripts\pyinstaller.exe" --noconfirm --clean --distpath dist --workpath "$build\work" packaging\ln_scheduler.spec
if ($LASTEXITCODE) { throw "pyinstaller failed" }
py -3.11 packaging\smoke_test.py dist\ln-scheduler\ln-scheduler.exe
if ($LASTEXITCODE) { throw "smoke test failed" }
Write-Output "built dist\ln-scheduler\ (install with packaging\windows\install.ps1)"
