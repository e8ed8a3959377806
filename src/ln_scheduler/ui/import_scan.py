"""Spare the application's imports PySide6's ``__feature__`` machinery (start-up time).

Once PySide6 is imported, it wraps ``__import__`` for its opt-in ``from __feature__ import
snake_case`` syntax: every import statement executed from then on calls into Python before the
import (which module asks, does it ask for a feature?) and after it (does the new module use
PySide6? answered by reading the module's whole source, ``inspect.getsource``, once per module).
The database opens after the first paint, so SQLAlchemy, Alembic and the services (~360 modules,
thousands of import statements) went through both, in the worker whose end fills the worklist:
540 ms of CPU to import the services here, 680 ms with the scan; ~20 ms of wrapper calls remained
once the scan was spared. This application uses no ``__feature__`` (PySide6 installs no such
wrapper on PyPy at all), so :func:`skip_feature_import` puts the interpreter's own ``__import__``
back; where that cannot be done, :func:`skip_source_scan` at least answers "does not use PySide6"
for the packages listed without reading their files (a module so answered is one features leave
alone, which is every module when none is used).

A PySide6 without these internals (a later version) is left as it is: only time is at stake.
"""

from __future__ import annotations

import builtins
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


def skip_feature_import() -> bool:
    """Give ``__import__`` back to the interpreter: PySide6's wrapper (``__feature_import__``)
    serves only ``from __feature__ import ...``, which this application never writes. True when
    the interpreter's own is in place (now or already), False when this PySide6 has no such
    wrapper or someone else wrapped it since (left alone: :func:`skip_source_scan` then helps)."""
    plain = getattr(builtins, "__orig_import__", None)
    wrapper = getattr(builtins, "__feature_import__", None)
    if plain is None or wrapper is None:
        return False
    if builtins.__import__ is wrapper:
        builtins.__import__ = plain
    return builtins.__import__ is plain
