"""Preview, Print and Save as PDF for any :class:`~ln_scheduler.ui.documents.Document`: the PDF
is built off the UI thread, previewed with QtPdf, printed through the system print dialog at a
capped resolution, Letter by default (A4 from the preview or the settings)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget

from ..private_files import write_private
from .dialogs.pdf_preview_dialog import PdfPreviewDialog
from .documents import Document
from .errors import describe
from .prompter import Prompter
from .settings import AppSettings, Options
from .status_message import show_fitted
from .tasks import Progress, TaskRunner


class PrintController(QObject):
    def __init__(self, window: QWidget, prompter: Prompter, settings: AppSettings, runner: TaskRunner) -> None:
        super().__init__(window)
        self._window = window
        self._prompter = prompter
        self._settings = settings
        self._runner = runner
        self.preview_dialog: PdfPreviewDialog | None = None
        self.last_saved: Path | None = None
        self.last_printed_pages = 0

    @property
    def page_size(self) -> str:
        return self._settings.get(Options.PAGE_SIZE)

    # --- entry points ---------------------------------------------------------------------
    def preview(self, doc: Document) -> None:
        # Parented to an open modal dialog (the visit dialog) if there is one, else a window-modal
        # dialog would block the preview.
        parent = QApplication.activeModalWidget() or self._window
        dialog = PdfPreviewDialog(doc.title, self.page_size, parent)
        dialog.set_busy(self.tr("Preparing…"))
        dialog.print_requested.connect(lambda: self.print_document(doc, dialog.pdf, dialog.page_size))
        dialog.save_requested.connect(lambda: self.save_pdf(doc, dialog.pdf, dialog.page_size))
        dialog.page_size_changed.connect(lambda size: self._rebuild_preview(doc, dialog, size))
        dialog.finished.connect(dialog.deleteLater)
        self.preview_dialog = dialog
        dialog.show()
        self._rebuild_preview(doc, dialog, self.page_size)

    def print_document(self, doc: Document, pdf: bytes | None = None, page_size: str | None = None) -> None:
        size = page_size or self.page_size
        if pdf:
            self._print(doc, pdf, size)
        else:
            self._build(doc, size, lambda data: self._print(doc, data, size))

    def save_pdf(self, doc: Document, pdf: bytes | None = None, page_size: str | None = None) -> None:
        folder = Path(self._settings.get(Options.LAST_DIRECTORY) or Path.home())
        path = self._prompter.save_file(self.tr("Save {title} as PDF").format(title=doc.title),
                                        folder / f"{doc.file_stem}.pdf",  # notr: a file name
                                        self.tr("PDF files (*.pdf)"))
        if path is None:
            return
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        self._settings.set(Options.LAST_DIRECTORY, str(path.parent))
        if pdf:
            self._write(path, pdf)
        else:
            self._build(doc, page_size or self.page_size, lambda data: self._write(path, data))

    # --- steps ----------------------------------------------------------------------------
    def _build(self, doc: Document, page_size: str, then: Callable[[bytes], None]) -> None:
        def work(progress: Progress) -> bytes:
            return doc.build(page_size, progress)

        self._runner.run(work, on_done=then, on_error=self._failed,
                         title=self.tr("Preparing {title}").format(title=doc.title))

    def _rebuild_preview(self, doc: Document, dialog: PdfPreviewDialog, page_size: str) -> None:
        self._settings.set(Options.PAGE_SIZE, page_size)  # the paper chosen last is the default
        dialog.set_busy(self.tr("Preparing…"))

        def show(data: bytes) -> None:
            if shiboken6.isValid(dialog):  # closed while the PDF was being built: nothing to show
                dialog.set_pdf(data)

        self._build(doc, page_size, show)

    def _print(self, doc: Document, pdf: bytes, page_size: str) -> None:
        from .pdf_rendering import cap_resolution, configure_printer, print_pdf

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        configure_printer(printer, page_size)
        printer.setDocName(doc.title)
        if not self._prompter.choose_printer(printer):
            return
        cap_resolution(printer)  # the dialog may have picked the printer's 1,200 dpi

        def work(progress: Progress) -> int:
            return print_pdf(pdf, printer, progress)

        to_file = printer.outputFileName()  # the print dialog's "Print to File"

        def done(pages: int) -> None:
            self.last_printed_pages = pages
            if to_file:  # (English has no catalogue to choose a plural form: one message each)
                text = (self.tr("Printed 1 page of {title} to the file {path}") if pages == 1
                        else self.tr("Printed %n pages of {title} to the file {path}", "", pages))
            else:
                text = (self.tr("Sent 1 page of {title} to the printer") if pages == 1
                        else self.tr("Sent %n pages of {title} to the printer", "", pages))
            self._status(text.format(title=doc.title, path=to_file))

        self._runner.run(work, on_done=done, on_error=self._failed,
                         title=self.tr("Printing {title}").format(title=doc.title))

    def _write(self, path: Path, pdf: bytes) -> None:
        try:
            write_private(path, pdf)
        except OSError as exc:
            self._failed(exc, "")
            return
        self.last_saved = path
        self._status(self.tr("Saved {path}").format(path=path))

    def _status(self, text: str) -> None:
        status_bar = getattr(self._window, "statusBar", None)
        if callable(status_bar):
            show_fitted(status_bar(), text, 8000)

    def _failed(self, exc: BaseException, trace: str) -> None:
        if trace:
            import logging

            logging.getLogger("ln_scheduler.ui").error("printing failed\n%s", trace)
        text = describe(exc)
        self._prompter.error(text.title, text.message, text.advice or None)
