"""Benchmark the framing and compare stages on a finished run's outputs.

    .venv/bin/python bench/framing.py [--results results] [--shards 0 1] [--compare]

Framing: one shard's parsed paragraphs (`results/nlp/shards/shard-N.spacy`) through the stage, in a
fresh process per shard (sentences per second, peak RSS). Compare: the comparison stage on the
run's framing tables with the default config. Writes only to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def time_framing(docbin: Path, out: Path) -> dict:
    from discourse.config import load_config
    from discourse.framing.stage import STAGE

    job = STAGE.job("framing")
    settings = job.settings(load_config(ROOT / "config" / "config.yaml"), {"shard": "0"}, ROOT)
    started = time.perf_counter()
    counts = job.run(settings, {"docbin": docbin}, {t: out / f"{t}.parquet" for t in job.outputs})
    seconds = time.perf_counter() - started
    return {"stage": "framing", "shard": docbin.name, "seconds": round(seconds, 1),
            "sentences": counts["sentence_framing"], "relations": counts["relations"],
            "sentences_per_s": round(counts["sentence_framing"] / seconds),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def time_compare(results: Path, out: Path) -> dict:
    from discourse.compare.stage import STAGE
    from discourse.config import load_config

    job = STAGE.job("compare")
    inputs = {name: results / "framing" / f"{name}.parquet"
              for name in ("sentence_framing", "relations", "speaker_relations", "document_certainty")}
    inputs.update(sentences=results / "nlp" / "sentences.parquet", documents=results / "ingest" / "documents.parquet")
    settings = job.settings(load_config(ROOT / "config" / "config.yaml"), {}, ROOT)
    started = time.perf_counter()
    counts = job.run(settings, inputs, {name: out / f"{name}.parquet" for name in job.outputs})
    return {"stage": "compare", "seconds": round(time.perf_counter() - started, 1), "rows": counts,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description="framing and compare benchmark")
    parser.add_argument("--results", type=Path, default=ROOT / "results")
    parser.add_argument("--shards", nargs="*", type=int, default=[0])
    parser.add_argument("--compare", action="store_true", help="also time the compare stage")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: one measurement in this process
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.one == "compare":
            print(json.dumps(time_compare(args.results, Path(tmp))))
            return
        if args.one is not None:
            print(json.dumps(time_framing(args.results / "nlp" / "shards" / f"shard-{args.one}.spacy", Path(tmp))))
            return
    # each measurement in a fresh process, so peak RSS is that stage's own
    jobs = [str(s) for s in args.shards] + (["compare"] if args.compare else [])
    for job in jobs:
        subprocess.run([sys.executable, __file__, "--results", str(args.results), "--one", job], check=True)


if __name__ == "__main__":
    main()
