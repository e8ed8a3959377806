"""Where the application keeps its settings, data and databases, for the desktop application.

The GUI reaches the store only through services (the layers contract): these are the store's
answers, named once here, so ``ui/`` has no path of its own into ``store/``."""

from __future__ import annotations

from ..store.location import DatabaseChoice, config_dir, data_dir, default_sqlite_path, settings_path
from ..store.location import choose_database as configured_database

__all__ = ["DatabaseChoice", "config_dir", "configured_database", "data_dir", "default_sqlite_path",
           "settings_path"]
