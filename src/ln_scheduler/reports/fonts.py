"""The fonts every report uses: DejaVu TTFs shipped in ``resources/fonts`` and embedded in each PDF.

A worksheet is a source document that may be printed anywhere, so no glyph may depend on the
printer's fonts: ±, ≥, µ, × and the ☐ tick boxes must come out the same on every device. The
base-14 PDF fonts carry none of these and are never embedded, hence TrueType fonts of our own.
They are read through ``importlib.resources`` so the app works from a wheel or a frozen bundle.
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
MONO = "DejaVuSansMono"

_FILES = {SANS: "DejaVuSans.ttf", SANS_BOLD: "DejaVuSans-Bold.ttf", MONO: "DejaVuSansMono.ttf"}


@cache
def register_fonts() -> None:
    """Register the shipped fonts with reportlab once per process (idempotent, cheap to call)."""
    folder = resources.files("ln_scheduler.resources.fonts")
    for name, filename in _FILES.items():
        data = folder.joinpath(filename).read_bytes()
        pdfmetrics.registerFont(TTFont(name, io.BytesIO(data)))
    # <b> inside a Paragraph resolves through this family; no italic face is shipped, so italic
    # maps to the upright faces rather than silently falling back to a base-14 font.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(SANS, bold, italic, SANS_BOLD if bold else SANS)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(MONO, bold, italic, MONO)
