"""Stage `topics`: `topic_features`, `topic_fit` (one engine, K and seed per job), `topic_select`, `topic_report`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from discourse.groups import add_periods
from discourse.io import read_json, write_json_atomic
from discourse.layout import Job, Paths, Stage, add_job_parser, results_path
from discourse.lexicons import load_themes
from discourse.tables import write_table
from discourse.topics import figures
from discourse.topics.engines import TopicModel, fit_model
from discourse.topics.outputs import (document_topics, paper_structure_agreement, prevalence,
                                      representative_units, theme_map, topic_labels, topic_terms, unit_topic_table)
from discourse.topics.preprocess import (RawUnits, TopicSettings, UnitTexts, build_features, load_features,
                                         save_features)
from discourse.topics.selection import choose_model, coherence, topic_stability

log = logging.getLogger(__name__)


TABLES = ("topics", "topic_terms", "unit_topics", "document_topics", "representative_paragraphs", "prevalence",
          "topic_themes")
FIGURES = "results/figures"


@dataclass(frozen=True)
class FitSettings:
    engine: str
    k: int
    seed: int
    params: dict[str, Any]
    top_n: int


@dataclass(frozen=True)
class SelectSettings:
    min_stability: float
    final_seed: int  # the model reported is this seed's run


@dataclass(frozen=True)
class ReportSettings:
    top_n: int
    bootstrap: int
    seed: int
    groupings: list[list[str]]
    representatives: int
    codebook: str | None
    reference_group: str  # whose structure the topics are checked against (the paper)
    focus_groups: list[str]  # drawn in the prevalence figure


def fit_settings(config: dict[str, Any], wildcards: dict[str, str], root: Path) -> FitSettings:
    engine = wildcards["engine"]
    return FitSettings(engine, int(wildcards["k"]), int(wildcards["seed"]), config["topics"]["params"][engine],
                       config["topics"]["top_n"])


def select_settings(config: dict[str, Any], wildcards: dict[str, str], root: Path) -> SelectSettings:
    return SelectSettings(config["topics"]["min_stability"], int(sorted(config["topics"]["seeds"])[0]))


def report_settings(config: dict[str, Any], wildcards: dict[str, str], root: Path) -> ReportSettings:
    topics = config["topics"]
    return ReportSettings(topics["top_n"], topics["bootstrap"], config["seed"], topics["groupings"],
                          topics["representatives"], config["themes"]["codebook"],
                          config["compare"]["reference_group"], [f"UNGDC {c}" for c in config["ungdc"]["countries"]])


def run_features(settings: TopicSettings, inputs: Paths, outputs: Paths) -> None:
    doc_ids = set(pd.read_parquet(inputs["documents"], columns=["doc_id"])["doc_id"])
    features = build_features(RawUnits(inputs["sentences"], settings, doc_ids), settings)
    save_features(features, outputs["features"], outputs["counts"])
    log.info("features: %d units, %d terms, %d tokens", len(features.unit_ids), len(features.vocabulary),
             int(features.counts.sum()))


def run_fit(settings: FitSettings, inputs: Paths, outputs: Paths) -> None:
    features = load_features(inputs["features"], inputs["counts"])
    model = fit_model(settings.engine, features.counts, features.vocabulary, settings.k, settings.seed,
                      settings.params)
    texts = UnitTexts(features)
    top = model.top_terms(settings.top_n)
    model.extra = {"c_v": coherence(top, texts, "c_v"), "c_npmi": coherence(top, texts, "c_npmi")}
    model.save(outputs["model"], outputs["arrays"], settings.top_n)
    log.info("fit %s K=%d seed=%d: mean c_v %.3f, mean c_npmi %.3f", settings.engine, settings.k, settings.seed,
             np.mean(model.extra["c_v"]), np.mean(model.extra["c_npmi"]))


def figure_stem(png: Path, svg: Path) -> Path:
    """Figures are written as PNG and SVG side by side: the two outputs must name one stem."""
    stem = Path(png).with_suffix("")
    if Path(svg).with_suffix("") != stem:
        raise ValueError(f"figure outputs {png} and {svg} must differ only in their suffix")
    return stem


def run_select(settings: SelectSettings, inputs: Paths, outputs: Paths) -> None:
    runs = [read_json(path) for path in inputs["models"]]
    rows, by_model = [], {}
    for run in runs:
        by_model.setdefault((run["engine"], run["k"]), []).append(run)
    for (engine, k), group in sorted(by_model.items()):
        group.sort(key=lambda r: r["seed"])
        per_topic = topic_stability([r["top_terms"] for r in group]) if len(group) > 1 else np.full(k, np.nan)
        for run in group:
            rows.append({"engine": engine, "k": k, "seed": run["seed"], "c_v": float(np.mean(run["extra"]["c_v"])),
                         "c_npmi": float(np.mean(run["extra"]["c_npmi"])), "stability": float(np.mean(per_topic)),
                         "topic_stability": [float(x) for x in per_topic]})
    sweep = pd.DataFrame(rows)
    chosen = choose_model(sweep, settings.min_stability)
    chosen["seed"] = settings.final_seed
    write_table(sweep, "sweep", outputs["sweep"])
    write_json_atomic(chosen, outputs["selection"])
    summary = sweep.groupby(["engine", "k"]).agg(c_v=("c_v", "mean"), c_npmi=("c_npmi", "mean"),
                                                   stability=("stability", "first")).reset_index()
    figures.save_figure(figures.plot_sweep(summary, chosen), figure_stem(outputs["figure_png"], outputs["figure_svg"]))
    log.info("chosen: %s", chosen)


def chosen_model_dir(selection: dict[str, Any], model_paths: list[Path]) -> Path:
    """The folder of the chosen run among the sweep's model files (found by their contents, not their paths)."""
    for path in model_paths:
        meta = read_json(path)
        if (meta["engine"], meta["k"], meta["seed"]) == (selection["engine"], selection["k"], selection["seed"]):
            return Path(path).parent
    raise ValueError(f"the chosen model {selection} is not among the sweep's {len(model_paths)} models")


