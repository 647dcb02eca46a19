"""Stage `store`: the DuckDB database over the Parquet tables, and the run manifest."""

from __future__ import annotations

import hashlib
import logging
import platform
import sys
from datetime import datetime, timezone
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import spacy

import discourse
from discourse.io import atomic_path, sha256_file, write_json_atomic
from discourse.framing.sentence import FramingSettings, build_framer
from discourse.nlp.gazetteer import load_gazetteer
from discourse.schemas import read_validated

log = logging.getLogger(__name__)

RECORDED_PACKAGES = ("spacy", "snakemake", "pandas", "pyarrow", "duckdb", "trafilatura", "pdfminer.six",
                     "python-docx", "openpyxl", "pycountry", "gensim", "tomotopy", "scikit-learn", "numpy", "scipy",
                     "krippendorff", "matplotlib", "networkx", "jinja2")


def build_database(tables: dict[str, Path], db_path: Path) -> None:
    """A DuckDB file holding a copy of each Parquet table, written under a temp name then renamed."""
    with atomic_path(db_path) as tmp:
        tmp.unlink()  # DuckDB refuses to open an existing empty file as a database
        connection = duckdb.connect(str(tmp))
        try:
            for name, path in sorted(tables.items()):
                connection.execute(f'CREATE TABLE "{name}" AS SELECT * FROM read_parquet(?)', [str(path)])
        finally:
            connection.close()
        wal = Path(str(tmp) + ".wal")
        if wal.exists():
            wal.unlink()


def package_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in RECORDED_PACKAGES:
        try:
            versions[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def model_info(model: str) -> dict[str, Any]:
    try:
        return {"name": model, "version": importlib_metadata.version(model), "installed": True}
    except importlib_metadata.PackageNotFoundError:
        return {"name": model, "version": None, "installed": False}


def read_timings(benchmark_paths: list[Path]) -> dict[str, float]:
    """Wall seconds per job, from Snakemake's benchmark files (named after rule and wildcards)."""
    timings = {}
    for path in sorted(benchmark_paths):
        frame = pd.read_csv(path, sep="\t")
        timings[path.stem] = round(float(frame["s"].iloc[0]), 3)
    return timings


def build_manifest(config: dict[str, Any], root: Path, inventory_path: Path, skipped_path: Path,
                   ungdc_status: dict[str, Any], benchmark_paths: list[Path]) -> dict[str, Any]:
    inventory = pd.read_parquet(inventory_path, columns=["doc_id", "corpus_id", "sha256", "path", "member"])
    skipped = pd.read_parquet(skipped_path)
    corpora = {}
    for corpus_id in config["corpora"]:
        docs = inventory[inventory["corpus_id"] == corpus_id]
        entry: dict[str, Any] = {"documents": int(len(docs)),
                                 "skipped": int((skipped["corpus_id"] == corpus_id).sum()),
                                 "status": "included" if len(docs) else "empty"}
        if corpus_id == "ungdc":
            entry.update({"status": "included" if ungdc_status.get("status") == "available" else "unavailable",
                          "source": ungdc_status.get("source"), "reason": ungdc_status.get("reason"),
                          "archive_sha256": ungdc_status.get("sha256"),
                          "speakers_sha256": ungdc_status.get("speakers_sha256")})
        corpora[corpus_id] = entry
    local_inputs = inventory[inventory["member"].isna()]
    return {
        "discourse_version": discourse.__version__,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "config": config,
        "packages": package_versions(),
        "model": model_info(config["nlp"]["model"]),
        "gazetteer": {"path": config["nlp"]["gazetteer"] or "packaged src/discourse/data/actors.yaml",
                      "sha256": load_gazetteer(config["nlp"]["gazetteer"]).sha256},
        "lexicons": lexicon_provenance(config),
        "seeds": {"seed": config["seed"]},
        "corpora": corpora,
        "notices": [f"UNGDC not included: {ungdc_status.get('reason')}"]
        if "ungdc" in config["corpora"] and ungdc_status.get("status") != "available" else [],
        "inputs": {
            "files": dict(zip(local_inputs["path"], local_inputs["sha256"])),
            "config_sha256": None,
            "documents_sha256": _combined_sha(inventory),
        },
        "skipped": {"count": int(len(skipped)), "by_stage": skipped.groupby("stage").size().to_dict()},
        "timings_s": read_timings(benchmark_paths),
    }


def lexicon_provenance(config: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Which theme, frame, certainty and relation lexicons the framing used (path and sha256)."""
    framer = build_framer(spacy.blank("en").vocab, FramingSettings.from_config(config))
    provenance = {name: {"path": matcher.lexicon.path, "sha256": matcher.lexicon.sha256}
                  for name, matcher in (("themes", framer.themes), ("frames", framer.frames),
                                        ("certainty", framer.certainty))}
    provenance["relations"] = {"path": (config.get("framing") or {}).get("relations")
                               or "package:discourse/data/relations.yaml", "sha256": framer.relations.sha256}
    return provenance


def _combined_sha(inventory: pd.DataFrame) -> str:
    digest = hashlib.sha256()
    for doc_id, sha in sorted(zip(inventory["doc_id"], inventory["sha256"])):
        digest.update(f"{doc_id}\t{sha}\n".encode())
    return digest.hexdigest()


def run(config: dict[str, Any], config_path: Path | None, root: Path, tables: dict[str, Path], db_path: Path,
        inventory_path: Path, skipped_path: Path, ungdc_status_path: Path, benchmark_paths: list[Path],
        manifest_path: Path) -> None:
    build_database(tables, db_path)
    status = read_validated(ungdc_status_path, "fetch_status")
    manifest = build_manifest(config, root, inventory_path, skipped_path, status, benchmark_paths)
    if config_path is not None and config_path.exists():
        manifest["inputs"]["config_sha256"] = sha256_file(config_path)
    for notice in manifest["notices"]:
        log.warning(notice)
    write_json_atomic(manifest, manifest_path)
