"""Stage `compare`: framing compared across sources, countries and periods, every cell with its evidence
(the statistics are in `discourse.compare.engine`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from discourse.compare.engine import (GROUP_COLUMNS, certainty, dyads, evidence_table, frame_distribution,
                                      frame_divergence, keyness, sentence_themes, speaker_dyads)
from discourse.groups import add_periods
from discourse.layout import Job, Paths, Stage, register_jobs, results_path
from discourse.tables import write_table

log = logging.getLogger(__name__)

TABLES = ("frame_distribution", "frame_divergence", "keyness", "dyads", "speaker_dyads", "certainty", "evidence")


@dataclass(frozen=True)
class CompareSettings:
    seed: int
    groupings: list[list[str]]
    bootstrap: int
    permutations: int
    evidence: int
    keyness_terms: int
    keyness_prior: float | None
    keyness_min_count: int
    max_pairwise_groups: int
    min_sentences: int
    reference_group: str

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> "CompareSettings":
        compare = config["compare"]
        return cls(seed=config["seed"], groupings=[list(g) for g in compare["groupings"]],
                   **{name: compare[name] for name in cls.__dataclass_fields__ if name not in ("seed", "groupings")})


def load_documents(path: Path) -> pd.DataFrame:
    columns = ["doc_id", "corpus_id", "country", "year", "speaker", "author", "title"]
    return add_periods(pd.read_parquet(path, columns=columns))


def run(settings: CompareSettings, inputs: Paths, outputs: Paths) -> dict[str, int]:
    seed, draws, n_evidence, groupings = settings.seed, settings.bootstrap, settings.evidence, settings.groupings
    documents = load_documents(inputs["documents"])
    doc_groups = documents[["doc_id", *GROUP_COLUMNS]]
    framing = pd.read_parquet(inputs["sentence_framing"]).merge(doc_groups, on="doc_id")
    relations = pd.read_parquet(inputs["relations"]).merge(doc_groups, on="doc_id")
    doc_certainty = pd.read_parquet(inputs["document_certainty"]).merge(doc_groups, on="doc_id")
    spoken = pd.read_parquet(inputs["speaker_relations"]).merge(documents[["doc_id", "period", "decade", "year"]],
                                                                on="doc_id")
    themed = sentence_themes(framing)
    tables = {
        "frame_distribution": frame_distribution(themed, groupings, draws, n_evidence, seed),
        "frame_divergence": frame_divergence(themed, groupings, settings.permutations, settings.min_sentences,
                                             n_evidence, seed, settings.max_pairwise_groups,
                                             settings.reference_group),
        "keyness": keyness(inputs["sentences"], framing[["sentence_id", "doc_id", *GROUP_COLUMNS]], groupings,
                           settings.keyness_terms, n_evidence, settings.keyness_prior, settings.keyness_min_count),
        "dyads": dyads(relations, groupings, draws, n_evidence, seed),
        "speaker_dyads": speaker_dyads(spoken, draws, n_evidence, seed),
        "certainty": certainty(framing, doc_certainty, groupings, draws, n_evidence, seed),
    }
    cited = {i for table in tables.values() if len(table) for ids in table["evidence"] for i in ids}
    tables["evidence"] = evidence_table(cited, inputs["sentences"], framing, documents)
    for name, table in tables.items():
        write_table(table, name, outputs[name])
    counts = {name: len(table) for name, table in tables.items()}
    log.info("compare: %s", counts)
    return counts


STAGE = Stage("compare", tables=TABLES, jobs=(
    Job("compare", "compare", "framing compared across groups, with statistics and evidence", run,
        lambda config, wildcards, root: CompareSettings.from_config(config),
        inputs={"sentence_framing": "results/framing/sentence_framing.parquet",
                "relations": "results/framing/relations.parquet",
                "speaker_relations": "results/framing/speaker_relations.parquet",
                "document_certainty": "results/framing/document_certainty.parquet",
                "sentences": "results/nlp/sentences.parquet", "documents": "results/ingest/documents.parquet"},
        outputs={t: results_path("compare", f"{t}.parquet") for t in TABLES}, config=("seed", "compare")),
))


def register_parser(subparsers) -> None:
    register_jobs(subparsers, STAGE)
