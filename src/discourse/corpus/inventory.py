"""The inventory: list every document of the selected corpora, with checks that need no parsing.

The inventory is the single list the parse shards work from: one row per document with its id,
where its bytes are, their sha256, its shard, and its metadata (JSON). Problems found here (a file
without metadata, a metadata row without a file, an unsupported type, an empty or oversized file)
stop the run, or with `on_error: skip` are recorded and left out. The same content under two ids is
marked (`copy_of`) and resolved by the parse job, which keeps the first copy that parses.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path
from typing import Any, Iterator

import pandas as pd

from discourse.corpus import ungdc
from discourse.corpus.metadata import load_metadata
from discourse.corpus.readers import check_size, detect_format
from discourse.corpus.registry import CorpusSpec, load_registry, select_corpora
from discourse.errors import InputError, ProblemLog
from discourse.io import sha256_file
from discourse.tables import SKIPPED_COLUMNS, columns, frame_for

log = logging.getLogger(__name__)

INVENTORY_COLUMNS = columns("inventory")


def assign_shard(doc_id: str, shards: int) -> int:
    """A stable shard for a document: the same id lands in the same shard on every machine."""
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest()[:8], 16) % shards


def iter_local_documents(spec: CorpusSpec, root: Path, max_bytes: int, problems: ProblemLog) -> Iterator[dict]:
    folder = root / spec.path
    metadata_path = root / spec.metadata
    described = set()  # files named by a row, good or bad: a bad row's file is not also "without a row"

    def bad_row(error: InputError, file: str | None) -> None:
        problems.report(error, spec.corpus_id)
        if file:
            described.add(file)

    try:
        # in skip mode a bad row leaves out its document, not the corpus
        rows = load_metadata(metadata_path, bad_row if problems.on_error == "skip" else None)
    except InputError as error:
        problems.report(error, spec.corpus_id)
        return
    if not folder.is_dir():
        problems.report(InputError(folder, "corpus folder not found"), spec.corpus_id)
        return
    files, refused = corpus_files(folder, metadata_path, problems, spec.corpus_id)
    for row in rows:
        name = str(row["file"])
        described.add(name)
        doc_id = f"{spec.corpus_id}:{row['doc_id']}"
        path = folder / name
        if name in refused:  # a link out of the folder, reported by name already
            continue
        try:
            if name not in files:
                raise InputError(path, f"metadata row '{row['doc_id']}' names a file that does not exist")
            fmt = detect_format(path)
            size = path.stat().st_size
            check_size(path, size, max_bytes)
        except InputError as error:
            problems.report(error, spec.corpus_id, doc_id)
            continue
        yield {"doc_id": doc_id, "corpus_id": spec.corpus_id, "local_id": row["doc_id"], "format": fmt,
               "path": _relative(path, root), "member": None, "sha256": sha256_file(path), "size": size,
               "metadata": row}
    for name, path in files.items():
        if name not in described:
            problems.report(InputError(path, f"file has no row in the metadata table {_relative(metadata_path, root)}"),
                            spec.corpus_id)


def corpus_files(folder: Path, metadata_path: Path, problems: ProblemLog, corpus_id: str
                 ) -> tuple[dict[str, Path], set[str]]:
    """The document files of a corpus folder by relative name, and the names refused: a symbolic link that
    leaves the folder (it would read, and record, a file the user never put in the corpus), or that loops or
    leads nowhere. Links to directories are not descended (pathlib's rglob), so a link loop cannot hang."""
    real_folder = folder.resolve()
    files: dict[str, Path] = {}
    refused: set[str] = set()
    for path in sorted(folder.rglob("*")):
        if _ignored(path, folder):
            continue
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):  # RuntimeError: a loop, on Python before 3.13
                problems.report(InputError(path, "is a symbolic link that loops or leads nowhere"), corpus_id)
                refused.add(name)
                continue
            if not target.is_relative_to(real_folder):
                problems.report(InputError(path, f"is a symbolic link to {target}, outside the corpus folder; "
                                                 "links must stay inside it (copy the file in instead)"), corpus_id)
                refused.add(name)
                continue
        if path.is_file() and path.resolve() != metadata_path.resolve():
            files[name] = path
    return files, refused


def _ignored(path: Path, folder: Path) -> bool:
    parts = path.relative_to(folder).parts
    return any(p.startswith(".") for p in parts) or path.name.upper().startswith("README")


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path.resolve())


def iter_ungdc_documents(status: dict[str, Any], settings: ungdc.UngdcSettings, root: Path) -> Iterator[dict]:
    if status.get("status") != "available":
        log.warning("UNGDC unavailable, continuing without it: %s", status.get("reason"))
        return
    archive = Path(status["archive_path"])
    speakers = None
    if status.get("speakers_path"):
        try:
            speakers = ungdc.load_speakers(status["speakers_path"])
        except InputError as error:  # speaker names are enrichment: the speeches are usable without them
            log.warning("UNGDC speakers table not used, speaker and post will be empty: %s", error)
    for speech in ungdc.iter_speeches(archive, settings.countries, settings.year_min, settings.year_max):
        meta = ungdc.speech_metadata(speech, speakers)
        yield {"doc_id": f"ungdc:{meta['local_id']}", "corpus_id": "ungdc", "local_id": meta["local_id"],
               "format": "txt", "path": _relative(archive, root), "member": speech.member,
               "sha256": hashlib.sha256(speech.data).hexdigest(), "size": len(speech.data), "metadata": meta}


def build_inventory(config: dict[str, Any], root: Path, ungdc_status: dict[str, Any] | None
                    ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The inventory of the configured corpora, and the table of inputs left out (skip mode)."""
    problems = ProblemLog(config["on_error"], "inventory")
    max_bytes = int(config["ingest"]["max_file_mb"] * 2**20)
    registry_path = root / config["registry"]
    specs = select_corpora(load_registry(registry_path), config["corpora"], registry_path)
    rows: list[dict] = []
    by_hash: dict[str, str] = {}
    for spec in specs:
        if spec.kind == "local":
            documents = iter_local_documents(spec, root, max_bytes, problems)
        else:
            settings = ungdc.UngdcSettings.from_config(config["ungdc"], root)
            documents = iter_ungdc_documents(ungdc_status or {"status": "unavailable", "reason": "not fetched"},
                                             settings, root)
        for row in documents:
            # copies of one content go to the first copy's shard, which keeps the first that parses
            row["copy_of"] = by_hash.setdefault(row["sha256"], row["doc_id"])
            if row["copy_of"] == row["doc_id"]:
                row["copy_of"] = None
            row["shard"] = assign_shard(row["copy_of"] or row["doc_id"], config["ingest"]["shards"])
            row["metadata"] = json.dumps(row["metadata"], sort_keys=True, ensure_ascii=False, default=str)
            rows.append(row)
    inventory = pd.DataFrame(rows, columns=INVENTORY_COLUMNS).sort_values("doc_id", kind="stable")
    return inventory.reset_index(drop=True), frame_for(problems.rows, SKIPPED_COLUMNS)
