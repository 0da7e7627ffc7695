"""Tell a file's format from its bytes, not its name: downloaded notices are often misnamed.

Returns a format name (a key of `extract.READERS`, or the name of a format we recognise but do
not read) and, for the latter, a sentence saying what it is.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"II*\x00", "TIFF"),
           (b"MM\x00*", "TIFF"), (b"BM", "BMP"))
_HEAD = 8192


@dataclass(frozen=True)
class Sniffed:
    format: str  # "txt", "docx", "pdf", or a name we do not read: "doc", "ofd", "zip", "image", ...
    what: str  # words for a user: "PDF", "legacy Word .doc (OLE2)", ...


def sniff(path: str | Path) -> Sniffed:
    path = Path(path)
    with path.open("rb") as f:
        head = f.read(_HEAD)
    if not head:
        return Sniffed("empty", "an empty file (0 bytes)")
    if b"%PDF-" in head[:1024]:
        return Sniffed("pdf", "PDF")
    if head.startswith(_OLE2):
        # An encrypted .docx is an OLE2 container holding EncryptionInfo; the docx reader says so.
        if "EncryptionInfo".encode("utf-16-le") in _read_all_capped(path):
            return Sniffed("docx", "password-protected Word document")
        return Sniffed("doc", "legacy Word .doc / WPS document (OLE2); save it as .docx or PDF")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    for magic, name in _IMAGES:
        if head.startswith(magic):
            return Sniffed("image", f"a {name} image, not a text document (needs OCR)")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html")):
        return Sniffed("html", "an HTML page (no HTML reader yet); print it to PDF or save the text")
    if head.startswith(b"{\\rtf"):
        return Sniffed("rtf", "an RTF document (no RTF reader yet); save it as .docx")
    if _looks_binary(head):
        return Sniffed("binary", "unrecognised binary data, not a text, Word or PDF file")
    return Sniffed("txt", "text")


def _looks_binary(head: bytes) -> bool:
    """NUL bytes (outside UTF-16) or many control characters: no text export looks like that."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in head:
        return True
    controls = sum(b < 32 and b not in (9, 10, 12, 13) for b in head)
    return controls > len(head) * 0.05


def _sniff_zip(path: Path) -> Sniffed:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        # A damaged package: let the docx reader give the precise reason when it claims to be one.
        return Sniffed("docx", "damaged zip package") if path.suffix.lower() == ".docx" \
            else Sniffed("zip", "a damaged zip archive")
    if "word/document.xml" in names or any(n.lower() == "word/document.xml" for n in names):
        return Sniffed("docx", "Word document")
    if "OFD.xml" in names:
        return Sniffed("ofd", "an OFD document (no OFD reader yet); print it to PDF")
    if "xl/workbook.xml" in names:
        return Sniffed("xlsx", "an Excel workbook (no spreadsheet reader yet)")
    if "[Content_Types].xml" in names:
        return Sniffed("docx", "Office package without word/document.xml")
    return Sniffed("zip", "a zip archive, not a document")


def _read_all_capped(path: Path, cap: int = 64 << 20) -> bytes:
    with path.open("rb") as f:
        return f.read(cap)
