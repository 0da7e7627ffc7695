"""What keeps a hostile PDF from hurting the run: a cap on inflated streams, and repair by qpdf.

pdfminer inflates every Flate stream whole, so a small file can expand to gigabytes (a
decompression bomb). Its zlib is swapped for one that inflates in bounded steps and stops past
MAX_STREAM_BYTES. A file whose cross-reference table is damaged is rebuilt by qpdf (pikepdf)
and read again.
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

MAX_STREAM_BYTES = 256 * 1024 * 1024  # far above any notice's page or font stream


class StreamTooLarge(Exception):
    """A compressed stream inflates past the cap."""


class _CappedZlib:
    """The parts of the zlib module pdfminer uses, with decompress() bounded."""

    error = zlib.error
    decompressobj = staticmethod(zlib.decompressobj)
    MAX_WBITS = zlib.MAX_WBITS

    def __init__(self, cap: int):
        self.cap = cap

    def decompress(self, data: bytes, *args) -> bytes:
        d = zlib.decompressobj(*args[1:2]) if len(args) > 1 else zlib.decompressobj()
        out = d.decompress(data, self.cap + 1)
        if len(out) > self.cap or d.unconsumed_tail:
            raise StreamTooLarge(f"a compressed stream inflates past the {self.cap // (1 << 20)} MB limit")
        return out + d.flush()


def install_stream_cap(cap: int = MAX_STREAM_BYTES) -> None:
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _CappedZlib) or pdftypes.zlib.cap != cap:
        pdftypes.zlib = _CappedZlib(cap)


def repaired_copy(path: Path) -> io.BytesIO | None:
    """The file rewritten by qpdf, which rebuilds a damaged cross-reference table; None when qpdf
    cannot make sense of it either (or pikepdf is missing)."""
    try:
        import pikepdf
    except ImportError:
        return None
    try:
        with pikepdf.open(path) as pdf:
            buf = io.BytesIO()
            pdf.save(buf)
    except Exception:  # qpdf gives up on many kinds of damage; the caller keeps its first reason
        return None
    buf.seek(0)
    return buf
