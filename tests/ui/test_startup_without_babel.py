"""An English start never loads Babel (issue 16): its locale data cost 0.1-0.3 s before the
first paint, for names and dates an English window writes without it. Spanish still uses it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from babel.dates import format_date, format_skeleton

from ln_scheduler.ui.views import interface_dates

PROBE = """
import sys
from ln_scheduler.cli import main
sys.argv = ["ln-scheduler", "--db", sys.argv[1]]
try:
    main()
except SystemExit:
    pass
print("BABEL", sorted(m for m in sys.modules if m.split(".")[0] == "babel"), flush=True)
"""


def test_an_english_start_to_the_filled_worklist_never_imports_babel(tmp_path: Path) -> None:
    """To the end of start-up: the worklist shown, then the other views built and the first
    participant shown beside the list, with the language their take-home texts are in."""
    from ln_scheduler.services.app import open_services

    site = open_services(f"sqlite:///{tmp_path / 'site.sqlite3'}")
    site.enrol("104-001", "JQD", language="es")
    site.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LN_SCHEDULER_LANGUAGE="en",
               LN_SCHEDULER_TRACE_STARTUP="exit", XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    env.pop("LN_SCHEDULER_DB", None)
    result = subprocess.run([sys.executable, "-c", PROBE, f"sqlite:///{tmp_path / 'site.sqlite3'}"],
                            env=env, capture_output=True, text=True, timeout=180)
    assert "language en" in result.stdout, result.stderr
    assert "collector on" in result.stdout  # start-up ran to its end (worklist shown, views built)
    assert "views" in result.stdout  # the participant list and the participant shown beside it
    assert "BABEL []" in result.stdout, result.stdout


def test_an_english_window_names_each_language_as_babel_does() -> None:
    from ln_scheduler.i18n import available_languages
    from ln_scheduler.services.participant_language import language_name
    from ln_scheduler.ui.formatting import interface_language_name

    for lang in available_languages():
        assert interface_language_name(lang.code) == language_name(lang.code)


def test_english_headings_are_the_words_babel_writes_for_en_us() -> None:
    """Every day of a leap year and its neighbours: weekday, short month, month title."""
    day = date(2027, 12, 25)
    while day < date(2029, 1, 5):
        assert interface_dates.weekday_name(day) == format_date(day, "EEEE", locale="en_US")
        assert interface_dates.short_month(day) == format_date(day, "MMM", locale="en_US")
        assert interface_dates.month_title(day) == format_skeleton("yMMMM", day, locale="en_US")
        day += timedelta(days=1)
