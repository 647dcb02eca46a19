"""Build the research report: `results/report/index.html` plus its assets, and the publication figures.

The report folder is assembled in a temporary sibling directory and renamed into place at the end,
so an interrupted build never leaves an `index.html` that looks complete.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from discourse.groups import add_source_group
from discourse.io import umask_mode
from discourse.report import figures
from discourse.report.evidence import collect_evidence, inline_json
from discourse.report.load import Results, load_results
from discourse.report.sections import (Section, build_actors_section, build_corpus_section,
                                       build_framing_section, build_method_section, build_paper_section,
                                       build_topics_section, settings_from)

log = logging.getLogger(__name__)

# figures this stage always writes to figures_dir (a placeholder when the table is missing), so a
# workflow rule can declare them as outputs
REPORT_FIGURES = ["documents_per_year", "paper_themes", "actor_network_paper", "actor_network_all",
                  "topic_prevalence_by_country", "frame_mix", "frame_divergence", "keyness", "dyad_timelines",
                  "speaker_timelines", "certainty"]
STATIC_FILES = ["report.js", "report.css"]


def build_report(results_dir: Path, out_dir: Path, figures_dir: Path, config: dict,
                 evaluation: Path | None = None) -> dict[str, Any]:
    """Write `out_dir/index.html` + `out_dir/assets/` and the figures (PNG+SVG) in `figures_dir`.

    `config` is the validated workflow config (its `report:` block holds the caps); `evaluation` the
    scores of `discourse evaluate`, if any. Returns a summary: paths, sizes in bytes, figures, sections
    and what was not available.
    """
    started = time.perf_counter()
    results_dir, out_dir, figures_dir = Path(results_dir), Path(out_dir), Path(figures_dir)
    settings = settings_from(config)
    results = load_results(results_dir, evaluation, config["compare"]["reference_group"])
    sections = build_sections(results, settings, [figures_dir, results_dir / "figures"])
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    figures_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".tmp", dir=out_dir.parent))
    os.chmod(staging, umask_mode(directory=True))  # mkdtemp makes it private; the report is for reading
    try:
        assets = staging / "assets"
        assets.mkdir()
        drawn = draw_figures(sections, figures_dir, assets)
        write_placeholders(set(drawn), figures_dir)
        copy_static(assets)
        evidence = collect_evidence(results.get("evidence"), [t for s in sections for t in s.tables], results_dir)
        html = render_report(sections, evidence, results_dir, settings["title"],
                             describe_run(results, settings["reference_group"]))
        (staging / "index.html").write_text(html, encoding="utf-8")
        replace_directory(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    summary = summarise(out_dir, figures_dir, sections, drawn, evidence, time.perf_counter() - started)
    log.info("report: %s, %d bytes, %d figures, %.1f s", summary["index"], summary["bytes"], len(drawn),
             summary["seconds"])
    return summary


def build_sections(results: Results, settings: dict[str, Any], figures_dirs: list[Path]) -> list[Section]:
    return [build_corpus_section(results, settings), build_paper_section(results, settings),
            build_actors_section(results, settings), build_topics_section(results, settings, figures_dirs),
            build_framing_section(results, settings), build_method_section(results, settings)]


def draw_figures(sections: list[Section], figures_dir: Path, assets: Path) -> list[str]:
    """Draw (or copy) every figure; set each spec's `src`. Returns the names drawn into figures_dir."""
    drawn = []
    for spec in (f for s in sections for f in s.figures):
        existing = next((p for p in spec.existing if p.is_file()), None)
        if existing is not None:
            # drawn by an earlier stage: copy, never redraw another rule's output
            shutil.copyfile(existing, assets / f"{spec.name}.svg")
        elif spec.make is not None and spec.existing:
            # an earlier stage's figure is missing: redraw it for the report only
            fig = spec.make()
            fig.savefig(assets / f"{spec.name}.svg", format="svg", metadata={"Date": None})
            figures.plt.close(fig)
        elif spec.make is not None:
            figures.save_figure(spec.make(), figures_dir / spec.name)
            shutil.copyfile(figures_dir / f"{spec.name}.svg", assets / f"{spec.name}.svg")
            drawn.append(spec.name)
        else:
            continue
        spec.src = f"assets/{spec.name}.svg"
    return drawn


def write_placeholders(drawn: set[str], figures_dir: Path) -> None:
    for name in REPORT_FIGURES:
        if name not in drawn:
            figures.save_figure(figures.plot_unavailable(name.replace("_", " ")), figures_dir / name)


def copy_static(assets: Path) -> None:
    static = resources.files("discourse.report") / "static"
    for name in STATIC_FILES:
        (assets / name).write_bytes((static / name).read_bytes())


def make_environment() -> jinja2.Environment:
    # autoescape everywhere: corpus text reaches the page only as escaped text
    return jinja2.Environment(loader=jinja2.PackageLoader("discourse.report", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def describe_run(results: Results, reference_group: str) -> str:
    """What this run compares, for the report's opening line: the reference document(s) and the other
    source groups, as the run's documents table has them (nothing assumed about the study)."""
    documents = results.get("documents")
    if documents is None or documents.empty:
        return "No documents were ingested in this run."
    groups = add_source_group(documents)
    reference = groups[groups["source_group"] == reference_group]
    others = sorted(set(groups["source_group"]) - {reference_group})
    shown = ", ".join(others[:8]) + (f" and {len(others) - 8} more" if len(others) > 8 else "")
    if reference.empty:
        return f"{len(documents)} documents of {len(others)} source groups ({shown})."
    titles = "; ".join(str(t) for t in reference["title"].fillna(reference["doc_id"]))
    return (f"{titles} (reference group `{reference_group}`) compared with {len(others)} source groups"
            f"{': ' + shown if others else ''}.")


def render_report(sections: list[Section], evidence: dict[str, Any], results_dir: Path, title: str,
                  lede: str) -> str:
    template = make_environment().get_template("report.html.j2")
    return template.render(sections=sections, evidence_json=inline_json({"sentences": evidence}),
                           results_dir=str(results_dir), title=title, lede=lede,
                           built=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))


def replace_directory(staging: Path, target: Path) -> None:
    """Swap the finished staging directory in for `target` (renames: never a half-written report)."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}.old-{os.getpid()}")
        os.replace(target, old)
    os.replace(staging, target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def summarise(out_dir: Path, figures_dir: Path, sections: list[Section], drawn: list[str], evidence: dict,
              seconds: float) -> dict[str, Any]:
    index = out_dir / "index.html"
    return {"index": str(index), "bytes": directory_size(out_dir), "index_bytes": index.stat().st_size,
            "figures": [f.src for s in sections for f in s.figures if f.src],
            "figures_written": [str(figures_dir / f"{n}.svg") for n in drawn],
            "evidence_sentences": len(evidence),
            "sections": {s.section_id: {"figures": sum(1 for f in s.figures if f.src),
                                        "tables": len(s.tables), "unavailable": s.unavailable} for s in sections},
            "seconds": round(seconds, 2)}
