"""Readers: one per input format, each turning a file into the common document model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .errors import NoticeError
from .model import Cell, Document, Paragraph, SourcePos, Table
from .sniff import sniff
from .text import read_text

__all__ = ["NOTICE_SUFFIXES", "READERS", "Cell", "Document", "NoticeError", "Paragraph", "SourcePos", "Table",
           "read_document"]


def _read_docx(path: str | Path) -> Document:
    from .docx import read_docx  # imported on use: python-docx/lxml cost start-up time

    return read_docx(path)


def _read_pdf(path: str | Path) -> Document:
    from .pdf import read_pdf  # imported on use: pdfplumber/pdfminer cost start-up time

    return read_pdf(path)


# Format (as told by the file's bytes) → reader. Later readers (html, ...) register here.
READERS: dict[str, Callable[[str | Path], Document]] = {
    "txt": read_text,
    "docx": _read_docx,
    "pdf": _read_pdf,
}
# Names a folder walk takes as notices; the content then decides the reader. Other files in a
# folder (scripts, spreadsheets, our own JSON) are skipped, not failed.
NOTICE_SUFFIXES = frozenset({".txt", ".text", ".docx", ".pdf", ".doc", ".wps", ".ofd", ".html", ".htm", ".rtf"})

_BINARY_SUFFIXES = frozenset({"pdf", "docx", "doc", "wps", "ofd"})


def read_document(path: str | Path) -> Document:
    path = Path(path)
    try:
        found = sniff(path)
    except IsADirectoryError as e:
        raise NoticeError(str(path), "a folder, not a file") from e
    except OSError as e:
        raise NoticeError(str(path), f"cannot read the file: {e.strerror or e}") from e
    named = path.suffix.lower().lstrip(".")
    if found.format == "empty":
        raise NoticeError(str(path), "empty file (0 bytes)")
    if found.format == "txt" and named in _BINARY_SUFFIXES:
        # Text where a binary document was promised is a broken download (an error page, a stub),
        # not a notice whose name is wrong.
        raise NoticeError(str(path), f"named .{named} but the content is plain text, not a .{named} document")
    if found.format == "binary" and named in _BINARY_SUFFIXES:
        raise NoticeError(str(path), f"not a .{named} file: unrecognised binary data (damaged or mislabelled)")
    reader = READERS.get(found.format)
    if reader is None:
        raise NoticeError(str(path), f"unsupported format: {found.what}")
    doc = reader(path)
    if named and named != found.format and not (named == "text" and found.format == "txt"):
        doc.warnings.insert(0, f"named .{named} but the content is {found.what}; read as {found.format}")
    return doc
