"""Benchmark the topic-model sweep and how it scales with corpus size.

On a finished run's `results/nlp/sentences.parquet` (`make run` first), takes 25%, 50% and 100% of
the documents (a seeded sample), builds the features and fits the configured sweep (or a smaller
one given on the command line), each fit in a fresh process, and reports for every fraction: units,
tokens, wall time of features and of all fits, the slowest fit, and peak RSS.

    .venv/bin/python bench/topics.py [--fractions 0.25 0.5 1.0] [--engines tomotopy nmf gensim_lda]
                                     [--k 10 20] [--seeds 1 2 3]
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

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - started, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description="topic sweep benchmark")
    parser.add_argument("--sentences", type=Path, default=ROOT / "results" / "nlp" / "sentences.parquet")
    parser.add_argument("--documents", type=Path, default=ROOT / "results" / "ingest" / "documents.parquet")
    parser.add_argument("--fractions", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    parser.add_argument("--engines", nargs="+", default=["tomotopy", "nmf", "gensim_lda"])
    parser.add_argument("--k", type=int, nargs="+", default=[10, 20])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    args = parser.parse_args()
    documents = pd.read_parquet(args.documents, columns=["doc_id"])
    rng = np.random.default_rng(0)
    order = rng.permutation(len(documents))
    config = {"topics": {"engines": args.engines, "k": args.k}}  # seeds are passed per fit
    command = [sys.executable, "-m", "discourse"]
    for fraction in args.fractions:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            subset = documents.iloc[np.sort(order[: max(1, int(len(order) * fraction))])]
            subset.to_parquet(tmp / "documents.parquet")
            seconds, rss = timed([*command, "topics", "features", "--config-json", json.dumps(config), "--sentences",
                                  str(args.sentences), "--documents", str(tmp / "documents.parquet"),
                                  "--features-out", str(tmp / "features" / "features.json"),
                                  "--counts-out", str(tmp / "features" / "counts.npz")])
            meta = json.loads((tmp / "features" / "features.json").read_text())
            fits, peak = [], rss
            for engine in args.engines:
                for k in args.k:
                    for seed in args.seeds:
                        run = tmp / "sweep" / engine / f"k{k}" / f"seed{seed}"
                        s, r = timed([*command, "topics", "fit", "--config-json", json.dumps(config), "--features",
                                      str(tmp / "features" / "features.json"), "--counts",
                                      str(tmp / "features" / "counts.npz"), "--engine", engine, "--k", str(k),
                                      "--seed", str(seed), "--model-out", str(run / "model.json"),
                                      "--arrays-out", str(run / "arrays.npz")])
                        fits.append({"engine": engine, "k": k, "seed": seed, "seconds": round(s, 1)})
                        peak = max(peak, r)
            by_engine = pd.DataFrame(fits).groupby("engine")["seconds"].mean().round(1).to_dict()
            print(json.dumps({"fraction": fraction, "documents": len(subset), "units": len(meta["unit_ids"]),
                              "vocabulary": len(meta["vocabulary"]), "features_s": round(seconds, 1),
                              "fits": len(fits), "fits_total_s": round(sum(f["seconds"] for f in fits), 1),
                              "mean_fit_s_by_engine": by_engine, "peak_rss_mb": round(peak)}), flush=True)


if __name__ == "__main__":
    main()
