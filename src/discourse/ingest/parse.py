"""Parse shards: read and segment the documents of one shard, reusing cached parses.

A document is parsed again only when its bytes, its metadata or the parsing code changed: the
cache key hashes all three, so editing the segmenter invalidates the cache by itself.
"""

from __future__ import annotations

import hashlib
import json
import logging
import tarfile
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from discourse.cache import read_entry, write_entry
from discourse.corpus.readers import DEFAULT_MAX_INFLATED_BYTES, read_document
from discourse.errors import InputError, ProblemLog
from discourse.fingerprint import code_fingerprint
from discourse.io import frame_records
from discourse.segment.document import parse_document
from discourse.segment.structure import DEFAULT_MAX_PARAGRAPH_CHARS

log = logging.getLogger(__name__)

_READER_PACKAGES = ("trafilatura", "pdfminer.six", "python-docx")


@lru_cache(maxsize=None)
def parser_fingerprint() -> str:
    """The parsing code (this module's import closure) and the reader packages' versions."""
    digest = hashlib.sha256(code_fingerprint(__name__).encode())
    for name in _READER_PACKAGES:
        digest.update(f"{name}=={importlib_metadata.version(name)}".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class IngestLimits:
    """What one input may cost: its file size, what a .docx unpacks to, the length of one paragraph
    (`ingest.max_file_mb`, `max_inflated_mb`, `max_paragraph_chars`; meanings in the config schema)."""

    max_bytes: int
    max_inflated_bytes: int = DEFAULT_MAX_INFLATED_BYTES
    max_paragraph_chars: int = DEFAULT_MAX_PARAGRAPH_CHARS

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "IngestLimits":
        ingest = config["ingest"]
        return cls(max_bytes=int(ingest["max_file_mb"] * 2**20),
                   max_inflated_bytes=int(ingest["max_inflated_mb"] * 2**20),
                   max_paragraph_chars=int(ingest["max_paragraph_chars"]))


def cache_key(row: dict[str, Any], fingerprint: str, limits: IngestLimits) -> str:
    # the paragraph limit changes what a document parses to; the other limits only whether it is refused
    material = json.dumps([row["doc_id"], row["sha256"], row["format"], row["metadata"], fingerprint,
                           limits.max_paragraph_chars])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def read_source_bytes(rows: list[dict[str, Any]], root: Path) -> Iterator[tuple[dict[str, Any], bytes]]:
    """Bytes of each row's document; archive members are read in one streaming pass per archive."""
    by_archive: dict[str, list[dict]] = {}
    for row in rows:
        if row["member"]:
            by_archive.setdefault(row["path"], []).append(row)
        else:
            yield row, (root / row["path"]).read_bytes()
    for archive, members in by_archive.items():
        wanted = {row["member"]: row for row in members}
        with tarfile.open(root / archive, mode="r|gz") as tar:
            for info in tar:
                row = wanted.pop(info.name, None)
                if row is not None:
                    yield row, tar.extractfile(info).read()
                if not wanted:
                    break
        for row in wanted.values():
            yield row, b""  # a member gone from the archive reads as empty and is reported as such


def parse_row(row: dict[str, Any], data: bytes, limits: IngestLimits) -> dict[str, Any]:
    """Parse one inventory row's bytes into the document object."""
    where = _where(row)
    if row["sha256"] != hashlib.sha256(data).hexdigest():
        raise InputError(where, "file changed since the inventory was taken; run the workflow again")
    read = read_document(where if not row["member"] else row["member"], data, limits.max_bytes,
                         limits.max_inflated_bytes)
    metadata = json.loads(row["metadata"])
    for key in ("title", "author", "date"):  # what the file declares fills gaps in the metadata table
        if not metadata.get(key) and getattr(read, key):
            metadata[key] = getattr(read, key)
    document = parse_document(row["doc_id"], read.text, metadata, limits.max_paragraph_chars)
    document.update({"corpus_id": row["corpus_id"], "local_id": row["local_id"], "format": row["format"],
                     "path": row["path"], "member": row["member"], "sha256": row["sha256"], "size": int(row["size"])})
    return document


def parse_shard(inventory: pd.DataFrame, shard: int, root: Path, cache_dir: Path, on_error: str,
                limits: IngestLimits) -> Iterator[dict[str, Any]]:
    """Yield `{"document": ...}` or `{"skipped": ...}` for each row of the shard, in inventory order.

    Copies of one content (`copy_of` set by the inventory, same shard as the first copy) are resolved here,
    after parsing: the first copy that parses is kept and the others are skipped as its duplicates, so a
    first copy that fails to parse does not take its copies with it.
    """
    rows = frame_records(inventory[inventory["shard"] == shard])
    problems = ProblemLog(on_error, "parse")
    originals = [row for row in rows if not row.get("copy_of")]
    results, parsed = _parse_rows(originals, root, cache_dir, limits, problems)
    kept = {row["sha256"]: row["doc_id"] for row in originals if "document" in results[row["doc_id"]]}
    copies = sorted((row for row in rows if row.get("copy_of")), key=lambda row: row["doc_id"])
    candidates = [row for row in copies if row["sha256"] not in kept]
    parsed_copies, parsed_again = _parse_rows(candidates, root, cache_dir, limits, problems, report=False)
    parsed += parsed_again
    for row in copies:
        first = kept.get(row["sha256"])
        outcome = parsed_copies.get(row["doc_id"])
        if first is None and outcome is not None and "document" in outcome:
            kept[row["sha256"]] = row["doc_id"]
            results[row["doc_id"]] = outcome
            continue
        if first is not None:
            error = InputError(_where(row), f"same content as document '{first}' (duplicate of it under id "
                                            f"'{row['doc_id']}')")
        else:
            error = outcome["error"]
        problems.report(error, row["corpus_id"], row["doc_id"])
        results[row["doc_id"]] = {"skipped": problems.rows[-1]}
    log.info("shard %d: %d documents, %d parsed, %d from cache", shard, len(rows), parsed,
             len(originals) + len(candidates) - parsed)
    for row in rows:
        yield results[row["doc_id"]]


def _where(row: dict[str, Any]) -> str:
    return row["path"] + (f"#{row['member']}" if row["member"] else "")


def _parse_rows(rows: list[dict[str, Any]], root: Path, cache_dir: Path, limits: IngestLimits, problems: ProblemLog,
                report: bool = True) -> tuple[dict[str, dict[str, Any]], int]:
    """doc id -> `{"document": ...}` from the cache or parsed (and cached), or, for a file that fails,
    `{"skipped": ...}` reported to `problems` (`report=False`: `{"error": InputError}`, reported by the caller);
    and how many were parsed rather than read from the cache."""
    fingerprint = parser_fingerprint()
    results: dict[str, dict] = {}
    missing = []
    for row in rows:
        cached = read_entry(cache_dir / f"{cache_key(row, fingerprint, limits)}.json")
        if cached is not None:
            results[row["doc_id"]] = {"document": json.loads(cached.decode("utf-8"))}
        else:
            missing.append(row)
    for row, data in read_source_bytes(missing, root):
        where = _where(row)
        try:
            document = parse_row(row, data, limits)
        except InputError as error:
            error = error if error.path == where else InputError(where, error.reason)
            if not report:
                results[row["doc_id"]] = {"error": error}
                continue
            problems.report(error, row["corpus_id"], row["doc_id"])
            results[row["doc_id"]] = {"skipped": problems.rows[-1]}
            continue
        write_entry(cache_dir / f"{cache_key(row, fingerprint, limits)}.json",
                    json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        results[row["doc_id"]] = {"document": document}
    return results, len(missing)
