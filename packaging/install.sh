#!/usr/bin/env bash
# Install an unpacked LN Visit Scheduler bundle for the current user (or system-wide with --system):
# the application folder, the `ln-scheduler` command, the menu entry and the icons.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [[ ${1:-} == --system ]]; then
  prefix=/opt/ln-scheduler bin=/usr/local/bin share=/usr/local/share
else
  prefix="$HOME/.local/lib/ln-scheduler" bin="$HOME/.local/bin" share="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
mkdir -p "$prefix" "$bin" "$share/applications"
rm -rf "$prefix/app" && cp -r "$here/app" "$prefix/app"
ln -sf "$prefix/app/ln-scheduler" "$bin/ln-scheduler"
for size in 16 32 48 64 128 256; do
  dir="$share/icons/hicolor/${size}x${size}/apps"
  mkdir -p "$dir" && cp "$here/icons/ln-scheduler-$size.png" "$dir/ln-scheduler.png"
done
mkdir -p "$share/icons/hicolor/scalable/apps" && cp "$here/icons/ln-scheduler.svg" "$share/icons/hicolor/scalable/apps/"
sed "s|^Exec=.*|Exec=$bin/ln-scheduler|; s|^TryExec=.*|TryExec=$bin/ln-scheduler|" \
  "$here/ln-scheduler.desktop" > "$share/applications/ln-scheduler.desktop"
command -v update-desktop-database >/dev/null && update-desktop-database "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q "$share/icons/hicolor" 2>/dev/null || true
echo "installed: run 'ln-scheduler' or find 'LN Visit Scheduler' in the applications menu"
