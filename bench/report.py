"""Benchmark the report build: wall time and size of the report built from a results directory.

    .venv/bin/python bench/report.py [--results results] [--out /tmp/report_bench] [--repeat 1]

Builds into `--out` (report) and `--out`/figures, never into the results directory.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from discourse.config import load_config
from discourse.report.build import build_report

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description="report build benchmark")
    parser.add_argument("--results", type=Path, default=ROOT / "results")
    parser.add_argument("--out", type=Path, default=None, help="scratch folder (default: a temp dir)")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="report_bench."))
    for attempt in range(1, args.repeat + 1):
        started = time.perf_counter()
        summary = build_report(args.results, out / "report", out / "figures",
                               load_config(ROOT / "config" / "config.yaml"), args.results / "evaluation.json")
        seconds = time.perf_counter() - started
        assets = sum(p.stat().st_size for p in (out / "report/assets").iterdir())
        print(json.dumps({"run": attempt, "seconds": round(seconds, 2), "report_bytes": summary["bytes"],
                          "index_bytes": summary["index_bytes"], "assets_bytes": assets,
                          "figures": len(summary["figures"]), "evidence_sentences": summary["evidence_sentences"],
                          "out": str(out / "report")}))


if __name__ == "__main__":
    main()
