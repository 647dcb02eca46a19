"""Stage `actors`: actor mention counts and sentence-level co-occurrence networks per source group."""

from __future__ import annotations

import itertools
import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from discourse.groups import ALL, add_source_group, group_slug
from discourse.io import atomic_path, write_parquet_atomic
from discourse.layout import Job, Paths, Stage, register_jobs, results_path
from discourse.nlp.gazetteer import load_gazetteer
from discourse.tables import arrow_schema, columns

log = logging.getLogger(__name__)
_EXAMPLES = 3


def mentions_with_groups(mentions: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    groups = add_source_group(documents[["doc_id", "corpus_id", "country"]])[["doc_id", "source_group"]]
    return mentions.merge(groups, on="doc_id", how="left")


def count_actors(mentions: pd.DataFrame, names: dict[str, str], kinds: dict[str, str]) -> pd.DataFrame:
    """Mentions, sentences and documents per (source group, merged actor), plus the `all` group."""
    frames = [mentions, mentions.assign(source_group=ALL)]
    counts = (pd.concat(frames).groupby(["source_group", "actor_merged"])
              .agg(mentions=("mention_id", "size"), sentences=("sentence_id", "nunique"),
                   documents=("doc_id", "nunique")).reset_index().rename(columns={"actor_merged": "actor"}))
    counts["name"] = counts["actor"].map(lambda a: names.get(a, a))
    counts["kind"] = counts["actor"].map(lambda a: kinds.get(a, "state"))
    counts = counts.sort_values(["source_group", "mentions", "actor"], ascending=[True, False, True], kind="stable")
    return counts[columns("actor_counts")].reset_index(drop=True)


def cooccurrence_edges(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per actor pair that shares a sentence, per source group and for `all`."""
    sentences = (mentions.sort_values("sentence_id").groupby(["source_group", "doc_id", "sentence_id"])["actor_merged"]
                 .agg(lambda ids: sorted(set(ids))).reset_index())
    edges: dict[tuple[str, str, str], dict] = defaultdict(lambda: {"sentences": 0, "docs": set(), "examples": []})
    for group, doc_id, sentence_id, actors in sentences.itertuples(index=False):
        for source, target in itertools.combinations(actors, 2):
            for key in ((group, source, target), (ALL, source, target)):
                edge = edges[key]
                edge["sentences"] += 1
                edge["docs"].add(doc_id)
                if len(edge["examples"]) < _EXAMPLES:
                    edge["examples"].append(sentence_id)
    rows = [{"source_group": g, "source": s, "target": t, "sentences": e["sentences"], "documents": len(e["docs"]),
             "example_sentence_ids": e["examples"]} for (g, s, t), e in edges.items()]
    frame = pd.DataFrame(rows, columns=columns("actor_cooccurrence"))
    return frame.sort_values(["source_group", "sentences", "source", "target"], ascending=[True, False, True, True],
                             kind="stable").reset_index(drop=True)


def build_network(counts: pd.DataFrame, edges: pd.DataFrame, group: str) -> nx.Graph:
    graph = nx.Graph(source_group=group)
    for row in counts[counts["source_group"] == group].itertuples(index=False):
        graph.add_node(row.actor, label=row.name, kind=row.kind, mentions=int(row.mentions))
    for row in edges[edges["source_group"] == group].itertuples(index=False):
        graph.add_edge(row.source, row.target, weight=int(row.sentences), documents=int(row.documents))
    return graph


def run(gazetteer_path: str | None, inputs: Paths, outputs: Paths) -> None:
    networks_dir = outputs["networks"]
    gazetteer = load_gazetteer(gazetteer_path)
    mentions = pd.read_parquet(inputs["mentions"], columns=["mention_id", "doc_id", "sentence_id", "actor_merged"])
    documents = pd.read_parquet(inputs["documents"], columns=["doc_id", "corpus_id", "country"])
    mentions = mentions_with_groups(mentions, documents)
    counts = count_actors(mentions, gazetteer.names, gazetteer.kinds)
    edges = cooccurrence_edges(mentions)
    networks_dir.mkdir(parents=True, exist_ok=True)
    for stale in networks_dir.glob("*.graphml"):
        stale.unlink()
    for group in sorted(set(counts["source_group"])):
        with atomic_path(networks_dir / f"{group_slug(group)}.graphml") as tmp:
            nx.write_graphml(build_network(counts, edges, group), tmp)
    write_parquet_atomic(counts, outputs["actor_counts"], schema=arrow_schema("actor_counts"))
    write_parquet_atomic(edges, outputs["actor_cooccurrence"], schema=arrow_schema("actor_cooccurrence"))
    log.info("actors: %d actors in %d groups, %d edges", counts["actor"].nunique(), counts["source_group"].nunique(),
             len(edges))


def stage_settings(config: dict[str, Any], wildcards: dict[str, str], root: Path) -> str | None:
    return config["nlp"]["gazetteer"]


STAGE = Stage("actors", tables=("actor_counts", "actor_cooccurrence"), jobs=(
    Job("actors", "actors", "actor counts and co-occurrence networks per source group", run, stage_settings,
        inputs={"mentions": "results/nlp/actor_mentions.parquet", "documents": "results/ingest/documents.parquet"},
        outputs={"actor_counts": results_path("actors", "actor_counts.parquet"),
                 "actor_cooccurrence": results_path("actors", "actor_cooccurrence.parquet"),
                 "networks": results_path("actors", "networks")},
        directories=frozenset({"networks"}), config=("nlp.gazetteer",)),
))


def register_parser(subparsers) -> None:
    register_jobs(subparsers, STAGE)
