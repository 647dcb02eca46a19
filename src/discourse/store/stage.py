"""Stage `store`: the DuckDB database over every stage's finished tables, and the run manifest.

Which tables exist and where, and which jobs' benchmarks the manifest's timings cover, come from the
stage declarations (`discourse.stages`), so a table added to a stage is stored without a change here."""

from __future__ import annotations

import hashlib
import json
import logging
import platform
import sys
from datetime import datetime, timezone
from importlib import metadata as importlib_metadata
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

import discourse
from discourse.io import atomic_path, write_json_atomic
from discourse.config import load_schema
from discourse.layout import RESULTS, Job, Paths, Stage, register_jobs
from discourse.lexicons import lexicon_paths, lexicon_provenance
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


def build_manifest(config: dict[str, Any], root: Path, inventory_path: Path, documents_path: Path,
                   skipped_path: Path, ungdc_status: dict[str, Any], benchmark_paths: list[Path]) -> dict[str, Any]:
    inventory = pd.read_parquet(inventory_path, columns=["doc_id", "corpus_id", "sha256", "path", "member"])
    parsed = pd.read_parquet(documents_path, columns=["corpus_id"])["corpus_id"].value_counts()
    skipped = pd.read_parquet(skipped_path)
    corpora = {}
    for corpus_id in config["corpora"]:
        # documents: what was parsed and analysed; listed: what the inventory found (skipped ones included)
        documents = int(parsed.get(corpus_id, 0))
        entry: dict[str, Any] = {"documents": documents,
                                 "listed": int((inventory["corpus_id"] == corpus_id).sum()),
                                 "skipped": int((skipped["corpus_id"] == corpus_id).sum()),
                                 "status": "included" if documents else "empty"}
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
        "lexicons": lexicon_provenance(lexicon_paths(config)),
        "seeds": {"seed": config["seed"]},
        "corpora": corpora,
        "notices": [f"UNGDC not included: {ungdc_status.get('reason')}"]
        if "ungdc" in config["corpora"] and ungdc_status.get("status") != "available" else [],
        "inputs": {
            "files": dict(zip(local_inputs["path"], local_inputs["sha256"])),
            "config_sha256": config_sha256(config),
            "documents_sha256": _combined_sha(inventory),
        },
        "skipped": {"count": int(len(skipped)), "by_stage": skipped.groupby("stage").size().to_dict()},
        "timings_s": read_timings(benchmark_paths),
    }


def config_sha256(config: dict[str, Any]) -> str:
    """sha256 of the validated config the run used (canonical JSON), however it was given: a config file,
    `--configfile`, `--config key=value` or defaults."""
    return hashlib.sha256(json.dumps(config, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def _combined_sha(inventory: pd.DataFrame) -> str:
    digest = hashlib.sha256()
    for doc_id, sha in sorted(zip(inventory["doc_id"], inventory["sha256"])):
        digest.update(f"{doc_id}\t{sha}\n".encode())
    return digest.hexdigest()


def run(settings: tuple[dict[str, Any], Path], inputs: Paths, outputs: Paths) -> None:
    config, root = settings
    tables = {Path(path).stem: Path(path) for path in inputs["tables"]}
    build_database(tables, outputs["db"])
    status = read_validated(inputs["ungdc_status"], "fetch_status")
    manifest = build_manifest(config, root, inputs["inventory"], tables["documents"], tables["skipped"], status,
                              inputs["benchmarks"] or [])
    for notice in manifest["notices"]:
        log.warning(notice)
    write_json_atomic(manifest, outputs["manifest"])


STAGE = Stage("store", jobs=(
    Job("store", "store", "the DuckDB database and the run manifest", run, lambda config, wildcards, root: (config, root),
        inputs={"tables": "every stage's finished tables (discourse.stages.table_paths)",
                "inventory": "results/corpus/inventory.parquet", "ungdc_status": "results/corpus/ungdc_status.json",
                "benchmarks": "Snakemake benchmark files of the jobs (discourse.stages.benchmark_paths)"},
        many=frozenset({"tables", "benchmarks"}), optional=frozenset({"benchmarks"}),
        outputs={"db": f"{RESULTS}/discourse.duckdb", "manifest": f"{RESULTS}/manifest.json"},
        config=tuple(load_schema()["properties"])),  # the manifest records the whole config
))


def register_parser(subparsers) -> None:
    register_jobs(subparsers, STAGE)
