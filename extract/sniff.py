"""Tell a file's format from its bytes, not its name: downloaded notices are often misnamed.

Returns a format name (a key of `extract.READERS`, or the name of a format we recognise but do
not read) and, for the latter, a sentence saying what it is.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = ((b"\x89PNG\r\n\x1a\n", "PNG"), (b"\xff\xd8\xff", "JPEG"), (b"GIF8", "GIF"), (b"II*\x00", "TIFF"),
           (b"MM\x00*", "TIFF"), (b"BM", "BMP"))
_HEAD = 8192


@dataclass(frozen=True)
class Sniffed:
    format: str  # a key of extract.READERS ("txt", "docx", "pdf", "html", "xlsx", "xls", "doc", "ofd"), or a
    # name we do not read: "zip", "image", "rtf", "binary", "empty"
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
        return _sniff_ole2(path)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _sniff_zip(path)
    for magic, name in _IMAGES:
        if head.startswith(magic):
            return Sniffed("image", f"a {name} image, not a text document (needs OCR)")
    if looks_mhtml(head):
        return Sniffed("html", "a web archive (.mhtml)")
    if looks_html(head):
        return Sniffed("html", "an HTML page")
    if head.startswith(b"{\\rtf"):
        return Sniffed("rtf", "an RTF document (no RTF reader yet); save it as .docx")
    if looks_binary(head):
        return Sniffed("binary", "unrecognised binary data, not a text, Word or PDF file")
    return Sniffed("txt", "text")


def looks_binary(head: bytes) -> bool:
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
        # A damaged package: let its reader give the precise reason when the name claims one.
        named = {".docx": "docx", ".ofd": "ofd", ".xlsx": "xlsx"}.get(path.suffix.lower())
        return Sniffed(named, f"a damaged .{named} (zip) package") if named else Sniffed("zip", "a damaged zip archive")
    if "word/document.xml" in names or any(n.lower() == "word/document.xml" for n in names):
        return Sniffed("docx", "Word document")
    if "OFD.xml" in names or any(n.lower() == "ofd.xml" for n in names):
        return Sniffed("ofd", "an OFD document")
    if "xl/workbook.xml" in names or any(n.lower() == "xl/workbook.xml" for n in names):
        return Sniffed("xlsx", "an Excel workbook")
    if "[Content_Types].xml" in names:
        return Sniffed("docx", "Office package without word/document.xml")
    return Sniffed("zip", "a zip archive, not a document")


def _sniff_ole2(path: Path) -> Sniffed:
    """An OLE2 container holds a Word 97-2003 / WPS text document, a BIFF workbook (.xls, WPS
    .et), or an encrypted OOXML package; its stream names tell which."""
    import olefile

    damaged = False
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=False)}
    except Exception:  # olefile raises many kinds of errors on damaged files
        # A damaged container: fall back to directory entries found by their shape.
        data = _read_all_capped(path)
        streams = {name.lower() for name in ("EncryptionInfo", "WordDocument", "Workbook", "Book")
                   if _directory_entry(data, name)}
        # Else the longer names anywhere (not "Book": every .doc holds the style name "Book Title").
        streams = streams or {name.lower() for name in ("EncryptionInfo", "WordDocument", "Workbook")
                              if name.encode("utf-16-le") in data}
        damaged = True
    if "encryptioninfo" in streams:
        # An encrypted .docx/.xlsx is an OLE2 container holding EncryptionInfo: which of the two it
        # is, only its name tells; its reader says how to remove the password.
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".et"):
            return Sniffed("xlsx", "password-protected Excel workbook")
        return Sniffed("docx", "password-protected Office document")
    if "worddocument" in streams:
        return Sniffed("doc", "legacy Word .doc / WPS document (OLE2)")
    if "workbook" in streams or "book" in streams:
        return Sniffed("xls", "legacy Excel .xls / WPS .et workbook (BIFF)")
    if damaged:
        return Sniffed("binary", "a damaged Office (OLE2) file: its directory cannot be read (truncated?)")
    return Sniffed("binary", "an OLE2 container holding neither a Word document nor a workbook")


def _directory_entry(data: bytes, name: str) -> bool:
    """Whether an OLE2 directory entry named `name` is in the data: 128-byte entries after the
    512-byte header, the UTF-16 name NUL-terminated, its byte length at offset 64. (A name merely
    somewhere in the bytes says nothing: every .doc holds "Book Title", a style's name.)"""
    key = name.encode("utf-16-le") + b"\0\0"
    length = len(key).to_bytes(2, "little")
    start = data.find(key)
    while start != -1:
        if start >= 512 and (start - 512) % 128 == 0 and data[start + 64:start + 66] == length:
            return True
        start = data.find(key, start + 1)
    return False


def looks_html(head: bytes) -> bool:
    """A saved web page: after a BOM, an XML declaration and comments, the first tag is html-ish."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"\xff\xfe", b"\xfe\xff")):  # a UTF-16 page: look at its ASCII
        text = text.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    lowered = re.sub(rb"^(?:\s|<\?xml[^>]*>|<!--.*?-->)*", b"", text.lower(), flags=re.S)
    # (CMS fragments and saved templates may open with a script, a style or a bare block.)
    return lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<meta", b"<body", b"<title", b"<script",
                               b"<style", b"<link", b"<div", b"<table", b"<p>", b"<p ", b"<center", b"<font"))


def looks_mhtml(head: bytes) -> bool:
    """A web archive: MIME headers announcing multipart/related, before any HTML."""
    top = head[:4096].lower()
    return b"mime-version:" in top and b"multipart/related" in top


def _read_all_capped(path: Path, cap: int = 64 << 20) -> bytes:
    with path.open("rb") as f:
        return f.read(cap)
