"""A small on-disk cache of US federal holidays per year.

The ``holidays`` package imports every country's rules (about 0.14 s), which would more than double
the start-up of a command such as ``ln-scheduler plan``. Holidays of a year never change for a
given version of the package, so the computed dates are kept in the user cache directory, keyed by
the installed package's location and modification time, and recomputed when the package changes.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from datetime import date
from importlib.util import find_spec
from pathlib import Path

from .domain.site_calendar import us_federal_holidays

CACHE_NAME = "us-holidays.json"


def _package_key() -> str:
    spec = find_spec("holidays")
    origin = spec.origin if spec and spec.origin else ""
    try:
        stamp = os.stat(Path(origin).parent / "version.py").st_mtime_ns if origin else 0
    except OSError:
        stamp = 0
    return f"{origin}:{stamp}"


def _cache_dir() -> Path:
    override = os.environ.get("LN_SCHEDULER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ln-scheduler", appauthor=False))


class HolidayCache:
    """A holiday source for :func:`ln_scheduler.domain.site_calendar.use_holiday_source`."""

    def __init__(self, directory: Path | None = None):
        self.path = (directory or _cache_dir()) / CACHE_NAME
        self._key = _package_key()
        self._years: dict[str, list[list[str]]] = self._read()

    def _read(self) -> dict[str, list[list[str]]]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(raw, dict) or raw.get("key") != self._key or not isinstance(raw.get("years"), dict):
            return {}
        years: dict[str, list[list[str]]] = raw["years"]  # JSON: checked a dict above, its items by _dates
        return years

    def _write(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".holidays-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"key": self._key, "years": self._years}, f)
            os.replace(tmp, self.path)
        except OSError:
            pass  # a read-only home directory only costs speed, never correctness

    def __call__(self, year: int) -> Mapping[date, str]:
        entry = self._years.get(str(year))
        if entry is None:
            computed = us_federal_holidays(year)
            entry = [[d.isoformat(), name] for d, name in sorted(computed.items())]
            self._years[str(year)] = entry
            self._write()
        return {date.fromisoformat(d): name for d, name in entry}


def install_holiday_cache() -> None:
    """Put the on-disk cache in front of the holidays package for this process."""
    from .domain.site_calendar import use_holiday_source

    use_holiday_source(HolidayCache())
