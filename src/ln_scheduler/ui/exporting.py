"""Export .ics and .csv from the participant view and the worklist, through the exports package,
off the UI thread (1,000 participants' visits take a few seconds)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from ..services.records import ParticipantRecord, VisitRecord, WorklistItem
from .errors import describe
from .prompter import Prompter
from .settings import AppSettings, Options
from .status_message import show_fitted
from .tasks import Progress, TaskRunner
from .translate_noop import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from ..services.app import Services

FILTERS = {"ics": QT_TRANSLATE_NOOP("ExportController", "Calendar files (*.ics)"),
           "csv": QT_TRANSLATE_NOOP("ExportController", "CSV files (*.csv)")}

Gather = Callable[[Progress], list[VisitRecord]]


def ask_file_to_write(prompter: Prompter, settings: AppSettings, title: str, name: str, file_filter: str,
                      suffix: str) -> Path | None:
    """Ask where to write a new file (exports, backups): the chooser opens in the folder last used
    and suggests ``name``; the answer gets ``suffix`` when the user typed another (a calendar
    client, or File › Open database, goes by it). None when cancelled."""
    folder = Path(settings.get(Options.LAST_DIRECTORY) or Path.home())
    path = prompter.save_file(title, folder / name, file_filter)
    if path is None:
        return None
    if path.suffix.lower() != suffix:
        path = path.with_suffix(suffix)
    settings.set(Options.LAST_DIRECTORY, str(path.parent))
    return path


class ExportController(QObject):
    def __init__(self, window: QMainWindow, prompter: Prompter, settings: AppSettings, runner: TaskRunner) -> None:
        super().__init__(window)
        self._window = window
        self._prompter = prompter
        self._settings = settings
        self._runner = runner
        self.last_export: tuple[Path, int] | None = None

    def export_participant(self, services: Services, participant: ParticipantRecord, kind: str) -> None:
        def gather(_progress: Progress) -> list[VisitRecord]:
            from ..exports import visits_of

            return visits_of([participant])

        self._export(services, kind, f"{participant.id} visits",  # notr: the calendar's name in the file
                     self.tr("{participant} visits").format(participant=participant.id), f"{participant.id}-visits",
                     gather)

    def export_worklist(self, services: Services, items: Sequence[WorklistItem], start: date, end: date,
                        kind: str) -> None:
        rows = list(items)

        def gather(_progress: Progress) -> list[VisitRecord]:
            from ..exports import visits_on_worklist

            return visits_on_worklist(rows)

        span = start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"  # notr: data
        site = services.site()
        name = f"{site.name} clinic {span}"  # notr: the calendar's name in the file, as the CLI writes it
        shown_span = (start.isoformat() if start == end else
                      self.tr("{first} to {last}").format(first=start.isoformat(), last=end.isoformat()))
        shown = self.tr("{site} clinic {span}").format(site=site.name, span=shown_span)
        self._export(services, kind, name, shown, f"clinic-{span.replace(' ', '-')}", gather)

    def _export(self, services: Services, kind: str, name: str, shown: str, stem: str, gather: Gather) -> None:
        """``name``: the calendar's name inside the file (data, as the CLI writes it); ``shown``:
        the same in the window's language, for the dialogs and messages."""
        path = ask_file_to_write(self._prompter, self._settings, self.tr("Export {name}").format(name=shown),
                                 f"{stem}.{kind}", self.tr(FILTERS[kind]), f".{kind}")
        if path is None:
            return
        reminder = self._settings.get(Options.REMINDER_DAYS)

        def work(progress: Progress) -> int:
            from ..exports import write_csv, write_ics

            progress(0, 0, self.tr("Exporting {name}…").format(name=shown))
            visits = gather(progress)
            if kind == "csv":
                return write_csv(path, visits)
            return write_ics(path, visits, services.site(), now=services.now(), name=name,
                             protocol=services.default_protocol, reminder_days=reminder)

        def done(count: int) -> None:
            self.last_export = (path, count)
            show_fitted(self._window.statusBar(),
                        (self.tr("Exported {count} events to {path}") if kind == "ics" else
                         self.tr("Exported {count} rows to {path}")).format(count=count, path=path), 8000)

        def failed(exc: BaseException, trace: str) -> None:
            if trace:
                import logging

                logging.getLogger("ln_scheduler.ui").error("export failed\n%s", trace)
            text = describe(exc)
            self._prompter.error(text.title, text.message, text.advice or None)

        self._runner.run(work, on_done=done, on_error=failed, title=self.tr("Exporting {name}").format(name=shown))