def run_report(settings: ReportSettings, inputs: Paths, outputs: Paths) -> None:
    chosen = read_json(inputs["selection"])
    features = load_features(inputs["features"], inputs["counts"])
    model = TopicModel.load(chosen_model_dir(chosen, inputs["models"]), features.vocabulary)
    documents = add_periods(pd.read_parquet(inputs["documents"], columns=["doc_id", "corpus_id", "country", "year"]))
    paragraphs = pd.read_parquet(inputs["paragraphs"], columns=["paragraph_id", "doc_id", "heading_path", "text"])
    terms = topic_terms(model, settings.top_n)
    labels = topic_labels(terms)
    themes = theme_map(model, load_themes(settings.codebook))
    best_theme = themes[themes["best"]].set_index("topic")
    topics = pd.DataFrame({"topic": range(model.k), "label": [labels[t] for t in range(model.k)],
                           "theme": [best_theme.loc[t, "theme"] for t in range(model.k)],
                           "theme_score": [best_theme.loc[t, "score"] for t in range(model.k)],
                           "mean_share": model.unit_topic.mean(axis=0)})
    units = unit_topic_table(model, features.unit_ids, features.doc_ids, features.paragraph_ids)
    lengths = np.asarray(features.counts.sum(axis=1)).ravel()
    docs = document_topics(model, features.doc_ids, lengths)
    draws, seed = settings.bootstrap, settings.seed
    prevalence_tables = [prevalence(docs, documents, grouping, draws, seed).assign(grouping="+".join(grouping))
                         for grouping in settings.groupings]
    tables = {"topics": topics, "topic_terms": terms, "unit_topics": units, "document_topics": docs,
              "representative_paragraphs": representative_units(units, paragraphs, settings.representatives),
              "prevalence": pd.concat(prevalence_tables, ignore_index=True), "topic_themes": themes}
    for name, frame in tables.items():
        write_table(frame, name, outputs[name])
    reference_ids = documents.loc[documents["source_group"] == settings.reference_group, "doc_id"].tolist()
    write_json_atomic([paper_structure_agreement(units, paragraphs, d) for d in reference_ids],
                      outputs["paper_structure"])
    by_decade = prevalence(docs, documents, ["source_group", "decade"], draws, seed)
    shown = topics.sort_values("theme_score", ascending=False).drop_duplicates("theme").head(4)["topic"].tolist()
    figures.save_figure(figures.plot_prevalence_over_time(by_decade, sorted(shown), labels, settings.focus_groups),
                        figure_stem(outputs["figure_png"], outputs["figure_svg"]))
    log.info("report: K=%d, %d units, %d documents", model.k, len(features.unit_ids), docs["doc_id"].nunique())


SWEEP_RUN = results_path("topics", "sweep/{engine}/k{k}/seed{seed}")
STAGE = Stage("topics", tables=(*TABLES, "sweep"), jobs=(
    Job("topic_features", "topics", "units, phrases, vocabulary and counts from the NLP sentences", run_features,
        lambda config, wildcards, root: TopicSettings.from_config(config),
        inputs={"sentences": "results/nlp/sentences.parquet", "documents": "results/ingest/documents.parquet"},
        outputs={"features": results_path("topics", "features/features.json"),
                 "counts": results_path("topics", "features/counts.npz")}, config=("topics",)),
    Job("topic_fit", "topics", "fit one model (engine, K, seed) and score its coherence", run_fit, fit_settings,
        inputs={"features": "features.json", "counts": "counts.npz"},
        outputs={"model": f"{SWEEP_RUN}/model.json", "arrays": f"{SWEEP_RUN}/arrays.npz"},
        wildcards=("engine", "k", "seed"), config=("topics",)),
    Job("topic_select", "topics", "sweep table, stability, the chosen model, the sweep figure", run_select,
        select_settings, inputs={"models": "every model.json of the sweep"}, many=frozenset({"models"}),
        outputs={"sweep": results_path("topics", "sweep.parquet"), "selection": results_path("topics", "selection.json"),
                 "figure_png": f"{FIGURES}/topic_sweep.png", "figure_svg": f"{FIGURES}/topic_sweep.svg"},
        config=("topics",)),
    Job("topic_report", "topics", "tables and figures of the chosen model", run_report, report_settings,
        inputs={"features": "features.json", "counts": "counts.npz", "selection": "selection.json",
                "models": "every model.json of the sweep", "documents": "results/ingest/documents.parquet",
                "paragraphs": "results/ingest/paragraphs.parquet"}, many=frozenset({"models"}),
        outputs={**{t: results_path("topics", f"{t}.parquet") for t in TABLES},
                 "paper_structure": results_path("topics", "paper_structure.json"),
                 "figure_png": f"{FIGURES}/topic_prevalence_by_decade.png",
                 "figure_svg": f"{FIGURES}/topic_prevalence_by_decade.svg"},
        config=("topics", "themes", "seed", "ungdc.countries", "compare.reference_group")),
))


def register_parser(subparsers) -> None:
    topics = subparsers.add_parser("topics", help="stages of the topic models").add_subparsers(
        dest="topics_command", required=True)
    for job in STAGE.jobs:
        add_job_parser(topics, job, name=job.name.removeprefix("topic_"))
