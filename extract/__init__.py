"""Readers: one per input format, each turning a file into the common document model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .errors import NoticeError
from .model import Cell, Document, Paragraph, SourcePos, Table
from .text import read_text

__all__ = ["READERS", "Cell", "Document", "NoticeError", "Paragraph", "SourcePos", "Table", "read_document"]



def _read_docx(path: str | Path) -> Document:
    from .docx import read_docx  # imported on use: python-docx/lxml cost start-up time

    return read_docx(path)


def _read_pdf(path: str | Path) -> Document:
    from .pdf import read_pdf  # imported on use: pdfplumber/pdfminer cost start-up time

    return read_pdf(path)


# File suffix → reader. Later readers (html, ...) register here.
READERS: dict[str, Callable[[str | Path], Document]] = {
    ".txt": read_text,
    ".docx": _read_docx,
    ".pdf": _read_pdf,
}


def read_document(path: str | Path) -> Document:
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        known = ", ".join(sorted(READERS))
        suffix = path.suffix or "(no extension)"
        raise NoticeError(str(path), f"unsupported format {suffix!r}; readers exist for {known}")
    return reader(path)
