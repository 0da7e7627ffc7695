"""Which library reads a PDF's characters and drawings: a setting small enough for the command
and the cache to read without importing the PDF reader.

"pdfium" (pypdfium2, the default; extract/pdf_pdfium.py) or "pdfminer" (pdfplumber,
extract/pdf.py). Both give the same records on every sample, fixture and corpus notice
(tests/test_pdfium_path.py); pdfium reads a page in about a third of the time.
"""

from __future__ import annotations

import os

ENGINE_VARIABLE = "NOTICE_PDF_ENGINE"
ENGINES = ("pdfium", "pdfminer")
DEFAULT_ENGINE = "pdfium"


def engine() -> str:
    """The engine NOTICE_PDF_ENGINE names; the default where it names none we know."""
    chosen = os.environ.get(ENGINE_VARIABLE, "").strip().lower()
    return chosen if chosen in ENGINES else DEFAULT_ENGINE
