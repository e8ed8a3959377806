"""Test-wide configuration: headless Qt and isolated user settings, set before anything imports Qt."""

from __future__ import annotations

import os

# Qt runs headless in every test; set here (not by hand) so `pytest` alone is enough.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QT_QUICK_BACKEND", "software")
