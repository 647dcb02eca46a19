"""Stages of the topic models: `features`, `fit` (one engine, K and seed per job), `select`, `report`."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from discourse.groups import add_periods
from discourse.io import write_json_atomic
from discourse.tables import write_table
from discourse.topics import figures
from discourse.topics.engines import TopicModel, fit_model
from discourse.framing.themes import load_themes
from discourse.topics.outputs import (document_topics, paper_structure_agreement, prevalence,
                                      representative_units, theme_map, topic_labels, topic_terms, unit_topic_table)
from discourse.topics.preprocess import (RawUnits, TopicSettings, UnitTexts, build_features, load_features,
                                         save_features)
from discourse.topics.selection import choose_model, coherence, topic_stability

log = logging.getLogger(__name__)


def run_features(sentences: Path, documents: Path, config: dict[str, Any], out_dir: Path) -> None:
    settings = TopicSettings.from_config(config)
    doc_ids = set(pd.read_parquet(documents, columns=["doc_id"])["doc_id"])
    features = build_features(RawUnits(sentences, settings, doc_ids), settings)
    save_features(features, out_dir)
    log.info("features: %d units, %d terms, %d tokens", len(features.unit_ids), len(features.vocabulary),
             int(features.counts.sum()))


def run_fit(features_dir: Path, engine: str, k: int, seed: int, config: dict[str, Any], out_dir: Path) -> None:
    features = load_features(features_dir)
    params = config["topics"]["params"].get(engine, {})
    model = fit_model(engine, features.counts, features.vocabulary, k, seed, params)
    texts = UnitTexts(features)
    top = model.top_terms(config["topics"]["top_n"])
    model.extra = {"c_v": coherence(top, texts, "c_v"), "c_npmi": coherence(top, texts, "c_npmi")}
    model.save(out_dir)
    log.info("fit %s K=%d seed=%d: mean c_v %.3f, mean c_npmi %.3f", engine, k, seed,
             np.mean(model.extra["c_v"]), np.mean(model.extra["c_npmi"]))


def run_select(run_dirs: list[Path], config: dict[str, Any], sweep_out: Path, selection_out: Path,
               figure_stem: Path) -> None:
    runs = [json.loads((d / "model.json").read_text(encoding="utf-8")) for d in run_dirs]
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
    chosen = choose_model(sweep, config["topics"]["min_stability"])
    chosen["seed"] = int(sorted(config["topics"]["seeds"])[0])
    write_table(sweep, "sweep", sweep_out)
    write_json_atomic(chosen, selection_out)
    summary = sweep.groupby(["engine", "k"]).agg(c_v=("c_v", "mean"), c_npmi=("c_npmi", "mean"),
                                                   stability=("stability", "first")).reset_index()
    figures.save_figure(figures.plot_sweep(summary, chosen), figure_stem)
    log.info("chosen: %s", chosen)


def run_report(features_dir: Path, sweep_dir: Path, selection: Path, documents_path: Path, paragraphs_path: Path,
               config: dict[str, Any], out_dir: Path, figures_dir: Path) -> None:
    settings = config["topics"]
    chosen = json.loads(selection.read_text(encoding="utf-8"))
    features = load_features(features_dir)
    model = TopicModel.load(sweep_dir / chosen["engine"] / f"k{chosen['k']}" / f"seed{chosen['seed']}",
                            features.vocabulary)
    documents = add_periods(pd.read_parquet(documents_path, columns=["doc_id", "corpus_id", "country", "year"]))
    paragraphs = pd.read_parquet(paragraphs_path, columns=["paragraph_id", "doc_id", "heading_path", "text"])
    terms = topic_terms(model, settings["top_n"])
    labels = topic_labels(terms)
    themes = theme_map(model, load_themes(config.get("themes", {}).get("codebook")))
    best_theme = themes[themes["best"]].set_index("topic")
    topics = pd.DataFrame({"topic": range(model.k), "label": [labels[t] for t in range(model.k)],
                           "theme": [best_theme.loc[t, "theme"] for t in range(model.k)],
                           "theme_score": [best_theme.loc[t, "score"] for t in range(model.k)],
                           "mean_share": model.unit_topic.mean(axis=0)})
    units = unit_topic_table(model, features.unit_ids, features.doc_ids, features.paragraph_ids)
    lengths = np.asarray(features.counts.sum(axis=1)).ravel()
    docs = document_topics(model, features.doc_ids, lengths)
    draws, seed = settings["bootstrap"], config["seed"]
    prevalence_tables = [prevalence(docs, documents, grouping, draws, seed).assign(grouping="+".join(grouping))
                         for grouping in settings["groupings"]]
    out_dir.mkdir(parents=True, exist_ok=True)
    tables = {"topics": topics, "topic_terms": terms, "unit_topics": units, "document_topics": docs,
              "representative_paragraphs": representative_units(units, paragraphs, settings["representatives"]),
              "prevalence": pd.concat(prevalence_tables, ignore_index=True), "topic_themes": themes}
    for name, frame in tables.items():
        write_table(frame, name, out_dir / f"{name}.parquet")
    paper_ids = documents.loc[documents["corpus_id"] == "paper", "doc_id"].tolist()
    write_json_atomic([paper_structure_agreement(units, paragraphs, d) for d in paper_ids],
                      out_dir / "paper_structure.json")
    by_decade = prevalence(docs, documents, ["source_group", "decade"], draws, seed)
    countries = [f"UNGDC {c}" for c in config["ungdc"]["countries"]]
    shown = topics.sort_values("theme_score", ascending=False).drop_duplicates("theme").head(4)["topic"].tolist()
    figures.save_figure(figures.plot_prevalence_over_time(by_decade, sorted(shown), labels, countries),
                        figures_dir / "topic_prevalence_by_decade")
    log.info("report: K=%d, %d units, %d documents", model.k, len(features.unit_ids), docs["doc_id"].nunique())
