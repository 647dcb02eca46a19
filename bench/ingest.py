"""Benchmark the ingest stages (fetch, inventory, parse shards, tables, store) through the workflow.

Runs the real Snakefile in a scratch copy of the project on the UNGDC mirror plus the paper, for the
focus countries and for the whole corpus, and reports wall time, documents/second and the peak
resident memory of the largest job (from Snakemake's benchmark files).

    .venv/bin/python bench/ingest.py [--mirror ../shared/corpora/ungdc] [--scopes focus all] [--shards 2]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parents[1]
SCOPES = {"focus": ["PAK", "RUS", "IND", "CHN", "AFG", "USA"], "all": []}


def scratch_project(folder: Path) -> Path:
    for name in ("Snakefile", "workflow", "config", "corpus"):
        source = ROOT / name
        # links are followed: config/schema.yaml points into src/, which the scratch copy lacks
        (shutil.copytree if source.is_dir() else shutil.copy)(source, folder / name)
    return folder


def run_scope(scope: str, mirror: Path, shards: int, cores: int) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"discourse-bench-{scope}-") as tmp:
        root = scratch_project(Path(tmp))
        config = yaml.safe_load((root / "config" / "config.yaml").read_text())
        config.setdefault("ungdc", {}).update({"mirror": str(mirror), "countries": SCOPES[scope]})
        config.setdefault("ingest", {})["shards"] = shards
        (root / "config" / "config.yaml").write_text(yaml.safe_dump(config))
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "snakemake", "--cores", str(cores), "--quiet", "all"], cwd=root,
                       check=True, capture_output=True)
        wall = time.perf_counter() - started
        benchmarks = {p.stem: pd.read_csv(p, sep="\t").iloc[0] for p in (root / "logs" / "benchmarks").glob("*.tsv")}
        manifest = json.loads((root / "results" / "manifest.json").read_text())
        documents = sum(c["documents"] for c in manifest["corpora"].values())
        words = int(pd.read_parquet(root / "results" / "ingest" / "documents.parquet", columns=["n_words"])["n_words"].sum())
        return {"scope": scope, "documents": documents, "words": words, "shards": shards, "cores": cores,
                "wall_s": round(wall, 1), "documents_per_s": round(documents / wall, 1),
                "jobs_s": {k: round(float(v["s"]), 1) for k, v in sorted(benchmarks.items())},
                "peak_rss_mb": round(max(float(v["max_rss"]) for v in benchmarks.values()), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=(ROOT / ".." / "shared" / "corpora" / "ungdc").resolve())
    parser.add_argument("--scopes", nargs="+", default=["focus", "all"], choices=sorted(SCOPES))
    parser.add_argument("--shards", type=int, default=4)
    parser.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    for scope in args.scopes:
        print(json.dumps(run_scope(scope, args.mirror, args.shards, args.cores)), flush=True)


if __name__ == "__main__":
    main()
