"""The project's own error type: every failure a user should see names the file and the cause."""

from __future__ import annotations


class NoticeError(Exception):
    """A file could not be read or understood; `reason` says why in words a user can act on."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
