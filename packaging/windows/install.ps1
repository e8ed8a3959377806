# Install a built Windows bundle for the current user: copy dist\ln-scheduler\ to
# %LOCALAPPDATA%\Programs\LN Visit Scheduler and add a Start-menu entry "LN Visit Scheduler"
# (the windowed executable, with the application icon). Run from the folder that holds
# ln-scheduler\ (the bundle) or from the repository after a build.
#   powershell -ExecutionPolicy Bypass -File install.ps1 [-Source dist\ln-scheduler]
param([string]$Source = "dist\ln-scheduler")
$ErrorActionPreference = "Stop"
$name = "LN Visit Scheduler"
$target = Join-Path $env:LOCALAPPDATA "Programs\$name"
if (Test-Path $target) { Remove-Item -Recurse -Force $target }
Copy-Item -Recurse $Source $target
$menu = Join-Path ([Environment]::GetFolderPath("Programs")) "$name.lnk"
$shell = New-Object -ComObject WScript.Shell
$link = $shell.CreateShortcut($menu)
$link.TargetPath = Join-Path $target "$name.exe"
$link.WorkingDirectory = $target
$link.IconLocation = (Join-Path $target "$name.exe") + ",0"
$link.Description = "Visit calendars, worklists and worksheets for study NCT06377228"
$link.Save()
Write-Output "installed in $target; Start menu: $name. Command line: $target\ln-scheduler.exe"
