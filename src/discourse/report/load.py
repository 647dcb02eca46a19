"""Reading the workflow's result tables for the report; every table is optional."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

# table name -> path relative to the results directory
TABLE_PATHS: dict[str, str] = {
    "documents": "ingest/documents.parquet",
    "sections": "ingest/sections.parquet",
    "citations": "ingest/citations.parquet",
    "citation_integrity": "ingest/citation_integrity.parquet",
    "skipped": "ingest/skipped.parquet",
    "inventory_skipped": "corpus/inventory_skipped.parquet",
    "actor_counts": "actors/actor_counts.parquet",
    "actor_cooccurrence": "actors/actor_cooccurrence.parquet",
    "sweep": "topics/sweep.parquet",
    "topics": "topics/topics.parquet",
    "topic_terms": "topics/topic_terms.parquet",
    "representative_paragraphs": "topics/representative_paragraphs.parquet",
    "prevalence": "topics/prevalence.parquet",
    "document_certainty": "framing/document_certainty.parquet",
    "frame_distribution": "compare/frame_distribution.parquet",
    "frame_divergence": "compare/frame_divergence.parquet",
    "keyness": "compare/keyness.parquet",
    "dyads": "compare/dyads.parquet",
    "certainty": "compare/certainty.parquet",
    "evidence": "compare/evidence.parquet",
}
# the documents table holds the whole corpus text: never read it
DOCUMENT_COLUMNS = ["doc_id", "corpus_id", "country", "year", "title", "author", "speaker", "n_paragraphs",
                    "n_words"]
JSON_PATHS = {"ungdc_status": "corpus/ungdc_status.json", "manifest": "manifest.json",
              "evaluation": "evaluation.json", "selection": "topics/selection.json"}


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


def load_results(results_dir: Path) -> Results:
    """Every table the report shows; the paper's paragraphs and sentences only, not the corpus's."""
    results = Results(root=results_dir)
    for name, relative in TABLE_PATHS.items():
        wanted = DOCUMENT_COLUMNS if name == "documents" else None
        results.tables[name] = read_parquet_columns(results_dir / relative, wanted)
    for name, relative in JSON_PATHS.items():
        results.json[name] = read_json_optional(results_dir / relative)
    paper_ids = paper_doc_ids(results.get("documents"))
    doc_filter = [("doc_id", "in", paper_ids)] if paper_ids else [("doc_id", "in", ["-"])]
    results.tables["paper_paragraphs"] = read_parquet_columns(
        results_dir / "ingest/paragraphs.parquet", ["paragraph_id", "doc_id", "section_id", "n_words"], doc_filter)
    results.tables["paper_framing"] = read_parquet_columns(
        results_dir / "framing/sentence_framing.parquet", ["sentence_id", "doc_id", "paragraph_id", "themes"],
        doc_filter)
    return results


def paper_doc_ids(documents: pd.DataFrame | None) -> list[str]:
    if documents is None or documents.empty:
        return []
    return documents.loc[documents["corpus_id"] == "paper", "doc_id"].tolist()


def read_sentence_cues(results_dir: Path, sentence_ids: list[str]) -> dict[str, list[str]]:
    """Theme and frame cues of the evidence sentences (for keyword-in-context), read for those ids only."""
    cues: dict[str, list[str]] = {}
    if not sentence_ids:
        return cues
    wanted = [("sentence_id", "in", sentence_ids)]
    matches = read_parquet_columns(results_dir / "framing/theme_matches.parquet", ["sentence_id", "cue"], wanted)
    if matches is not None:
        for sid, cue in zip(matches["sentence_id"], matches["cue"]):
            if isinstance(cue, str) and not cue.startswith("actor:"):
                cues.setdefault(sid, []).append(cue)
    scores = read_parquet_columns(results_dir / "framing/frame_scores.parquet", ["sentence_id", "cues", "rank"],
                                  wanted)
    if scores is not None:
        for sid, found, rank in zip(scores["sentence_id"], scores["cues"], scores["rank"]):
            if rank == 1 and found is not None:
                cues.setdefault(sid, []).extend(str(c) for c in found)
    return {sid: sorted(set(values)) for sid, values in cues.items()}
