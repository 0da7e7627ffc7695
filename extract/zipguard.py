"""Reading one member of a zip package (.docx, .xlsx, .ofd) without trusting what it declares.

A member larger than the reader's cap is refused before unpacking, and unpacked with the cap in
hand (declared sizes can lie: a zip bomb); encryption and damage are said as such.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable

from .errors import NoticeError


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, fail: Callable[[str], NoticeError]) -> bytes:
    limit = f"{cap // (1024 * 1024)} MB"
    if info.file_size > cap:
        raise fail(f"zip member {info.filename} declares {info.file_size} bytes, over the {limit} limit "
                   "(a zip bomb?); refused")
    try:
        with zf.open(info) as f:
            data = f.read(cap + 1)
    except RuntimeError as e:  # zipfile says "encrypted" this way
        raise fail(f"zip member {info.filename} is encrypted: {e}") from e
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError) as e:
        raise fail(f"damaged zip package: cannot unpack {info.filename} ({e})") from e
    if len(data) > cap:
        raise fail(f"zip member {info.filename} unpacks to more than the {limit} limit (a zip bomb?); refused")
    return data
