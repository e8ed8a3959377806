"""In-app preview of a worksheet or schedule (QtPdf), with Print, Save as PDF and the paper size.

The dialog shows bytes it is given; changing the paper asks its owner to rebuild the PDF
(``page_size_changed``), which happens off the UI thread."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QDialog, QWidget

from ..forms.ui_pdf_preview_dialog import Ui_PdfPreviewDialog
from ..translate_noop import QT_TRANSLATE_NOOP
from .base import fit_to_screen

PAGE_SIZE_CHOICES = (("letter", QT_TRANSLATE_NOOP("PdfPreviewDialog", "Letter")), ("a4", "A4"))
#: The zoom choices, shown translated (the first two are matched by this English text, never the shown one).
ZOOM_CHOICES = ((QT_TRANSLATE_NOOP("PdfPreviewDialog", "Fit width"), None),
                (QT_TRANSLATE_NOOP("PdfPreviewDialog", "Whole page"), None),
                ("100 %", 1.0), ("150 %", 1.5), ("200 %", 2.0))


class PdfPreviewDialog(QDialog):
    print_requested = Signal()
    save_requested = Signal()
    page_size_changed = Signal(str)

    def __init__(self, title: str, page_size: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PdfPreviewDialog()
        self.ui.setupUi(self)
        fit_to_screen(self)
        self.setWindowTitle(self.tr("Preview — {title}").format(title=title))
        self.ui.title_label.setText(f"<b>{title}</b>")
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.pdf: bytes = b""
        view: QPdfView = self.ui.pdf_view
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        for key, text in PAGE_SIZE_CHOICES:
            self.ui.page_size_combo.addItem(self.tr(text), key)
        self.ui.page_size_combo.setCurrentIndex(max(0, [k for k, _ in PAGE_SIZE_CHOICES].index(page_size)
                                                    if page_size in dict(PAGE_SIZE_CHOICES) else 0))
        for text, _factor in ZOOM_CHOICES:
            self.ui.zoom_combo.addItem(self.tr(text))
        self.ui.zoom_combo.currentIndexChanged.connect(self._zoom)
        self.ui.page_size_combo.currentIndexChanged.connect(
            lambda _i: self.page_size_changed.emit(self.page_size))
        self.ui.print_button.clicked.connect(self.print_requested)
        self.ui.save_button.clicked.connect(self.save_requested)
        self.ui.button_box.rejected.connect(self.reject)
        self._zoom(0)

    @property
    def page_size(self) -> str:
        return str(self.ui.page_size_combo.currentData())

    def set_pdf(self, data: bytes) -> None:
        """Show ``data`` (replacing what was shown), on the same page."""
        self.pdf = data
        old = self._buffer
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        self._buffer = buffer
        if old is not None:
            old.close()
            old.deleteLater()
        pages = self.document.pageCount()
        self.ui.status_label.setText(self.tr("1 page") if pages == 1 else self.tr("%n pages", "", pages))

    def set_busy(self, text: str) -> None:
        self.ui.status_label.setText(text)

    def _zoom(self, index: int) -> None:
        view: QPdfView = self.ui.pdf_view
        label, factor = ZOOM_CHOICES[index]
        if label == "Fit width":
            view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif label == "Whole page":
            view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            view.setZoomMode(QPdfView.ZoomMode.Custom)
            view.setZoomFactor(factor or 1.0)
