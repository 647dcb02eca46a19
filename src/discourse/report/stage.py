"""Stage `report`: the browsable HTML report and the publication figures, from a finished run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from discourse.layout import RESULTS, Job, Paths, Stage, register_jobs
from discourse.report.build import REPORT_FIGURES, build_report


def run(config: dict[str, Any], inputs: Paths, outputs: Paths) -> dict[str, Any]:
    figures = [Path(p) for p in outputs["figures"]]
    figures_dir = figures[0].parent
    expected = sorted(figures_dir / f"{name}.{ext}" for name in REPORT_FIGURES for ext in ("png", "svg"))
    if sorted(figures) != expected:
        raise ValueError(f"report figures must be {', '.join(map(str, expected))}")
    return build_report(Path(inputs["manifest"]).parent, outputs["report"], figures_dir, config,
                        evaluation=inputs["evaluation"])


STAGE = Stage("report", jobs=(
    Job("report", "report", "the browsable HTML report and the publication figures", run,
        lambda config, wildcards, root: config,
        inputs={"db": "results/discourse.duckdb (the report is built from a complete run)",
                "manifest": "results/manifest.json", "evaluation": "results/evaluation.json, if evaluated",
                "topic_figures": "the topic stage's figures (copied into the report)"},
        optional=frozenset({"evaluation", "topic_figures"}), many=frozenset({"topic_figures"}),
        outputs={"report": f"{RESULTS}/report",
                 "figures": [f"{RESULTS}/figures/{name}.{ext}" for name in REPORT_FIGURES for ext in ("png", "svg")]},
        directories=frozenset({"report"}), config=("compare.dyads", "compare.reference_group", "report")),
))


def register_parser(subparsers) -> None:
    register_jobs(subparsers, STAGE)
