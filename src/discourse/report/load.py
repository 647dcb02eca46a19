"""Reading the workflow's result tables for the report; every table is optional."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from discourse import stages
from discourse.groups import source_group

# the tables the report shows (each stage's declaration says where it is) and the inventory's skipped inputs
SHOWN_TABLES = ("documents", "sections", "citations", "citation_integrity", "skipped", "actor_counts",
                "actor_cooccurrence", "sweep", "topics", "topic_terms", "representative_paragraphs", "prevalence",
                "document_certainty", "frame_distribution", "frame_divergence", "keyness", "dyads", "speaker_dyads",
                "certainty",
                "evidence")
# the documents table holds the whole corpus text: never read it
DOCUMENT_COLUMNS = ["doc_id", "corpus_id", "country", "year", "title", "author", "speaker", "n_paragraphs",
                    "n_words"]
# JSON files read -> (job, output) that writes them
JSON_OUTPUTS = {"ungdc_status": ("fetch_ungdc", "status"), "manifest": ("store", "manifest"),
                "selection": ("topic_select", "selection")}


@dataclass
class Results:
    """The result tables found under one results directory (None where absent)."""

    root: Path
    tables: dict[str, pd.DataFrame | None] = field(default_factory=dict)
    json: dict[str, Any] = field(default_factory=dict)

    def get(self, name: str) -> pd.DataFrame | None:
        return self.tables.get(name)


def read_parquet_columns(path: Path, wanted: list[str] | None = None,
                         filters: list[tuple[str, str, Any]] | None = None) -> pd.DataFrame | None:
    """A Parquet file's columns that exist among `wanted` (all when None); None if the file is absent."""
    if not path.is_file():
        return None
    names = pq.read_schema(path).names
    selected = [c for c in wanted if c in names] if wanted else None
    usable = [f for f in filters or [] if f[0] in names] or None
    return pq.read_table(path, columns=selected, filters=usable).to_pandas()


def read_json_optional(path: Path) -> Any:
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def load_results(results_dir: Path, evaluation: Path | None, reference_group: str) -> Results:
    """Every table the report shows; the reference document's (the paper's) paragraphs and sentences only,
    not the corpus's. `evaluation`: the scores of `discourse evaluate`, if the run made them."""
    results = Results(root=results_dir)
    paths = {name: Path(path) for name, path in stages.table_paths(results_dir).items()}
    paths["inventory_skipped"] = Path(stages.output_path("inventory", "skipped", results_dir))
    for name in (*SHOWN_TABLES, "inventory_skipped"):
        wanted = DOCUMENT_COLUMNS if name == "documents" else None
        results.tables[name] = read_parquet_columns(paths[name], wanted)
    for name, (job, output) in JSON_OUTPUTS.items():
        results.json[name] = read_json_optional(Path(stages.output_path(job, output, results_dir)))
    results.json["evaluation"] = read_json_optional(evaluation) if evaluation else None
    paper_ids = reference_doc_ids(results.get("documents"), reference_group)
    doc_filter = [("doc_id", "in", paper_ids)] if paper_ids else [("doc_id", "in", ["-"])]
    results.tables["paper_paragraphs"] = read_parquet_columns(
        paths["paragraphs"], ["paragraph_id", "doc_id", "section_id", "n_words"], doc_filter)
    results.tables["paper_framing"] = read_parquet_columns(
        paths["sentence_framing"], ["sentence_id", "doc_id", "paragraph_id", "themes"], doc_filter)
    return results


def reference_doc_ids(documents: pd.DataFrame | None, reference_group: str) -> list[str]:
    """The documents of the reference group (the paper's corpus), whose structure the report shows."""
    if documents is None or documents.empty:
        return []
    groups = [source_group(c, k) for c, k in zip(documents["corpus_id"], documents["country"])]
    return documents.loc[[g == reference_group for g in groups], "doc_id"].tolist()


def read_sentence_cues(results_dir: Path, sentence_ids: list[str]) -> dict[str, list[str]]:
    """Theme and frame cues of the evidence sentences (for keyword-in-context), read for those ids only."""
    cues: dict[str, list[str]] = {}
    if not sentence_ids:
        return cues
    wanted = [("sentence_id", "in", sentence_ids)]
    paths = stages.table_paths(results_dir)
    matches = read_parquet_columns(Path(paths["theme_matches"]), ["sentence_id", "cue"], wanted)
    if matches is not None:
        for sid, cue in zip(matches["sentence_id"], matches["cue"]):
            if isinstance(cue, str) and not cue.startswith("actor:"):
                cues.setdefault(sid, []).append(cue)
    scores = read_parquet_columns(Path(paths["frame_scores"]), ["sentence_id", "cues", "rank"], wanted)
    if scores is not None:
        for sid, found, rank in zip(scores["sentence_id"], scores["cues"], scores["rank"]):
            if rank == 1 and found is not None:
                cues.setdefault(sid, []).extend(str(c) for c in found)
    return {sid: sorted(set(values)) for sid, values in cues.items()}
