"""PDF pages onto a printer, at a resolution a printer needs and no more.

Worksheets are vector PDFs; the print path rasterises each page with QtPdf at no more than
300 dpi (a 1,200 dpi page bitmap is ~140 MB and takes seconds per page for no visible gain) and
draws it to fill the printer's page, keeping its proportions. Runs in a worker thread: QPainter
on a QPrinter and QPdfDocument rendering are both allowed off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QSize
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

MAX_PRINT_DPI = 300
PAGE_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}


class PdfError(RuntimeError):
    """The PDF could not be read back (should not happen with our own reports)."""


def open_pdf(data: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over ``data``; keep the returned buffer alive as long as the document."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise PdfError(QCoreApplication.translate("PdfRendering", "the PDF could not be opened ({error})").format(
            error=document.error().name))
    return document, buffer


def configure_printer(printer: QPrinter, page_size: str) -> None:
    """Paper (Letter by default, A4 on request), portrait, whole page (the PDF has its margins),
    and a resolution capped at MAX_PRINT_DPI."""
    printer.setPageSize(QPageSize(PAGE_SIZES.get(page_size, QPageSize.PageSizeId.Letter)))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    cap_resolution(printer)


def cap_resolution(printer: QPrinter) -> None:
    printer.setResolution(min(printer.resolution(), MAX_PRINT_DPI) or MAX_PRINT_DPI)


def print_pdf(data: bytes, printer: QPrinter,
              progress: Callable[[int, int, str], None] | None = None) -> int:
    """Print every page of ``data``; returns the number of pages printed."""
    document, _buffer = open_pdf(data)
    count = document.pageCount()
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PdfError(QCoreApplication.translate(
            "PdfRendering", "the printer could not be started (is it connected and switched on?)"))
    try:
        for page in range(count):
            if progress:
                progress(page, count, QCoreApplication.translate("PdfRendering", "Printing page {number} of {count}…")
                         .format(number=page + 1, count=count))
            if page:
                printer.newPage()
            image = render_page(document, page, dpi)
            target = printer.pageLayout().fullRectPixels(printer.resolution())
            _draw_fitted(painter, image, QRectF(target))
    finally:
        painter.end()
        document.close()
    return count


def render_page(document: QPdfDocument, page: int, dpi: int) -> QImage:
    points = document.pagePointSize(page)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    return document.render(page, size)


def _draw_fitted(painter: QPainter, image: QImage, target: QRectF) -> None:
    scale = min(target.width() / image.width(), target.height() / image.height())
    w, h = image.width() * scale, image.height() * scale
    x = target.x() + (target.width() - w) / 2
    y = target.y() + (target.height() - h) / 2
    painter.drawImage(QRectF(x, y, w, h), image)
