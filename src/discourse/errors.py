"""Errors that name the offending file and the reason, so a user can fix the input."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A corpus file or metadata table that cannot be used, with the path and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class FetchError(Exception):
    """A remote corpus that could not be obtained or failed its checksum."""
