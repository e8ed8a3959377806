"""``ln-scheduler`` with no command, as a coordinator starts it: the window is painted, the
database opens behind it, the worklist fills, and the garbage collector (paused while start-up
loads Qt, SQLAlchemy and the services) is on again afterwards."""

from __future__ import annotations

from pathlib import Path

from ln_scheduler.services.app import open_services
from ln_scheduler.services.demo import fill_demo_site

from .cli_runner import run_cli


def test_the_app_starts_on_the_demo_site_and_fills_the_worklist(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    services = open_services(url)
    fill_demo_site(services)
    services.close()

    result = run_cli("--db", url, env={"LN_SCHEDULER_TRACE_STARTUP": "exit", "QT_QPA_PLATFORM": "offscreen"})

    assert result.status == 0, result.err
    marks = dict(line.split(" ", 1) for line in result.out.splitlines())
    assert float(marks["painted"]) <= float(marks["worklist"])
    assert marks["collector"] == "on"
    assert "Traceback" not in result.err
