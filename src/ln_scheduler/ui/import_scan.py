"""Spare the modules that cannot use Qt PySide6's source scan at import (start-up time).

Once PySide6 is imported, it wraps ``__import__`` for its opt-in ``from __feature__ import
snake_case`` syntax, and after every import it asks whether the new module uses PySide6 by reading
the module's whole source (``inspect.getsource``, once per module). The database opens after the
first paint, so SQLAlchemy, Alembic and the services (~360 modules) are all read that way, in the
worker whose end fills the worklist: 540 ms of CPU to import the services here, 680 ms with the
scan. This application uses no ``__feature__`` (a module answered "does not use PySide6" is one
its features leave alone, which is every module when none is used), so for the packages listed
the answer is given without reading the file.

A PySide6 without these internals (a later version) is left as it is: only time is at stake.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

#: Top-level packages that never import Qt; ``ln_scheduler`` counts except its ``ui`` package.
NOT_QT = frozenset({"sqlalchemy", "alembic", "mako", "greenlet", "typing_extensions", "psycopg", "psycopg_pool",
                    "platformdirs", "dateutil", "holidays", "babel", "pytz", "sqlite3", "json", "email",
                    "logging", "asyncio", "concurrent", "decimal", "uuid", "zoneinfo", "importlib_metadata"})


def uses_qt_possibly(name: str) -> bool:
    """False for a module that cannot use PySide6 (its source need not be read)."""
    top, _, rest = name.partition(".")
    if top == "ln_scheduler":
        return rest == "ui" or rest.startswith("ui.") or rest == ""
    return top not in NOT_QT


def skip_source_scan() -> bool:
    """Answer PySide6's per-import question without reading the source for the modules that
    cannot use it; True when installed (once), False when this PySide6 has no such scan."""
    feature = sys.modules.get("shibokensupport.feature")
    scan: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or scan is None:
        return False
    if getattr(scan, "spared_by_ln_scheduler", False):
        return True

    def scan_if_needed(module: ModuleType) -> bool:
        return uses_qt_possibly(getattr(module, "__name__", "")) and scan(module)

    scan_if_needed.spared_by_ln_scheduler = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = scan_if_needed  # type: ignore[attr-defined]  # private, not in the stub (checked above)
    return True
