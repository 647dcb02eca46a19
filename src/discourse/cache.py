"""Per-document cache entries that verify what they read.

An entry is one file: a header line with the sha256 of the payload, then the payload. A reader gets the
payload only if it is whole and unchanged; a truncated, edited or foreign entry (also one from before entries
had a header) is deleted with a warning naming it, and the caller recomputes it. So a corrupt cache costs time,
never a wrong table or a failed run."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from discourse.io import atomic_path

log = logging.getLogger(__name__)

_MAGIC = b"discourse-cache sha256="


def write_entry(path: Path, payload: bytes) -> None:
    """Write `payload` with its digest, atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(_MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload)


def entry_payload(data: bytes) -> bytes | None:
    """The payload of an entry's bytes if its digest matches, else None."""
    header, newline, payload = data.partition(b"\n")
    if not newline or not header.startswith(_MAGIC):
        return None
    return payload if header[len(_MAGIC):].decode("ascii", "replace") == hashlib.sha256(payload).hexdigest() else None


def read_entry(path: Path) -> bytes | None:
    """The verified payload of the entry at `path`; None if there is none or it was bad (then it is deleted)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    payload = entry_payload(data)
    if payload is None:
        log.warning("cache entry %s is truncated, edited or from an older version: discarded, recomputing", path)
        path.unlink(missing_ok=True)
    return payload
