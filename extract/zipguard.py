"""Reading one member of a zip package (.docx, .xlsx, .ofd) without trusting what it declares.

A member larger than the reader's cap is refused before unpacking, and unpacked with the cap in
hand (declared sizes can lie: a zip bomb); encryption and damage are said as such.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

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


@dataclass
class ZipPackage:
    """An opened package: members looked up by name whatever their case (OPC part names ignore
    it; OFD producers vary), each read with the reader's own cap on its size."""

    path: Path
    zf: zipfile.ZipFile
    names: dict[str, str]  # lower-cased member name → real name

    @property
    def cap(self) -> int:
        raise NotImplementedError  # bytes one member may unpack to: each reader says

    def close(self) -> None:
        self.zf.close()

    def fail(self, reason: str) -> NoticeError:
        return NoticeError(str(self.path), reason)

    def has(self, member: str) -> bool:
        return member.lower() in self.names

    def read(self, member: str) -> bytes:
        return read_member(self.zf, self.zf.getinfo(self.names[member.lower()]), self.cap, self.fail)
