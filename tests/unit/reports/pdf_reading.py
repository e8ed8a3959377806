"""Reading our PDFs back as a person would: the text of each page, its size, its fonts."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

BASE14 = ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")


@dataclass
class Pdf:
    data: bytes

    @property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.data))

    def pages(self) -> list[str]:
        """Each page's text with whitespace runs (line breaks of wrapped cells) made one space."""
        return [flat(page.extract_text()) for page in self.reader.pages]

    @property
    def text(self) -> str:
        return " ".join(self.pages())

    def page_sizes(self) -> list[tuple[float, float]]:
        return [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
                for p in self.reader.pages]


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def page_numbers(page_text: str) -> tuple[int, int]:
    """The (X, Y) of "Page X of Y" on one page; fails if there is not exactly one."""
    found = re.findall(r"Page (\d+) of (\d+)", page_text)
    assert len(found) == 1, page_text[-200:]
    return int(found[0][0]), int(found[0][1])


def fonts_without_embedding(data: bytes) -> list[str]:
    """Names of fonts that carry no embedded font program (pypdf's view of the file)."""
    missing: list[str] = []
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                missing.append(str(font.get("/BaseFont")))
    return missing


def pdffonts_rows(path: Path) -> list[tuple[str, str]]:
    """(font name, emb column) for each font ``pdffonts`` (poppler-utils) lists."""
    exe = shutil.which("pdffonts")
    assert exe, "pdffonts is missing: install poppler-utils (bootstrap.py does it for tests)"
    out = subprocess.run([exe, str(path)], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, type words..., encoding, emb, sub, uni, object, id
        rows.append((parts[0], parts[-5]))
    return rows
