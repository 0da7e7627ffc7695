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


def _lazy(module: str, name: str) -> Callable[[str | Path], Document]:
    """A reader imported on first use: each format's libraries (lxml, pdfminer, openpyxl …) cost
    start-up time that a run on other formats should not pay."""

    def read(path: str | Path) -> Document:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{module}"), name)(path)

    read.__name__ = name
    return read


# Format (as told by the file's bytes, extract.sniff) → reader.
READERS: dict[str, Callable[[str | Path], Document]] = {
    "txt": read_text,
    "docx": _lazy("docx", "read_docx"),
    "pdf": _lazy("pdf", "read_pdf"),
    "html": _lazy("html", "read_html"),
    "xlsx": _lazy("sheet", "read_xlsx"),
    "xls": _lazy("sheet", "read_xls"),
    "doc": _lazy("legacy", "read_legacy_word"),
    "ofd": _lazy("ofd", "read_ofd"),
}
# Names a folder walk takes as notices; the content then decides the reader. Other files in a
# folder (scripts, images, our own JSON) are skipped, not failed.
NOTICE_SUFFIXES = frozenset({".txt", ".text", ".docx", ".pdf", ".doc", ".wps", ".ofd", ".html", ".htm", ".mhtml",
                             ".mht", ".xlsx", ".xls", ".et", ".rtf"})
# What each format may be named (a .wps is an OLE2 Word file, a WPS .et a BIFF workbook).
_NAMES = {"txt": {"txt", "text"}, "docx": {"docx"}, "pdf": {"pdf"}, "html": {"html", "htm", "mhtml", "mht"},
          "xlsx": {"xlsx"}, "xls": {"xls", "et"}, "doc": {"doc", "wps"}, "ofd": {"ofd"}}
_BINARY_SUFFIXES = frozenset({"pdf", "docx", "doc", "wps", "ofd", "xlsx", "xls", "et"})


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
    if found.format in ("txt", "html") and named in _BINARY_SUFFIXES:
        # Text or a web page where a binary document was promised is a broken download (an error
        # page, a stub), not a notice whose name is wrong.
        what = "plain text" if found.format == "txt" else "a web page (an error page?)"
        raise NoticeError(str(path), f"named .{named} but the content is {what}, not a .{named} document")
    if found.format == "binary" and named in _BINARY_SUFFIXES:
        what = "unrecognised binary data (damaged or mislabelled)" if found.what.startswith("unrecognised") \
            else found.what
        raise NoticeError(str(path), f"not a .{named} file: {what}")
    reader = READERS.get(found.format)
    if reader is None:
        raise NoticeError(str(path), f"unsupported format: {found.what}")
    doc = reader(path)
    if named and named not in _NAMES.get(found.format, {found.format}):
        doc.warnings.insert(0, f"named .{named} but the content is {found.what}; read as {found.format}")
    return doc
